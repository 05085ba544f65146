using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using CometGuard.Analyzers.Rules;
using CometGuard.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;

namespace CometGuard.Tests.Rules
{
    /// <summary>CG0001 registers nothing where no sink type exists and never acts on string literals themselves.</summary>
    public class HardCodedModelIdCostTests
    {
        [Fact]
        public async Task Registers_nothing_without_sink_types()
        {
            var compilation = CSharpCompilation.Create(
                "NoSinks",
                new[] { CSharpSyntaxTree.ParseText("class C { string M() => \"gpt-4o\"; object N() => new { model = \"gpt-4o\", messages = \"hi\" }; }") },
                new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) },
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

            var telemetry = await TelemetryAsync(compilation);

            Assert.Equal(1, telemetry.CompilationStartActionsCount);
            Assert.Equal(0, telemetry.OperationActionsCount);
            Assert.Equal(0, telemetry.SyntaxNodeActionsCount);
            Assert.Equal(0, telemetry.SymbolActionsCount);
            Assert.Equal(0, telemetry.OperationBlockStartActionsCount);
        }

        [Fact]
        public async Task Registers_no_literal_or_syntax_actions_with_every_gateway_package()
        {
            var references = References.Gateway;
            var compilation = CSharpCompilation.Create(
                "Gateway",
                new[] { CSharpSyntaxTree.ParseText("class C { string M() => \"gpt-4o\"; }") },
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

            var telemetry = await TelemetryAsync(compilation);

            Assert.True(telemetry.OperationActionsCount > 0);
            Assert.Equal(0, telemetry.SyntaxNodeActionsCount);
            Assert.Equal(0, telemetry.SyntaxTreeActionsCount);
        }

        private static async Task<AnalyzerTelemetryInfo> TelemetryAsync(Compilation compilation, DiagnosticAnalyzer? analyzer = null)
        {
            analyzer ??= new HardCodedModelIdAnalyzer();
            var withAnalyzers = compilation.WithAnalyzers(
                ImmutableArray.Create<DiagnosticAnalyzer>(analyzer),
                new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
            var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
            Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
            return await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
        }
    }
}
