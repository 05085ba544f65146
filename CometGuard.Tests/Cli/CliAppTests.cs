using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CometGuard.Probe;
using CometGuard.Probe.Cli;
using CometGuard.Tests.Probe;

namespace CometGuard.Tests.Cli
{
    /// <summary>
    /// <c>cometguard-probe</c> end to end, in-process, against the probe tests' loopback gateway:
    /// exit codes by decision, stdout/stderr split, --dry-run, --out, and the key kept out of every output.
    /// </summary>
    public sealed class CliAppTests
    {
        [Fact]
        public async Task Clean_route_exits_0_with_the_runbook_template_in_order()
        {
            await using var gateway = await ScriptedGateway.StartAsync(Reply.Json(200, ProbeTestKit.ChatCompletion), Reply.Json(400, ProbeTestKit.OpenAiError));

            var run = await CliRun.RunAsync(
                "--base-url", gateway.BaseAddress.AbsoluteUri, "--endpoint-family", "chat-completions", "--model", ProbeTestKit.Model,
                "--environment", "staging", "--operator", "oncall",
                "--reads", "id", "--reads", "choices[0].message.content", "--reads", "usage.total_tokens",
                "--evidence-link", "https://apidoc.cometapi.com/api/text/chat");

            Assert.Equal(ExitCodes.RouteCanary, run.ExitCode);
            Assert.Equal(2, gateway.RequestCount);
            var records = run.Stdout.Replace("\r\n", "\n").TrimEnd('\n').Split("\n\n");
            Assert.Equal(2, records.Length);
            foreach (var record in records)
            {
                var keys = record.Split('\n').Select(line => line.Substring(0, line.IndexOf(':'))).ToArray();
                Assert.Equal(EvidenceRenderer.RunbookKeys, keys);
                Assert.Contains("fallback_decision: ROUTE_CANARY\n", record + "\n", StringComparison.Ordinal);
                Assert.Contains("environment: staging\n", record, StringComparison.Ordinal);
                Assert.Contains("operator: oncall\n", record, StringComparison.Ordinal);
            }

            Assert.Contains("request_type: HAPPY_PATH\n", records[0], StringComparison.Ordinal);
            Assert.Contains("request_type: ERROR_PATH\n", records[1], StringComparison.Ordinal);
            Assert.Contains("endpoint_family: CHAT_COMPLETIONS\n", records[0], StringComparison.Ordinal);

            // Progress and the decision go to stderr, never into the records.
            Assert.Contains("Probing CHAT_COMPLETIONS", run.Stderr, StringComparison.Ordinal);
            Assert.Contains("exit code 0 (ROUTE_CANARY)", run.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("Probing", run.Stdout, StringComparison.Ordinal);
            run.AssertNoKey();
        }

        [Fact]
        public async Task Responses_family_with_jsonl_format_writes_one_json_record_per_line()
        {
            await using var gateway = await ScriptedGateway.StartAsync(Reply.Json(200, ProbeTestKit.ResponseCompleted), Reply.Json(400, ProbeTestKit.CometApiError));

            var run = await CliRun.RunAsync("--base-url", gateway.BaseAddress.AbsoluteUri, "--endpoint-family", "responses", "--model", ProbeTestKit.Model, "--format", "jsonl");

            Assert.Equal(ExitCodes.RouteCanary, run.ExitCode);
            Assert.All(gateway.Requests, r => Assert.Equal("/v1/responses", r.Path));
            var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(2, lines.Length);
            foreach (var line in lines)
            {
                using var document = JsonDocument.Parse(line);
                Assert.Equal(EvidenceRenderer.JsonSchemaName, document.RootElement.GetProperty("schema").GetString());
                Assert.Equal("RESPONSES", document.RootElement.GetProperty("endpoint_family").GetString());
            }

            run.AssertNoKey();
        }

        [Fact]
        public async Task Markdown_format_writes_the_ci_summary_table()
        {
            await using var gateway = await ScriptedGateway.StartAsync(Reply.Json(200, ProbeTestKit.ChatCompletion), Reply.Json(400, ProbeTestKit.OpenAiError));

            var run = await CliRun.RunAsync("--base-url", gateway.BaseAddress.AbsoluteUri, "--endpoint-family", "chat-completions", "--model", ProbeTestKit.Model, "--format", "markdown");

            Assert.Equal(ExitCodes.RouteCanary, run.ExitCode);
            Assert.StartsWith("### CometGuard smoke probe: `ROUTE_CANARY`", run.Stdout, StringComparison.Ordinal);
            Assert.Contains("| key | HAPPY_PATH | ERROR_PATH |", run.Stdout, StringComparison.Ordinal);
            run.AssertNoKey();
        }

        [Fact]
        public async Task Credentials_rejected_escalates_with_exit_20()
        {
            await using var gateway = await ScriptedGateway.StartAsync(Reply.Json(401, ProbeTestKit.CometApiError), Reply.Json(401, ProbeTestKit.CometApiError));

            var run = await CliRun.RunAsync("--base-url", gateway.BaseAddress.AbsoluteUri, "--endpoint-family", "chat-completions", "--model", ProbeTestKit.Model);

            Assert.Equal(ExitCodes.Escalate, run.ExitCode);
            Assert.Contains("fallback_decision: ESCALATE", run.Stdout, StringComparison.Ordinal);
            Assert.Contains("credentials", run.Stderr, StringComparison.Ordinal);
            Assert.Contains("exit code 20 (ESCALATE)", run.Stderr, StringComparison.Ordinal);
            run.AssertNoKey();
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task Wrong_path_404_or_html_escalates_with_exit_20(bool html)
        {
            var reply = html ? Reply.Html(200) : Reply.Json(404, ProbeTestKit.OpenAiError);
            await using var gateway = await ScriptedGateway.StartAsync(reply, reply);

            var run = await CliRun.RunAsync("--base-url", gateway.BaseAddress.AbsoluteUri, "--endpoint-family", "chat-completions", "--model", ProbeTestKit.Model);

            Assert.Equal(ExitCodes.Escalate, run.ExitCode);
            Assert.Contains("wrong base address or path", run.Stderr, StringComparison.Ordinal);
            run.AssertNoKey();
        }

        [Fact]
        public async Task Error_path_answered_200_escalates_with_exit_20()
        {
            await using var gateway = await ScriptedGateway.StartAsync(Reply.Json(200, ProbeTestKit.ChatCompletion), Reply.Json(200, ProbeTestKit.ChatCompletion));

            var run = await CliRun.RunAsync("--base-url", gateway.BaseAddress.AbsoluteUri, "--endpoint-family", "chat-completions", "--model", ProbeTestKit.Model);

            Assert.Equal(ExitCodes.Escalate, run.ExitCode);
            Assert.Contains("accepted an invalid request", run.Stderr, StringComparison.Ordinal);
            run.AssertNoKey();
        }

        [Fact]
        public async Task Throttled_without_retry_opt_in_keeps_primary_with_exit_10()
        {
            await using var gateway = await ScriptedGateway.StartAsync(
                new[] { Reply.Json(429, ProbeTestKit.CometApiError, ("Retry-After", "1")), Reply.Json(200, ProbeTestKit.ChatCompletion) },
                Reply.Json(400, ProbeTestKit.OpenAiError));

            var run = await CliRun.RunAsync("--base-url", gateway.BaseAddress.AbsoluteUri, "--endpoint-family", "chat-completions", "--model", ProbeTestKit.Model);

            Assert.Equal(ExitCodes.KeepPrimary, run.ExitCode);
            Assert.Equal(1, gateway.HappyCount);
            Assert.Contains("retry_decision: NO_RETRY", run.Stdout, StringComparison.Ordinal);
            Assert.Contains("fallback_decision: KEEP_PRIMARY", run.Stdout, StringComparison.Ordinal);
            run.AssertNoKey();
        }

        [Fact]
        public async Task A_failing_route_that_already_carries_canary_traffic_rolls_back_with_exit_30()
        {
            await using var gateway = await ScriptedGateway.StartAsync(
                new[] { Reply.Json(429, ProbeTestKit.CometApiError, ("Retry-After", "1")) },
                Reply.Json(400, ProbeTestKit.OpenAiError));

            var run = await CliRun.RunAsync("--base-url", gateway.BaseAddress.AbsoluteUri, "--endpoint-family", "chat-completions", "--model", ProbeTestKit.Model, "--current-route", "canary");

            Assert.Equal(ExitCodes.RollBack, run.ExitCode);
            Assert.Contains("fallback_decision: ROLL_BACK", run.Stdout, StringComparison.Ordinal);
            run.AssertNoKey();
        }

        [Fact]
        public async Task Throttled_with_allow_single_retry_retries_once_and_routes_canary()
        {
            await using var gateway = await ScriptedGateway.StartAsync(
                new[] { Reply.Json(429, ProbeTestKit.CometApiError, ("Retry-After", "1")), Reply.Json(200, ProbeTestKit.ChatCompletion) },
                Reply.Json(400, ProbeTestKit.OpenAiError));

            var run = await CliRun.RunAsync("--base-url", gateway.BaseAddress.AbsoluteUri, "--endpoint-family", "chat-completions", "--model", ProbeTestKit.Model, "--allow-single-retry");

            Assert.Equal(ExitCodes.RouteCanary, run.ExitCode);
            Assert.Equal(2, gateway.HappyCount);
            Assert.Equal(1, gateway.ErrorCount);
            Assert.Contains("retry_decision: SINGLE_RETRY", run.Stdout, StringComparison.Ordinal);
            run.AssertNoKey();
        }

        [Fact]
        public async Task Missing_key_variable_exits_2_with_one_line_and_sends_nothing()
        {
            await using var gateway = await ScriptedGateway.StartAsync(Reply.Json(200, ProbeTestKit.ChatCompletion), Reply.Json(400, ProbeTestKit.OpenAiError));

            var run = await CliRun.RunAsync(
                new Dictionary<string, string?>(),
                "--base-url", gateway.BaseAddress.AbsoluteUri, "--endpoint-family", "chat-completions", "--model", ProbeTestKit.Model);

            Assert.Equal(ExitCodes.Usage, run.ExitCode);
            Assert.Equal(0, gateway.RequestCount);
            Assert.Equal(string.Empty, run.Stdout);
            var line = Assert.Single(run.StderrLines);
            Assert.StartsWith("error: environment variable COMETAPI_API_KEY is not set", line, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Key_env_and_model_env_read_the_named_variables()
        {
            await using var gateway = await ScriptedGateway.StartAsync(Reply.Json(200, ProbeTestKit.ChatCompletion), Reply.Json(400, ProbeTestKit.OpenAiError));
            var environment = new Dictionary<string, string?> { ["GATEWAY_KEY"] = ProbeTestKit.FakeKey, ["GATEWAY_MODEL"] = ProbeTestKit.Model };

            var run = await CliRun.RunAsync(
                environment,
                "--base-url", gateway.BaseAddress.AbsoluteUri, "--endpoint-family", "chat-completions", "--model-env", "GATEWAY_MODEL", "--key-env", "GATEWAY_KEY");

            Assert.Equal(ExitCodes.RouteCanary, run.ExitCode);
            Assert.All(gateway.Requests, r => Assert.Equal("Bearer " + ProbeTestKit.FakeKey, r.Authorization));
            Assert.Contains("model_reference: " + ProbeTestKit.Model, run.Stdout, StringComparison.Ordinal);
            run.AssertNoKey();
        }

        [Fact]
        public async Task Dry_run_prints_both_request_shapes_and_sends_nothing()
        {
            await using var gateway = await ScriptedGateway.StartAsync(Reply.Json(200, ProbeTestKit.ChatCompletion), Reply.Json(400, ProbeTestKit.OpenAiError));

            var run = await CliRun.RunAsync("--base-url", gateway.BaseAddress.AbsoluteUri, "--endpoint-family", "chat-completions", "--model", ProbeTestKit.Model, "--dry-run");

            Assert.Equal(0, run.ExitCode);
            Assert.Equal(0, gateway.RequestCount);
            Assert.Contains("# HAPPY_PATH", run.Stdout, StringComparison.Ordinal);
            Assert.Contains("# ERROR_PATH", run.Stdout, StringComparison.Ordinal);
            Assert.Contains("POST " + gateway.BaseAddress.AbsoluteUri + "chat/completions", run.Stdout, StringComparison.Ordinal);
            Assert.Contains("\"content\":\"" + SmokeProbe.HappyPathMessage + "\"", run.Stdout, StringComparison.Ordinal);
            Assert.Contains("environment variable COMETAPI_API_KEY, not shown", run.Stdout, StringComparison.Ordinal);
            Assert.Contains("nothing is sent", run.Stderr, StringComparison.Ordinal);
            run.AssertNoKey();
        }

        [Theory]
        [InlineData("not a url")]
        [InlineData("ftp://gateway.example/v1/")]
        [InlineData("/v1/")]
        public async Task Bad_base_url_exits_2_with_one_line(string baseUrl)
        {
            var run = await CliRun.RunAsync("--base-url", baseUrl, "--endpoint-family", "chat-completions", "--model", ProbeTestKit.Model);

            Assert.Equal(ExitCodes.Usage, run.ExitCode);
            var line = Assert.Single(run.StderrLines);
            Assert.StartsWith("error: --base-url", line, StringComparison.Ordinal);
            Assert.Contains("http or https", line, StringComparison.Ordinal);
            Assert.Equal(string.Empty, run.Stdout);
        }

        [Fact]
        public async Task Usage_errors_exit_2_and_never_echo_a_key_passed_as_an_argument()
        {
            var noFamily = await CliRun.RunAsync("--model", ProbeTestKit.Model);
            Assert.Equal(ExitCodes.Usage, noFamily.ExitCode);
            Assert.Contains("--endpoint-family", noFamily.Stderr, StringComparison.Ordinal);

            var noModel = await CliRun.RunAsync("--endpoint-family", "responses");
            Assert.Equal(ExitCodes.Usage, noModel.ExitCode);
            Assert.Contains("--model", noModel.Stderr, StringComparison.Ordinal);

            var keyAsArgument = await CliRun.RunAsync("--endpoint-family", "responses", "--model", ProbeTestKit.Model, "--api-key", ProbeTestKit.FakeKey);
            Assert.Equal(ExitCodes.Usage, keyAsArgument.ExitCode);
            Assert.Contains("never accepted as an argument", keyAsArgument.Stderr, StringComparison.Ordinal);
            keyAsArgument.AssertNoKey();

            var keyInKeyEnv = await CliRun.RunAsync("--endpoint-family", "responses", "--model", ProbeTestKit.Model, "--key-env", ProbeTestKit.FakeKey + "-x");
            Assert.Equal(ExitCodes.Usage, keyInKeyEnv.ExitCode);
            keyInKeyEnv.AssertNoKey();

            var keyAsFamily = await CliRun.RunAsync("--endpoint-family", ProbeTestKit.FakeKey, "--model", ProbeTestKit.Model);
            Assert.Equal(ExitCodes.Usage, keyAsFamily.ExitCode);
            keyAsFamily.AssertNoKey();
        }

        [Fact]
        public async Task Out_appends_jsonl_and_never_holds_the_key()
        {
            await using var gateway = await ScriptedGateway.StartAsync(Reply.Json(401, ProbeTestKit.CometApiError), Reply.Json(400, ProbeTestKit.OpenAiError));
            var directory = Directory.CreateTempSubdirectory("cometguard-cli-");
            try
            {
                var outFile = Path.Combine(directory.FullName, "evidence.jsonl");
                var args = new[] { "--base-url", gateway.BaseAddress.AbsoluteUri, "--endpoint-family", "chat-completions", "--model", ProbeTestKit.Model, "--out", outFile };

                var first = await CliRun.RunAsync(args);
                var second = await CliRun.RunAsync(args);

                Assert.Equal(ExitCodes.Escalate, first.ExitCode);
                Assert.Equal(ExitCodes.Escalate, second.ExitCode);
                var lines = File.ReadAllLines(outFile);
                Assert.Equal(4, lines.Length);
                Assert.All(lines, line => Assert.Equal(EvidenceRenderer.JsonSchemaName, JsonDocument.Parse(line).RootElement.GetProperty("schema").GetString()));
                Assert.Contains("fallback_decision: ESCALATE", first.Stdout, StringComparison.Ordinal);
                CliRun.AssertNoKey(File.ReadAllText(outFile));
                first.AssertNoKey();
                second.AssertNoKey();
            }
            finally
            {
                directory.Delete(recursive: true);
            }
        }

        [Fact]
        public async Task Out_in_a_missing_directory_exits_2_before_sending()
        {
            await using var gateway = await ScriptedGateway.StartAsync(Reply.Json(200, ProbeTestKit.ChatCompletion), Reply.Json(400, ProbeTestKit.OpenAiError));
            var outFile = Path.Combine(Path.GetTempPath(), "cometguard-missing-" + Guid.NewGuid().ToString("N"), "evidence.jsonl");

            var run = await CliRun.RunAsync("--base-url", gateway.BaseAddress.AbsoluteUri, "--endpoint-family", "chat-completions", "--model", ProbeTestKit.Model, "--out", outFile);

            Assert.Equal(ExitCodes.Usage, run.ExitCode);
            Assert.Equal(0, gateway.RequestCount);
            Assert.StartsWith("error: --out: directory", Assert.Single(run.StderrLines), StringComparison.Ordinal);
        }

        [Fact]
        public async Task Cancellation_mid_run_exits_130_without_a_decision()
        {
            await using var gateway = await ScriptedGateway.StartAsync(Reply.StallHeaders(), Reply.Json(400, ProbeTestKit.OpenAiError));
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

            var run = await CliRun.RunAsync(CliRun.KeyOnly, cancel.Token, "--base-url", gateway.BaseAddress.AbsoluteUri, "--endpoint-family", "chat-completions", "--model", ProbeTestKit.Model);

            Assert.Equal(ExitCodes.Cancelled, run.ExitCode);
            Assert.Equal(string.Empty, run.Stdout);
            Assert.Contains("cancelled: no decision.", run.Stderr, StringComparison.Ordinal);
            run.AssertNoKey();
        }

        [Fact]
        public async Task Help_documents_every_option_and_the_exit_codes()
        {
            var run = await CliRun.RunAsync("--help");

            Assert.Equal(0, run.ExitCode);
            foreach (var option in new[]
            {
                "--base-url", "--endpoint-family", "--model", "--model-env", "--key-env", "--environment", "--operator", "--reads",
                "--evidence-link", "--timeout", "--allow-single-retry", "--format", "--out", "--dry-run",
            })
            {
                Assert.Contains(option, run.Stdout, StringComparison.Ordinal);
            }

            Assert.Contains("cometguard-probe", run.Stdout, StringComparison.Ordinal);
            foreach (var row in new[] { "0    ROUTE_CANARY", "10   KEEP_PRIMARY", "20   ESCALATE", "30   ROLL_BACK", "2    usage or configuration error" })
            {
                Assert.Contains(row, run.Stdout, StringComparison.Ordinal);
            }
        }

        [Theory]
        [InlineData(FallbackDecision.RouteCanary, 0)]
        [InlineData(FallbackDecision.KeepPrimary, 10)]
        [InlineData(FallbackDecision.Escalate, 20)]
        [InlineData(FallbackDecision.RollBack, 30)]
        public void Exit_code_follows_fallback_decision(FallbackDecision decision, int exitCode)
            => Assert.Equal(exitCode, ExitCodes.For(decision));
    }
}
