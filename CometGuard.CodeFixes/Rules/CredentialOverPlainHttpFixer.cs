using System;
using System.Composition;

namespace CometGuard.CodeFixes.Rules
{
    /// <summary>
    /// CG0009: switches the endpoint literal's scheme from <c>http://</c> to <c>https://</c>. The
    /// literal may be a plain, verbatim or raw string, the first text of an interpolation, or the
    /// leftmost operand of a concatenation. Reported where a field, constant or local declared elsewhere is
    /// sent, the fix edits that declaration's literal. Port numbers are left alone: check the server's TLS port.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CredentialOverPlainHttpFixer)), Shared]
    public sealed class CredentialOverPlainHttpFixer : RuleFixer
    {
        private const string Http = "http://";

        public CredentialOverPlainHttpFixer()
            : base(RuleIdentifiers.CredentialOverPlainHttp, LanguageVersion.CSharp1)
        {
        }

        private protected override async Task RegisterAsync(CodeFixContext context, SyntaxNode root, Diagnostic diagnostic)
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (FindSchemeToken(node) is { } token)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Use https://",
                        ct => ReplaceAsync(context.Document, token, ct),
                        equivalenceKey: nameof(CredentialOverPlainHttpFixer)),
                    diagnostic);
                return;
            }

            // Reported where a field, constant or local is sent: the literal is at its declaration.
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (model is not null
                && Declaration(node, model, context.CancellationToken) is { } declaration
                && FindSchemeToken(declaration) is { } declared
                && context.Document.Project.Solution.GetDocument(declaration.SyntaxTree) is { } declaringDocument)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Use https:// in '" + declared.ValueText.Trim() + "'",
                        ct => ReplaceAsync(declaringDocument, declared, ct),
                        equivalenceKey: nameof(CredentialOverPlainHttpFixer)),
                    diagnostic);
            }
        }

        private static async Task<Solution> ReplaceAsync(Document document, SyntaxToken token, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            return document.WithSyntaxRoot(root!.ReplaceToken(token, WithHttps(token))).Project.Solution;
        }

        /// <summary>The initial value of the field, constant or local the reported expression reads, through <c>new Uri(…)</c>.</summary>
        private static SyntaxNode? Declaration(SyntaxNode? node, SemanticModel model, CancellationToken cancellationToken)
        {
            node = Unwrap(node);
            if (node is not ExpressionSyntax expression
                || model.GetSymbolInfo(expression, cancellationToken).Symbol is not { Kind: SymbolKind.Field or SymbolKind.Local } symbol
                || symbol.DeclaringSyntaxReferences.Length != 1
                || symbol.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: { } value })
            {
                return null;
            }

            return Unwrap(value);
        }

        private static SyntaxNode? Unwrap(SyntaxNode? node)
        {
            while (true)
            {
                switch (node)
                {
                    case ArgumentSyntax argument:
                        node = argument.Expression;
                        continue;
                    case ParenthesizedExpressionSyntax parenthesized:
                        node = parenthesized.Expression;
                        continue;
                    case BaseObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: > 0 } creation:
                        node = creation.ArgumentList.Arguments[0].Expression;
                        continue;
                    default:
                        return node;
                }
            }
        }

        /// <summary>The token whose text starts the URI, when it starts with <c>http://</c>.</summary>
        private static SyntaxToken? FindSchemeToken(SyntaxNode? node)
        {
            while (true)
            {
                switch (node)
                {
                    case ParenthesizedExpressionSyntax parenthesized:
                        node = parenthesized.Expression;
                        continue;
                    case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                        node = binary.Left;
                        continue;
                    case ArgumentSyntax argument:
                        node = argument.Expression;
                        continue;
                    case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                        return StartsWithHttp(literal.Token.ValueText) ? literal.Token : null;
                    case InterpolatedStringExpressionSyntax { Contents.Count: > 0 } interpolated
                        when interpolated.Contents[0] is InterpolatedStringTextSyntax text:
                        return StartsWithHttp(text.TextToken.ValueText) ? text.TextToken : null;
                    default:
                        return null;
                }
            }
        }

        private static bool StartsWithHttp(string text) => text.TrimStart().StartsWith(Http, StringComparison.OrdinalIgnoreCase);

        private static SyntaxToken WithHttps(SyntaxToken token)
        {
            // "http://" needs no escaping in any string form, so the token text can be edited in place.
            var text = ReplaceFirst(token.Text);
            var value = ReplaceFirst(token.ValueText);
            return SyntaxFactory.Token(token.LeadingTrivia, token.Kind(), text, value, token.TrailingTrivia);
        }

        private static string ReplaceFirst(string text)
        {
            var index = text.IndexOf(Http, StringComparison.OrdinalIgnoreCase);
            if (index < 0)
            {
                return text;
            }

            var scheme = text.Substring(index, 4);
            return text.Substring(0, index) + scheme + (char.IsUpper(scheme[0]) ? "S" : "s") + text.Substring(index + 4);
        }
    }
}
