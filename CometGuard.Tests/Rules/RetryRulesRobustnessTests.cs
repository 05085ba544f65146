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
    /// <summary>The retry rules never throw on half-written retry code.</summary>
    public class RetryRulesRobustnessTests
    {
        public static TheoryData<string> Sources => new()
        {
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
        };

        [Theory]
        [MemberData(nameof(Sources))]
        public async Task Retry_analyzers_run_without_exception(string source)
        {
            var references = await References.Gateway.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
            var compilation = CSharpCompilation.Create(
                "RetryRobustness",
                new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: "/0/Test0.cs") },
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(
                new UnboundedRetryAnalyzer(), new RetryWithoutJitterAnalyzer(), new RetryOnClientErrorAnalyzer(), new StackedRetriesAnalyzer());

            var exceptions = new ConcurrentBag<string>();
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (exception, analyzer, _) => exceptions.Add(analyzer.GetType().Name + ": " + exception),
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false);
            var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync();

            Assert.Empty(exceptions);
            Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        }
    }
}
