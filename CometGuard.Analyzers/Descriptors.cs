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
