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
