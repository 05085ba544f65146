using System;
using System.Collections.Generic;

namespace CometGuard.Probe
{
    /// <summary>
    /// The result of one probe run: both evidence records and the decision. It holds no key, prompt,
    /// body or generated text; its renderings are scrubbed once more before they are returned.
    /// </summary>
    public sealed class SmokeProbeReport
    {
        /// <summary>Creates a report (the probe does; tools and tests may too).</summary>
        /// <param name="happyPath">The happy-path record.</param>
        /// <param name="errorPath">The error-path record.</param>
        /// <param name="happyPathClass">The happy path's matrix class.</param>
        /// <param name="errorPathClass">The error path's matrix class.</param>
        /// <param name="decision">The decision.</param>
        /// <param name="requestsSent">HTTP requests sent in the run.</param>
        public SmokeProbeReport(
            SmokeProbeEvidence happyPath,
            SmokeProbeEvidence errorPath,
            HappyPathClass happyPathClass,
            ErrorPathClass errorPathClass,
            ProbeDecision decision,
            int requestsSent)
            : this(happyPath, errorPath, happyPathClass, errorPathClass, decision, requestsSent, null)
        {
        }

        internal SmokeProbeReport(
            SmokeProbeEvidence happyPath,
            SmokeProbeEvidence errorPath,
            HappyPathClass happyPathClass,
            ErrorPathClass errorPathClass,
            ProbeDecision decision,
            int requestsSent,
            KeyFingerprint? key)
        {
            HappyPath = happyPath ?? throw new ArgumentNullException(nameof(happyPath));
            ErrorPath = errorPath ?? throw new ArgumentNullException(nameof(errorPath));
            HappyPathClass = happyPathClass;
            ErrorPathClass = errorPathClass;
            Decision = decision ?? throw new ArgumentNullException(nameof(decision));
            RequestsSent = requestsSent;
            Key = key;
        }

        /// <summary>The happy-path record.</summary>
        public SmokeProbeEvidence HappyPath { get; }

        /// <summary>The error-path record.</summary>
        public SmokeProbeEvidence ErrorPath { get; }

        /// <summary>Both records, happy path first.</summary>
        public IReadOnlyList<SmokeProbeEvidence> Records => new[] { HappyPath, ErrorPath };

        /// <summary>The happy path's row key in the <see cref="DecisionMatrix"/>.</summary>
        public HappyPathClass HappyPathClass { get; }

        /// <summary>The error path's column key in the <see cref="DecisionMatrix"/>.</summary>
        public ErrorPathClass ErrorPathClass { get; }

        /// <summary>The decision and the matrix row behind it.</summary>
        public ProbeDecision Decision { get; }

        /// <summary>The run's <c>fallback_decision</c>.</summary>
        public FallbackDecision FallbackDecision => Decision.Fallback;

        /// <summary>The run's <c>retry_decision</c>.</summary>
        public RetryDecision RetryDecision => Decision.Retry;

        /// <summary>Whether the route may take canary traffic (<c>ROUTE_CANARY</c>).</summary>
        public bool AllowsCanary => Decision.Fallback == FallbackDecision.RouteCanary;

        /// <summary>HTTP requests sent: 2 without retry, 3 with the opt-in retry spent.</summary>
        public int RequestsSent { get; }

        /// <summary>A short sanitized summary: decision, reason, and each request's classification.</summary>
        public string Summary => EvidenceRenderer.RenderSummary(this);

        /// <summary>Fingerprint of the key used, so renderings can be scanned for it without holding it.</summary>
        internal KeyFingerprint? Key { get; }

        /// <summary>Renders the report in one of the evidence formats.</summary>
        /// <param name="format">The format.</param>
        /// <returns>The scrubbed text.</returns>
        public string Render(EvidenceFormat format) => EvidenceRenderer.Render(this, format);

        /// <summary>Returns <see cref="Summary"/>.</summary>
        /// <returns>The summary.</returns>
        public override string ToString() => Summary;
    }
}
