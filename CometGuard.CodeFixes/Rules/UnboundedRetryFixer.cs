using System.Composition;

namespace CometGuard.CodeFixes.Rules
{
    /// <summary>
    /// CG0003: caps a retry at the budget. A count is replaced by the budget; Polly's
    /// <c>RetryForever()</c> becomes <c>WaitAndRetry(budget, jittered exponential)</c> and
    /// <c>WaitAndRetryForever(provider, ...)</c> becomes <c>WaitAndRetry(budget, provider, ...)</c>.
    /// Hand-written loops are left to the developer. Replacing a count needs nothing of the language; the
    /// bounded <c>RetryForever()</c> writes a lambda (C# 3).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnboundedRetryFixer)), Shared]
    public sealed class UnboundedRetryFixer : RetryFixer
    {
        public UnboundedRetryFixer()
            : base(RuleIdentifiers.UnboundedRetry, LanguageVersion.CSharp1)
        {
        }

        private protected override void Register(CodeFixContext context, SyntaxNode root, Diagnostic diagnostic, string kind, SyntaxNode node)
        {
            if (!diagnostic.Properties.TryGetValue(UnboundedRetryAnalyzer.BudgetProperty, out var limitText) || !int.TryParse(limitText, out var limit))
            {
                return;
            }

            var title = "Cap retries at " + limit;
            if (kind == UnboundedRetryAnalyzer.KindCount && node is ExpressionSyntax count)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(title, ct => ReplaceCountAsync(context.Document, count, limit, ct), nameof(UnboundedRetryFixer) + limit),
                    diagnostic);
            }
            else if (kind == UnboundedRetryAnalyzer.KindForever
                && node is SimpleNameSyntax name
                && name.Parent is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax invocation } member
                && member.Name == name
                && CanBound(name.Identifier.ValueText, invocation)
                && (invocation.ArgumentList.Arguments.Count > 0 || LanguageGate.Allows(root.SyntaxTree, LanguageVersion.CSharp3)))
            {
                context.RegisterCodeFix(
                    CodeAction.Create(title, ct => BoundAsync(context.Document, invocation, name, limit, ct), nameof(UnboundedRetryFixer) + limit),
                    diagnostic);
            }
        }

        private static bool CanBound(string method, InvocationExpressionSyntax invocation)
        {
            // RetryForever(onRetry) has no bounded twin with the same callback shape.
            return method switch
            {
                "RetryForever" or "RetryForeverAsync" => invocation.ArgumentList.Arguments.Count == 0,
                "WaitAndRetryForever" or "WaitAndRetryForeverAsync" => invocation.ArgumentList.Arguments.Count > 0,
                _ => false,
            };
        }

        private static async Task<Document> ReplaceCountAsync(Document document, ExpressionSyntax count, int budget, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var literal = SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(budget)).WithTriviaFrom(count);
            return document.WithSyntaxRoot(root!.ReplaceNode(count, literal));
        }

        private static async Task<Document> BoundAsync(Document document, InvocationExpressionSyntax invocation, SimpleNameSyntax name, int budget, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var isAsync = name.Identifier.ValueText.EndsWith("Async", System.StringComparison.Ordinal);
            var newName = SyntaxFactory.Identifier(isAsync ? "WaitAndRetryAsync" : "WaitAndRetry").WithTriviaFrom(name.Identifier);
            SimpleNameSyntax renamed = name is GenericNameSyntax generic ? generic.WithIdentifier(newName) : SyntaxFactory.IdentifierName(newName);

            var count = SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(budget)));
            var arguments = invocation.ArgumentList.Arguments;
            if (arguments.Count == 0)
            {
                arguments = arguments.Add(count).Add(SyntaxFactory.Argument(RetrySnippets.JitteredExponentialProvider(model!, invocation.SpanStart)));
            }
            else
            {
                if (arguments[0].NameColon is not null)
                {
                    count = count.WithNameColon(SyntaxFactory.NameColon("retryCount"));
                }

                arguments = arguments.Insert(0, count);
            }

            var member = (MemberAccessExpressionSyntax)invocation.Expression;
            var replacement = invocation
                .WithExpression(member.WithName(renamed))
                .WithArgumentList(invocation.ArgumentList.WithArguments(arguments));
            return document.WithSyntaxRoot(root!.ReplaceNode(invocation, replacement));
        }
    }
}
