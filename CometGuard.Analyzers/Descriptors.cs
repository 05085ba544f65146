using Microsoft.CodeAnalysis;

namespace CometGuard.Analyzers
{
    /// <summary>Every CometGuard diagnostic, in one place. Help links are derived from the ID.</summary>
    internal static class Descriptors
    {
        public const string HelpLinkBase = "https://github.com/CometGuard/CometGuard/blob/main/docs/rules/";

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
