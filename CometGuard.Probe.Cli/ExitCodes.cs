using System;
using System.Globalization;
using System.Linq;
using System.Text;

namespace CometGuard.Probe.Cli
{
    /// <summary>The exit codes of <c>cometguard-probe</c>: one table, from which the help text is written.</summary>
    public static class ExitCodes
    {
        /// <summary><c>ROUTE_CANARY</c>: both checks passed; the route may take canary traffic.</summary>
        public const int RouteCanary = 0;

        /// <summary>Unexpected internal failure (a bug: please report it).</summary>
        public const int InternalError = 1;

        /// <summary>Usage or configuration error (bad option, missing key variable, bad URL); nothing was sent.</summary>
        public const int Usage = 2;

        /// <summary><c>KEEP_PRIMARY</c>: keep traffic on the primary route.</summary>
        public const int KeepPrimary = 10;

        /// <summary><c>ESCALATE</c>: a person must look (credentials, wrong path, rejected shape, accepted invalid request).</summary>
        public const int Escalate = 20;

        /// <summary><c>ROLL_BACK</c>: the route carries canary traffic and must stop.</summary>
        public const int RollBack = 30;

        /// <summary>Cancelled (Ctrl+C) before the run finished.</summary>
        public const int Cancelled = 130;

        /// <summary>Every code, its decision token (if it is one) and what it means, in the order help lists them.</summary>
        internal static readonly (int Code, string Token, string Meaning)[] Table =
        {
            (RouteCanary, "ROUTE_CANARY", "both checks passed; canary traffic only"),
            (KeepPrimary, "KEEP_PRIMARY", "keep traffic on the primary route"),
            (Escalate, "ESCALATE", "a person must look (401/403, wrong path, rejected shape, invalid request accepted)"),
            (RollBack, "ROLL_BACK", "the route already carries canary traffic and must stop"),
            (Usage, string.Empty, "usage or configuration error (missing key variable, bad URL...); nothing was sent"),
            (InternalError, string.Empty, "unexpected internal failure"),
            (Cancelled, string.Empty, "cancelled"),
        };

        /// <summary>The exit code of a decision.</summary>
        /// <param name="decision">The run's <c>fallback_decision</c>.</param>
        /// <returns>0, 10, 20 or 30.</returns>
        public static int For(FallbackDecision decision) => decision switch
        {
            FallbackDecision.RouteCanary => RouteCanary,
            FallbackDecision.KeepPrimary => KeepPrimary,
            FallbackDecision.Escalate => Escalate,
            FallbackDecision.RollBack => RollBack,
            _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, "A decision with no exit code."),
        };

        /// <summary>The help text's table: <c>0    ROUTE_CANARY   both checks passed…</c>.</summary>
        internal static string HelpText()
        {
            var text = new StringBuilder("Exit codes (by fallback_decision):");
            foreach (var (code, token, meaning) in Table)
            {
                text.Append("\n  ").Append(code.ToString(CultureInfo.InvariantCulture).PadRight(5)).Append(token.Length == 0 ? string.Empty : token.PadRight(15)).Append(meaning);
            }

            return text.Append("\n  --dry-run exits ").Append(RouteCanary.ToString(CultureInfo.InvariantCulture)).Append(" when the options are valid.").ToString();
        }

        /// <summary>The token of a decision code, for the last line a run prints.</summary>
        internal static string TokenOf(int code) => Table.First(row => row.Code == code).Token;
    }
}
