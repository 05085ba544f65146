using System.Composition;

namespace CometGuard.CodeFixes.Rules
{
    /// <summary>
    /// CG0005: swaps a broad retry predicate for the transient one.
    /// <c>Policy.HandleResult&lt;HttpResponseMessage&gt;(r =&gt; !r.IsSuccessStatusCode)</c> becomes
    /// <c>HttpPolicyExtensions.HandleTransientHttpError()</c> when Polly.Extensions.Http is referenced;
    /// any other test of one response's status (<c>!r.IsSuccessStatusCode &amp;&amp; r.StatusCode != NotFound</c> included)
    /// becomes <c>(int)r.StatusCode is 408 or 429 or &gt;= 500</c> (<c>(int?)r?.StatusCode</c> through <c>?.</c>);
    /// <c>Handle&lt;ClientResultException&gt;()</c> gets a status predicate.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RetryOnClientErrorFixer)), Shared]
    public sealed class RetryOnClientErrorFixer : RetryFixer
    {
        private const string Title = "Retry only 408, 429 and 5xx";

        public RetryOnClientErrorFixer()
            : base(RuleIdentifiers.RetryOnClientError, LanguageVersion.CSharp9)
        {
        }

        // The fix writes `is 408 or 429 or >= 500` (relational and `or` patterns): C# 9.
        private protected override void Register(CodeFixContext context, SyntaxNode root, Diagnostic diagnostic, string kind, SyntaxNode node)
        {
            if (kind == RetryOnClientErrorAnalyzer.KindStatusTest
                && node is ExpressionSyntax test
                && diagnostic.Properties.TryGetValue(RetryOnClientErrorAnalyzer.ResponseProperty, out var response)
                && response is not null)
            {
                var whole = diagnostic.Properties.ContainsKey(RetryOnClientErrorAnalyzer.WholePolicyProperty);
                var conditional = diagnostic.Properties.ContainsKey(RetryOnClientErrorAnalyzer.ConditionalProperty);
                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => ReplaceTestAsync(context.Document, test, response, whole, conditional, ct), nameof(RetryOnClientErrorFixer)),
                    diagnostic);
            }
            else if (kind == RetryOnClientErrorAnalyzer.KindUncheckedException
                && node is GenericNameSyntax name
                && name.Parent is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax invocation } member
                && member.Name == name
                && invocation.ArgumentList.Arguments.Count == 0)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => AddStatusPredicateAsync(context.Document, invocation, ct), nameof(RetryOnClientErrorFixer)),
                    diagnostic);
            }
        }

        private static async Task<Document> ReplaceTestAsync(Document document, ExpressionSyntax test, string response, bool whole, bool conditional, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);

            if (whole
                && test.Parent is LambdaExpressionSyntax { Parent: ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax handleResult } } }
                && model!.Compilation.GetTypeByMetadataName("Polly.Extensions.Http.HttpPolicyExtensions") is not null)
            {
                var transient = SyntaxFactory.ParseExpression(RetrySnippets.TypeName(model, handleResult.SpanStart, "Polly.Extensions.Http.HttpPolicyExtensions") + ".HandleTransientHttpError()")
                    .WithTriviaFrom(handleResult);
                return document.WithSyntaxRoot(root!.ReplaceNode(handleResult, transient));
            }

            // Through `?.` an outcome without a response stays unmatched, as it was.
            var status = conditional ? "(int?)" + response + "?.StatusCode" : "(int)" + response + ".StatusCode";
            ExpressionSyntax replacement = SyntaxFactory.ParseExpression(status + " is 408 or 429 or >= 500");
            if (test.Parent is ExpressionSyntax and not ParenthesizedExpressionSyntax and not LambdaExpressionSyntax)
            {
                replacement = SyntaxFactory.ParenthesizedExpression(replacement);
            }

            return document.WithSyntaxRoot(root!.ReplaceNode(test, replacement.WithTriviaFrom(test)));
        }

        private static async Task<Document> AddStatusPredicateAsync(Document document, InvocationExpressionSyntax invocation, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var predicate = SyntaxFactory.Argument(SyntaxFactory.ParseExpression("e => e.Status is 408 or 429 or >= 500"));
            var replacement = invocation.WithArgumentList(invocation.ArgumentList.AddArguments(predicate));
            return document.WithSyntaxRoot(root!.ReplaceNode(invocation, replacement));
        }
    }
}
