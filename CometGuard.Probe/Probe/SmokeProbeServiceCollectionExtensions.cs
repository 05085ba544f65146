using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CometGuard.Probe
{
    /// <summary>Registers the probe with <c>IHttpClientFactory</c>.</summary>
    public static class SmokeProbeServiceCollectionExtensions
    {
        /// <summary>The name of the probe's <see cref="HttpClient"/> in the factory.</summary>
        public const string HttpClientName = "CometGuard.SmokeProbe";

        /// <summary>
        /// Registers <see cref="SmokeProbeRunner"/>, its options, and a named <see cref="HttpClient"/>
        /// whose primary handler never follows redirects. Do not add a resilience or retry handler to
        /// the returned builder: the probe's own retry is bounded and recorded.
        /// </summary>
        /// <param name="services">The service collection.</param>
        /// <param name="configure">Sets the options (family, model, key source...).</param>
        /// <returns>The named client's builder, for proxies or certificates.</returns>
        public static IHttpClientBuilder AddCometGuardSmokeProbe(this IServiceCollection services, Action<SmokeProbeOptions> configure)
        {
            if (services is null)
            {
                throw new ArgumentNullException(nameof(services));
            }

            if (configure is null)
            {
                throw new ArgumentNullException(nameof(configure));
            }

            services.AddOptions<SmokeProbeOptions>().Configure(configure);
            services.AddTransient<SmokeProbeRunner>();
            return services.AddHttpClient(HttpClientName)
                .ConfigurePrimaryHttpMessageHandler(() => SmokeProbe.CreateHandler())
                .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Runs the probe with the registered options and the factory's named client.</summary>
    public sealed class SmokeProbeRunner
    {
        private readonly IHttpClientFactory _factory;
        private readonly SmokeProbeOptions _options;

        /// <summary>Created by dependency injection.</summary>
        /// <param name="factory">The client factory.</param>
        /// <param name="options">The registered options.</param>
        public SmokeProbeRunner(IHttpClientFactory factory, IOptions<SmokeProbeOptions> options)
        {
            _factory = factory ?? throw new ArgumentNullException(nameof(factory));
            _options = (options ?? throw new ArgumentNullException(nameof(options))).Value;
        }

        /// <summary>The options this runner uses.</summary>
        public SmokeProbeOptions Options => _options;

        /// <summary>Runs the probe once.</summary>
        /// <param name="cancellationToken">Cancels the run; surfaces as <see cref="OperationCanceledException"/>.</param>
        /// <returns>The report.</returns>
        public Task<SmokeProbeReport> RunAsync(CancellationToken cancellationToken = default)
            => SmokeProbe.RunAsync(_options, _factory.CreateClient(SmokeProbeServiceCollectionExtensions.HttpClientName), cancellationToken);
    }
}
