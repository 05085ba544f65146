using System;
using System.Collections.Generic;

namespace CometGuard.Probe
{
    /// <summary>
    /// One structural evidence record: what one request observed, never keys, prompts, generated
    /// text, prices or quotas. Every string in it is sanitized when the probe builds it, and every
    /// rendering is scrubbed again. The runbook template, JSON Lines and Markdown outputs all
    /// render this one model.
    /// </summary>
    public sealed record SmokeProbeEvidence
    {
        /// <summary>When the request's final attempt completed (UTC).</summary>
        public DateTimeOffset Timestamp { get; init; }

        /// <summary>The runbook's <c>review_date</c>: the UTC date of <see cref="Timestamp"/>.</summary>
        public DateOnly ReviewDate => DateOnly.FromDateTime(Timestamp.UtcDateTime);

        /// <summary>The runbook's <c>operator</c>.</summary>
        public string Operator { get; init; } = string.Empty;

        /// <summary>The runbook's <c>environment</c>.</summary>
        public string Environment { get; init; } = string.Empty;

        /// <summary>The runbook's <c>endpoint_family</c>.</summary>
        public EndpointFamily EndpointFamily { get; init; }

        /// <summary>The runbook's <c>model_reference</c>: the requested model id.</summary>
        public string ModelReference { get; init; } = string.Empty;

        /// <summary>The runbook's <c>request_type</c>.</summary>
        public RequestType RequestType { get; init; }

        /// <summary>The runbook's <c>status_class</c>.</summary>
        public StatusClass StatusClass { get; init; }

        /// <summary>The exact HTTP status code, or null for a network error.</summary>
        public int? StatusCode { get; init; }

        /// <summary>The classified outcome.</summary>
        public ProbeOutcome Outcome { get; init; }

        /// <summary>The runbook's <c>response_id_present</c>.</summary>
        public FieldPresence ResponseIdPresent { get; init; }

        /// <summary>The runbook's <c>response_object_type</c> (allow-listed token), or null when not returned.</summary>
        public string? ResponseObjectType { get; init; }

        /// <summary>The runbook's <c>usage_field_present</c>.</summary>
        public FieldPresence UsageFieldPresent { get; init; }

        /// <summary><c>choices[0].finish_reason</c> or the Responses <c>status</c> (allow-listed token), or null.</summary>
        public string? FinishState { get; init; }

        /// <summary><c>error.type</c> from an error envelope (allow-listed token); <c>error.message</c> is never read.</summary>
        public string? ErrorType { get; init; }

        /// <summary><c>error.code</c> from an error envelope (allow-listed token), or null when absent or empty.</summary>
        public string? ErrorCode { get; init; }

        /// <summary>The served <c>model</c> (allow-listed token), or null.</summary>
        public string? ServedModel { get; init; }

        /// <summary>How <see cref="ServedModel"/> compares with <see cref="ModelReference"/>.</summary>
        public ServedModelMatch ServedModelMatch { get; init; }

        /// <summary>The <c>Retry-After</c> the final attempt carried, if any.</summary>
        public TimeSpan? RetryAfter { get; init; }

        /// <summary>Attempts sent for this request: 1, or 2 after the opt-in retry; 0 when not attempted.</summary>
        public int Attempts { get; init; }

        /// <summary>Wall time of this request, retry delay included.</summary>
        public TimeSpan Elapsed { get; init; }

        /// <summary>For the happy path, whether each application-read path was in the body.</summary>
        public IReadOnlyList<ApplicationReadResult> ApplicationReads { get; init; } = Array.Empty<ApplicationReadResult>();

        /// <summary>The runbook's <c>retry_decision</c> (the run's decision, repeated on each record).</summary>
        public RetryDecision RetryDecision { get; init; }

        /// <summary>The runbook's <c>fallback_decision</c> (the run's decision, repeated on each record).</summary>
        public FallbackDecision FallbackDecision { get; init; }

        /// <summary>The runbook's <c>evidence_links</c>.</summary>
        public IReadOnlyList<string> EvidenceLinks { get; init; } = Array.Empty<string>();

        /// <summary>The runbook's <c>notes</c>: this request's classification and the decision's reason, sanitized.</summary>
        public string Notes { get; init; } = string.Empty;
    }

    /// <summary>Whether one path the application reads was present in the observed body.</summary>
    /// <param name="Path">The path, e.g. <c>choices[0].message.content</c>.</param>
    /// <param name="Presence">Present, absent, or not returned (no JSON body).</param>
    public sealed record ApplicationReadResult(string Path, FieldPresence Presence);
}
