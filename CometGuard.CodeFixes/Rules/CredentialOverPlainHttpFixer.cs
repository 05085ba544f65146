using System;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using CometGuard.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CometGuard.CodeFixes.Rules
{
    /// <summary>
    /// CG0009: switches the endpoint literal's scheme from <c>http://</c> to <c>https://</c>. The
    /// literal may be a plain, verbatim or raw string, the first text of an interpolation, or the
    /// leftmost operand of a concatenation. Port numbers are left alone: check the server's TLS port.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CredentialOverPlainHttpFixer)), Shared]
    public sealed class CredentialOverPlainHttpFixer : CodeFixProvider
    {
        private const string Http = "http://";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.CredentialOverPlainHttp);

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
                var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                if (FindSchemeToken(node) is not { } token)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Use https://",
                        ct => ReplaceAsync(context.Document, token, ct),
                        equivalenceKey: nameof(CredentialOverPlainHttpFixer)),
                    diagnostic);
            }
        }

        private static async Task<Document> ReplaceAsync(Document document, SyntaxToken token, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            return document.WithSyntaxRoot(root!.ReplaceToken(token, WithHttps(token)));
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
