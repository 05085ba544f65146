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
            // Half-written retry code (CG0003-CG0005, CG0011).
            "using Polly; class C { void M() { Policy.Handle<System.Net.Http.HttpRequestException>().WaitAndRetry(, ); } }",
            "using Polly; class C { void M() { Policy.Handle<System.Net.Http.HttpRequestException>().RetryForever( } }",
            "using Polly.Retry; class C { object o = new RetryStrategyOptions<System.Net.Http.HttpResponseMessage> { MaxRetryAttempts = , BackoffType = }; }",
            "using Polly.Retry; class C { void M() { var o = new RetryStrategyOptions(); o.ShouldHandle = args => ; o.Delay = ; } }",
            "using Polly; class C { void M() { Policy.HandleResult<System.Net.Http.HttpResponseMessage>(r => !r.).Retry(3); } }",
            "using Polly; class C { void M() { Policy.HandleResult<System.Net.Http.HttpResponseMessage>(r => (int)r.StatusCode >= ).WaitAndRetry(3, _ => ); } }",
            "using System.ClientModel.Primitives; class C { object p = new ClientRetryPolicy(maxRetries: ); }",
            "using System.Net.Http; class C { async void M(HttpClient h) { while (true) { try { await h.GetAsync(); } catch { } } for (;;) { if (h. ) return; } do { } while (true) } }",
            "using Microsoft.Extensions.DependencyInjection; class C { void M(IServiceCollection s) { s.AddHttpClient().AddStandardResilienceHandler(o => o.Retry.MaxRetryAttempts = ).AddPolicyHandler(); } }",
            "using Polly; using OpenAI.Chat; class C { void M(ChatClient c) { var p = new ResiliencePipelineBuilder().AddRetry().Build(); p.Execute(() => c.CompleteChat()); } }",
            "using System.ClientModel.Primitives; class C { object t = new HttpClientPipelineTransport(); object u = new OpenAI.OpenAIClientOptions { Transport = new HttpClientPipelineTransport(x) }; }",
            // Half-typed response reads and guards (CG0006, CG0007).
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
        public async Task Every_analyzer_runs_without_exception(string source)
        {
            var references = References.Gateway;
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
