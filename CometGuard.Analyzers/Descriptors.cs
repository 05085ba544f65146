using Microsoft.CodeAnalysis;

namespace CometGuard.Analyzers
{
    /// <summary>Every CometGuard diagnostic, in one place. Help links are derived from the ID.</summary>
    internal static class Descriptors
    {
        public const string HelpLinkBase = "https://github.com/CometGuard/CometGuard/blob/main/docs/rules/";

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

        public static string HelpLink(string id) => HelpLinkBase + id + ".md";

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
