using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CometGuard.Analyzers.Rules;
using CometGuard.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;
using Xunit.Abstractions;

namespace CometGuard.Tests.Rules
{
    /// <summary>CG0001 registers nothing where no sink type exists and never acts on string literals themselves.</summary>
    public class HardCodedModelIdCostTests
    {
        private readonly ITestOutputHelper _output;

        public HardCodedModelIdCostTests(ITestOutputHelper output)
        {
            _output = output;
        }

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

        /// <summary>Prints the analyzer's share of a compilation full of string literals that are not in model positions.</summary>
        [Fact]
        public async Task Cost_on_literal_heavy_code()
        {
            var source = new StringBuilder("using System; using System.Collections.Generic; using OpenAI; class Program {\n");
            for (var i = 0; i < 500; i++)
            {
                source.Append("  static string M").Append(i).Append("(OpenAIClient client, Dictionary<string, object> d) { var s = \"text ").Append(i)
                    .Append("\"; Console.WriteLine(\"line\" + s); d[\"key\"] = \"value\"; _ = new { name = \"n\", size = ").Append(i)
                    .Append(" }; _ = client.GetChatClient(s.Length > 3 ? s : \"x\"); return $\"{s} and more\"; }\n");
            }

            source.Append('}');
            var references = References.Gateway;
            var compilation = CSharpCompilation.Create(
                "Heavy",
                new[] { CSharpSyntaxTree.ParseText(source.ToString()) },
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

            var compile = Stopwatch.StartNew();
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            compile.Stop();
            Assert.Empty(errors);

            // Warm up (JIT, symbol tables), then measure CG0001 and CG0002 on the same compilation.
            await TelemetryAsync(compilation);
            var model = await TelemetryAsync(compilation);
            var key = await TelemetryAsync(compilation, new LiteralApiKeyAnalyzer());
            _output.WriteLine($"500 methods / ~3000 literals: CG0001 {model.ExecutionTime.TotalMilliseconds:F0} ms, CG0002 {key.ExecutionTime.TotalMilliseconds:F0} ms, compiler diagnostics {compile.ElapsedMilliseconds} ms");
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
