using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using CometGuard.Analyzers;
using CometGuard.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace CometGuard.CodeFixes.Rules
{
    /// <summary>
    /// CG0002: replaces a literal key with an environment lookup that fails clearly when the
    /// variable is missing. Offered only where an expression may stand (not in a const, an
    /// attribute argument, a default parameter value or a case label).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LiteralApiKeyFixer)), Shared]
    public sealed class LiteralApiKeyFixer : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.LiteralApiKey);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(LiteralApiKeyAnalyzer.ReplaceProperty, out var replace)
                    || !diagnostic.Properties.TryGetValue(LiteralApiKeyAnalyzer.VariableProperty, out var variable)
                    || variable is null
                    || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax literal
                    || !CanStandForExpression(literal))
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Read the key from the '" + variable + "' environment variable",
                        ct => ReplaceAsync(context.Document, literal, variable, replace == LiteralApiKeyAnalyzer.ReplaceBearer, ct),
                        equivalenceKey: nameof(LiteralApiKeyFixer) + variable),
                    diagnostic);
            }
        }

        private static async Task<Document> ReplaceAsync(Document document, ExpressionSyntax literal, string variable, bool bearer, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var escaped = SymbolDisplay.FormatLiteral(variable, quote: true);
            var message = SymbolDisplay.FormatLiteral("Set the " + variable + " environment variable to the gateway API key.", quote: true);
            var lookup = "global::System.Environment.GetEnvironmentVariable(" + escaped + ") ?? throw new global::System.InvalidOperationException(" + message + ")";
            var text = bearer ? "\"Bearer \" + (" + lookup + ")" : lookup;
            var replacement = SyntaxFactory.ParseExpression(text)
                .WithTriviaFrom(literal)
                .WithAdditionalAnnotations(Simplifier.Annotation, Formatter.Annotation);

            if (!bearer && NeedsParentheses(literal))
            {
                replacement = SyntaxFactory.ParenthesizedExpression(replacement.WithoutTrivia()).WithTriviaFrom(literal).WithAdditionalAnnotations(Simplifier.Annotation);
            }

            return document.WithSyntaxRoot(root!.ReplaceNode(literal, replacement));
        }

        private static bool NeedsParentheses(ExpressionSyntax literal)
        {
            // `??` binds looser than almost everything; keep the rewrite's meaning inside a larger expression.
            return literal.Parent is ExpressionSyntax and not ParenthesizedExpressionSyntax
                && literal.Parent is not AssignmentExpressionSyntax;
        }

        private static bool CanStandForExpression(ExpressionSyntax literal)
        {
            foreach (var ancestor in literal.Ancestors())
            {
                switch (ancestor)
                {
                    case AttributeArgumentSyntax:
                    case ParameterSyntax:
                    case CaseSwitchLabelSyntax:
                    case ConstantPatternSyntax:
                        return false;
                    case LocalDeclarationStatementSyntax local:
                        return !local.IsConst;
                    case FieldDeclarationSyntax field:
                        return !field.Modifiers.Any(SyntaxKind.ConstKeyword);
                    case StatementSyntax:
                    case MemberDeclarationSyntax:
                        return true;
                }
            }

            return true;
        }
    }
}
