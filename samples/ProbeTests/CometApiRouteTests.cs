using System;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;
using CometGuard.Probe;
using Xunit;
using Xunit.Abstractions;

namespace Samples.ProbeTests
{
    /// <summary>
    /// The runbook's smoke test of the CometAPI fallback route, as a team would keep it in its suite.
    /// It sends two requests (one happy path, one intentionally invalid), never stores the key, the
    /// prompt or the answer, and fails with the sanitized summary unless the route may take canary traffic.
    /// </summary>
    public class CometApiRouteTests
    {
        private readonly ITestOutputHelper _output;

        public CometApiRouteTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [LiveFact]
        public Task Chat_completions_route_may_take_canary_traffic() => ProbeAsync(EndpointFamily.ChatCompletions, "https://apidoc.cometapi.com/api/text/chat");

        [LiveFact]
        public Task Responses_route_may_take_canary_traffic() => ProbeAsync(EndpointFamily.Responses, "https://apidoc.cometapi.com/api/text/responses");

        private async Task ProbeAsync(EndpointFamily family, string evidenceLink)
        {
            using var http = new HttpClient(SmokeProbe.CreateHandler());
            var report = await SmokeProbe.RunAsync(
                new SmokeProbeOptions
                {
                    EndpointFamily = family,
                    Model = Environment.GetEnvironmentVariable(LiveFactAttribute.ModelVariable),
                    ApiKey = SecretSource.Environment(LiveFactAttribute.KeyVariable),
                    Environment = Environment.GetEnvironmentVariable("COMETAPI_ENVIRONMENT") ?? "staging",
                    Operator = Environment.GetEnvironmentVariable("COMETAPI_OPERATOR") ?? "samples",
                    EvidenceLinks = { evidenceLink },

                    // The fields the application reads, as its build recorded them: no hand-typed list to go stale.
                    ReadManifest = ReadManifest.From(typeof(Samples.Gateway.ChatService).Assembly),
                },
                http);

            // Evidence for the reviewer: the runbook template in the test log, a Markdown job summary in CI.
            _output.WriteLine(report.Render(EvidenceFormat.RunbookTemplate));
            if (Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY") is { Length: > 0 } summary)
            {
                await File.AppendAllTextAsync(summary, report.Render(EvidenceFormat.Markdown));
            }

            report.ShouldAllowCanary();
        }
    }
}
