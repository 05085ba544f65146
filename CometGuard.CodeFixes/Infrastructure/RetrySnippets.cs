using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace CometGuard.CodeFixes.Infrastructure
{
    /// <summary>Code the retry fixes insert, written once so every fix produces the same shapes.</summary>
    internal static class RetrySnippets
    {
        public const string AttemptName = "retryAttempt";

        /// <summary>
        /// A jittered exponential sleep for Polly v7: 2^attempt seconds plus up to one second of
        /// randomness, so that clients do not retry in lockstep.
        /// </summary>
        public static ExpressionSyntax JitteredExponentialDelay(string attempt, SemanticModel model, int position)
        {
            var timeSpan = TypeName(model, position, "System.TimeSpan");
            var math = TypeName(model, position, "System.Math");
            return Annotate(SyntaxFactory.ParseExpression(
                timeSpan + ".FromSeconds(" + math + ".Pow(2, " + attempt + ")) + " + JitterText(model, position)));
        }

        /// <summary><c>&lt;delay&gt; + &lt;up to one second of randomness&gt;</c>: the jitter an unjittered backoff lacks.</summary>
        public static ExpressionSyntax WithJitter(ExpressionSyntax delay, SemanticModel model, int position)
        {
            // `+` binds tighter than ?:, ??, casts of lambdas and assignments: keep such a delay whole.
            var left = delay is InvocationExpressionSyntax or MemberAccessExpressionSyntax or IdentifierNameSyntax or ParenthesizedExpressionSyntax
                || delay.IsKind(SyntaxKind.AddExpression) || delay.IsKind(SyntaxKind.MultiplyExpression)
                ? delay.WithoutTrivia()
                : SyntaxFactory.ParenthesizedExpression(delay.WithoutTrivia());
            return Annotate(SyntaxFactory.BinaryExpression(SyntaxKind.AddExpression, left, SyntaxFactory.ParseExpression(JitterText(model, position)))).WithTriviaFrom(delay);
        }

        private static string JitterText(SemanticModel model, int position)
        {
            var timeSpan = TypeName(model, position, "System.TimeSpan");
            var randomType = TypeName(model, position, "System.Random");
            var random = HasSharedRandom(model.Compilation) ? randomType + ".Shared" : "new " + randomType + "()";
            return timeSpan + ".FromMilliseconds(" + random + ".Next(0, 1000))";
        }

        /// <summary><c>retryAttempt =&gt; &lt;jittered exponential delay&gt;</c>.</summary>
        public static ExpressionSyntax JitteredExponentialProvider(SemanticModel model, int position)
        {
            return SyntaxFactory.SimpleLambdaExpression(
                    SyntaxFactory.Parameter(SyntaxFactory.Identifier(AttemptName)),
                    JitteredExponentialDelay(AttemptName, model, position))
                .WithAdditionalAnnotations(Formatter.Annotation);
        }

        /// <summary>
        /// The shortest name for a type at <paramref name="position"/>: its simple name when the
        /// file's usings already bring it into scope, else its fully qualified name.
        /// </summary>
        public static string TypeName(SemanticModel model, int position, string metadataName)
        {
            var type = model.Compilation.GetTypeByMetadataName(metadataName);
            if (type is null)
            {
                return "global::" + metadataName;
            }

            foreach (var symbol in model.LookupNamespacesAndTypes(position, name: type.Name))
            {
                if (SymbolEqualityComparer.Default.Equals(symbol, type))
                {
                    return type.Name;
                }
            }

            return "global::" + metadataName;
        }

        public static T Annotate<T>(T node)
            where T : SyntaxNode
            => node.WithAdditionalAnnotations(Simplifier.Annotation, Formatter.Annotation);

        public static bool HasSharedRandom(Compilation compilation)
        {
            return compilation.GetTypeByMetadataName("System.Random") is { } random && !random.GetMembers("Shared").IsEmpty;
        }
    }
}
