using System.Threading.Tasks;
using CometGuard.Analyzers.Rules;
using CometGuard.CodeFixes.Rules;
using CometGuard.Tests.Verifiers;

namespace CometGuard.Tests.Rules
{
    public class UnboundedRetryFixerTests
    {
        private const string Usings = """
            using System;
            using System.ClientModel.Primitives;
            using System.Net.Http;
            using Microsoft.Extensions.Http.Resilience;
            using OpenAI;
            using Polly;
            using Polly.Extensions.Http;
            using Polly.Retry;

            """;

        private static Task Fix(string source, string fixedSource, string? editorConfig = null)
            => Verify<UnboundedRetryAnalyzer, UnboundedRetryFixer>.CodeFixAsync(Usings + source, Usings + fixedSource, editorConfig);

        [Fact]
        public Task Counts_are_capped_at_the_budget_fix_all()
            => Fix("""
                class C
                {
                    void M()
                    {
                        var a = Policy.Handle<HttpRequestException>().WaitAndRetry({|CG0003:5|}, n => TimeSpan.FromSeconds(n));
                        var b = new HttpRetryStrategyOptions { MaxRetryAttempts = {|CG0003:int.MaxValue|} };
                        var c = new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(maxRetries: {|CG0003:9|}) };
                    }
                }
                """, """
                class C
                {
                    void M()
                    {
                        var a = Policy.Handle<HttpRequestException>().WaitAndRetry(3, n => TimeSpan.FromSeconds(n));
                        var b = new HttpRetryStrategyOptions { MaxRetryAttempts = 3 };
                        var c = new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(maxRetries: 3) };
                    }
                }
                """);

        [Fact]
        public Task Forever_becomes_bounded_exponential_with_jitter()
            => Fix("""
                class C
                {
                    void M()
                    {
                        var a = Policy.Handle<HttpRequestException>().{|CG0003:RetryForever|}();
                        var b = HttpPolicyExtensions.HandleTransientHttpError().{|CG0003:RetryForeverAsync|}();
                        var c = HttpPolicyExtensions.HandleTransientHttpError().{|CG0003:WaitAndRetryForeverAsync|}(n => TimeSpan.FromSeconds(Math.Pow(2, n)));
                    }
                }
                """, """
                class C
                {
                    void M()
                    {
                        var a = Policy.Handle<HttpRequestException>().WaitAndRetry(3, retryAttempt => TimeSpan.FromSeconds(Math.Pow(2, retryAttempt)) + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1000)));
                        var b = HttpPolicyExtensions.HandleTransientHttpError().WaitAndRetryAsync(3, retryAttempt => TimeSpan.FromSeconds(Math.Pow(2, retryAttempt)) + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1000)));
                        var c = HttpPolicyExtensions.HandleTransientHttpError().WaitAndRetryAsync(3, n => TimeSpan.FromSeconds(Math.Pow(2, n)));
                    }
                }
                """);

        [Fact]
        public Task Budget_option_is_used_by_the_fix()
            => Fix("""
                class C
                {
                    object M() => Policy.Handle<HttpRequestException>().WaitAndRetry({|CG0003:9|}, n => TimeSpan.FromSeconds(n));
                }
                """, """
                class C
                {
                    object M() => Policy.Handle<HttpRequestException>().WaitAndRetry(2, n => TimeSpan.FromSeconds(n));
                }
                """, "cometguard.max_retry_attempts = 2");

        [Fact]
        public async Task Fix_all_across_two_documents()
        {
            var test = Verify<UnboundedRetryAnalyzer, UnboundedRetryFixer>.Create(
                Usings + "class A { object M() => Policy.Handle<HttpRequestException>().{|CG0003:RetryForever|}(); }",
                Usings + "class A { object M() => Policy.Handle<HttpRequestException>().WaitAndRetry(3, retryAttempt => TimeSpan.FromSeconds(Math.Pow(2, retryAttempt)) + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1000))); }");
            test.TestState.Sources.Add(("/0/Test1.cs", Usings + "class B { object M() => new HttpRetryStrategyOptions { MaxRetryAttempts = {|CG0003:12|} }; }"));
            test.FixedState.Sources.Add(("/0/Test1.cs", Usings + "class B { object M() => new HttpRetryStrategyOptions { MaxRetryAttempts = 3 }; }"));
            await test.RunAsync();
        }
    }
}
