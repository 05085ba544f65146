using System.Threading.Tasks;
using CometGuard.Analyzers.Rules;
using CometGuard.Tests.Verifiers;

namespace CometGuard.Tests.Rules
{
    /// <summary>A gateway client that follows the retry guidance: every retry rule stays silent on it.</summary>
    public class ValidRetryCodeTests
    {
        private const string Source = """
            using System;
            using System.ClientModel;
            using System.ClientModel.Primitives;
            using System.Net;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Http.Resilience;
            using OpenAI;
            using OpenAI.Chat;
            using Polly;
            using Polly.Extensions.Http;
            using Polly.Retry;

            static class Registration
            {
                public static void Register(IServiceCollection services)
                {
                    // One resilience handler owns retries; the SDK built on this client does not retry.
                    services.AddHttpClient("gateway").AddStandardResilienceHandler(o => o.Retry.MaxRetryAttempts = 3);
                    services.AddHttpClient("legacy").AddTransientHttpErrorPolicy(p =>
                        p.WaitAndRetryAsync(3, n => TimeSpan.FromSeconds(Math.Pow(2, n)) + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 500))));
                }

                public static ChatClient Chat(IHttpClientFactory factory, string model, string key)
                    => new ChatClient(model, new ApiKeyCredential(key), new OpenAIClientOptions
                    {
                        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                        Transport = new HttpClientPipelineTransport(factory.CreateClient("gateway")),
                    });
            }

            class Pipelines
            {
                public ResiliencePipeline<HttpResponseMessage> Http { get; } = new ResiliencePipelineBuilder<HttpResponseMessage>()
                    .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
                    {
                        MaxRetryAttempts = 3,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                            .Handle<HttpRequestException>()
                            .HandleResult(r => (int)r.StatusCode is 408 or 429 or >= 500),
                    })
                    .Build();

                public IAsyncPolicy<HttpResponseMessage> Legacy { get; } = HttpPolicyExtensions.HandleTransientHttpError()
                    .OrResult(r => r.StatusCode == HttpStatusCode.TooManyRequests)
                    .WaitAndRetryAsync(2, n => TimeSpan.FromSeconds(Math.Pow(2, n)) + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 500)));

                public RetryStrategyOptions Sdk { get; } = new RetryStrategyOptions
                {
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldHandle = new PredicateBuilder().Handle<ClientResultException>(e => e.Status is 408 or 429 or >= 500),
                };

                // Not a gateway: a database-style retry may do what it likes.
                public ISyncPolicy Database { get; } = Policy.Handle<TimeoutException>().RetryForever();
            }

            class Client
            {
                public async Task<string> GetWithBudget(HttpClient http, CancellationToken token)
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
            }
            """;

        [Fact]
        public Task Unbounded_retry_is_silent() => Verify<UnboundedRetryAnalyzer>.AnalyzerAsync(Source);

        [Fact]
        public Task Retry_without_jitter_is_silent() => Verify<RetryWithoutJitterAnalyzer>.AnalyzerAsync(Source);

        [Fact]
        public Task Retry_on_client_error_is_silent() => Verify<RetryOnClientErrorAnalyzer>.AnalyzerAsync(Source);

        [Fact]
        public Task Stacked_retries_is_silent() => Verify<StackedRetriesAnalyzer>.AnalyzerAsync(Source);
    }
}
