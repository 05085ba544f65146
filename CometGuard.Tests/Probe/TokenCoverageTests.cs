using System;
using System.Linq;
using CometGuard.Probe;
using CometGuard.Probe.Cli;

namespace CometGuard.Tests.Probe
{
    /// <summary>
    /// Every value of every vocabulary enum has its own token and exit code, and a value outside the enum is an error,
    /// never rendered as some other value.
    /// </summary>
    public class TokenCoverageTests
    {
        [Fact]
        public void Every_vocabulary_value_has_a_distinct_token()
        {
            AssertDistinct(Enum.GetValues<EndpointFamily>().Select(EvidenceRenderer.Token));
            AssertDistinct(Enum.GetValues<RequestType>().Select(EvidenceRenderer.Token));
            AssertDistinct(Enum.GetValues<StatusClass>().Select(EvidenceRenderer.Token));
            AssertDistinct(Enum.GetValues<FieldPresence>().Select(EvidenceRenderer.Token));
            AssertDistinct(Enum.GetValues<RetryDecision>().Select(EvidenceRenderer.Token));
            AssertDistinct(Enum.GetValues<FallbackDecision>().Select(EvidenceRenderer.Token));
            AssertDistinct(Enum.GetValues<ServedModelMatch>().Select(EvidenceRenderer.Token));
            AssertDistinct(Enum.GetValues<ProbeOutcome>().Select(EvidenceRenderer.OutcomeToken));
            AssertDistinct(Enum.GetValues<FallbackDecision>().Select(d => ExitCodes.For(d).ToString()));
        }

        [Fact]
        public void A_value_outside_the_vocabulary_is_an_error_not_another_token()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => EvidenceRenderer.Token((FallbackDecision)99));
            Assert.Throws<ArgumentOutOfRangeException>(() => EvidenceRenderer.Token((RetryDecision)99));
            Assert.Throws<ArgumentOutOfRangeException>(() => EvidenceRenderer.Token((StatusClass)99));
            Assert.Throws<ArgumentOutOfRangeException>(() => EvidenceRenderer.Token((RequestType)99));
            Assert.Throws<ArgumentOutOfRangeException>(() => ExitCodes.For((FallbackDecision)99));
            Assert.Throws<ArgumentOutOfRangeException>(() => OutcomeClasses.Describe((ErrorPathClass)99));
        }

        [Fact]
        public void Every_outcome_has_a_happy_path_class()
        {
            var options = new SmokeProbeOptions();
            foreach (var outcome in Enum.GetValues<ProbeOutcome>())
            {
                var observation = AttemptObservation.Network(outcome, "test");
                Assert.True(Enum.IsDefined(OutcomeClasses.OfHappyPath(observation, options)), outcome.ToString());
                Assert.True(Enum.IsDefined(OutcomeClasses.OfErrorPath(observation)), outcome.ToString());
            }
        }

        private static void AssertDistinct(System.Collections.Generic.IEnumerable<string> tokens)
        {
            var list = tokens.ToList();
            Assert.Equal(list.Count, list.Distinct(StringComparer.Ordinal).Count());
            Assert.All(list, t => Assert.False(string.IsNullOrWhiteSpace(t)));
        }
    }
}
