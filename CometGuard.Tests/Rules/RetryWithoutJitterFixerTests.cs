using System.Threading.Tasks;
using CometGuard.Analyzers.Rules;
using CometGuard.CodeFixes.Rules;
using CometGuard.Tests.Verifiers;

namespace CometGuard.Tests.Rules
{
    public class RetryWithoutJitterFixerTests
    {
        private const string Usings = """
            using System;
            using System.Net.Http;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Http.Resilience;
            using Polly;
            using Polly.Extensions.Http;
            using Polly.Retry;

            """;

        private static Task Fix(string source, string fixedSource)
            => Verify<RetryWithoutJitterAnalyzer, RetryWithoutJitterFixer>.CodeFixAsync(Usings + source, Usings + fixedSource);

        [Fact]
        public Task Polly_v7_fix_all()
            => Fix("""
                class C
                {
                    void M()
                    {
                        var a = Policy.Handle<HttpRequestException>().{|CG0004:Retry|}(3);
                        var b = HttpPolicyExtensions.HandleTransientHttpError().{|CG0004:RetryAsync|}();
                        var c = Policy.Handle<HttpRequestException>().WaitAndRetry(2, {|CG0004:_ => TimeSpan.FromSeconds(2)|});
                        var d = Policy.Handle<HttpRequestException>().WaitAndRetry(3, {|CG0004:(attempt, context) => TimeSpan.FromMilliseconds(500)|}, (e, t, ctx) => { });
                    }
                }
                """, """
                class C
                {
                    void M()
                    {
                        var a = Policy.Handle<HttpRequestException>().WaitAndRetry(3, retryAttempt => TimeSpan.FromSeconds(Math.Pow(2, retryAttempt)) + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1000)));
                        var b = HttpPolicyExtensions.HandleTransientHttpError().WaitAndRetryAsync(1, retryAttempt => TimeSpan.FromSeconds(Math.Pow(2, retryAttempt)) + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1000)));
                        var c = Policy.Handle<HttpRequestException>().WaitAndRetry(2, retryAttempt => TimeSpan.FromSeconds(Math.Pow(2, retryAttempt)) + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1000)));
                        var d = Policy.Handle<HttpRequestException>().WaitAndRetry(3, (attempt, context) => TimeSpan.FromSeconds(Math.Pow(2, attempt)) + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1000)), (e, t, ctx) => { });
                    }
                }
                """);

        [Fact]
        public Task Polly_v8_options_fix_all()
            => Fix("""
                class C
                {
                    void M()
                    {
                        var a = {|CG0004:new RetryStrategyOptions<HttpResponseMessage>|} { MaxRetryAttempts = 3 };
                        var b = new RetryStrategyOptions<HttpResponseMessage> { {|CG0004:BackoffType = DelayBackoffType.Constant|} };
                        var c = new HttpRetryStrategyOptions { {|CG0004:Delay = TimeSpan.Zero|} };
                        var e = new ResiliencePipelineBuilder<HttpResponseMessage>().AddRetry({|CG0004:new RetryStrategyOptions<HttpResponseMessage>|}()).Build();
                    }
                }
                """, """
                class C
                {
                    void M()
                    {
                        var a = new RetryStrategyOptions<HttpResponseMessage> { MaxRetryAttempts = 3, BackoffType = DelayBackoffType.Exponential, UseJitter = true };
                        var b = new RetryStrategyOptions<HttpResponseMessage> { BackoffType = DelayBackoffType.Exponential, UseJitter = true };
                        var c = new HttpRetryStrategyOptions { Delay = TimeSpan.FromSeconds(2), BackoffType = DelayBackoffType.Exponential, UseJitter = true };
                        var e = new ResiliencePipelineBuilder<HttpResponseMessage>().AddRetry(new RetryStrategyOptions<HttpResponseMessage>() { BackoffType = DelayBackoffType.Exponential, UseJitter = true }).Build();
                    }
                }
                """);

        [Fact]
        public Task Polly_v8_statements_fix()
            => Fix("""
                class C
                {
                    void M(IServiceCollection services)
                    {
                        var a = {|CG0004:new RetryStrategyOptions<HttpResponseMessage>|}();
                        a.BackoffType = DelayBackoffType.Constant;
                        services.AddHttpClient("b").AddStandardResilienceHandler(o =>
                        {
                            {|CG0004:o.Retry.UseJitter = false|};
                            o.Retry.BackoffType = DelayBackoffType.Constant;
                        });
                    }
                }
                """, """
                class C
                {
                    void M(IServiceCollection services)
                    {
                        var a = new RetryStrategyOptions<HttpResponseMessage>() { UseJitter = true };
                        a.BackoffType = DelayBackoffType.Exponential;
                        services.AddHttpClient("b").AddStandardResilienceHandler(o =>
                        {
                            o.Retry.UseJitter = true;
                            o.Retry.BackoffType = DelayBackoffType.Exponential;
                        });
                    }
                }
                """);

        [Fact]
        public async Task Fix_all_across_two_documents()
        {
            var test = Verify<RetryWithoutJitterAnalyzer, RetryWithoutJitterFixer>.Create(
                Usings + "class A { object M() => Policy.Handle<HttpRequestException>().{|CG0004:RetryAsync|}(2); }",
                Usings + "class A { object M() => Policy.Handle<HttpRequestException>().WaitAndRetryAsync(2, retryAttempt => TimeSpan.FromSeconds(Math.Pow(2, retryAttempt)) + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1000))); }");
            test.TestState.Sources.Add(("/0/Test1.cs", Usings + "class B { object M() => new HttpRetryStrategyOptions { {|CG0004:Delay = TimeSpan.Zero|} }; }"));
            test.FixedState.Sources.Add(("/0/Test1.cs", Usings + "class B { object M() => new HttpRetryStrategyOptions { Delay = TimeSpan.FromSeconds(2), BackoffType = DelayBackoffType.Exponential, UseJitter = true }; }"));
            await test.RunAsync();
        }

        [Fact]
        public Task Exponential_without_jitter_fix_all()
            => Fix("""
                class C
                {
                    void M(IServiceCollection services)
                    {
                        var a = Policy.Handle<HttpRequestException>().WaitAndRetry(3, {|CG0004:n => TimeSpan.FromSeconds(Math.Pow(2, n))|});
                        var b = HttpPolicyExtensions.HandleTransientHttpError().WaitAndRetryAsync(3, {|CG0004:attempt => { return TimeSpan.FromMilliseconds(100 << attempt); }|});
                        var c = Policy.Handle<HttpRequestException>().WaitAndRetry(3, {|CG0004:(n, context) => n > 4 ? TimeSpan.FromSeconds(16) : TimeSpan.FromSeconds(Math.Pow(2, n))|}, (e, t, ctx) => { });
                        var d = new RetryStrategyOptions<HttpResponseMessage> { BackoffType = DelayBackoffType.Exponential, {|CG0004:UseJitter = false|} };
                        var e = {|CG0004:new RetryStrategyOptions<HttpResponseMessage>|} { BackoffType = DelayBackoffType.Exponential, MaxRetryAttempts = 3 };
                        services.AddHttpClient("a").AddStandardResilienceHandler(o =>
                        {
                            o.Retry.BackoffType = DelayBackoffType.Exponential;
                            {|CG0004:o.Retry.UseJitter = false|};
                        });
                    }
                }
                """, """
                class C
                {
                    void M(IServiceCollection services)
                    {
                        var a = Policy.Handle<HttpRequestException>().WaitAndRetry(3, n => TimeSpan.FromSeconds(Math.Pow(2, n)) + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1000)));
                        var b = HttpPolicyExtensions.HandleTransientHttpError().WaitAndRetryAsync(3, attempt => { return TimeSpan.FromMilliseconds(100 << attempt) + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1000)); });
                        var c = Policy.Handle<HttpRequestException>().WaitAndRetry(3, (n, context) => (n > 4 ? TimeSpan.FromSeconds(16) : TimeSpan.FromSeconds(Math.Pow(2, n))) + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1000)), (e, t, ctx) => { });
                        var d = new RetryStrategyOptions<HttpResponseMessage> { BackoffType = DelayBackoffType.Exponential, UseJitter = true };
                        var e = new RetryStrategyOptions<HttpResponseMessage> { BackoffType = DelayBackoffType.Exponential, MaxRetryAttempts = 3, UseJitter = true };
                        services.AddHttpClient("a").AddStandardResilienceHandler(o =>
                        {
                            o.Retry.BackoffType = DelayBackoffType.Exponential;
                            o.Retry.UseJitter = true;
                        });
                    }
                }
                """);

        [Fact]
        public Task Resend_loops_get_no_automatic_fix()
        {
            const string Loop = """
                class C
                {
                    async System.Threading.Tasks.Task<string> M(HttpClient http)
                    {
                        while (true)
                        {
                            try
                            {
                                return await http.GetStringAsync("https://api.cometapi.com/v1/models");
                            }
                            catch (HttpRequestException)
                            {
                                await System.Threading.Tasks.Task.Delay({|CG0004:1000|});
                            }
                        }
                    }
                }
                """;
            return Fix(Loop, Loop);
        }
    }
}
