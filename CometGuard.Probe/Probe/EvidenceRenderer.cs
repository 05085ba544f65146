using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace CometGuard.Probe
{
    /// <summary>
    /// Renders a <see cref="SmokeProbeReport"/> as the runbook template, JSON Lines or a Markdown
    /// table. Every rendering is scrubbed before it is returned: the key used for the run (matched by
    /// fingerprint), key shapes and <c>Bearer</c> never come out.
    /// </summary>
    public static class EvidenceRenderer
    {
        /// <summary>The <c>schema</c> value of each JSON Lines record.</summary>
        public const string JsonSchemaName = "cometguard.probe.evidence";

        /// <summary>The <c>schema_version</c> of each JSON Lines record; bumped on any breaking change.</summary>
        public const int JsonSchemaVersion = 1;

        /// <summary>The runbook template's keys, in the runbook's order.</summary>
        public static IReadOnlyList<string> RunbookKeys { get; } = new[]
        {
            "review_date", "operator", "environment", "endpoint_family", "model_reference", "request_type",
            "status_class", "response_id_present", "response_object_type", "usage_field_present",
            "retry_decision", "fallback_decision", "evidence_links", "notes",
        };

        /// <summary>Renders a report in the given format.</summary>
        /// <param name="report">The report.</param>
        /// <param name="format">The format.</param>
        /// <returns>The scrubbed text.</returns>
        public static string Render(SmokeProbeReport report, EvidenceFormat format) => format switch
        {
            EvidenceFormat.RunbookTemplate => RenderRunbookTemplate(report),
            EvidenceFormat.JsonLines => RenderJsonLines(report),
            EvidenceFormat.Markdown => RenderMarkdown(report),
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };

        /// <summary>
        /// The runbook template: for each record, exactly the runbook's keys in its order
        /// (<see cref="RunbookKeys"/>), one <c>key: value</c> line each, records separated by a blank line.
        /// </summary>
        /// <param name="report">The report.</param>
        /// <returns>The scrubbed text, ending with a newline.</returns>
        public static string RenderRunbookTemplate(SmokeProbeReport report)
        {
            Require(report);
            var builder = new StringBuilder();
            var first = true;
            foreach (var record in report.Records)
            {
                if (!first)
                {
                    builder.Append('\n');
                }

                first = false;
                foreach (var pair in RunbookValues(record))
                {
                    builder.Append(pair.Key).Append(": ").Append(OneLine(pair.Value)).Append('\n');
                }
            }

            return EvidenceScrubber.Scrub(builder.ToString(), report.Key);
        }

        /// <summary>
        /// JSON Lines: one compact JSON object per record, starting with <c>schema</c> and
        /// <c>schema_version</c>, then the runbook keys, then the timestamp, exact status code, outcome,
        /// finish state, error type/code, served-model match and application reads.
        /// </summary>
        /// <param name="report">The report.</param>
        /// <returns>The scrubbed lines, each ending with a newline.</returns>
        public static string RenderJsonLines(SmokeProbeReport report)
        {
            Require(report);
            var builder = new StringBuilder();
            foreach (var record in report.Records)
            {
                builder.Append(RenderJson(record, report)).Append('\n');
            }

            return EvidenceScrubber.Scrub(builder.ToString(), report.Key);
        }

        /// <summary>A Markdown section for a CI job summary (<c>$GITHUB_STEP_SUMMARY</c>): the decision, its reason and one table of both records.</summary>
        /// <param name="report">The report.</param>
        /// <returns>The scrubbed Markdown.</returns>
        public static string RenderMarkdown(SmokeProbeReport report)
        {
            Require(report);
            var builder = new StringBuilder();
            builder.Append("### CometGuard smoke probe: `").Append(Token(report.FallbackDecision)).Append("`\n\n");
            builder.Append("- fallback_decision: `").Append(Token(report.FallbackDecision)).Append("`, retry_decision: `").Append(Token(report.RetryDecision)).Append("`\n");
            builder.Append("- reason: ").Append(Cell(report.Decision.Rule.Reason)).Append('\n');
            builder.Append("- requests sent: ").Append(report.RequestsSent.ToString(CultureInfo.InvariantCulture)).Append("\n\n");
            builder.Append("| key | HAPPY_PATH | ERROR_PATH |\n|---|---|---|\n");
            var happy = MarkdownValues(report.HappyPath);
            var error = MarkdownValues(report.ErrorPath);
            for (var i = 0; i < happy.Count; i++)
            {
                builder.Append("| ").Append(happy[i].Key).Append(" | ").Append(Cell(happy[i].Value)).Append(" | ").Append(Cell(error[i].Value)).Append(" |\n");
            }

            return EvidenceScrubber.Scrub(builder.ToString(), report.Key);
        }

        /// <summary>A short sanitized summary: the decision, its reason, and each record's classification.</summary>
        /// <param name="report">The report.</param>
        /// <returns>The scrubbed summary.</returns>
        public static string RenderSummary(SmokeProbeReport report)
        {
            Require(report);
            var builder = new StringBuilder();
            builder.Append("fallback_decision: ").Append(Token(report.FallbackDecision))
                .Append(", retry_decision: ").Append(Token(report.RetryDecision)).Append('\n');
            builder.Append("reason: ").Append(report.Decision.Rule.Reason).Append('\n');
            foreach (var record in report.Records)
            {
                builder.Append(Token(record.RequestType)).Append(": ").Append(Token(record.StatusClass));
                if (record.StatusCode is int code)
                {
                    builder.Append(" (").Append(code.ToString(CultureInfo.InvariantCulture)).Append(')');
                }

                builder.Append(", ").Append(OutcomeToken(record.Outcome));
                if (record.Notes.Length > 0)
                {
                    builder.Append(" - ").Append(OneLine(record.Notes));
                }

                builder.Append('\n');
            }

            return EvidenceScrubber.Scrub(builder.ToString().TrimEnd('\n'), report.Key);
        }

        /// <summary>The runbook token of an endpoint family: <c>CHAT_COMPLETIONS</c> or <c>RESPONSES</c>.</summary>
        /// <param name="value">The value.</param>
        /// <returns>The token.</returns>
        public static string Token(EndpointFamily value) => value switch
        {
            EndpointFamily.ChatCompletions => "CHAT_COMPLETIONS",
            EndpointFamily.Responses => "RESPONSES",
            EndpointFamily.Unspecified => "UNSPECIFIED",
            _ => throw Unknown(value),
        };

        /// <summary>The runbook token of a request type: <c>HAPPY_PATH</c> or <c>ERROR_PATH</c>.</summary>
        /// <param name="value">The value.</param>
        /// <returns>The token.</returns>
        public static string Token(RequestType value) => value switch
        {
            RequestType.HappyPath => "HAPPY_PATH",
            RequestType.ErrorPath => "ERROR_PATH",
            _ => throw Unknown(value),
        };

        /// <summary>The runbook token of a status class: <c>2XX</c>, <c>3XX</c>, <c>4XX</c>, <c>5XX</c> or <c>NETWORK_ERROR</c>.</summary>
        /// <param name="value">The value.</param>
        /// <returns>The token.</returns>
        public static string Token(StatusClass value) => value switch
        {
            StatusClass.Success2xx => "2XX",
            StatusClass.Redirect3xx => "3XX",
            StatusClass.ClientError4xx => "4XX",
            StatusClass.ServerError5xx => "5XX",
            StatusClass.NetworkError => "NETWORK_ERROR",
            _ => throw Unknown(value),
        };

        /// <summary>The runbook token of a presence: <c>TRUE</c>, <c>FALSE</c> or <c>NOT_RETURNED</c>.</summary>
        /// <param name="value">The value.</param>
        /// <returns>The token.</returns>
        public static string Token(FieldPresence value) => value switch
        {
            FieldPresence.Present => "TRUE",
            FieldPresence.Absent => "FALSE",
            FieldPresence.NotReturned => "NOT_RETURNED",
            _ => throw Unknown(value),
        };

        /// <summary>The runbook token of a retry decision: <c>NO_RETRY</c>, <c>SINGLE_RETRY</c> or <c>ESCALATE</c>.</summary>
        /// <param name="value">The value.</param>
        /// <returns>The token.</returns>
        public static string Token(RetryDecision value) => value switch
        {
            RetryDecision.SingleRetry => "SINGLE_RETRY",
            RetryDecision.Escalate => "ESCALATE",
            RetryDecision.NoRetry => "NO_RETRY",
            _ => throw Unknown(value),
        };

        /// <summary>The runbook token of a fallback decision: <c>KEEP_PRIMARY</c>, <c>ROUTE_CANARY</c>, <c>ROLL_BACK</c> or <c>ESCALATE</c>.</summary>
        /// <param name="value">The value.</param>
        /// <returns>The token.</returns>
        public static string Token(FallbackDecision value) => value switch
        {
            FallbackDecision.RouteCanary => "ROUTE_CANARY",
            FallbackDecision.RollBack => "ROLL_BACK",
            FallbackDecision.Escalate => "ESCALATE",
            FallbackDecision.KeepPrimary => "KEEP_PRIMARY",
            _ => throw Unknown(value),
        };

        /// <summary>The token of a served-model match: <c>EXACT</c>, <c>DATED_VARIANT</c>, <c>DIFFERENT</c> or <c>NOT_RETURNED</c>.</summary>
        /// <param name="value">The value.</param>
        /// <returns>The token.</returns>
        public static string Token(ServedModelMatch value) => value switch
        {
            ServedModelMatch.Exact => "EXACT",
            ServedModelMatch.DatedVariant => "DATED_VARIANT",
            ServedModelMatch.Different => "DIFFERENT",
            ServedModelMatch.NotReturned => "NOT_RETURNED",
            _ => throw Unknown(value),
        };

        /// <summary>The token of an outcome, e.g. <c>ERROR_BODY_ON_2XX</c>, <c>TIMEOUT</c>.</summary>
        /// <param name="value">The value.</param>
        /// <returns>The token.</returns>
        public static string OutcomeToken(ProbeOutcome value) => value switch
        {
            ProbeOutcome.ErrorBodyOn2xx => "ERROR_BODY_ON_2XX",
            _ => ScreamingSnake(value.ToString()),
        };

        /// <summary>A value no token is defined for: rendering it as some other value would be a wrong record.</summary>
        private static ArgumentOutOfRangeException Unknown<T>(T value)
            where T : struct, Enum
            => new(nameof(value), value, "No evidence token for " + typeof(T).Name + " value " + value + ".");

        private static List<KeyValuePair<string, string>> RunbookValues(SmokeProbeEvidence record) => new()
        {
            new("review_date", record.ReviewDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            new("operator", record.Operator),
            new("environment", record.Environment),
            new("endpoint_family", Token(record.EndpointFamily)),
            new("model_reference", record.ModelReference),
            new("request_type", Token(record.RequestType)),
            new("status_class", Token(record.StatusClass)),
            new("response_id_present", Token(record.ResponseIdPresent)),
            new("response_object_type", record.ResponseObjectType ?? "NOT_RETURNED"),
            new("usage_field_present", Token(record.UsageFieldPresent)),
            new("retry_decision", Token(record.RetryDecision)),
            new("fallback_decision", Token(record.FallbackDecision)),
            new("evidence_links", string.Join(", ", record.EvidenceLinks)),
            new("notes", record.Notes),
        };

        private static List<KeyValuePair<string, string>> MarkdownValues(SmokeProbeEvidence record)
        {
            var values = RunbookValues(record);
            values.Insert(7, new("status_code", record.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "-"));
            values.Insert(8, new("outcome", OutcomeToken(record.Outcome)));
            values.Insert(11, new("finish_state", record.FinishState ?? "-"));
            values.Insert(13, new("error_type / error_code", (record.ErrorType ?? "-") + " / " + (record.ErrorCode ?? "-")));
            values.Insert(14, new("served_model_match", Token(record.ServedModelMatch)));
            values.Insert(15, new("attempts", record.Attempts.ToString(CultureInfo.InvariantCulture)));
            return values;
        }

        private static string RenderJson(SmokeProbeEvidence record, SmokeProbeReport report)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false }))
            {
                writer.WriteStartObject();
                writer.WriteString("schema", JsonSchemaName);
                writer.WriteNumber("schema_version", JsonSchemaVersion);
                foreach (var pair in RunbookValues(record))
                {
                    if (pair.Key == "evidence_links")
                    {
                        writer.WriteStartArray("evidence_links");
                        foreach (var link in record.EvidenceLinks)
                        {
                            writer.WriteStringValue(link);
                        }

                        writer.WriteEndArray();
                    }
                    else
                    {
                        writer.WriteString(pair.Key, pair.Value);
                    }
                }

                writer.WriteString("timestamp", record.Timestamp.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                if (record.StatusCode is int code)
                {
                    writer.WriteNumber("status_code", code);
                }
                else
                {
                    writer.WriteNull("status_code");
                }

                writer.WriteString("outcome", OutcomeToken(record.Outcome));
                WriteNullable(writer, "finish_state", record.FinishState);
                WriteNullable(writer, "error_type", record.ErrorType);
                WriteNullable(writer, "error_code", record.ErrorCode);
                WriteNullable(writer, "served_model", record.ServedModel);
                writer.WriteString("served_model_match", Token(record.ServedModelMatch));
                writer.WriteNumber("attempts", record.Attempts);
                if (record.RetryAfter is TimeSpan retryAfter)
                {
                    writer.WriteNumber("retry_after_seconds", Math.Round(retryAfter.TotalSeconds, 3));
                }
                else
                {
                    writer.WriteNull("retry_after_seconds");
                }

                writer.WriteNumber("elapsed_ms", (long)record.Elapsed.TotalMilliseconds);
                writer.WriteStartObject("application_reads");
                foreach (var read in record.ApplicationReads)
                {
                    writer.WriteString(read.Path, Token(read.Presence));
                }

                writer.WriteEndObject();
                writer.WriteString("decision_reason", report.Decision.Rule.Reason);
                writer.WriteEndObject();
            }

            return Encoding.UTF8.GetString(stream.ToArray());
        }

        private static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
        {
            if (value is null)
            {
                writer.WriteNull(name);
            }
            else
            {
                writer.WriteString(name, value);
            }
        }

        private static string ScreamingSnake(string name)
        {
            var builder = new StringBuilder(name.Length + 8);
            for (var i = 0; i < name.Length; i++)
            {
                var c = name[i];
                if (i > 0 && char.IsUpper(c) && !char.IsUpper(name[i - 1]))
                {
                    builder.Append('_');
                }

                builder.Append(char.ToUpperInvariant(c));
            }

            return builder.ToString();
        }

        private static string OneLine(string value) => value.Replace("\r", " ").Replace("\n", " ");

        private static string Cell(string value) => OneLine(value).Replace("|", "\\|");

        private static void Require(SmokeProbeReport report)
        {
            if (report is null)
            {
                throw new ArgumentNullException(nameof(report));
            }
        }
    }
}
