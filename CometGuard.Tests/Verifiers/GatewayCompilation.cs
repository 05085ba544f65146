using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace CometGuard.Tests.Verifiers
{
    /// <summary>One source compiled against the gateway packages, for tests that read symbols and operations directly.</summary>
    internal static class GatewayCompilation
    {
        /// <summary>The compilation, its one tree and that tree's model; a compile error fails the test.</summary>
        public static async Task<(CSharpCompilation Compilation, SyntaxTree Tree, SemanticModel Model)> CreateAsync(string source, string name)
        {
            var references = References.Gateway;
            var tree = CSharpSyntaxTree.ParseText(source);
            var compilation = CSharpCompilation.Create(name, new[] { tree }, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            return (compilation, tree, compilation.GetSemanticModel(tree));
        }
    }
}
