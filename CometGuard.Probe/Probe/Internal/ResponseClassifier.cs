using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CometGuard.Probe
{
    /// <summary>
    /// Turns a status code and at most 64 KiB of body into an <see cref="AttemptObservation"/>,
    /// extracting only allow-listed fields. The body is parsed, inspected and dropped; no text of it
    /// (no <c>error.message</c>, no content) is kept.
    /// </summary>
    internal static class ResponseClassifier
    {
        private static readonly Regex DateSuffix = new Regex(
            @"^-(?:\d{4}-\d{2}-\d{2}|\d{8}|\d{4})$",
            RegexOptions.CultureInvariant | RegexOptions.Compiled);

        public static AttemptObservation Classify(
            int status,
            string? mediaType,
            ReadOnlyMemory<byte> body,
            bool oversized,
            EndpointFamily family,
            string requestedModel,
            IReadOnlyList<string> applicationReads,
            KeyFingerprint? key)
        {
            var observation = new AttemptObservation
            {
                StatusCode = status,
                StatusClass = ClassOf(status),
                ResponseIdPresent = FieldPresence.NotReturned,
                UsagePresent = FieldPresence.NotReturned,
            };

            var isHtml = !oversized && LooksLikeHtml(mediaType, body.Span);
            JsonDocument? document = null;
            try
            {
                if (!oversized && !isHtml && body.Length > 0)
                {
                    try
                    {
                        document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
                    }
                    catch (JsonException)
                    {
                        document = null;
                    }
                }

                var root = document?.RootElement;
                var isObject = root is { ValueKind: JsonValueKind.Object };
                var hasErrorEnvelope = false;
                if (isObject)
                {
                    Extract(root!.Value, observation, family, requestedModel, key, out hasErrorEnvelope);
                }

                foreach (var read in applicationReads)
                {
                    var presence = FieldPresence.NotReturned;
                    if (isObject && ResponsePath.TryParse(read, out var path))
                    {
                        presence = path.IsPresentIn(root!.Value) ? FieldPresence.Present : FieldPresence.Absent;
                    }

                    observation.ApplicationReads.Add(new ApplicationReadResult(EvidenceScrubber.Scrub(read, key), presence));
                }

                observation.Outcome = Outcome(status, isHtml, oversized, isObject, hasErrorEnvelope, family, observation);
                return observation;
            }
            finally
            {
                document?.Dispose();
            }
        }

        public static StatusClass ClassOf(int status) => status switch
        {
            < 300 => StatusClass.Success2xx,
            < 400 => StatusClass.Redirect3xx,
            < 500 => StatusClass.ClientError4xx,
            _ => StatusClass.ServerError5xx,
        };

        public static ServedModelMatch MatchModel(string requested, string? served)
        {
            if (string.IsNullOrEmpty(served))
            {
                return ServedModelMatch.NotReturned;
            }

            if (string.Equals(requested, served, StringComparison.OrdinalIgnoreCase))
            {
                return ServedModelMatch.Exact;
            }

            if (served.Length > requested.Length
                && served.StartsWith(requested, StringComparison.OrdinalIgnoreCase)
                && DateSuffix.IsMatch(served.Substring(requested.Length)))
            {
                return ServedModelMatch.DatedVariant;
            }

            return ServedModelMatch.Different;
        }

        private static ProbeOutcome Outcome(int status, bool isHtml, bool oversized, bool isObject, bool hasErrorEnvelope, EndpointFamily family, AttemptObservation o)
        {
            if (status >= 300 && status < 400)
            {
                return ProbeOutcome.Redirect;
            }

            switch (status)
            {
                case 401:
                case 403:
                    return ProbeOutcome.CredentialsRejected;
                case 404:
                    return ProbeOutcome.NotFound;
                case 408:
                case 429:
                case 503:
                    return ProbeOutcome.Throttled;
            }

            if (status >= 500)
            {
                return ProbeOutcome.ServerError;
            }

            if (isHtml)
            {
                // An HTML page where the API answers JSON: the base address or path is wrong.
                return ProbeOutcome.HtmlBody;
            }

            if (status >= 400)
            {
                return status == 400 || status == 422 ? ProbeOutcome.RequestRejected : ProbeOutcome.OtherClientError;
            }

            if (oversized)
            {
                return ProbeOutcome.OversizedBody;
            }

            if (!isObject)
            {
                return ProbeOutcome.UnparseableBody;
            }

            if (hasErrorEnvelope)
            {
                return ProbeOutcome.ErrorBodyOn2xx;
            }

            var expectedObject = family == EndpointFamily.Responses ? "response" : "chat.completion";
            if (!string.Equals(o.ObjectType, expectedObject, StringComparison.Ordinal))
            {
                return ProbeOutcome.UnexpectedObject;
            }

            if (o.ResponseIdPresent != FieldPresence.Present)
            {
                return ProbeOutcome.MissingId;
            }

            if (family == EndpointFamily.Responses)
            {
                return string.Equals(o.FinishState, "completed", StringComparison.Ordinal) ? ProbeOutcome.Success : ProbeOutcome.NotCompleted;
            }

            return o.FinishState is null ? ProbeOutcome.EmptyChoices : ProbeOutcome.Success;
        }

        private static void Extract(JsonElement root, AttemptObservation o, EndpointFamily family, string requestedModel, KeyFingerprint? key, out bool hasErrorEnvelope)
        {
            o.ResponseIdPresent = root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString()!.Length > 0
                ? FieldPresence.Present
                : FieldPresence.Absent;
            o.ObjectType = root.TryGetProperty("object", out var obj) && obj.ValueKind == JsonValueKind.String
                ? EvidenceScrubber.Token(obj.GetString(), key)
                : null;
            o.UsagePresent = root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object
                ? FieldPresence.Present
                : FieldPresence.Absent;

            if (root.TryGetProperty("model", out var model) && model.ValueKind == JsonValueKind.String)
            {
                var served = model.GetString();
                o.ServedModelMatch = MatchModel(requestedModel, served);
                o.ServedModel = EvidenceScrubber.Token(served, key);
            }

            if (family == EndpointFamily.Responses)
            {
                if (root.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String)
                {
                    o.FinishState = EvidenceScrubber.Token(status.GetString(), key);
                }

                if (root.TryGetProperty("incomplete_details", out var details) && details.ValueKind == JsonValueKind.Object
                    && details.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String)
                {
                    o.IncompleteReason = EvidenceScrubber.Token(reason.GetString(), key);
                }
            }
            else if (root.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0
                && choices[0].ValueKind == JsonValueKind.Object
                && choices[0].TryGetProperty("finish_reason", out var finish) && finish.ValueKind == JsonValueKind.String)
            {
                o.FinishState = EvidenceScrubber.Token(finish.GetString(), key);
            }

            // Only error.type and error.code: error.message may echo part of the key or the prompt.
            hasErrorEnvelope = false;
            if (root.TryGetProperty("error", out var error) && error.ValueKind is JsonValueKind.Object or JsonValueKind.String)
            {
                hasErrorEnvelope = true;
                if (error.ValueKind == JsonValueKind.Object)
                {
                    o.ErrorType = ReadToken(error, "type", key);
                    o.ErrorCode = ReadToken(error, "code", key);
                }
            }
        }

        private static string? ReadToken(JsonElement parent, string name, KeyFingerprint? key)
        {
            if (!parent.TryGetProperty(name, out var value))
            {
                return null;
            }

            return value.ValueKind switch
            {
                JsonValueKind.String => EvidenceScrubber.Token(value.GetString(), key),
                JsonValueKind.Number => EvidenceScrubber.Token(value.GetRawText(), key),
                _ => null,
            };
        }

        private static bool LooksLikeHtml(string? mediaType, ReadOnlySpan<byte> body)
        {
            if (mediaType is not null && (mediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase)
                || mediaType.Equals("application/xhtml+xml", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }

            foreach (var b in body)
            {
                if (b == (byte)' ' || b == (byte)'\t' || b == (byte)'\r' || b == (byte)'\n' || b == 0xEF || b == 0xBB || b == 0xBF)
                {
                    continue;
                }

                return b == (byte)'<';
            }

            return false;
        }

        internal static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
    }
}
