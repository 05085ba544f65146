using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Tasks;
using CometGuard.Probe;

namespace CometGuard.Tests.Probe
{
    /// <summary>
    /// The opt-in single retry: only 408/429/503 with a Retry-After (seconds or HTTP-date) within the
    /// cap; at most 3 requests per run, counted on the server.
    /// </summary>
    public sealed class SmokeProbeRetryTests
    {
        private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

        [Theory]
        [InlineData(429)]
        [InlineData(503)]
        [InlineData(408)]
        public async Task Retry_after_in_seconds_under_the_cap_spends_one_retry(int status)
        {
            await using var gateway = await ScriptedGateway.StartAsync(
                new[] { Reply.Json(status, ProbeTestKit.CometApiError, ("Retry-After", "1")), Reply.Json(200, ProbeTestKit.ChatCompletion) },
                Reply.Json(400, ProbeTestKit.OpenAiError));
            var options = ProbeTestKit.Options(gateway.BaseAddress);
            options.EnableSingleRetry = true;
            options.RetryAfterCap = TimeSpan.FromSeconds(2);
            var watch = Stopwatch.StartNew();

            var (report, _) = await ProbeTestKit.RunAsync(options);

            Assert.Equal(FallbackDecision.RouteCanary, report.FallbackDecision);
            Assert.Equal(RetryDecision.SingleRetry, report.RetryDecision);
            Assert.Equal(2, report.HappyPath.Attempts);
            Assert.Equal(3, gateway.RequestCount);
            Assert.Equal(3, report.RequestsSent);
            Assert.Equal(2, gateway.HappyCount);
            Assert.Equal(1, gateway.ErrorCount);
            Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.9), "the Retry-After wait was not honoured: " + watch.Elapsed);
        }

        [Fact]
        public async Task Retry_after_as_http_date_under_the_cap_spends_one_retry()
        {
            var retryAt = Now.ToString("r", CultureInfo.InvariantCulture);
            await using var gateway = await ScriptedGateway.StartAsync(
                new[] { Reply.Json(429, ProbeTestKit.CometApiError, ("Retry-After", retryAt)), Reply.Json(200, ProbeTestKit.ChatCompletion) },
                Reply.Json(400, ProbeTestKit.OpenAiError));
            var options = ProbeTestKit.Options(gateway.BaseAddress);
            options.EnableSingleRetry = true;
            options.TimeProvider = new FixedClock(Now - TimeSpan.FromMilliseconds(300));

            var (report, _) = await ProbeTestKit.RunAsync(options);

            Assert.Equal(RetryDecision.SingleRetry, report.RetryDecision);
            Assert.Equal(FallbackDecision.RouteCanary, report.FallbackDecision);
            Assert.Equal(3, gateway.RequestCount);
        }

        [Theory]
        [InlineData("120")]
        [InlineData("date+1h")]
        public async Task Retry_after_beyond_the_cap_is_not_retried_and_escalates_the_retry_decision(string retryAfter)
        {
            var header = retryAfter == "date+1h" ? (Now + TimeSpan.FromHours(1)).ToString("r", CultureInfo.InvariantCulture) : retryAfter;
            await using var gateway = await ScriptedGateway.StartAsync(
                Reply.Json(429, ProbeTestKit.CometApiError, ("Retry-After", header)),
                Reply.Json(400, ProbeTestKit.OpenAiError));
            var options = ProbeTestKit.Options(gateway.BaseAddress);
            options.EnableSingleRetry = true;
            options.TimeProvider = new FixedClock(Now);

            var (report, _) = await ProbeTestKit.RunAsync(options);

            Assert.Equal(FallbackDecision.KeepPrimary, report.FallbackDecision);
            Assert.Equal(RetryDecision.Escalate, report.RetryDecision);
            Assert.Equal(HappyPathClass.ThrottledBeyondCap, report.HappyPathClass);
            Assert.Contains("exceeds cap", report.HappyPath.Notes, StringComparison.Ordinal);
            Assert.Equal(2, gateway.RequestCount);
        }

        [Theory]
        [InlineData("1")]
        [InlineData("date")]
        public async Task Retry_after_under_the_cap_without_opt_in_is_not_retried(string retryAfter)
        {
            var header = retryAfter == "date" ? Now.ToString("r", CultureInfo.InvariantCulture) : retryAfter;
            await using var gateway = await ScriptedGateway.StartAsync(
                Reply.Json(429, ProbeTestKit.CometApiError, ("Retry-After", header)),
                Reply.Json(400, ProbeTestKit.OpenAiError));
            var options = ProbeTestKit.Options(gateway.BaseAddress);
            options.TimeProvider = new FixedClock(Now - TimeSpan.FromSeconds(1));

            var (report, _) = await ProbeTestKit.RunAsync(options);

            Assert.Equal(FallbackDecision.KeepPrimary, report.FallbackDecision);
            Assert.Equal(RetryDecision.NoRetry, report.RetryDecision);
            Assert.Contains("retry not opted in", report.HappyPath.Notes, StringComparison.Ordinal);
            Assert.Equal(2, gateway.RequestCount);
        }

        [Fact]
        public async Task Throttled_without_retry_after_is_not_retried_even_when_opted_in()
        {
            await using var gateway = await ScriptedGateway.StartAsync(Reply.Json(429, ProbeTestKit.CometApiError), Reply.Json(400, ProbeTestKit.OpenAiError));
            var options = ProbeTestKit.Options(gateway.BaseAddress);
            options.EnableSingleRetry = true;

            var (report, _) = await ProbeTestKit.RunAsync(options);

            Assert.Equal(RetryDecision.NoRetry, report.RetryDecision);
            Assert.Equal(FallbackDecision.KeepPrimary, report.FallbackDecision);
            Assert.Contains("no Retry-After, not retried", report.HappyPath.Notes, StringComparison.Ordinal);
            Assert.Equal(2, gateway.RequestCount);
        }

        [Fact]
        public async Task Throttled_again_after_the_retry_stops_at_three_requests()
        {
            await using var gateway = await ScriptedGateway.StartAsync(
                Reply.Json(429, ProbeTestKit.CometApiError, ("Retry-After", "0")),
                Reply.Json(400, ProbeTestKit.OpenAiError));
            var options = ProbeTestKit.Options(gateway.BaseAddress);
            options.EnableSingleRetry = true;

            var (report, _) = await ProbeTestKit.RunAsync(options);

            Assert.Equal(FallbackDecision.KeepPrimary, report.FallbackDecision);
            Assert.Equal(RetryDecision.SingleRetry, report.RetryDecision);
            Assert.Equal(3, gateway.RequestCount);
            Assert.Equal(2, gateway.HappyCount);
        }

        [Fact]
        public async Task Retry_decided_by_the_retried_attempt()
        {
            await using var gateway = await ScriptedGateway.StartAsync(
                new[] { Reply.Json(503, ProbeTestKit.CometApiError, ("Retry-After", "0")), Reply.Json(401, ProbeTestKit.CometApiError) },
                Reply.Json(400, ProbeTestKit.OpenAiError));
            var options = ProbeTestKit.Options(gateway.BaseAddress);
            options.EnableSingleRetry = true;

            var (report, _) = await ProbeTestKit.RunAsync(options);

            Assert.Equal(FallbackDecision.Escalate, report.FallbackDecision);
            Assert.Equal(RetryDecision.SingleRetry, report.RetryDecision);
            Assert.Equal(401, report.HappyPath.StatusCode);
            Assert.Equal(3, gateway.RequestCount);
        }

        [Fact]
        public async Task Retry_that_would_pass_the_overall_deadline_is_skipped()
        {
            await using var gateway = await ScriptedGateway.StartAsync(
                Reply.Json(429, ProbeTestKit.CometApiError, ("Retry-After", "5")),
                Reply.Json(400, ProbeTestKit.OpenAiError));
            var options = ProbeTestKit.Options(gateway.BaseAddress);
            options.EnableSingleRetry = true;
            options.OverallDeadline = TimeSpan.FromSeconds(3);

            var (report, _) = await ProbeTestKit.RunAsync(options);

            Assert.Equal(RetryDecision.NoRetry, report.RetryDecision);
            Assert.Contains("retry skipped", report.HappyPath.Notes, StringComparison.Ordinal);
            Assert.Equal(2, gateway.RequestCount);
        }

        /// <summary>A clock fixed for dates; timers stay real.</summary>
        private sealed class FixedClock : TimeProvider
        {
            private readonly DateTimeOffset _now;

            public FixedClock(DateTimeOffset now)
            {
                _now = now;
            }

            public override DateTimeOffset GetUtcNow() => _now;
        }
    }
}
