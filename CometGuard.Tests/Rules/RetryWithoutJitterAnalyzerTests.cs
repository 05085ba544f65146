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
        public Task Polly_contrib_backoff_helpers()
            => Analyze("""
                using Polly.Contrib.WaitAndRetry;
                class C
                {
                    void M()
                    {
                        // Jittered sequences are jitter: quiet.
                        var a = Policy.Handle<HttpRequestException>().WaitAndRetryAsync(Backoff.DecorrelatedJitterBackoffV2(TimeSpan.FromSeconds(1), retryCount: 3));
                        var b = HttpPolicyExtensions.HandleTransientHttpError().WaitAndRetryAsync(Backoff.AwsDecorrelatedJitterBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), 3));
                        // Exponential, linear or constant sequences without it wait in lockstep.
                        var c = HttpPolicyExtensions.HandleTransientHttpError().WaitAndRetryAsync({|CG0004:Backoff.ExponentialBackoff(TimeSpan.FromMilliseconds(200), 3)|});
                        var d = Policy.Handle<HttpRequestException>().WaitAndRetry({|CG0004:Backoff.ConstantBackoff(TimeSpan.FromSeconds(1), 3)|});
                    }
                }
                """);

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
                        var a = Policy.Handle<HttpRequestException>().WaitAndRetry(3, n => TimeSpan.FromSeconds(n));
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

        [Fact]
        public Task Exponential_backoff_without_jitter()
            => Analyze("""
                class C
                {
                    void M(IServiceCollection services)
                    {
                        var a = {|CG0004:new RetryStrategyOptions<HttpResponseMessage>|} { BackoffType = DelayBackoffType.Exponential };
                        var b = new RetryStrategyOptions<HttpResponseMessage> { BackoffType = DelayBackoffType.Exponential, {|CG0004:UseJitter = false|} };
                        var c = new HttpRetryStrategyOptions { {|CG0004:UseJitter = false|} };
                        var d = {|CG0004:new RetryStrategyOptions<HttpResponseMessage>|} { BackoffType = DelayBackoffType.Linear, MaxRetryAttempts = 3 };
                        services.AddHttpClient("a").AddStandardResilienceHandler(o => { {|CG0004:o.Retry.UseJitter = false|}; });
                        services.AddHttpClient("b").AddStandardResilienceHandler(o =>
                        {
                            o.Retry.BackoffType = DelayBackoffType.Exponential;
                            {|CG0004:o.Retry.UseJitter = false|};
                        });
                        var e = Policy.Handle<HttpRequestException>().WaitAndRetry(3, {|CG0004:n => TimeSpan.FromSeconds(Math.Pow(2, n))|});
                        var f = HttpPolicyExtensions.HandleTransientHttpError().WaitAndRetryAsync(3, {|CG0004:attempt => TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, attempt)))|});
                        var g = HttpPolicyExtensions.HandleTransientHttpError().WaitAndRetryAsync(3, {|CG0004:attempt => TimeSpan.FromMilliseconds(100 << attempt)|});
                    }
                }
                """);

        [Fact]
        public Task Jittered_exponential_backoff_is_silent()
            => Analyze("""
                class C
                {
                    void M(IServiceCollection services)
                    {
                        var a = new RetryStrategyOptions<HttpResponseMessage> { BackoffType = DelayBackoffType.Exponential, UseJitter = true };
                        var b = new HttpRetryStrategyOptions { BackoffType = DelayBackoffType.Exponential };
                        var c = new HttpRetryStrategyOptions { MaxRetryAttempts = 2, Delay = TimeSpan.FromSeconds(1) };
                        services.AddHttpClient("a").AddStandardResilienceHandler();
                        services.AddHttpClient("b").AddStandardResilienceHandler(o => { o.Retry.BackoffType = DelayBackoffType.Exponential; });
                        services.AddHttpClient("c").AddStandardResilienceHandler(o => { o.Retry.UseJitter = true; });
                        var d = Policy.Handle<HttpRequestException>().WaitAndRetry(3, n => TimeSpan.FromSeconds(Math.Pow(2, n)) + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1000)));
                        var e = Policy.Handle<HttpRequestException>().WaitAndRetry(3, n => TimeSpan.FromSeconds(Math.Pow(2, 3)));
                        var f = Policy.Handle<System.IO.IOException>().WaitAndRetry(3, n => TimeSpan.FromSeconds(Math.Pow(2, n)));
                        var g = new RetryStrategyOptions { BackoffType = DelayBackoffType.Exponential, ShouldHandle = new PredicateBuilder().Handle<TimeoutException>() };
                    }
                }
                """);

        [Fact]
        public Task Resend_loops_that_resend_at_once_or_after_a_fixed_wait()
            => Analyze("""
                using Microsoft.Extensions.AI;
                using System.Net;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    const int Pause = 2000;

                    async Task<string?> Immediately(HttpClient http, HttpContent content)
                    {
                        HttpResponseMessage response;
                        {|CG0004:for|} (;;)
                        {
                            response = await http.PostAsync("https://api.cometapi.com/v1/chat/completions", content);
                            if (response.StatusCode != HttpStatusCode.OK) continue;
                            break;
                        }

                        return await response.Content.ReadAsStringAsync();
                    }

                    async Task<string> Constant(HttpClient http)
                    {
                        while (true)
                        {
                            try
                            {
                                return await http.GetStringAsync("https://api.cometapi.com/v1/models");
                            }
                            catch (HttpRequestException)
                            {
                                await Task.Delay({|CG0004:1000|});
                            }
                        }
                    }

                    string Sleeps(HttpClient http)
                    {
                        while (true)
                        {
                            var response = http.Send(new HttpRequestMessage(HttpMethod.Get, "https://api.cometapi.com/v1/models"));
                            if ((int)response.StatusCode == 429)
                            {
                                Thread.Sleep({|CG0004:TimeSpan.FromSeconds(Pause / 1000)|});
                                continue;
                            }

                            return "done";
                        }
                    }

                    async Task<string> Exponential(HttpClient http, CancellationToken token)
                    {
                        for (var attempt = 1; ; attempt++)
                        {
                            try
                            {
                                return await http.GetStringAsync("https://api.cometapi.com/v1/models", token);
                            }
                            catch (HttpRequestException) when (attempt < 3)
                            {
                                var delay = TimeSpan.FromSeconds(Math.Pow(2, attempt));
                                await Task.Delay({|CG0004:delay|}, token);
                            }
                        }
                    }

                    async Task<Microsoft.Extensions.AI.ChatResponse> Middleware(Microsoft.Extensions.AI.IChatClient client, string question)
                    {
                        while (true)
                        {
                            try
                            {
                                return await client.GetResponseAsync(question);
                            }
                            catch (HttpRequestException e) when (e.StatusCode == HttpStatusCode.TooManyRequests)
                            {
                                await Task.Delay({|CG0004:3000|});
                            }
                        }
                    }
                }
                """);

        [Fact]
        public Task Resend_loops_with_jitter_retry_after_or_a_helper_are_silent()
            => Analyze("""
                using System.Net;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task<string> Jittered(HttpClient http, CancellationToken token)
                    {
                        for (var attempt = 1; ; attempt++)
                        {
                            try
                            {
                                return await http.GetStringAsync("https://api.cometapi.com/v1/models", token);
                            }
                            catch (HttpRequestException) when (attempt < 3)
                            {
                                await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt)) + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 500)), token);
                            }
                        }
                    }

                    async Task<HttpResponseMessage> RetryAfter(HttpClient http)
                    {
                        while (true)
                        {
                            var response = await http.GetAsync("https://api.cometapi.com/v1/models");
                            if (response.StatusCode != HttpStatusCode.TooManyRequests)
                            {
                                return response;
                            }

                            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(5));
                        }
                    }

                    async Task<string> Helper(HttpClient http)
                    {
                        var attempt = 0;
                        while (true)
                        {
                            try
                            {
                                return await http.GetStringAsync("https://api.cometapi.com/v1/models");
                            }
                            catch (HttpRequestException) when (attempt++ < 3)
                            {
                                await BackOff(attempt);
                            }
                        }
                    }

                    static Task BackOff(int attempt) => Task.Delay(TimeSpan.FromSeconds(attempt) + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 500)));

                    async Task Repl(HttpClient http)
                    {
                        while (true)
                        {
                            var line = Console.ReadLine();
                            if (line is null) break;
                            Console.WriteLine(await http.GetStringAsync("https://api.cometapi.com/v1/models"));
                        }
                    }

                    async Task Poll(HttpClient http)
                    {
                        while (true)
                        {
                            var response = await http.GetAsync("https://api.cometapi.com/v1/models");
                            if (response.IsSuccessStatusCode)
                            {
                                Console.WriteLine(await response.Content.ReadAsStringAsync());
                            }

                            await Task.Delay(TimeSpan.FromMinutes(1));
                        }
                    }
                }
                """);
    }
}
