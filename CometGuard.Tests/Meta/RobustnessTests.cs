using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CometGuard.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CometGuard.Tests.Meta
{
    /// <summary>Analyzers never throw: not on empty files, not on code that does not parse.</summary>
    public class RobustnessTests
    {
        public static TheoryData<string> Sources => new()
        {
            string.Empty,
            "class",
            "using OpenAI; class C { void M() { new OpenAIClient(\"sk- ; } ",
            "using System.Net.Http; class C { void M(HttpClient h) { h.DefaultRequestHeaders.Add(\"Authorization\", ) } }",
            "using System.ClientModel; class C { ApiKeyCredential k = new ApiKeyCredential(; const string K = ; }",
            "class C { string s = $\"{\"; string t = \"\"\"\n unterminated ",
            "using OpenAI.Chat; class C { void M(ChatClient c) { var r = c.CompleteChat(\"hi\").Value.Content[; } }",
            "namespace N { class C { void M() { while (true) { try { } catch { continue; } } } } }",
            "[CometGuard.Annotations.ApiKey] class C { void M([CometGuard.Annotations.ApiKey] string k = ) {} }",
        };

        [Theory]
        [MemberData(nameof(Sources))]
        public async Task Every_analyzer_runs_without_exception(string source)
        {
            var references = await References.Gateway.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
            var compilation = CSharpCompilation.Create(
                "Robustness",
                new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: "/0/Test0.cs") },
                references.Add(References.Annotations),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

            var exceptions = new ConcurrentBag<string>();
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (exception, analyzer, _) => exceptions.Add(analyzer.GetType().Name + ": " + exception),
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false);
            var diagnostics = await compilation.WithAnalyzers(AnalyzerCatalog.Analyzers, options).GetAnalyzerDiagnosticsAsync();

            Assert.Empty(exceptions);
            Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        }
    }
}
