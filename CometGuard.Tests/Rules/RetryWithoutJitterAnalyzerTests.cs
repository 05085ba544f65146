using System.Threading.Tasks;
using CometGuard.Analyzers.Rules;
using CometGuard.CodeFixes.Rules;
using CometGuard.Tests.Verifiers;

namespace CometGuard.Tests.Rules
{
    public class RetryWithoutJitterAnalyzerTests
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

        private static Task Analyze(string source)
            => Verify<RetryWithoutJitterAnalyzer, RetryWithoutJitterFixer>.AnalyzerAsync(Usings + source);

        [Fact]
        public Task Polly_v7_immediate_retries()
            => Analyze("""
                class C
                {
                    void M()
                    {
                        var a = Policy.Handle<HttpRequestException>().{|CG0004:Retry|}(3);
                        var b = HttpPolicyExtensions.HandleTransientHttpError().{|CG0004:RetryAsync|}();
                    }
                }
                """);

        [Fact]
        public Task Polly_v7_constant_sleep()
            => Analyze("""
                class C
                {
                    void M()
                    {
                        var a = Policy.Handle<HttpRequestException>().WaitAndRetry(3, {|CG0004:_ => TimeSpan.FromSeconds(2)|});
                        var b = Policy.Handle<HttpRequestException>().WaitAndRetry(3, {|CG0004:(attempt, context) => TimeSpan.FromMilliseconds(500)|}, (e, t, ctx) => { });
                    }
                }
                """);

        [Fact]
        public Task Polly_v7_backoff_and_non_http_are_silent()
            => Analyze("""
                class C
                {
                    static TimeSpan Backoff(int attempt) => TimeSpan.FromSeconds(attempt);
                    void M()
                    {
                        var a = Policy.Handle<HttpRequestException>().WaitAndRetry(3, n => TimeSpan.FromSeconds(Math.Pow(2, n)));
                        var b = HttpPolicyExtensions.HandleTransientHttpError().WaitAndRetryAsync(3, n => Backoff(n));
                        var c = Policy.Handle<HttpRequestException>().WaitAndRetry(3, _ => TimeSpan.FromMilliseconds(Random.Shared.Next(100, 900)));
                        var d = Policy.Handle<System.IO.IOException>().Retry(3);
                        var e = Policy.Handle<TimeoutException>().WaitAndRetry(3, _ => TimeSpan.FromSeconds(1));
                    }
                }
                """);

        [Fact]
        public Task Polly_v8_constant_default_and_zero_delay()
            => Analyze("""
                class C
                {
                    void M()
                    {
                        var a = {|CG0004:new RetryStrategyOptions<HttpResponseMessage>|} { MaxRetryAttempts = 3 };
                        var b = new RetryStrategyOptions<HttpResponseMessage> { {|CG0004:BackoffType = DelayBackoffType.Constant|} };
                        var c = new HttpRetryStrategyOptions { {|CG0004:Delay = TimeSpan.Zero|} };
                        var d = new HttpRetryStrategyOptions { {|CG0004:UseJitter = false|}, BackoffType = DelayBackoffType.Constant };
                        var e = new ResiliencePipelineBuilder<HttpResponseMessage>().AddRetry({|CG0004:new RetryStrategyOptions<HttpResponseMessage>|}()).Build();
                    }
                }
                """);

        [Fact]
        public Task Polly_v8_later_assignments()
            => Analyze("""
                class C
                {
                    void M()
                    {
                        var a = {|CG0004:new RetryStrategyOptions<HttpResponseMessage>|}();
                        a.BackoffType = DelayBackoffType.Constant;
                        var b = new RetryStrategyOptions<HttpResponseMessage>();
                        b.BackoffType = DelayBackoffType.Exponential;
                        b.UseJitter = true;
                    }
                }
                """);

        [Fact]
        public Task Polly_v8_jittered_http_defaults_and_non_http_are_silent()
            => Analyze("""
                class C
                {
                    void M()
                    {
                        var a = new RetryStrategyOptions<HttpResponseMessage> { BackoffType = DelayBackoffType.Exponential, UseJitter = true };
                        var b = new RetryStrategyOptions<HttpResponseMessage> { UseJitter = true };
                        var c = new HttpRetryStrategyOptions();
                        var d = new HttpRetryStrategyOptions { BackoffType = DelayBackoffType.Constant };
                        var e = new RetryStrategyOptions<HttpResponseMessage> { DelayGenerator = _ => new ValueTask<TimeSpan?>(TimeSpan.FromSeconds(1)) };
                        var f = new RetryStrategyOptions { ShouldHandle = new PredicateBuilder().Handle<TimeoutException>() };
                        var g = new RetryStrategyOptions();
                    }
                }
                """.Replace("ValueTask", "System.Threading.Tasks.ValueTask"));

        [Fact]
        public Task Standard_handler_callback()
            => Analyze("""
                class C
                {
                    void M(IServiceCollection services)
                    {
                        services.AddHttpClient("a").AddStandardResilienceHandler(o =>
                        {
                            {|CG0004:o.Retry.UseJitter = false|};
                            o.Retry.BackoffType = DelayBackoffType.Constant;
                        });
                        services.AddHttpClient("b").AddStandardResilienceHandler(o => { {|CG0004:o.Retry.Delay = TimeSpan.Zero|}; });
                        services.AddHttpClient("c").AddStandardResilienceHandler(o => { o.Retry.BackoffType = DelayBackoffType.Constant; });
                        services.AddHttpClient("d").AddStandardResilienceHandler(o => { o.Retry.MaxRetryAttempts = 2; });
                    }
                }
                """);
    }
}
