using System.Linq;

namespace CometGuard.CodeFixes.Infrastructure
{
    /// <summary>
    /// Builds <c>Environment.GetEnvironmentVariable("NAME") ?? throw new InvalidOperationException("…")</c>,
    /// qualified only as much as the position needs (no <c>using System;</c> → <c>System.</c>; a
    /// shadowing type → <c>global::System.</c>).
    /// </summary>
    internal static class EnvironmentLookup
    {
        public static ExpressionSyntax Expression(SemanticModel model, int position, string variable, string message)
        {
            var system = Qualifier(model, position);
            var text = system + "Environment.GetEnvironmentVariable(" + SymbolDisplay.FormatLiteral(variable, quote: true) + ") ?? throw new "
                + system + "InvalidOperationException(" + SymbolDisplay.FormatLiteral(message, quote: true) + ")";
            return SyntaxFactory.ParseExpression(text);
        }

        /// <summary>"", "System." or "global::System.": what `Environment` and `InvalidOperationException` need at <paramref name="position"/>.</summary>
        public static string Qualifier(SemanticModel model, int position)
        {
            if (Resolves(model, position, "Environment", "System.Environment") && Resolves(model, position, "InvalidOperationException", "System.InvalidOperationException"))
            {
                return string.Empty;
            }

            return model.LookupNamespacesAndTypes(position, name: "System").All(s => s is INamespaceSymbol { ContainingNamespace.IsGlobalNamespace: true })
                ? "System."
                : "global::System.";
        }

        private static bool Resolves(SemanticModel model, int position, string name, string fullName)
        {
            var symbols = model.LookupNamespacesAndTypes(position, name: name);
            return symbols.Length == 1 && symbols[0].ToDisplayString() == fullName;
        }
    }
}
