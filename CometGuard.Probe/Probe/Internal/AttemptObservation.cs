using System;
using System.Collections.Generic;

namespace CometGuard.Probe
{
    /// <summary>What one attempt observed, already reduced to allow-listed structure.</summary>
    internal sealed class AttemptObservation
    {
        public int? StatusCode { get; set; }

        public StatusClass StatusClass { get; set; }

        public ProbeOutcome Outcome { get; set; }

        public FieldPresence ResponseIdPresent { get; set; }

        public string? ObjectType { get; set; }

        public FieldPresence UsagePresent { get; set; }

        public string? FinishState { get; set; }

        public string? IncompleteReason { get; set; }

        public string? ErrorType { get; set; }

        public string? ErrorCode { get; set; }

        public string? ServedModel { get; set; }

        public ServedModelMatch ServedModelMatch { get; set; }

        public TimeSpan? RetryAfter { get; set; }

        public List<ApplicationReadResult> ApplicationReads { get; } = new List<ApplicationReadResult>();

        /// <summary>A sanitized detail for notes (timeouts, network errors, followed redirects).</summary>
        public string? Detail { get; set; }

        public static AttemptObservation Network(ProbeOutcome outcome, string detail) => new AttemptObservation
        {
            StatusClass = StatusClass.NetworkError,
            Outcome = outcome,
            Detail = detail,
        };
    }
}
