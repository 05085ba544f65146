using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using CometGuard.Probe;

namespace CometGuard.Tests.Probe
{
    /// <summary>The three renderings of the one record model, the final scrub and the JSONL writer.</summary>
    public sealed class EvidenceRendererTests
    {
        private static readonly DateTimeOffset At = new(2026, 11, 25, 10, 30, 15, 250, TimeSpan.Zero);

        [Fact]
        public void Runbook_template_has_exactly_the_runbook_keys_in_order_and_vocabulary()
        {
            var text = EvidenceRenderer.RenderRunbookTemplate(Report());

            Assert.Equal(
                "review_date: 2026-11-25\n" +
                "operator: oncall\n" +
                "environment: staging\n" +
                "endpoint_family: CHAT_COMPLETIONS\n" +
                "model_reference: gpt-5.4\n" +
                "request_type: HAPPY_PATH\n" +
                "status_class: 2XX\n" +
                "response_id_present: TRUE\n" +
                "response_object_type: chat.completion\n" +
                "usage_field_present: TRUE\n" +
                "retry_decision: NO_RETRY\n" +
                "fallback_decision: ROUTE_CANARY\n" +
                "evidence_links: https://apidoc.cometapi.com/api/text/chat, https://status.example/gateway\n" +
                "notes: outcome SUCCESS; finish_state stop\n" +
                "\n" +
                "review_date: 2026-11-25\n" +
                "operator: oncall\n" +
                "environment: staging\n" +
                "endpoint_family: CHAT_COMPLETIONS\n" +
                "model_reference: gpt-5.4\n" +
                "request_type: ERROR_PATH\n" +
                "status_class: 4XX\n" +
                "response_id_present: FALSE\n" +
                "response_object_type: NOT_RETURNED\n" +
                "usage_field_present: FALSE\n" +
                "retry_decision: NO_RETRY\n" +
                "fallback_decision: ROUTE_CANARY\n" +
                "evidence_links: https://apidoc.cometapi.com/api/text/chat, https://status.example/gateway\n" +
                "notes: outcome REQUEST_REJECTED; error.type comet_api_error\n",
                text);
        }

        [Fact]
        public void Vocabulary_tokens_are_the_runbooks()
        {
            Assert.Equal(new[] { "NETWORK_ERROR", "2XX", "3XX", "4XX", "5XX" }, Enum.GetValues<StatusClass>().Select(EvidenceRenderer.Token));
            Assert.Equal(new[] { "UNSPECIFIED", "CHAT_COMPLETIONS", "RESPONSES" }, Enum.GetValues<EndpointFamily>().Select(EvidenceRenderer.Token));
            Assert.Equal(new[] { "HAPPY_PATH", "ERROR_PATH" }, Enum.GetValues<RequestType>().Select(EvidenceRenderer.Token));
            Assert.Equal(new[] { "NOT_RETURNED", "TRUE", "FALSE" }, Enum.GetValues<FieldPresence>().Select(EvidenceRenderer.Token));
            Assert.Equal(new[] { "NO_RETRY", "SINGLE_RETRY", "ESCALATE" }, Enum.GetValues<RetryDecision>().Select(EvidenceRenderer.Token));
            Assert.Equal(new[] { "KEEP_PRIMARY", "ROUTE_CANARY", "ROLL_BACK", "ESCALATE" }, Enum.GetValues<FallbackDecision>().Select(EvidenceRenderer.Token));
            Assert.Equal("ERROR_BODY_ON_2XX", EvidenceRenderer.OutcomeToken(ProbeOutcome.ErrorBodyOn2xx));
            Assert.Equal("CONNECTION_FAILED", EvidenceRenderer.OutcomeToken(ProbeOutcome.ConnectionFailed));
        }

        [Fact]
        public void Json_lines_carry_the_schema_version_the_runbook_keys_and_the_extra_fields()
        {
            var lines = EvidenceRenderer.RenderJsonLines(Report()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

            Assert.Equal(2, lines.Length);
            using var happy = JsonDocument.Parse(lines[0]);
            var names = happy.RootElement.EnumerateObject().Select(p => p.Name).ToList();
            Assert.Equal(new[] { "schema", "schema_version" }.Concat(EvidenceRenderer.RunbookKeys), names.Take(2 + EvidenceRenderer.RunbookKeys.Count));
            Assert.Equal(EvidenceRenderer.JsonSchemaName, happy.RootElement.GetProperty("schema").GetString());
            Assert.Equal(1, happy.RootElement.GetProperty("schema_version").GetInt32());
            Assert.Equal("2026-11-25T10:30:15.250Z", happy.RootElement.GetProperty("timestamp").GetString());
            Assert.Equal(200, happy.RootElement.GetProperty("status_code").GetInt32());
            Assert.Equal("stop", happy.RootElement.GetProperty("finish_state").GetString());
            Assert.Equal("EXACT", happy.RootElement.GetProperty("served_model_match").GetString());
            Assert.Equal("TRUE", happy.RootElement.GetProperty("application_reads").GetProperty("choices[0].message.content").GetString());
            Assert.Equal(2, happy.RootElement.GetProperty("evidence_links").GetArrayLength());

            using var error = JsonDocument.Parse(lines[1]);
            Assert.Equal("comet_api_error", error.RootElement.GetProperty("error_type").GetString());
            Assert.Equal(JsonValueKind.Null, error.RootElement.GetProperty("error_code").ValueKind);
            Assert.Equal(400, error.RootElement.GetProperty("status_code").GetInt32());
        }

        [Fact]
        public void Markdown_has_the_decision_and_one_table_of_both_records()
        {
            var markdown = EvidenceRenderer.RenderMarkdown(Report(happyNotes: "a | b"));

            Assert.StartsWith("### CometGuard smoke probe: `ROUTE_CANARY`\n", markdown, StringComparison.Ordinal);
            Assert.Contains("| key | HAPPY_PATH | ERROR_PATH |\n|---|---|---|\n", markdown, StringComparison.Ordinal);
            Assert.Contains("| status_class | 2XX | 4XX |", markdown, StringComparison.Ordinal);
            Assert.Contains("| fallback_decision | ROUTE_CANARY | ROUTE_CANARY |", markdown, StringComparison.Ordinal);
            Assert.Contains("a \\| b", markdown, StringComparison.Ordinal);
            foreach (var key in EvidenceRenderer.RunbookKeys)
            {
                Assert.Contains("| " + key + " |", markdown, StringComparison.Ordinal);
            }
        }

        [Fact]
        public void Final_scrub_removes_the_run_key_key_shapes_and_bearer_from_every_rendering()
        {
            var key = ProbeTestKit.FakeKey;
            var leaky = "pasted " + key + " and Bearer " + key + " and " + Verifiers.TestKeys.OpenAiLegacy + " and " + Verifiers.TestKeys.OpenAiProject;
            var report = Report(happyNotes: leaky, operatorName: "bearer-" + key, fingerprint: KeyFingerprint.Create(key));

            foreach (var format in Enum.GetValues<EvidenceFormat>())
            {
                var text = report.Render(format);
                Assert.DoesNotContain(key, text, StringComparison.Ordinal);
                Assert.DoesNotContain("Bearer", text, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(Verifiers.TestKeys.OpenAiLegacy, text, StringComparison.Ordinal);
                Assert.DoesNotContain("T3BlbkFJ", text, StringComparison.Ordinal);
                Assert.Contains("[REDACTED]", text, StringComparison.Ordinal);
            }

            Assert.DoesNotContain(key, report.Summary, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Writer_appends_whole_lines_and_repairs_an_unterminated_tail()
        {
            var path = Path.Combine(Path.GetTempPath(), "cometguard-evidence-" + Guid.NewGuid().ToString("N") + ".jsonl");
            try
            {
                await File.WriteAllTextAsync(path, "{\"schema\":\"cometguard.probe.evidence\",\"truncated\":true}");
                await EvidenceLogWriter.AppendJsonLinesAsync(path, Report());
                await Task.WhenAll(
                    EvidenceLogWriter.AppendJsonLinesAsync(path, Report()),
                    EvidenceLogWriter.AppendJsonLinesAsync(path, Report()));

                var text = await File.ReadAllTextAsync(path);
                Assert.EndsWith("\n", text, StringComparison.Ordinal);
                var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                Assert.Equal(7, lines.Length);
                foreach (var line in lines)
                {
                    using var _ = JsonDocument.Parse(line);
                }
            }
            finally
            {
                File.Delete(path);
            }
        }

        internal static SmokeProbeReport Report(string happyNotes = "outcome SUCCESS; finish_state stop", string operatorName = "oncall", KeyFingerprint? fingerprint = null)
        {
            var decision = DecisionMatrix.Decide(HappyPathClass.Healthy, ErrorPathClass.Rejected, CurrentRoute.Standby, retrySpent: false);
            var happy = new SmokeProbeEvidence
            {
                Timestamp = At,
                Operator = operatorName,
                Environment = "staging",
                EndpointFamily = EndpointFamily.ChatCompletions,
                ModelReference = "gpt-5.4",
                RequestType = RequestType.HappyPath,
                StatusClass = StatusClass.Success2xx,
                StatusCode = 200,
                Outcome = ProbeOutcome.Success,
                ResponseIdPresent = FieldPresence.Present,
                ResponseObjectType = "chat.completion",
                UsageFieldPresent = FieldPresence.Present,
                FinishState = "stop",
                ServedModel = "gpt-5.4",
                ServedModelMatch = ServedModelMatch.Exact,
                Attempts = 1,
                ApplicationReads = new[] { new ApplicationReadResult("choices[0].message.content", FieldPresence.Present) },
                RetryDecision = decision.Retry,
                FallbackDecision = decision.Fallback,
                EvidenceLinks = new[] { "https://apidoc.cometapi.com/api/text/chat", "https://status.example/gateway" },
                Notes = happyNotes,
            };
            var error = happy with
            {
                RequestType = RequestType.ErrorPath,
                StatusClass = StatusClass.ClientError4xx,
                StatusCode = 400,
                Outcome = ProbeOutcome.RequestRejected,
                ResponseIdPresent = FieldPresence.Absent,
                ResponseObjectType = null,
                UsageFieldPresent = FieldPresence.Absent,
                FinishState = null,
                ServedModel = null,
                ServedModelMatch = ServedModelMatch.NotReturned,
                ErrorType = "comet_api_error",
                ApplicationReads = Array.Empty<ApplicationReadResult>(),
                Notes = "outcome REQUEST_REJECTED; error.type comet_api_error",
            };
            return new SmokeProbeReport(happy, error, HappyPathClass.Healthy, ErrorPathClass.Rejected, decision, 2, fingerprint);
        }
    }
}
