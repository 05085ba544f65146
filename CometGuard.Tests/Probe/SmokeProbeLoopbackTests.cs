using System;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using CometGuard.Probe;
using Microsoft.AspNetCore.Http;

namespace CometGuard.Tests.Probe
{
    /// <summary>Happy paths, error path, shape checks and model drift over real loopback HTTP (Kestrel).</summary>
    public sealed class SmokeProbeLoopbackTests
    {
        [Fact]
        public async Task Chat_completions_documented_answer_routes_canary_with_two_requests()
        {
            await using var gateway = await ScriptedGateway.StartAsync(Reply.Json(200, ProbeTestKit.ChatCompletion), Reply.Json(400, ProbeTestKit.OpenAiError));
            var options = ProbeTestKit.Options(gateway.BaseAddress);
            options.ApplicationReads.Add("id");
            options.ApplicationReads.Add("choices[0].message.content");
            options.ApplicationReads.Add("usage.total_tokens");

            var (report, _) = await ProbeTestKit.RunAsync(options);

            Assert.Equal(FallbackDecision.RouteCanary, report.FallbackDecision);
            Assert.Equal(RetryDecision.NoRetry, report.RetryDecision);
            Assert.Equal(2, gateway.RequestCount);
            Assert.Equal(1, gateway.HappyCount);
            Assert.Equal(1, gateway.ErrorCount);
            Assert.Equal(2, report.RequestsSent);

            var happy = report.HappyPath;
            Assert.Equal(StatusClass.Success2xx, happy.StatusClass);
            Assert.Equal(200, happy.StatusCode);
            Assert.Equal(FieldPresence.Present, happy.ResponseIdPresent);
            Assert.Equal("chat.completion", happy.ResponseObjectType);
            Assert.Equal(FieldPresence.Present, happy.UsageFieldPresent);
            Assert.Equal("stop", happy.FinishState);
            Assert.Equal(ServedModelMatch.Exact, happy.ServedModelMatch);
            Assert.All(happy.ApplicationReads, r => Assert.Equal(FieldPresence.Present, r.Presence));

            var error = report.ErrorPath;
            Assert.Equal(StatusClass.ClientError4xx, error.StatusClass);
            Assert.Equal(400, error.StatusCode);
            Assert.Equal("invalid_request_error", error.ErrorType);
            Assert.Equal("missing_required_parameter", error.ErrorCode);
            Assert.Equal(FieldPresence.Absent, error.ResponseIdPresent);
            Assert.Null(error.ResponseObjectType);

            var requests = gateway.Requests;
            Assert.All(requests, r => Assert.Equal("/v1/chat/completions", r.Path));
            Assert.All(requests, r => Assert.Equal("Bearer " + ProbeTestKit.FakeKey, r.Authorization));
            using var happyBody = JsonDocument.Parse(requests.Single(r => r.Type == RequestType.HappyPath).Body);
            Assert.Equal(ProbeTestKit.Model, happyBody.RootElement.GetProperty("model").GetString());
            Assert.Equal(SmokeProbe.HappyPathMessage, happyBody.RootElement.GetProperty("messages")[0].GetProperty("content").GetString());
            Assert.Equal(512, happyBody.RootElement.GetProperty("max_completion_tokens").GetInt32());
            Assert.False(happyBody.RootElement.GetProperty("stream").GetBoolean());
            using var errorBody = JsonDocument.Parse(requests.Single(r => r.Type == RequestType.ErrorPath).Body);
            Assert.False(errorBody.RootElement.TryGetProperty("messages", out _));
            Assert.Equal(ProbeTestKit.Model, errorBody.RootElement.GetProperty("model").GetString());
        }

        [Fact]
        public async Task Responses_documented_answer_routes_canary()
        {
            await using var gateway = await ScriptedGateway.StartAsync(Reply.Json(200, ProbeTestKit.ResponseCompleted), Reply.Json(400, ProbeTestKit.OpenAiError));
            var options = ProbeTestKit.Options(gateway.BaseAddress, EndpointFamily.Responses);
            options.ApplicationReads.Add("output[0].content[0].text");
            options.ApplicationReads.Add("usage.total_tokens");

            var (report, _) = await ProbeTestKit.RunAsync(options);

            Assert.Equal(FallbackDecision.RouteCanary, report.FallbackDecision);
            Assert.Equal("response", report.HappyPath.ResponseObjectType);
            Assert.Equal("completed", report.HappyPath.FinishState);
            Assert.Equal(2, gateway.RequestCount);
            Assert.All(gateway.Requests, r => Assert.Equal("/v1/responses", r.Path));
            using var happyBody = JsonDocument.Parse(gateway.Requests.Single(r => r.Type == RequestType.HappyPath).Body);
            Assert.Equal(SmokeProbe.HappyPathMessage, happyBody.RootElement.GetProperty("input").GetString());
            Assert.Equal(512, happyBody.RootElement.GetProperty("max_output_tokens").GetInt32());
            using var errorBody = JsonDocument.Parse(gateway.Requests.Single(r => r.Type == RequestType.ErrorPath).Body);
            Assert.False(errorBody.RootElement.TryGetProperty("input", out _));
        }

        [Theory]
        [InlineData("incomplete")]
        [InlineData("failed")]
        [InlineData("in_progress")]
        [InlineData("cancelled")]
        public async Task Responses_status_other_than_completed_keeps_primary(string status)
        {
            var body = ProbeTestKit.ResponseWith(r =>
            {
                r["status"] = status;
                if (status == "incomplete")
                {
                    r["incomplete_details"] = new JsonObject { ["reason"] = "max_output_tokens" };
                }
            });
            await using var gateway = await ScriptedGateway.StartAsync(Reply.Json(200, body), Reply.Json(400, ProbeTestKit.OpenAiError));

            var (report, _) = await ProbeTestKit.RunAsync(ProbeTestKit.Options(gateway.BaseAddress, EndpointFamily.Responses));

            Assert.Equal(FallbackDecision.KeepPrimary, report.FallbackDecision);
            Assert.Equal(ProbeOutcome.NotCompleted, report.HappyPath.Outcome);
            Assert.Equal(status, report.HappyPath.FinishState);
            Assert.Equal(HappyPathClass.ShapeMismatch, report.HappyPathClass);
            if (status == "incomplete")
            {
                Assert.Contains("incomplete_details.reason max_output_tokens", report.HappyPath.Notes, StringComparison.Ordinal);
            }
        }

        [Fact]
        public async Task CometApi_error_envelope_on_the_error_path_is_the_expected_answer()
        {
            await using var gateway = await ScriptedGateway.StartAsync(Reply.Json(200, ProbeTestKit.ChatCompletion), Reply.Json(400, ProbeTestKit.CometApiError));

            var (report, _) = await ProbeTestKit.RunAsync(ProbeTestKit.Options(gateway.BaseAddress));

            Assert.Equal(FallbackDecision.RouteCanary, report.FallbackDecision);
            Assert.Equal("comet_api_error", report.ErrorPath.ErrorType);
            Assert.Null(report.ErrorPath.ErrorCode);
            Assert.DoesNotContain("field messages is required", report.Render(EvidenceFormat.JsonLines), StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("openai", 400)]
        [InlineData("openai", 422)]
        [InlineData("cometapi", 400)]
        public async Task Error_envelope_on_the_happy_path_escalates(string envelope, int status)
        {
            var body = envelope == "openai" ? ProbeTestKit.OpenAiError : ProbeTestKit.CometApiError;
            await using var gateway = await ScriptedGateway.StartAsync(Reply.Json(status, body), Reply.Json(400, body));

            var (report, _) = await ProbeTestKit.RunAsync(ProbeTestKit.Options(gateway.BaseAddress));

            Assert.Equal(FallbackDecision.Escalate, report.FallbackDecision);
            Assert.Equal(HappyPathClass.RequestRejected, report.HappyPathClass);
            Assert.Equal(envelope == "openai" ? "invalid_request_error" : "comet_api_error", report.HappyPath.ErrorType);
            Assert.DoesNotContain("Missing required parameter", report.Render(EvidenceFormat.RunbookTemplate), StringComparison.Ordinal);
            Assert.Equal(2, gateway.RequestCount);
        }

        [Fact]
        public async Task Ok_status_with_an_error_body_is_recorded_not_trusted()
        {
            await using var gateway = await ScriptedGateway.StartAsync(Reply.Json(200, ProbeTestKit.CometApiError), Reply.Json(400, ProbeTestKit.OpenAiError));

            var (report, _) = await ProbeTestKit.RunAsync(ProbeTestKit.Options(gateway.BaseAddress));

            Assert.Equal(FallbackDecision.KeepPrimary, report.FallbackDecision);
            Assert.Equal(ProbeOutcome.ErrorBodyOn2xx, report.HappyPath.Outcome);
            Assert.Equal(StatusClass.Success2xx, report.HappyPath.StatusClass);
            Assert.Equal("comet_api_error", report.HappyPath.ErrorType);
        }

        [Theory]
        [InlineData("empty-choices", ProbeOutcome.EmptyChoices)]
        [InlineData("null-finish", ProbeOutcome.EmptyChoices)]
        [InlineData("no-id", ProbeOutcome.MissingId)]
        [InlineData("chunk-object", ProbeOutcome.UnexpectedObject)]
        [InlineData("no-object", ProbeOutcome.UnexpectedObject)]
        public async Task Chat_shape_faults_keep_primary(string fault, ProbeOutcome expected)
        {
            var body = ProbeTestKit.ChatWith(c =>
            {
                switch (fault)
                {
                    case "empty-choices": c["choices"] = new JsonArray(); break;
                    case "null-finish": c["choices"]![0]!["finish_reason"] = null; break;
                    case "no-id": c.Remove("id"); break;
                    case "chunk-object": c["object"] = "chat.completion.chunk"; break;
                    case "no-object": c.Remove("object"); break;
                }
            });
            await using var gateway = await ScriptedGateway.StartAsync(Reply.Json(200, body), Reply.Json(400, ProbeTestKit.OpenAiError));

            var (report, _) = await ProbeTestKit.RunAsync(ProbeTestKit.Options(gateway.BaseAddress));

            Assert.Equal(FallbackDecision.KeepPrimary, report.FallbackDecision);
            Assert.Equal(expected, report.HappyPath.Outcome);
            Assert.Equal(HappyPathClass.ShapeMismatch, report.HappyPathClass);
        }

        [Fact]
        public async Task Missing_application_read_blocks_promotion_and_names_the_path()
        {
            await using var gateway = await ScriptedGateway.StartAsync(
                Reply.Json(200, ProbeTestKit.ChatWith(c => c.Remove("usage"))),
                Reply.Json(400, ProbeTestKit.OpenAiError));
            var options = ProbeTestKit.Options(gateway.BaseAddress);
            options.ApplicationReads.Add("choices[0].message.content");
            options.ApplicationReads.Add("usage.total_tokens");

            var (report, _) = await ProbeTestKit.RunAsync(options);

            Assert.Equal(FallbackDecision.KeepPrimary, report.FallbackDecision);
            Assert.Equal(HappyPathClass.ApplicationReadMissing, report.HappyPathClass);
            Assert.Equal(FieldPresence.Absent, report.HappyPath.UsageFieldPresent);
            Assert.Equal(FieldPresence.Absent, report.HappyPath.ApplicationReads.Single(r => r.Path == "usage.total_tokens").Presence);
            Assert.Contains("usage.total_tokens", report.HappyPath.Notes, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("gpt-5.4", false, ServedModelMatch.Exact, FallbackDecision.RouteCanary)]
        [InlineData("gpt-5.4-2026-03-05", false, ServedModelMatch.DatedVariant, FallbackDecision.RouteCanary)]
        [InlineData("gpt-4o-mini", false, ServedModelMatch.Different, FallbackDecision.RouteCanary)]
        [InlineData("gpt-5.4-2026-03-05", true, ServedModelMatch.DatedVariant, FallbackDecision.KeepPrimary)]
        [InlineData("gpt-4o-mini", true, ServedModelMatch.Different, FallbackDecision.KeepPrimary)]
        public async Task Served_model_drift_is_recorded_and_blocks_only_on_exact_match(string served, bool exact, ServedModelMatch match, FallbackDecision decision)
        {
            await using var gateway = await ScriptedGateway.StartAsync(
                Reply.Json(200, ProbeTestKit.ChatWith(c => c["model"] = served)),
                Reply.Json(400, ProbeTestKit.OpenAiError));
            var options = ProbeTestKit.Options(gateway.BaseAddress);
            options.RequireExactModelMatch = exact;

            var (report, _) = await ProbeTestKit.RunAsync(options);

            Assert.Equal(match, report.HappyPath.ServedModelMatch);
            Assert.Equal(served, report.HappyPath.ServedModel);
            Assert.Equal(decision, report.FallbackDecision);
            if (match != ServedModelMatch.Exact)
            {
                Assert.Contains("served model " + served, report.HappyPath.Notes, StringComparison.Ordinal);
            }
        }

        [Fact]
        public async Task Canary_route_that_fails_rolls_back()
        {
            await using var gateway = await ScriptedGateway.StartAsync(Reply.Json(500, ProbeTestKit.CometApiError), Reply.Json(400, ProbeTestKit.OpenAiError));
            var options = ProbeTestKit.Options(gateway.BaseAddress);
            options.CurrentRoute = CurrentRoute.Canary;

            var (report, _) = await ProbeTestKit.RunAsync(options);

            Assert.Equal(FallbackDecision.RollBack, report.FallbackDecision);
            Assert.Equal(RetryDecision.NoRetry, report.RetryDecision);
        }

        [Fact]
        public async Task Key_echoed_everywhere_by_the_gateway_never_reaches_any_output()
        {
            Func<HttpContext, Task> echo = context =>
            {
                var auth = context.Request.Headers.Authorization.ToString();
                var key = auth.Substring("Bearer ".Length);
                var body = ProbeTestKit.ChatWith(c =>
                {
                    c["id"] = key;
                    c["model"] = key;
                    c["object"] = key;
                    c["choices"]![0]!["finish_reason"] = key;
                    c["error"] = new JsonObject { ["message"] = "bad key " + auth, ["type"] = key, ["code"] = key };
                });
                return Reply.Json(200, body, ("X-Echo", auth))(context);
            };
            Func<HttpContext, Task> echoError = context =>
            {
                var key = context.Request.Headers.Authorization.ToString().Substring("Bearer ".Length);
                return Reply.Json(400, new JsonObject { ["error"] = new JsonObject { ["message"] = "Incorrect API key provided: " + key, ["type"] = key, ["code"] = key, ["param"] = key } }.ToJsonString())(context);
            };
            await using var gateway = await ScriptedGateway.StartAsync(echo, echoError);
            var options = ProbeTestKit.Options(gateway.BaseAddress);
            options.ApplicationReads.Add("choices[0].message.content");

            // RunAsync asserts no output carries the key; check the records kept the redaction marker.
            var (report, _) = await ProbeTestKit.RunAsync(options);
            Assert.Equal("[REDACTED]", report.ErrorPath.ErrorType);
            Assert.Equal("[REDACTED]", report.HappyPath.ServedModel);

            foreach (var shaped in Verifiers.TestKeys.All)
            {
                var (shapedReport, log) = await ProbeTestKit.RunAsync(ProbeTestKit.Options(gateway.BaseAddress, key: shaped));
                ProbeTestKit.AssertNoSecrets(shapedReport, log, shaped);
            }
        }
    }
}
