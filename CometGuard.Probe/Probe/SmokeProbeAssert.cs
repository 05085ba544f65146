using System;

namespace CometGuard.Probe
{
    /// <summary>
    /// Test helper: one call that fails a test unless the probe decided <c>ROUTE_CANARY</c>. It throws
    /// <see cref="SmokeProbeAssertionException"/>, which xunit, NUnit and MSTest all report as a
    /// failure with its message, the sanitized summary.
    /// </summary>
    public static class SmokeProbeAssert
    {
        /// <summary>Throws unless the decision is <c>ROUTE_CANARY</c>.</summary>
        /// <param name="report">The probe's report.</param>
        /// <exception cref="SmokeProbeAssertionException">The route may not take canary traffic.</exception>
        public static void RouteCanary(SmokeProbeReport report)
        {
            if (report is null)
            {
                throw new ArgumentNullException(nameof(report));
            }

            if (!report.AllowsCanary)
            {
                throw new SmokeProbeAssertionException(report);
            }
        }

        /// <summary>Throws unless the decision is <c>ROUTE_CANARY</c>; the fluent form of <see cref="RouteCanary"/>.</summary>
        /// <param name="report">The probe's report.</param>
        /// <returns>The same report, for chaining.</returns>
        /// <exception cref="SmokeProbeAssertionException">The route may not take canary traffic.</exception>
        public static SmokeProbeReport ShouldAllowCanary(this SmokeProbeReport report)
        {
            RouteCanary(report);
            return report;
        }
    }

    /// <summary>A probe decision other than <c>ROUTE_CANARY</c>, raised by <see cref="SmokeProbeAssert"/>.</summary>
    public sealed class SmokeProbeAssertionException : Exception
    {
        /// <summary>Creates the exception from a report; the message is the report's sanitized summary.</summary>
        /// <param name="report">The report.</param>
        public SmokeProbeAssertionException(SmokeProbeReport report)
            : base("Smoke probe did not allow canary traffic." + System.Environment.NewLine + (report ?? throw new ArgumentNullException(nameof(report))).Summary)
        {
            FallbackDecision = report.FallbackDecision;
            RetryDecision = report.RetryDecision;
            Summary = report.Summary;
        }

        /// <summary>The decision that failed the assertion.</summary>
        public FallbackDecision FallbackDecision { get; }

        /// <summary>The retry decision of the run.</summary>
        public RetryDecision RetryDecision { get; }

        /// <summary>The sanitized summary.</summary>
        public string Summary { get; }
    }
}
