using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace CometGuard.Probe
{
    /// <summary>
    /// Runs the runbook's two checks against one route — a minimal happy-path request and an
    /// intentionally invalid request that is never retried — and decides, by the
    /// <see cref="DecisionMatrix"/>, whether the route may take canary traffic.
    /// </summary>
    public static partial class SmokeProbe
    {
        /// <summary>The fixed, sanitized message of the happy-path request.</summary>
        public const string HappyPathMessage = "Reply with the single word: ok";

        /// <summary>
        /// Runs the probe. Faults (status codes, bad bodies, resets, timeouts) become classified
        /// records, never exceptions.
        /// </summary>
        /// <param name="options">What to probe; validated before any request.</param>
        /// <param name="httpClient">
        /// The client to send with. Its handler should not follow redirects (see <see cref="CreateHandler"/>);
        /// a redirect it follows anyway is detected and recorded as a 3xx. Its <c>BaseAddress</c> is ignored.
        /// </param>
        /// <param name="cancellationToken">Cancels the run; surfaces as <see cref="OperationCanceledException"/>.</param>
        /// <returns>The report with both records and the decision.</returns>
        /// <exception cref="SmokeProbeOptionsException">The options are invalid (nothing was sent).</exception>
        /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
        public static Task<SmokeProbeReport> RunAsync(SmokeProbeOptions options, HttpClient httpClient, CancellationToken cancellationToken = default)
        {
            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            if (httpClient is null)
            {
                throw new ArgumentNullException(nameof(httpClient));
            }

            options.Validate();
            return RunCoreAsync(options, httpClient, cancellationToken);
        }

        /// <summary>A handler suited to the probe: no redirects, no cookies, no automatic decompression surprises.</summary>
        /// <returns>A new handler; the caller owns it.</returns>
        public static HttpMessageHandler CreateHandler() => new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        };

    }
}
