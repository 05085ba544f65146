using System;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using CometGuard.Probe;

namespace CometGuard.Tests.Probe
{
    /// <summary>
    /// The scripted fault suite over real loopback HTTP: every status class, redirects, HTML, resets,
    /// stalls, oversized and invalid bodies. Each fault yields a classified record and a decision,
    /// with server-side request counts.
    /// </summary>
    public sealed class SmokeProbeFaultTests
    {
        [Theory]
        [InlineData(401, StatusClass.ClientError4xx, FallbackDecision.Escalate, HappyPathClass.CredentialsRejected)]
        [InlineData(403, StatusClass.ClientError4xx, FallbackDecision.Escalate, HappyPathClass.CredentialsRejected)]
        [InlineData(404, StatusClass.ClientError4xx, FallbackDecision.Escalate, HappyPathClass.WrongPath)]
        [InlineData(400, StatusClass.ClientError4xx, FallbackDecision.Escalate, HappyPathClass.RequestRejected)]
        [InlineData(402, StatusClass.ClientError4xx, FallbackDecision.Escalate, HappyPathClass.RequestRejected)]
        [InlineData(409, StatusClass.ClientError4xx, FallbackDecision.Escalate, HappyPathClass.RequestRejected)]
        [InlineData(422, StatusClass.ClientError4xx, FallbackDecision.Escalate, HappyPathClass.RequestRejected)]
        [InlineData(408, StatusClass.ClientError4xx, FallbackDecision.KeepPrimary, HappyPathClass.Throttled)]
        [InlineData(429, StatusClass.ClientError4xx, FallbackDecision.KeepPrimary, HappyPathClass.Throttled)]
        [InlineData(500, StatusClass.ServerError5xx, FallbackDecision.KeepPrimary, HappyPathClass.Unavailable)]
        [InlineData(502, StatusClass.ServerError5xx, FallbackDecision.KeepPrimary, HappyPathClass.Unavailable)]
        [InlineData(503, StatusClass.ServerError5xx, FallbackDecision.KeepPrimary, HappyPathClass.Throttled)]
        [InlineData(504, StatusClass.ServerError5xx, FallbackDecision.KeepPrimary, HappyPathClass.Unavailable)]
        [InlineData(524, StatusClass.ServerError5xx, FallbackDecision.KeepPrimary, HappyPathClass.Unavailable)]
        public async Task Happy_path_status_is_classified_and_never_retried_by_default(int status, StatusClass statusClass, FallbackDecision decision, HappyPathClass happyClass)
        {
            await using var gateway = await ScriptedGateway.StartAsync(Reply.Json(status, ProbeTestKit.CometApiError), Reply.Json(400, ProbeTestKit.OpenAiError));

            var (report, _) = await ProbeTestKit.RunAsync(ProbeTestKit.Options(gateway.BaseAddress));

            Assert.Equal(statusClass, report.HappyPath.StatusClass);
            Assert.Equal(status, report.HappyPath.StatusCode);
            Assert.Equal(happyClass, report.HappyPathClass);
            Assert.Equal(decision, report.FallbackDecision);
            Assert.Equal(RetryDecision.NoRetry, report.RetryDecision);
            Assert.Equal(2, gateway.RequestCount);
        }

        [Theory]
        [InlineData(301)]
        [InlineData(302)]
        [InlineData(307)]
        [InlineData(308)]
        public async Task Redirect_is_recorded_as_wrong_path_and_not_followed(int status)
        {
            await using var gateway = await ScriptedGateway.StartAsync(Reply.Redirect(status, "/docs/chat"), Reply.Json(400, ProbeTestKit.OpenAiError));

            var (report, _) = await ProbeTestKit.RunAsync(ProbeTestKit.Options(gateway.BaseAddress));

            Assert.Equal(StatusClass.Redirect3xx, report.HappyPath.StatusClass);
            Assert.Equal(ProbeOutcome.Redirect, report.HappyPath.Outcome);
            Assert.Equal(FallbackDecision.Escalate, report.FallbackDecision);
            Assert.Equal(2, gateway.RequestCount);
            Assert.Contains("3XX", report.Render(EvidenceFormat.RunbookTemplate), StringComparison.Ordinal);
        }

        [Fact]
        public async Task Redirect_followed_by_a_callers_handler_is_still_recorded_as_3xx()
        {
            await using var gateway = await ScriptedGateway.StartAsync(
                new[] { Reply.Redirect(302, "/v1/elsewhere"), Reply.Json(200, ProbeTestKit.ChatCompletion) },
                Reply.Json(400, ProbeTestKit.OpenAiError));
            using var followingClient = new System.Net.Http.HttpClient();

            var report = await SmokeProbe.RunAsync(ProbeTestKit.Options(gateway.BaseAddress), followingClient);

            Assert.Equal(StatusClass.Redirect3xx, report.HappyPath.StatusClass);
            Assert.Equal(FallbackDecision.Escalate, report.FallbackDecision);
            Assert.Contains("redirect followed", report.HappyPath.Notes, StringComparison.Ordinal);
            ProbeTestKit.AssertNoSecrets(report, null);
        }

        [Theory]
        [InlineData(200)]
        [InlineData(405)]
        public async Task Html_page_is_a_wrong_path_finding(int status)
        {
            await using var gateway = await ScriptedGateway.StartAsync(Reply.Html(status), Reply.Json(400, ProbeTestKit.OpenAiError));

            var (report, _) = await ProbeTestKit.RunAsync(ProbeTestKit.Options(gateway.BaseAddress));

            Assert.Equal(ProbeOutcome.HtmlBody, report.HappyPath.Outcome);
            Assert.Equal(HappyPathClass.WrongPath, report.HappyPathClass);
            Assert.Equal(FallbackDecision.Escalate, report.FallbackDecision);
            Assert.Equal(FieldPresence.NotReturned, report.HappyPath.ResponseIdPresent);
        }

        [Theory]
        [InlineData("application/json", "{\"id\": \"chatcmpl-1\", \"object\": ")]
        [InlineData("application/json", "not json at all")]
        [InlineData("text/plain", "upstream error")]
        [InlineData("application/json", "[1, 2, 3]")]
        [InlineData("application/json", "")]
        public async Task Invalid_json_on_2xx_keeps_primary(string contentType, string body)
        {
            await using var gateway = await ScriptedGateway.StartAsync(Reply.Text(200, contentType, body), Reply.Json(400, ProbeTestKit.OpenAiError));

            var (report, _) = await ProbeTestKit.RunAsync(ProbeTestKit.Options(gateway.BaseAddress));

            Assert.Equal(ProbeOutcome.UnparseableBody, report.HappyPath.Outcome);
            Assert.Equal(FallbackDecision.KeepPrimary, report.FallbackDecision);
            Assert.Equal(FieldPresence.NotReturned, report.HappyPath.UsageFieldPresent);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task Ten_MiB_body_is_not_read_past_64_KiB(bool withContentLength)
        {
            await using var gateway = await ScriptedGateway.StartAsync(Reply.Huge(10 * 1024 * 1024, withContentLength), Reply.Json(400, ProbeTestKit.OpenAiError));
            var watch = Stopwatch.StartNew();

            var (report, _) = await ProbeTestKit.RunAsync(ProbeTestKit.Options(gateway.BaseAddress));

            Assert.Equal(ProbeOutcome.OversizedBody, report.HappyPath.Outcome);
            Assert.Equal(FallbackDecision.KeepPrimary, report.FallbackDecision);
            Assert.Contains("64 KiB", report.HappyPath.Notes, StringComparison.Ordinal);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), "took " + watch.Elapsed);
            Assert.Equal(2, gateway.RequestCount);
        }

        [Fact]
        public async Task Stalled_body_past_the_attempt_timeout_is_a_network_error_with_a_reason()
        {
            await using var gateway = await ScriptedGateway.StartAsync(Reply.StallBody(), Reply.Json(400, ProbeTestKit.OpenAiError));
            var options = ProbeTestKit.Options(gateway.BaseAddress);
            options.AttemptTimeout = TimeSpan.FromMilliseconds(600);
            var watch = Stopwatch.StartNew();

            var (report, _) = await ProbeTestKit.RunAsync(options);

            Assert.Equal(StatusClass.NetworkError, report.HappyPath.StatusClass);
            Assert.Equal(ProbeOutcome.Timeout, report.HappyPath.Outcome);
            Assert.Contains("attempt timeout of 0.6s elapsed", report.HappyPath.Notes, StringComparison.Ordinal);
            Assert.Equal(FallbackDecision.KeepPrimary, report.FallbackDecision);
            Assert.Equal(2, gateway.RequestCount);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), "took " + watch.Elapsed);
        }

        [Fact]
        public async Task Stalled_headers_past_the_attempt_timeout_is_a_network_error()
        {
            await using var gateway = await ScriptedGateway.StartAsync(Reply.StallHeaders(), Reply.Json(400, ProbeTestKit.OpenAiError));
            var options = ProbeTestKit.Options(gateway.BaseAddress);
            options.AttemptTimeout = TimeSpan.FromMilliseconds(500);

            var (report, _) = await ProbeTestKit.RunAsync(options);

            Assert.Equal(ProbeOutcome.Timeout, report.HappyPath.Outcome);
            Assert.Equal("NETWORK_ERROR", EvidenceRenderer.Token(report.HappyPath.StatusClass));
            Assert.Equal(HappyPathClass.Unavailable, report.HappyPathClass);
            Assert.Equal(2, gateway.RequestCount);
        }

        [Fact]
        public async Task Overall_deadline_stops_the_run_and_records_the_unsent_error_path()
        {
            await using var gateway = await ScriptedGateway.StartAsync(Reply.StallHeaders(), Reply.Json(400, ProbeTestKit.OpenAiError));
            var options = ProbeTestKit.Options(gateway.BaseAddress);
            options.AttemptTimeout = TimeSpan.FromSeconds(10);
            options.OverallDeadline = TimeSpan.FromMilliseconds(700);

            var (report, _) = await ProbeTestKit.RunAsync(options);

            Assert.Equal(ProbeOutcome.Timeout, report.HappyPath.Outcome);
            Assert.Contains("overall deadline", report.HappyPath.Notes, StringComparison.Ordinal);
            Assert.Equal(ProbeOutcome.NotAttempted, report.ErrorPath.Outcome);
            Assert.Equal(0, report.ErrorPath.Attempts);
            Assert.Equal(FallbackDecision.KeepPrimary, report.FallbackDecision);
            Assert.Equal(1, gateway.RequestCount);
        }

        [Fact]
        public async Task Caller_cancellation_surfaces_as_cancellation_not_a_record()
        {
            await using var gateway = await ScriptedGateway.StartAsync(Reply.StallHeaders(), Reply.Json(400, ProbeTestKit.OpenAiError));
            using var cancel = new CancellationTokenSource();
            using var client = ProbeTestKit.Client();

            // Cancel once the gateway holds the request, not on a timer: on a loaded machine a timer can fire before it is sent.
            var run = SmokeProbe.RunAsync(ProbeTestKit.Options(gateway.BaseAddress), client, cancel.Token);
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (gateway.RequestCount == 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(10);
            }

            cancel.Cancel();
            var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

            Assert.Equal(cancel.Token, ex.CancellationToken);
            Assert.DoesNotContain(ProbeTestKit.FakeKey, ex.ToString(), StringComparison.Ordinal);
            Assert.Equal(1, gateway.RequestCount);
        }

        [Fact]
        public async Task Connection_reset_is_a_network_error()
        {
            await using var gateway = new RawTcpGateway((type, stream, socket) => type == RequestType.HappyPath
                ? RawTcpGateway.Reset(type, stream, socket)
                : RawTcpGateway.JsonAsync(stream, 400, ProbeTestKit.OpenAiError));

            var (report, _) = await ProbeTestKit.RunAsync(ProbeTestKit.Options(gateway.BaseAddress));

            Assert.Equal(StatusClass.NetworkError, report.HappyPath.StatusClass);
            Assert.Equal(ProbeOutcome.ConnectionFailed, report.HappyPath.Outcome);
            Assert.Null(report.HappyPath.StatusCode);
            Assert.Equal(FallbackDecision.KeepPrimary, report.FallbackDecision);
            Assert.Equal(ErrorPathClass.Rejected, report.ErrorPathClass);
            Assert.Equal(1, gateway.HappyCount);
            Assert.Equal(1, gateway.ErrorCount);
        }

        [Fact]
        public async Task Connection_aborted_mid_response_is_a_network_error()
        {
            await using var gateway = await ScriptedGateway.StartAsync(Reply.Abort(), Reply.Abort());

            var (report, _) = await ProbeTestKit.RunAsync(ProbeTestKit.Options(gateway.BaseAddress));

            Assert.Equal(ProbeOutcome.ConnectionFailed, report.HappyPath.Outcome);
            Assert.Equal(ErrorPathClass.Ambiguous, report.ErrorPathClass);
            Assert.Equal(FallbackDecision.KeepPrimary, report.FallbackDecision);
            Assert.Equal(2, gateway.RequestCount);
        }

        [Fact]
        public async Task Connection_refused_is_a_network_error_on_both_paths()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();

            var (report, _) = await ProbeTestKit.RunAsync(ProbeTestKit.Options(new Uri("http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture) + "/v1/")));

            Assert.Equal(StatusClass.NetworkError, report.HappyPath.StatusClass);
            Assert.Equal(StatusClass.NetworkError, report.ErrorPath.StatusClass);
            Assert.Equal(FallbackDecision.KeepPrimary, report.FallbackDecision);
            Assert.Contains("connection failed", report.HappyPath.Notes, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData(200, ErrorPathClass.Accepted, FallbackDecision.Escalate)]
        [InlineData(201, ErrorPathClass.Accepted, FallbackDecision.Escalate)]
        [InlineData(400, ErrorPathClass.Rejected, FallbackDecision.RouteCanary)]
        [InlineData(422, ErrorPathClass.Rejected, FallbackDecision.RouteCanary)]
        [InlineData(401, ErrorPathClass.CredentialsRejected, FallbackDecision.Escalate)]
        [InlineData(403, ErrorPathClass.CredentialsRejected, FallbackDecision.Escalate)]
        [InlineData(404, ErrorPathClass.Ambiguous, FallbackDecision.KeepPrimary)]
        [InlineData(429, ErrorPathClass.Ambiguous, FallbackDecision.KeepPrimary)]
        [InlineData(500, ErrorPathClass.Ambiguous, FallbackDecision.KeepPrimary)]
        [InlineData(503, ErrorPathClass.Ambiguous, FallbackDecision.KeepPrimary)]
        [InlineData(301, ErrorPathClass.Ambiguous, FallbackDecision.KeepPrimary)]
        public async Task Error_path_status_decides_and_is_never_retried(int status, ErrorPathClass errorClass, FallbackDecision decision)
        {
            var error = status >= 300 && status < 400
                ? Reply.Redirect(status, "/elsewhere")
                : status < 300 ? Reply.Json(status, ProbeTestKit.ChatCompletion) : Reply.Json(status, ProbeTestKit.CometApiError, ("Retry-After", "0"));
            await using var gateway = await ScriptedGateway.StartAsync(Reply.Json(200, ProbeTestKit.ChatCompletion), error);
            var options = ProbeTestKit.Options(gateway.BaseAddress);
            options.EnableSingleRetry = true;

            var (report, _) = await ProbeTestKit.RunAsync(options);

            Assert.Equal(errorClass, report.ErrorPathClass);
            Assert.Equal(decision, report.FallbackDecision);
            Assert.Equal(1, gateway.ErrorCount);
            Assert.Equal(2, gateway.RequestCount);
            Assert.Equal(1, report.ErrorPath.Attempts);
        }

        [Fact]
        public async Task Ok_with_error_body_on_the_error_path_escalates()
        {
            await using var gateway = await ScriptedGateway.StartAsync(Reply.Json(200, ProbeTestKit.ChatCompletion), Reply.Json(200, ProbeTestKit.OpenAiError));

            var (report, _) = await ProbeTestKit.RunAsync(ProbeTestKit.Options(gateway.BaseAddress));

            Assert.Equal(ErrorPathClass.Accepted, report.ErrorPathClass);
            Assert.Equal(FallbackDecision.Escalate, report.FallbackDecision);
        }

        [Fact]
        public async Task CometApi_500_invalid_request_is_not_retried_even_when_opted_in()
        {
            var body = "{\"error\":{\"message\":\"x\",\"type\":\"comet_api_error\",\"param\":\"\",\"code\":\"invalid_request\"}}";
            await using var gateway = await ScriptedGateway.StartAsync(Reply.Json(500, body, ("Retry-After", "0")), Reply.Json(400, ProbeTestKit.CometApiError));
            var options = ProbeTestKit.Options(gateway.BaseAddress);
            options.EnableSingleRetry = true;

            var (report, _) = await ProbeTestKit.RunAsync(options);

            Assert.Equal("invalid_request", report.HappyPath.ErrorCode);
            Assert.Equal(FallbackDecision.KeepPrimary, report.FallbackDecision);
            Assert.Equal(RetryDecision.NoRetry, report.RetryDecision);
            Assert.Equal(2, gateway.RequestCount);
        }
    }
}
