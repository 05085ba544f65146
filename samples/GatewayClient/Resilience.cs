using System;
using System.ClientModel.Primitives;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using OpenAI.Chat;
using Polly;
using Polly.Retry;

namespace Samples.Gateway
{
    /// <summary>Retry policies that turn one gateway hiccup into a retry storm.</summary>
    public static class Resilience
    {
        // Polly v7: retries forever, and retries 4xx answers that will never succeed.
        public static readonly IAsyncPolicy<HttpResponseMessage> Forever = Policy
            .HandleResult<HttpResponseMessage>(r => !r.IsSuccessStatusCode)
            .Or<HttpRequestException>()
            .WaitAndRetryForeverAsync(_ => TimeSpan.FromSeconds(1));

        // Polly v7: ten immediate retries.
        public static readonly IAsyncPolicy Immediate = Policy.Handle<HttpRequestException>().RetryAsync(10);

        // Polly v8: over budget, constant delay, no jitter.
        public static ResiliencePipeline<HttpResponseMessage> Pipeline { get; } = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = 10,
                Delay = TimeSpan.Zero,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is HttpRequestException || (int)args.Outcome.Result!.StatusCode >= 400),
            })
            .Build();

        // A standard resilience handler (3 retries) under an OpenAI client that keeps its own retry policy (3 retries).
        public static ChatClient StackedClient(IServiceCollection services, IHttpClientFactory factory)
        {
            services.AddHttpClient("gateway").AddStandardResilienceHandler();
            var options = new OpenAIClientOptions
            {
                Endpoint = new Uri("https://api.cometapi.com/v1/"),
                Transport = new HttpClientPipelineTransport(factory.CreateClient("gateway")),
            };
            return new ChatClient(Environment.GetEnvironmentVariable("COMETAPI_MODEL")!, new System.ClientModel.ApiKeyCredential(Environment.GetEnvironmentVariable("COMETAPI_API_KEY")!), options);
        }
    }
}
