using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using OpenAI.Chat;
using Polly;
using Polly.Retry;

namespace Samples.Gateway
{
    /// <summary>The fixed twin of samples/GatewayClient/Resilience.cs: bounded, jittered, transient-only, one layer.</summary>
    public static class Resilience
    {
        public static ResiliencePipeline<HttpResponseMessage> Pipeline { get; } = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = 3,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is HttpRequestException
                    || args.Outcome.Result is { StatusCode: HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests }
                    || (int?)args.Outcome.Result?.StatusCode >= 500),
            })
            .Build();

        // One retry layer: the OpenAI client's own policy; the HttpClient underneath has no retrying handler.
        public static ChatClient Client(IServiceCollection services, IHttpClientFactory factory, string model)
        {
            services.AddHttpClient("gateway");
            var options = new OpenAIClientOptions
            {
                Endpoint = new Uri("https://api.cometapi.com/v1/"),
                Transport = new HttpClientPipelineTransport(factory.CreateClient("gateway")),
            };
            return new ChatClient(model, new ApiKeyCredential(Environment.GetEnvironmentVariable("COMETAPI_API_KEY") ?? throw new InvalidOperationException("Set COMETAPI_API_KEY.")), options);
        }
    }
}
