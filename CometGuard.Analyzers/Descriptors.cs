
namespace CometGuard.Analyzers
{
    /// <summary>Every CometGuard diagnostic, in one place. Help links are derived from the ID.</summary>
    internal static class Descriptors
    {
        /// <summary>
        /// Where the project lives: the one address every help link derives from (the package metadata and the README
        /// are checked against it). Not published yet; the day it is, only this constant changes.
        /// </summary>
        public const string RepositoryAddress = "https://github.com/CometGuard/CometGuard";

        public const string HelpLinkBase = RepositoryAddress + "/blob/main/docs/rules/";

        public static readonly DiagnosticDescriptor HardCodedModelId = Create(
            RuleIdentifiers.HardCodedModelId,
            "Hard-coded model ID",
            "Model ID '{0}' is {1} {2}; supply it from configuration or the '{3}' environment variable",
            RuleCategories.Configuration,
            DiagnosticSeverity.Warning,
            "The operator supplies the model from the gateway's current model list. A model ID written into code pins a route to a model that may be renamed, withdrawn or not served by the fallback gateway. Read it from configuration, options or an environment variable.");

        public static readonly DiagnosticDescriptor LiteralApiKey = Create(
            RuleIdentifiers.LiteralApiKey,
            "Literal API key or bearer token",
            "Literal credential {0} in {1}; read it from a secret source such as the '{2}' environment variable",
            RuleCategories.Security,
            DiagnosticSeverity.Error,
            "A gateway credential written into source code leaks through version control, build logs and packages. Read it from an environment variable, a secret store or configuration instead.");

        public static readonly DiagnosticDescriptor UnboundedRetry = Create(
            RuleIdentifiers.UnboundedRetry,
            "Unbounded retry policy, or more retries than the retry budget",
            "{0}; retry a gateway request at most {1} times, with exponential backoff and jitter",
            RuleCategories.Reliability,
            DiagnosticSeverity.Warning,
            "Broad automatic retrying amplifies load when the gateway is overloaded. Keep retries per request within the budget (cometguard.max_retry_attempts, 3 by default, as the SRE book and the .NET standard resilience handler use) and never retry forever.");

        public static readonly DiagnosticDescriptor RetryWithoutJitter = Create(
            RuleIdentifiers.RetryWithoutJitter,
            "Retry without backoff and jitter",
            "{0}; use exponential backoff with jitter so that clients do not retry in lockstep",
            RuleCategories.Reliability,
            DiagnosticSeverity.Warning,
            "Immediate or constant-delay retries hit an overloaded gateway again at once, and every client retries at the same moment. Use randomized (jittered) exponential backoff.");

        public static readonly DiagnosticDescriptor RetryOnClientError = Create(
            RuleIdentifiers.RetryOnClientError,
            "Retry on non-transient client errors",
            "Retry predicate {0} also retries 4xx client errors; retry only 408, 429, 5xx and network errors",
            RuleCategories.Reliability,
            DiagnosticSeverity.Warning,
            "A 400, 401, 403, 404 or 422 fails the same way every time: retrying it only adds load and delays the error. Retry 408 (timeout), 429 (rate limited), 5xx and network errors only.");

        public static readonly DiagnosticDescriptor UncheckedResponseField = Create(
            RuleIdentifiers.UncheckedResponseField,
            "Response field read without a check",
            "'{0}' assumes {1}; {2}",
            RuleCategories.Reliability,
            DiagnosticSeverity.Warning,
            "A gateway can answer 200 with an error body, an empty choices array, a tool call instead of text, or a Responses status of 'incomplete'. Reading the first element, a JSON member or a nullable field without checking turns each of those into an exception or a silent wrong answer. Check the count, the finish reason or status, or use FirstOrDefault/TryGetProperty.");

        public static readonly DiagnosticDescriptor BodyReadWithoutStatusCheck = Create(
            RuleIdentifiers.BodyReadWithoutStatusCheck,
            "Response body read without a status check",
            "'{0}' reads the body of a gateway response without checking its status; call '{1}.EnsureSuccessStatusCode()' or check IsSuccessStatusCode first",
            RuleCategories.Reliability,
            DiagnosticSeverity.Warning,
            "A gateway answers errors with a JSON error envelope (and sometimes an HTML page). Reading the body as a success shape without checking the status code turns a 401, 429 or 500 into a deserialisation error or a response full of nulls.");

        public static readonly DiagnosticDescriptor SensitiveDataLogged = Create(
            RuleIdentifiers.SensitiveDataLogged,
            "Credential, prompt or generated text written to a log",
            "{0} is written to {1}; never log credentials, prompts or generated text, log a structural field (id, status, token counts, finish reason, duration) instead",
            RuleCategories.Security,
            DiagnosticSeverity.Warning,
            "Logs, traces, telemetry tags and exception messages are copied to places with wide access and long retention. API keys, Authorization headers, request messages and completion text must never reach them.");

        public static readonly DiagnosticDescriptor CredentialOverPlainHttp = Create(
            RuleIdentifiers.CredentialOverPlainHttp,
            "Bearer credential sent over plain HTTP",
            "Bearer credential sent over plain http:// to '{0}' through {1}; use https:// (only loopback hosts may use http)",
            RuleCategories.Security,
            DiagnosticSeverity.Warning,
            "A bearer credential sent over plain HTTP can be read by anyone on the network path. Use https:// for every non-loopback host, or list a trusted host in cometguard.allowed_http_hosts.");

        public static readonly DiagnosticDescriptor EndpointFamilyMismatch = Create(
            RuleIdentifiers.EndpointFamilyMismatch,
            "Endpoint family mismatch",
            "{0}; decide on one endpoint family, Chat Completions (/chat/completions: messages, max_tokens) or Responses (/responses: input, instructions, max_output_tokens), see " + HelpLinkBase + RuleIdentifiers.EndpointFamilyMismatch + ".md",
            RuleCategories.Correctness,
            DiagnosticSeverity.Warning,
            "Chat Completions and Responses are different endpoint families with different request shapes. A Chat Completions URL with a Responses body (or the reverse) fails at run time, often with a 400 that retries cannot fix.");

        public static readonly DiagnosticDescriptor StackedRetries = Create(
            RuleIdentifiers.StackedRetries,
            "Retries stacked at several layers",
            "{0}; one request can become {1} calls: retry at one layer only",
            RuleCategories.Reliability,
            DiagnosticSeverity.Warning,
            "Retries multiply across layers (3 layers of 4 attempts make 64 calls). Keep one retrying layer: disable the SDK's ClientRetryPolicy when an HttpClient handler retries, add one resilience handler per client, and do not wrap a self-retrying SDK call in another retry.",
            WellKnownDiagnosticTags.CompilationEnd);

        public static string HelpLink(string id) => HelpLinkBase + id + ".md";

        public static readonly DiagnosticDescriptor LiteralKeyInConfiguration = Create(
            RuleIdentifiers.LiteralKeyInConfiguration,
            "Literal API key in a configuration file",
            "Literal credential {0} at '{1}' in {2}; keep it out of the repository: dotnet user-secrets set \"{1}\" <key>, or the '{3}' environment variable",
            RuleCategories.Security,
            DiagnosticSeverity.Error,
            "A gateway key committed in appsettings.json, launchSettings.json, a .env file or a connection string leaks through version control like one in code. Keep it in user secrets during development and in an environment variable or a secret store elsewhere; configuration reads both under the same key.");

        private static DiagnosticDescriptor Create(
            string id,
            string title,
            string messageFormat,
            string category,
            DiagnosticSeverity defaultSeverity,
            string description,
            params string[] customTags)
        {
            return new DiagnosticDescriptor(
                id,
                title,
                messageFormat,
                category,
                defaultSeverity,
                isEnabledByDefault: true,
                description: description,
                helpLinkUri: HelpLink(id),
                customTags: customTags);
        }
    }
}
