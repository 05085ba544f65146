using System.Collections.Generic;
using System.Composition;
using System.Linq;

namespace CometGuard.CodeFixes.Rules
{
    /// <summary>
    /// CG0007: inserts <c>response.EnsureSuccessStatusCode();</c> before the statement that reads the body,
    /// or, where no statement can be inserted (an expression body, a response with no name), rewrites
    /// <c>X.Content</c> in the read to <c>X.EnsureSuccessStatusCode().Content</c>. Fix All inserts the
    /// call once per response and block.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BodyReadWithoutStatusCheckFixer)), Shared]
    public sealed class BodyReadWithoutStatusCheckFixer : RuleFixer
    {
        public BodyReadWithoutStatusCheckFixer()
            : base(RuleIdentifiers.BodyReadWithoutStatusCheck, LanguageVersion.CSharp1)
        {
        }

        public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(async (context, document, diagnostics) =>
            await FixDocumentAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

        private protected override Task RegisterAsync(CodeFixContext context, SyntaxNode root, Diagnostic diagnostic)
        {
            if (Plan(root, diagnostic) is { } edit)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Call " + edit.Response + ".EnsureSuccessStatusCode() before reading the body",
                        ct => FixDocumentAsync(context.Document, ImmutableArray.Create(diagnostic), ct),
                        equivalenceKey: nameof(BodyReadWithoutStatusCheckFixer)),
                    diagnostic);
            }

            return Task.CompletedTask;
        }

        private static async Task<Document> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var inserts = new List<Edit>();
            var inlines = new List<Edit>();
            foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
            {
                if (Plan(root, diagnostic) is not { } edit)
                {
                    continue;
                }

                if (edit.Statement is not null)
                {
                    // One call per response: skip a read that an earlier insertion already precedes.
                    if (!inserts.Any(e => e.Response == edit.Response && e.Statement!.Parent is { } block
                        && edit.Statement.Ancestors().Contains(block) && e.Statement.SpanStart <= edit.Statement.SpanStart))
                    {
                        inserts.Add(edit);
                    }
                }
                else if (!inlines.Any(e => e.Content!.Span.IntersectsWith(edit.Content!.Span)))
                {
                    inlines.Add(edit);
                }
            }

            var nodes = inserts.Select(e => (SyntaxNode)e.Statement!).Concat(inlines.Select(e => (SyntaxNode)e.Content!));
            var newRoot = root.TrackNodes(nodes);
            foreach (var edit in inserts)
            {
                var statement = newRoot.GetCurrentNode(edit.Statement!)!;
                var indentation = statement.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
                var newLine = statement.GetTrailingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
                var call = SyntaxFactory.ParseStatement(edit.Response + ".EnsureSuccessStatusCode();")
                    .WithLeadingTrivia(indentation.IsKind(SyntaxKind.WhitespaceTrivia) ? SyntaxFactory.TriviaList(indentation) : SyntaxFactory.TriviaList())
                    .WithTrailingTrivia(newLine.IsKind(SyntaxKind.EndOfLineTrivia) ? newLine : SyntaxFactory.ElasticCarriageReturnLineFeed);
                newRoot = newRoot.InsertNodesBefore(statement, new[] { call });
            }

            foreach (var edit in inlines)
            {
                var content = (MemberAccessExpressionSyntax)newRoot.GetCurrentNode(edit.Content!)!;
                var checkedResponse = SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, content.Expression, SyntaxFactory.IdentifierName("EnsureSuccessStatusCode")));
                newRoot = newRoot.ReplaceNode(content, content.WithExpression(checkedResponse));
            }

            return document.WithSyntaxRoot(newRoot);
        }

        private sealed class Edit
        {
            public Edit(string response, StatementSyntax? statement, MemberAccessExpressionSyntax? content)
            {
                Response = response;
                Statement = statement;
                Content = content;
            }

            public string Response { get; }

            public StatementSyntax? Statement { get; }

            public MemberAccessExpressionSyntax? Content { get; }
        }

        private static Edit? Plan(SyntaxNode root, Diagnostic diagnostic)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax read)
            {
                return null;
            }

            if (diagnostic.Properties.TryGetValue(BodyReadWithoutStatusCheckAnalyzer.ResponseProperty, out var response) && response is not null
                && read.FirstAncestorOrSelf<StatementSyntax>() is { Parent: BlockSyntax or SwitchSectionSyntax } statement
                && !read.Ancestors().TakeWhile(a => a != statement).Any(a => a is AnonymousFunctionExpressionSyntax))
            {
                return new Edit(response, statement, null);
            }

            if (diagnostic.Properties.ContainsKey(BodyReadWithoutStatusCheckAnalyzer.InlineProperty)
                && FindContent(read) is { } content)
            {
                return new Edit(content.Expression.ToString(), null, content);
            }

            return null;
        }

        /// <summary>The <c>X.Content</c> receiver of <c>X.Content.ReadFromJsonAsync()</c> or <c>X.Content.ReadAsStreamAsync()</c>.</summary>
        private static MemberAccessExpressionSyntax? FindContent(InvocationExpressionSyntax read)
        {
            return read.Expression is MemberAccessExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Content" } content }
                ? content
                : null;
        }
    }
}
