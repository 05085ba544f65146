using System.Collections.Generic;
using System.Composition;
using Microsoft.CodeAnalysis.Formatting;

namespace CometGuard.CodeFixes.Rules
{
    /// <summary>
    /// CG0002: replaces a literal key with an environment lookup that fails clearly when the
    /// variable is missing. Offered only where an expression may stand (not in a const, an
    /// attribute argument, a default parameter value or a case label).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LiteralApiKeyFixer)), Shared]
    public sealed class LiteralApiKeyFixer : RuleFixer
    {
        public LiteralApiKeyFixer()
            : base(RuleIdentifiers.LiteralApiKey, LanguageVersion.CSharp7)
        {
        }

        // Several uses of one field share its literal: rewrite each literal once per document.
        public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

        // The fix writes `?? throw` (a throw expression): C# 7.
        private protected override Task RegisterAsync(CodeFixContext context, SyntaxNode root, Diagnostic diagnostic)
        {
            if (diagnostic.Properties.TryGetValue(LiteralApiKeyAnalyzer.ReplaceProperty, out var replace)
                && diagnostic.Properties.TryGetValue(LiteralApiKeyAnalyzer.VariableProperty, out var variable)
                && variable is not null
                && FindLiteral(root, diagnostic) is { } literal)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Read the key from the '" + variable + "' environment variable",
                        async ct =>
                        {
                            var model = await context.Document.GetSemanticModelAsync(ct).ConfigureAwait(false);
                            var changed = context.Document.WithSyntaxRoot(root.ReplaceNode(literal, Replacement(model!, literal, variable, replace == LiteralApiKeyAnalyzer.ReplaceBearer)));
                            return await Formatter.FormatAsync(changed, Formatter.Annotation, cancellationToken: ct).ConfigureAwait(false);
                        },
                        equivalenceKey: nameof(LiteralApiKeyFixer) + variable),
                    diagnostic);
            }

            return Task.CompletedTask;
        }

        private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
        {
            var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return document;
            }

            var replacements = new Dictionary<SyntaxNode, SyntaxNode>();
            foreach (var diagnostic in diagnostics)
            {
                if (diagnostic.Properties.TryGetValue(LiteralApiKeyAnalyzer.ReplaceProperty, out var replace)
                    && diagnostic.Properties.TryGetValue(LiteralApiKeyAnalyzer.VariableProperty, out var variable)
                    && variable is not null
                    && FindLiteral(root, diagnostic) is { } literal
                    && !replacements.ContainsKey(literal))
                {
                    replacements.Add(literal, Replacement(model, literal, variable, replace == LiteralApiKeyAnalyzer.ReplaceBearer));
                }
            }

            var changed = document.WithSyntaxRoot(root.ReplaceNodes(replacements.Keys, (original, _) => replacements[original]));
            return await Formatter.FormatAsync(changed, Formatter.Annotation, cancellationToken: context.CancellationToken).ConfigureAwait(false);
        }

        /// <summary>The literal to rewrite: the diagnostic's own span, or the declaration it points to.</summary>
        private static ExpressionSyntax? FindLiteral(SyntaxNode root, Diagnostic diagnostic)
        {
            var location = diagnostic.AdditionalLocations.Count > 0 ? diagnostic.AdditionalLocations[0] : diagnostic.Location;
            if (location.SourceTree != root.SyntaxTree)
            {
                return null;
            }

            return root.FindNode(location.SourceSpan, getInnermostNodeForTie: true) is ExpressionSyntax literal && ExpressionPositions.CanStandForExpression(literal)
                ? literal
                : null;
        }

        private static ExpressionSyntax Replacement(SemanticModel model, ExpressionSyntax literal, string variable, bool bearer)
        {
            var lookup = EnvironmentLookup.Expression(model, literal.SpanStart, variable, "Set the " + variable + " environment variable to the gateway API key.");
            ExpressionSyntax replacement = bearer
                ? SyntaxFactory.BinaryExpression(
                    SyntaxKind.AddExpression,
                    SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal("Bearer ")),
                    SyntaxFactory.ParenthesizedExpression(lookup))
                : ExpressionPositions.NeedsParentheses(literal) ? SyntaxFactory.ParenthesizedExpression(lookup) : lookup;

            return replacement.WithTriviaFrom(literal).WithAdditionalAnnotations(Formatter.Annotation);
        }
    }
}
