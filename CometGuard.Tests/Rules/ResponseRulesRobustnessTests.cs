using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using CometGuard.Analyzers.Rules;
using CometGuard.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CometGuard.Tests.Rules
{
    /// <summary>CG0006 and CG0007 on half-typed code: guards and reads that do not bind must not throw.</summary>
    public class ResponseRulesRobustnessTests
    {
        public static TheoryData<string> Sources => new()
        {
            "using OpenAI.Chat; class C { string M(ChatCompletion c) { if (c.Content is [ ) return c.Content[0].Text; } }",
            "using OpenAI.Chat; class C { string M(ChatCompletion c) => c.Content.Count > ? c.Content[0]. : ; }",
            "using OpenAI.Chat; class C { string M(ChatCompletion c) { switch (c.FinishReason) { case : return c.Content[0].Text; } } }",
            "using System.Text.Json; class C { string M(JsonElement e) => e.GetProperty(\"choices\")[.GetProperty(; }",
            "using System.Text.Json.Nodes; class C { object M(JsonNode n) => n[\"choices\"]![0]![; }",
            "using System.Net.Http; using System.Net.Http.Json; class C { async void M(HttpResponseMessage r) { if (r.StatusCode ==) await r.Content.ReadFromJsonAsync<; } }",
            "using System.Net.Http; class C { async void M(HttpResponseMessage r) { var s = await r.Content.ReadAsStringAsync(); System.Text.Json.JsonDocument.Parse(s; } }",
            "using Microsoft.Extensions.AI; class C { long? M(ChatResponse r) => r.Usage!.; [System.Obsolete(nameof(r.Usage))] void N() { } }",
            "using OpenAI.Chat; class C { ChatCompletion c; string s = c.Content[0].Text; System.Func<string> f = () => c.Content[0].Text; }",
        };

        [Theory]
        [MemberData(nameof(Sources))]
        public async Task Response_rules_run_without_exception(string source)
        {
            var references = await References.Gateway.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
            var compilation = CSharpCompilation.Create(
                "Robustness",
                new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: "/0/Test0.cs") },
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

            var exceptions = new ConcurrentBag<string>();
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (exception, analyzer, _) => exceptions.Add(analyzer.GetType().Name + ": " + exception),
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false);
            var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new UncheckedResponseFieldAnalyzer(), new BodyReadWithoutStatusCheckAnalyzer());
            var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync();

            Assert.Empty(exceptions);
            Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        }
    }
}
