using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using CometGuard.Probe;
using Microsoft.Extensions.DependencyInjection;

namespace CometGuard.Tests.Probe
{
    /// <summary>The one-call test assertion and the IHttpClientFactory registration.</summary>
    public sealed class SmokeProbeAssertTests
    {
        [Fact]
        public void Route_canary_passes_silently()
        {
            var report = EvidenceRendererTests.Report();

            SmokeProbeAssert.RouteCanary(report);
            Assert.Same(report, report.ShouldAllowCanary());
        }

        [Fact]
        public async Task Other_decisions_throw_a_framework_neutral_exception_with_the_sanitized_summary()
        {
            await using var gateway = await ScriptedGateway.StartAsync(Reply.Json(401, ProbeTestKit.OpenAiError), Reply.Json(401, ProbeTestKit.OpenAiError));
            var (report, _) = await ProbeTestKit.RunAsync(ProbeTestKit.Options(gateway.BaseAddress));

            var ex = Assert.Throws<SmokeProbeAssertionException>(() => report.ShouldAllowCanary());

            Assert.Equal(FallbackDecision.Escalate, ex.FallbackDecision);
            Assert.Contains("fallback_decision: ESCALATE, retry_decision: NO_RETRY", ex.Message, StringComparison.Ordinal);
            Assert.Contains("HAPPY_PATH: 4XX (401), CREDENTIALS_REJECTED", ex.Message, StringComparison.Ordinal);
            Assert.Equal(report.Summary, ex.Summary);
            Assert.DoesNotContain(ProbeTestKit.FakeKey, ex.ToString(), StringComparison.Ordinal);

            // No test framework type in the chain: xunit, NUnit and MSTest all report a plain exception.
            Assert.Equal(typeof(Exception), ex.GetType().BaseType);
            Assert.Equal(typeof(SmokeProbe).Assembly, ex.GetType().Assembly);
        }

        [Fact]
        public async Task Http_client_factory_registration_runs_the_probe_without_following_redirects()
        {
            await using var gateway = await ScriptedGateway.StartAsync(
                new[] { Reply.Json(200, ProbeTestKit.ChatCompletion), Reply.Redirect(301, "/elsewhere") },
                Reply.Json(400, ProbeTestKit.OpenAiError));
            var services = new ServiceCollection();
            services.AddCometGuardSmokeProbe(options =>
            {
                options.BaseAddress = gateway.BaseAddress;
                options.EndpointFamily = EndpointFamily.ChatCompletions;
                options.Model = ProbeTestKit.Model;
                options.ApiKey = SecretSource.FromDelegate(() => ProbeTestKit.FakeKey);
            });
            using var provider = services.BuildServiceProvider();
            var runner = provider.GetRequiredService<SmokeProbeRunner>();

            var first = await runner.RunAsync();
            var second = await runner.RunAsync();

            Assert.Equal(FallbackDecision.RouteCanary, first.FallbackDecision);
            Assert.Equal(StatusClass.Redirect3xx, second.HappyPath.StatusClass);
            Assert.Equal(4, gateway.RequestCount);
            var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(SmokeProbeServiceCollectionExtensions.HttpClientName);
            Assert.Equal(Timeout.InfiniteTimeSpan, client.Timeout); // the probe enforces its own per-attempt timeout and deadline
        }
    }
}
