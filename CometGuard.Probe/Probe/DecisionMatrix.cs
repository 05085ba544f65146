using System;
using System.Collections.Generic;
using System.Linq;

namespace CometGuard.Probe
{
    /// <summary>
    /// One row of the default decision policy. A null class matches any value.
    /// </summary>
    /// <param name="HappyPath">The happy path's class, or null for any.</param>
    /// <param name="ErrorPath">The error path's class, or null for any.</param>
    /// <param name="Fallback">The <c>fallback_decision</c> (before <c>ROLL_BACK</c> substitution).</param>
    /// <param name="Retry">The <c>retry_decision</c> (before the spent-retry substitution).</param>
    /// <param name="Reason">Why, in the words written into <c>notes</c>.</param>
    public sealed record DecisionRule(HappyPathClass? HappyPath, ErrorPathClass? ErrorPath, FallbackDecision Fallback, RetryDecision Retry, string Reason)
    {
        /// <summary>Whether this row applies to the given outcome classes.</summary>
        /// <param name="happyPath">The happy path's class.</param>
        /// <param name="errorPath">The error path's class.</param>
        /// <returns>True when the row matches.</returns>
        public bool Matches(HappyPathClass happyPath, ErrorPathClass errorPath)
            => (HappyPath is null || HappyPath == happyPath) && (ErrorPath is null || ErrorPath == errorPath);
    }

    /// <summary>The decision of one run.</summary>
    /// <param name="Fallback">The final <c>fallback_decision</c>.</param>
    /// <param name="Retry">The final <c>retry_decision</c>.</param>
    /// <param name="Rule">The matrix row that decided.</param>
    public sealed record ProbeDecision(FallbackDecision Fallback, RetryDecision Retry, DecisionRule Rule);

    /// <summary>
    /// The default decision policy as ONE table: the first row matching (happy path, error path)
    /// decides. A smoke test never decides above <c>ROUTE_CANARY</c>. Then two substitutions:
    /// <c>KEEP_PRIMARY</c> becomes <c>ROLL_BACK</c> when the route already carries canary traffic, and
    /// the retry decision becomes <c>SINGLE_RETRY</c> when the opt-in retry was spent.
    /// </summary>
    public static class DecisionMatrix
    {
        /// <summary>The rows, in precedence order.</summary>
        public static IReadOnlyList<DecisionRule> Rules { get; } = new[]
        {
            // Happy path            Error path                             fallback_decision                retry_decision
            R(HappyPathClass.CredentialsRejected, null,                     FallbackDecision.Escalate,    RetryDecision.NoRetry, "happy path: credentials or permissions rejected (401/403)"),
            R(null, ErrorPathClass.CredentialsRejected,                     FallbackDecision.Escalate,    RetryDecision.NoRetry, "error path: credentials or permissions rejected (401/403)"),
            R(HappyPathClass.WrongPath, null,                               FallbackDecision.Escalate,    RetryDecision.NoRetry, "happy path: wrong base address or path, or model not served (404, 3xx or HTML)"),
            R(HappyPathClass.RequestRejected, null,                         FallbackDecision.Escalate,    RetryDecision.NoRetry, "happy path: request shape rejected (check endpoint family and parameters)"),
            R(HappyPathClass.ThrottledBeyondCap, null,                      FallbackDecision.KeepPrimary, RetryDecision.Escalate, "happy path: throttled with Retry-After beyond the cap"),
            R(HappyPathClass.Throttled, null,                               FallbackDecision.KeepPrimary, RetryDecision.NoRetry, "happy path: throttled (408/429/503), not retried"),
            R(HappyPathClass.Unavailable, null,                             FallbackDecision.KeepPrimary, RetryDecision.NoRetry, "happy path: server error, timeout or connection failure"),
            R(HappyPathClass.ShapeMismatch, null,                           FallbackDecision.KeepPrimary, RetryDecision.NoRetry, "happy path: 2xx without the documented shape"),
            R(HappyPathClass.ApplicationReadMissing, null,                  FallbackDecision.KeepPrimary, RetryDecision.NoRetry, "happy path: a field the application reads is missing"),
            R(HappyPathClass.ServedModelMismatch, null,                     FallbackDecision.KeepPrimary, RetryDecision.NoRetry, "happy path: served model is not the exact requested id"),
            R(HappyPathClass.Healthy, ErrorPathClass.Accepted,              FallbackDecision.Escalate,    RetryDecision.NoRetry, "error path: the gateway accepted an invalid request (2xx)"),
            R(HappyPathClass.Healthy, ErrorPathClass.Ambiguous,             FallbackDecision.KeepPrimary, RetryDecision.NoRetry, "error path: ambiguous answer (5xx, network, 3xx, 404, 408/429); stop at classification"),
            R(HappyPathClass.Healthy, ErrorPathClass.Rejected,              FallbackDecision.RouteCanary, RetryDecision.NoRetry, "both checks passed; canary traffic only, never full promotion from a smoke test"),
        };

        /// <summary>Decides a run.</summary>
        /// <param name="happyPath">The happy path's class.</param>
        /// <param name="errorPath">The error path's class.</param>
        /// <param name="currentRoute">What the route carries today.</param>
        /// <param name="retrySpent">Whether the opt-in retry was spent.</param>
        /// <returns>The decision and the row that made it.</returns>
        public static ProbeDecision Decide(HappyPathClass happyPath, ErrorPathClass errorPath, CurrentRoute currentRoute, bool retrySpent)
        {
            var rule = Find(happyPath, errorPath);
            var fallback = rule.Fallback == FallbackDecision.KeepPrimary && currentRoute == CurrentRoute.Canary
                ? FallbackDecision.RollBack
                : rule.Fallback;
            var retry = retrySpent ? RetryDecision.SingleRetry : rule.Retry;
            return new ProbeDecision(fallback, retry, rule);
        }

        /// <summary>The first row matching the classes.</summary>
        /// <param name="happyPath">The happy path's class.</param>
        /// <param name="errorPath">The error path's class.</param>
        /// <returns>The row.</returns>
        public static DecisionRule Find(HappyPathClass happyPath, ErrorPathClass errorPath)
        {
            foreach (var rule in Rules)
            {
                if (rule.Matches(happyPath, errorPath))
                {
                    return rule;
                }
            }

            // Unreachable while the table covers every Healthy column; fail safe rather than promote.
            throw new InvalidOperationException("The decision matrix has no row for " + happyPath + " / " + errorPath + ".");
        }

        private static DecisionRule R(HappyPathClass? happy, ErrorPathClass? error, FallbackDecision fallback, RetryDecision retry, string reason)
            => new DecisionRule(happy, error, fallback, retry, reason);
    }

    /// <summary>
    /// From what a request observed to the class the decision table reads: every outcome is placed explicitly, so a
    /// new outcome cannot fall into a class by default.
    /// </summary>
    internal static class OutcomeClasses
    {
        public static HappyPathClass OfHappyPath(AttemptObservation o, SmokeProbeOptions options)
        {
            switch (o.Outcome)
            {
                case ProbeOutcome.Success:
                    if (o.ApplicationReads.Any(r => r.Presence != FieldPresence.Present))
                    {
                        return HappyPathClass.ApplicationReadMissing;
                    }

                    return options.RequireExactModelMatch && o.ServedModelMatch != ServedModelMatch.Exact
                        ? HappyPathClass.ServedModelMismatch
                        : HappyPathClass.Healthy;
                case ProbeOutcome.CredentialsRejected:
                    return HappyPathClass.CredentialsRejected;
                case ProbeOutcome.Redirect:
                case ProbeOutcome.HtmlBody:
                case ProbeOutcome.NotFound:
                    return HappyPathClass.WrongPath;
                case ProbeOutcome.RequestRejected:
                case ProbeOutcome.OtherClientError:
                    return HappyPathClass.RequestRejected;
                case ProbeOutcome.Throttled:
                    return o.RetryAfter is TimeSpan wait && wait > options.RetryAfterCap
                        ? HappyPathClass.ThrottledBeyondCap
                        : HappyPathClass.Throttled;
                case ProbeOutcome.ServerError:
                case ProbeOutcome.Timeout:
                case ProbeOutcome.ConnectionFailed:
                case ProbeOutcome.NotAttempted:
                    return HappyPathClass.Unavailable;
                case ProbeOutcome.ErrorBodyOn2xx:
                case ProbeOutcome.UnexpectedObject:
                case ProbeOutcome.MissingId:
                case ProbeOutcome.EmptyChoices:
                case ProbeOutcome.NotCompleted:
                case ProbeOutcome.UnparseableBody:
                case ProbeOutcome.OversizedBody:
                    return HappyPathClass.ShapeMismatch;
                default:
                    throw new ArgumentOutOfRangeException(nameof(o), o.Outcome, "An outcome with no happy-path class.");
            }
        }

        public static ErrorPathClass OfErrorPath(AttemptObservation o)
        {
            if (o.Outcome == ProbeOutcome.CredentialsRejected)
            {
                return ErrorPathClass.CredentialsRejected;
            }

            if (o.StatusClass == StatusClass.Success2xx && o.Outcome != ProbeOutcome.HtmlBody)
            {
                return ErrorPathClass.Accepted;
            }

            return o.Outcome is ProbeOutcome.RequestRejected or ProbeOutcome.OtherClientError
                ? ErrorPathClass.Rejected
                : ErrorPathClass.Ambiguous;
        }

        /// <summary>What an error-path class means, in the words written into <c>notes</c>.</summary>
        public static string Describe(ErrorPathClass errorClass) => errorClass switch
        {
            ErrorPathClass.Rejected => "invalid request rejected as expected",
            ErrorPathClass.Accepted => "invalid request accepted",
            ErrorPathClass.CredentialsRejected => "credentials rejected",
            ErrorPathClass.Ambiguous => "ambiguous, not retried",
            _ => throw new ArgumentOutOfRangeException(nameof(errorClass), errorClass, "An error-path class with no description."),
        };
    }
}
