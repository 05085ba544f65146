using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using CometGuard.Probe;
using CometGuard.Tests.Verifiers;

namespace CometGuard.Tests.Probe
{
    /// <summary>The decision matrix, row by row, and its invariants over every combination.</summary>
    public sealed class DecisionMatrixTests
    {
        public static TheoryData<int, HappyPathClass, ErrorPathClass, FallbackDecision, RetryDecision> Rows => new()
        {
            { 0, HappyPathClass.CredentialsRejected, ErrorPathClass.Rejected, FallbackDecision.Escalate, RetryDecision.NoRetry },
            { 1, HappyPathClass.Healthy, ErrorPathClass.CredentialsRejected, FallbackDecision.Escalate, RetryDecision.NoRetry },
            { 2, HappyPathClass.WrongPath, ErrorPathClass.Rejected, FallbackDecision.Escalate, RetryDecision.NoRetry },
            { 3, HappyPathClass.RequestRejected, ErrorPathClass.Ambiguous, FallbackDecision.Escalate, RetryDecision.NoRetry },
            { 4, HappyPathClass.ThrottledBeyondCap, ErrorPathClass.Rejected, FallbackDecision.KeepPrimary, RetryDecision.Escalate },
            { 5, HappyPathClass.Throttled, ErrorPathClass.Rejected, FallbackDecision.KeepPrimary, RetryDecision.NoRetry },
            { 6, HappyPathClass.Unavailable, ErrorPathClass.Rejected, FallbackDecision.KeepPrimary, RetryDecision.NoRetry },
            { 7, HappyPathClass.ShapeMismatch, ErrorPathClass.Rejected, FallbackDecision.KeepPrimary, RetryDecision.NoRetry },
            { 8, HappyPathClass.ApplicationReadMissing, ErrorPathClass.Accepted, FallbackDecision.KeepPrimary, RetryDecision.NoRetry },
            { 9, HappyPathClass.ServedModelMismatch, ErrorPathClass.Rejected, FallbackDecision.KeepPrimary, RetryDecision.NoRetry },
            { 10, HappyPathClass.Healthy, ErrorPathClass.Accepted, FallbackDecision.Escalate, RetryDecision.NoRetry },
            { 11, HappyPathClass.Healthy, ErrorPathClass.Ambiguous, FallbackDecision.KeepPrimary, RetryDecision.NoRetry },
            { 12, HappyPathClass.Healthy, ErrorPathClass.Rejected, FallbackDecision.RouteCanary, RetryDecision.NoRetry },
        };

        [Theory]
        [MemberData(nameof(Rows))]
        public void Each_row_decides_as_documented(int row, HappyPathClass happy, ErrorPathClass error, FallbackDecision fallback, RetryDecision retry)
        {
            var decision = DecisionMatrix.Decide(happy, error, CurrentRoute.Standby, retrySpent: false);

            Assert.Same(DecisionMatrix.Rules[row], decision.Rule);
            Assert.Equal(fallback, decision.Fallback);
            Assert.Equal(retry, decision.Retry);
            Assert.False(string.IsNullOrWhiteSpace(decision.Rule.Reason));
        }

        [Fact]
        public void Every_row_is_tested_and_reachable()
        {
            Assert.Equal(DecisionMatrix.Rules.Count, Rows.Count());
            var reached = new HashSet<DecisionRule>();
            foreach (var (happy, error) in AllCombinations())
            {
                reached.Add(DecisionMatrix.Find(happy, error));
            }

            Assert.Equal(DecisionMatrix.Rules.Count, reached.Count);
        }

        [Fact]
        public void Every_combination_has_one_decision_and_only_healthy_with_rejected_error_path_routes_canary()
        {
            foreach (var (happy, error) in AllCombinations())
            {
                foreach (var route in Enum.GetValues<CurrentRoute>())
                {
                    foreach (var spent in new[] { false, true })
                    {
                        var decision = DecisionMatrix.Decide(happy, error, route, spent);
                        var canary = happy == HappyPathClass.Healthy && error == ErrorPathClass.Rejected;
                        Assert.Equal(canary, decision.Fallback == FallbackDecision.RouteCanary);
                        Assert.True(Enum.IsDefined(decision.Fallback));
                        if (route == CurrentRoute.Canary)
                        {
                            Assert.NotEqual(FallbackDecision.KeepPrimary, decision.Fallback);
                        }
                        else
                        {
                            Assert.NotEqual(FallbackDecision.RollBack, decision.Fallback);
                        }

                        if (spent)
                        {
                            Assert.Equal(RetryDecision.SingleRetry, decision.Retry);
                        }
                    }
                }
            }
        }

        [Fact]
        public void Roll_back_replaces_keep_primary_on_a_canary_route_only()
        {
            Assert.Equal(FallbackDecision.RollBack, DecisionMatrix.Decide(HappyPathClass.Unavailable, ErrorPathClass.Rejected, CurrentRoute.Canary, false).Fallback);
            Assert.Equal(FallbackDecision.Escalate, DecisionMatrix.Decide(HappyPathClass.CredentialsRejected, ErrorPathClass.Rejected, CurrentRoute.Canary, false).Fallback);
            Assert.Equal(FallbackDecision.RouteCanary, DecisionMatrix.Decide(HappyPathClass.Healthy, ErrorPathClass.Rejected, CurrentRoute.Canary, false).Fallback);
        }

        [Fact]
        public void Readme_section_shows_the_table_from_code()
        {
            var page = File.ReadAllText(RepositoryPaths.Combine("README.md"));

            Assert.Contains(MarkdownTable(), page, StringComparison.Ordinal);
        }

        /// <summary>The README table, rendered from <see cref="DecisionMatrix.Rules"/>.</summary>
        internal static string MarkdownTable()
        {
            var builder = new StringBuilder();
            builder.Append("| # | happy path | error path | fallback_decision | retry_decision | reason |\n");
            builder.Append("|---|---|---|---|---|---|\n");
            var index = 0;
            foreach (var rule in DecisionMatrix.Rules)
            {
                builder.Append("| ").Append(++index)
                    .Append(" | ").Append(rule.HappyPath?.ToString() ?? "any")
                    .Append(" | ").Append(rule.ErrorPath?.ToString() ?? "any")
                    .Append(" | `").Append(EvidenceRenderer.Token(rule.Fallback))
                    .Append("` | `").Append(EvidenceRenderer.Token(rule.Retry))
                    .Append("` | ").Append(rule.Reason).Append(" |\n");
            }

            return builder.ToString();
        }

        private static IEnumerable<(HappyPathClass, ErrorPathClass)> AllCombinations()
            => from happy in Enum.GetValues<HappyPathClass>()
               from error in Enum.GetValues<ErrorPathClass>()
               select (happy, error);
    }
}
