using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Logging;

namespace CometGuard.Probe
{
    /// <summary>
    /// What to probe and how. <see cref="EndpointFamily"/>, <see cref="Model"/> and
    /// <see cref="ApiKey"/> have no usable default: the operator chooses them.
    /// </summary>
    public sealed class SmokeProbeOptions
    {
        /// <summary>The maximum number of body bytes the probe reads from any response (64 KiB).</summary>
        public const int MaxBodyBytes = 64 * 1024;

        /// <summary>CometAPI's OpenAI-compatible base address, <c>https://api.cometapi.com/v1/</c>.</summary>
        public static Uri DefaultBaseAddress { get; } = new Uri("https://api.cometapi.com/v1/");

        /// <summary>The gateway's OpenAI-compatible base address (absolute, http or https). Defaults to <see cref="DefaultBaseAddress"/>.</summary>
        public Uri BaseAddress { get; set; } = DefaultBaseAddress;

        /// <summary>Chat Completions or Responses; required, chosen from the gateway's current docs.</summary>
        public EndpointFamily EndpointFamily { get; set; }

        /// <summary>The model id the operator chose (e.g. from <c>COMETAPI_MODEL</c>); required.</summary>
        public string? Model { get; set; }

        /// <summary>Where the key comes from; required. See <see cref="SecretSource"/>.</summary>
        public SecretSource? ApiKey { get; set; }

        /// <summary>The environment name written into the evidence (<c>staging</c>, <c>prod-eu</c>...).</summary>
        public string? Environment { get; set; }

        /// <summary>Who ran the probe, written into the evidence (a handle, not a person's secret).</summary>
        public string? Operator { get; set; }

        /// <summary>Links to the docs pages and dashboards the decision relied on.</summary>
        public IList<string> EvidenceLinks { get; } = new List<string>();

        /// <summary>
        /// The response paths the application reads, checked against the happy-path body (never stored),
        /// e.g. <c>id</c>, <c>choices[0].message.content</c>, <c>usage.total_tokens</c>,
        /// <c>output[0].content[0].text</c>. A missing one blocks promotion.
        /// </summary>
        public IList<string> ApplicationReads { get; } = new List<string>();

        /// <summary>
        /// The reads CometGuard's build recorded in the application's assembly
        /// (<c>ReadManifest.From(typeof(ChatService).Assembly)</c>): its paths for <see cref="EndpointFamily"/> are
        /// checked beside <see cref="ApplicationReads"/>, and a missing one names the code that reads it.
        /// </summary>
        public ReadManifest? ReadManifest { get; set; }

        /// <summary>The typed reads and the manifest's for the chosen family, each once.</summary>
        internal IReadOnlyList<string> AllApplicationReads()
        {
            var all = new List<string>(ApplicationReads);
            if (ReadManifest is { } manifest && EndpointFamily is EndpointFamily.ChatCompletions or EndpointFamily.Responses)
            {
                all.AddRange(manifest.PathsFor(EndpointFamily).Where(p => !all.Contains(p)));
            }

            return all;
        }

        /// <summary>What the route carries today; <see cref="Probe.CurrentRoute.Canary"/> turns <c>KEEP_PRIMARY</c> into <c>ROLL_BACK</c>.</summary>
        public CurrentRoute CurrentRoute { get; set; }

        /// <summary>Timeout of one attempt, headers and body included. Default 30 s.</summary>
        public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>Deadline of the whole run (both requests, any retry and its delay). Default 90 s.</summary>
        public TimeSpan OverallDeadline { get; set; } = TimeSpan.FromSeconds(90);

        /// <summary>
        /// Opt in to at most one retry of the happy path, only on 408/429/503 carrying a
        /// <c>Retry-After</c> no longer than <see cref="RetryAfterCap"/>. Off by default. The error path is never retried.
        /// </summary>
        public bool EnableSingleRetry { get; set; }

        /// <summary>The longest <c>Retry-After</c> the probe honours; a longer one is escalated. Default 10 s.</summary>
        public TimeSpan RetryAfterCap { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>
        /// Block promotion unless the served <c>model</c> equals the requested id exactly (a dated
        /// variant is then a mismatch). Off by default: a mismatch is only recorded.
        /// </summary>
        public bool RequireExactModelMatch { get; set; }

        /// <summary>The happy path's output-token cap; small, but large enough for reasoning models. Default 512.</summary>
        public int MaxOutputTokens { get; set; } = 512;

        /// <summary>Optional logger; the probe logs classifications only, never keys, prompts or bodies.</summary>
        public ILogger? Logger { get; set; }

        /// <summary>Clock for timestamps and HTTP-date <c>Retry-After</c> values. Default <see cref="TimeProvider.System"/>.</summary>
        public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

        /// <summary>
        /// Checks the options and throws <see cref="SmokeProbeOptionsException"/> listing every problem.
        /// Environment and configuration key sources are checked for a value (the value is not kept).
        /// </summary>
        /// <exception cref="SmokeProbeOptionsException">The options cannot run a probe.</exception>
        public void Validate()
        {
            var problems = GetProblems();
            if (problems.Count > 0)
            {
                throw new SmokeProbeOptionsException(problems);
            }
        }

        internal List<string> GetProblems(bool checkApiKey = true)
        {
            var problems = new List<string>();
            if (BaseAddress is null)
            {
                problems.Add("BaseAddress is not set; use an absolute address such as " + DefaultBaseAddress + ".");
            }
            else if (!BaseAddress.IsAbsoluteUri)
            {
                problems.Add("BaseAddress must be absolute (for example " + DefaultBaseAddress + "); a relative address was given.");
            }
            else
            {
                if (BaseAddress.Scheme != Uri.UriSchemeHttps && BaseAddress.Scheme != Uri.UriSchemeHttp)
                {
                    problems.Add("BaseAddress must use http or https.");
                }

                if (!string.IsNullOrEmpty(BaseAddress.UserInfo))
                {
                    problems.Add("BaseAddress must not carry user info: credentials come only from ApiKey.");
                }

                if (!string.IsNullOrEmpty(BaseAddress.Query) || !string.IsNullOrEmpty(BaseAddress.Fragment))
                {
                    problems.Add("BaseAddress must not have a query or fragment.");
                }
            }

            if (EndpointFamily != EndpointFamily.ChatCompletions && EndpointFamily != EndpointFamily.Responses)
            {
                problems.Add("EndpointFamily is not set: choose ChatCompletions or Responses from the gateway's current docs (there is no default, by design).");
            }

            if (string.IsNullOrWhiteSpace(Model))
            {
                problems.Add("Model is not set: pass the model id the operator chose (for example from COMETAPI_MODEL).");
            }
            else if (EvidenceScrubber.ContainsKeyShape(Model!))
            {
                problems.Add("Model looks like an API key; pass the model id, and the key through ApiKey.");
            }

            if (!checkApiKey)
            {
                // A request preview sends nothing and never needs the key.
            }
            else if (ApiKey is null)
            {
                problems.Add("ApiKey is not set: use SecretSource.Environment(\"COMETAPI_API_KEY\"), SecretSource.FromConfiguration(...) or SecretSource.FromDelegate(...).");
            }
            else if (ApiKey.CanCheckUpFront)
            {
                string? value;
                try
                {
                    value = ApiKey.ResolveAsync(default).AsTask().GetAwaiter().GetResult();
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    value = null;
                    problems.Add("ApiKey: reading " + ApiKey.Description + " failed (" + ex.GetType().Name + ").");
                }

                if (value is null || value.Trim().Length == 0)
                {
                    problems.Add(ApiKey.MissingMessage);
                }
            }

            if (AttemptTimeout <= TimeSpan.Zero || AttemptTimeout == System.Threading.Timeout.InfiniteTimeSpan)
            {
                problems.Add("AttemptTimeout must be a positive, finite duration.");
            }

            if (OverallDeadline <= TimeSpan.Zero || OverallDeadline == System.Threading.Timeout.InfiniteTimeSpan)
            {
                problems.Add("OverallDeadline must be a positive, finite duration.");
            }

            if (RetryAfterCap < TimeSpan.Zero)
            {
                problems.Add("RetryAfterCap must not be negative.");
            }

            if (MaxOutputTokens < 16)
            {
                problems.Add("MaxOutputTokens must be at least 16 (reasoning models spend tokens before they answer).");
            }

            if (TimeProvider is null)
            {
                problems.Add("TimeProvider is not set.");
            }

            foreach (var path in ApplicationReads.Where(p => !ResponsePath.TryParse(p, out _)))
            {
                problems.Add("ApplicationReads: '" + EvidenceScrubber.Scrub(path, null) + "' is not a path such as choices[0].message.content.");
            }

            return problems;
        }
    }

    /// <summary>Thrown before any request when <see cref="SmokeProbeOptions"/> cannot run a probe.</summary>
    public sealed class SmokeProbeOptionsException : ArgumentException
    {
        /// <summary>Creates the exception from the list of problems.</summary>
        /// <param name="problems">One sentence per problem.</param>
        public SmokeProbeOptionsException(IReadOnlyList<string> problems)
            : base("The smoke probe options are invalid:" + System.Environment.NewLine + "- " + string.Join(System.Environment.NewLine + "- ", problems))
        {
            Problems = problems;
        }

        /// <summary>One sentence per problem, in the order found.</summary>
        public IReadOnlyList<string> Problems { get; }
    }
}
