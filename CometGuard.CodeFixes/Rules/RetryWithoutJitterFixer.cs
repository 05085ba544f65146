using System.Collections.Generic;
using System.Composition;
using System.Linq;
using Microsoft.CodeAnalysis.Formatting;

namespace CometGuard.CodeFixes.Rules
{
    /// <summary>
    /// CG0004: switches a retry to exponential backoff with jitter. Polly v8 options get
    /// <c>BackoffType = DelayBackoffType.Exponential, UseJitter = true</c> (and a zero delay becomes
    /// the 2 s default); Polly v7 gets a jittered exponential sleep provider, or a random part added
    /// to its own exponential one.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RetryWithoutJitterFixer)), Shared]
    public sealed class RetryWithoutJitterFixer : RetryFixer
    {
        private const string Title = "Use exponential backoff with jitter";

        public RetryWithoutJitterFixer()
            : base(RuleIdentifiers.RetryWithoutJitter, LanguageVersion.CSharp3)
        {
        }

        // The fix writes lambdas and object initializers: C# 3.
        private protected override void Register(CodeFixContext context, SyntaxNode root, Diagnostic diagnostic, string kind, SyntaxNode node)
        {
            switch (kind)
            {
                case RetryWithoutJitterAnalyzer.KindImmediate
                    when node is SimpleNameSyntax name
                        && name.Parent is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax invocation } member
                        && member.Name == name
                        && invocation.ArgumentList.Arguments.Count <= 1
                        && invocation.ArgumentList.Arguments.All(a => a.NameColon is null || a.NameColon.Name.Identifier.ValueText == KnownMembers.RetryCountParameter):
                    Register(context, diagnostic, ct => WaitAsync(context.Document, invocation, name, ct));
                    break;
                case RetryWithoutJitterAnalyzer.KindConstantSleep when node.FirstAncestorOrSelf<LambdaExpressionSyntax>() is { } lambda:
                    Register(context, diagnostic, ct => JitterSleepAsync(context.Document, lambda, ct));
                    break;
                case RetryWithoutJitterAnalyzer.KindExponentialSleep when node.FirstAncestorOrSelf<LambdaExpressionSyntax>() is { } exponential && DelayOf(exponential) is not null:
                    Register(context, diagnostic, ct => AddJitterAsync(context.Document, exponential, ct));
                    break;
                case RetryWithoutJitterAnalyzer.KindOptions when diagnostic.AdditionalLocations.Count > 0:
                    if (root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true)
                        .FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>() is { } creation
                        && IsObjectInitializerOrNone(creation.Initializer))
                    {
                        Register(context, diagnostic, ct => FixCreationAsync(context.Document, creation, ct));
                    }

                    break;
                case RetryWithoutJitterAnalyzer.KindOptions
                    when node.FirstAncestorOrSelf<AssignmentExpressionSyntax>() is { Left: MemberAccessExpressionSyntax target, Parent: ExpressionStatementSyntax }:
                    Register(context, diagnostic, ct => FixStatementsAsync(context.Document, target.Expression, ct));
                    break;
            }
        }

        /// <summary>
        /// Members can be added to no initialiser or to an object initialiser of assignments that parses: in broken code
        /// (a missing parenthesis) the members added would land inside the broken element.
        /// </summary>
        private static bool IsObjectInitializerOrNone(InitializerExpressionSyntax? initializer)
            => initializer is null
                || (initializer.IsKind(SyntaxKind.ObjectInitializerExpression) && !initializer.ContainsDiagnostics
                    && initializer.Expressions.All(e => e is AssignmentExpressionSyntax));

        private static void Register(CodeFixContext context, Diagnostic diagnostic, System.Func<CancellationToken, Task<Document>> fix)
        {
            context.RegisterCodeFix(CodeAction.Create(Title, fix, nameof(RetryWithoutJitterFixer)), diagnostic);
        }

        private static async Task<Document> WaitAsync(Document document, InvocationExpressionSyntax invocation, SimpleNameSyntax name, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var isAsync = name.Identifier.ValueText.EndsWith("Async", System.StringComparison.Ordinal);
            var newName = SyntaxFactory.IdentifierName(SyntaxFactory.Identifier(isAsync ? "WaitAndRetryAsync" : "WaitAndRetry").WithTriviaFrom(name.Identifier));
            var arguments = invocation.ArgumentList.Arguments;
            if (arguments.Count == 0)
            {
                // Retry() is Retry(1).
                arguments = arguments.Add(SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(1))));
            }

            var provider = SyntaxFactory.Argument(RetrySnippets.JitteredExponentialProvider(model!, invocation.SpanStart));
            if (arguments[0].NameColon is not null)
            {
                provider = provider.WithNameColon(SyntaxFactory.NameColon("sleepDurationProvider"));
            }

            var member = (MemberAccessExpressionSyntax)invocation.Expression;
            var replacement = invocation
                .WithExpression(member.WithName(newName))
                .WithArgumentList(invocation.ArgumentList.WithArguments(arguments.Add(provider)));
            return document.WithSyntaxRoot(root!.ReplaceNode(invocation, replacement));
        }

        private static async Task<Document> JitterSleepAsync(Document document, LambdaExpressionSyntax lambda, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            LambdaExpressionSyntax replacement;
            switch (lambda)
            {
                case SimpleLambdaExpressionSyntax simple:
                    {
                        var parameter = Attempt(simple.Parameter);
                        replacement = simple.WithParameter(parameter)
                            .WithBlock(null)
                            .WithExpressionBody(RetrySnippets.JitteredExponentialDelay(parameter.Identifier.ValueText, model!, lambda.SpanStart));
                        break;
                    }

                case ParenthesizedLambdaExpressionSyntax parenthesized when parenthesized.ParameterList.Parameters.Count > 0:
                    {
                        var parameters = parenthesized.ParameterList.Parameters;
                        var parameter = Attempt(parameters[0]);
                        replacement = parenthesized
                            .WithParameterList(parenthesized.ParameterList.WithParameters(parameters.Replace(parameters[0], parameter)))
                            .WithBlock(null)
                            .WithExpressionBody(RetrySnippets.JitteredExponentialDelay(parameter.Identifier.ValueText, model!, lambda.SpanStart));
                        break;
                    }

                default:
                    return document;
            }

            return document.WithSyntaxRoot(root!.ReplaceNode(lambda, replacement.WithAdditionalAnnotations(Formatter.Annotation)));
        }

        /// <summary>The delay an exponential sleep provider returns: its expression body, or the one <c>return</c> of its block.</summary>
        private static ExpressionSyntax? DelayOf(LambdaExpressionSyntax lambda)
        {
            return lambda switch
            {
                { ExpressionBody: { } body } => body,
                { Block.Statements: { Count: 1 } statements } when statements[0] is ReturnStatementSyntax { Expression: { } returned } => returned,
                _ => null,
            };
        }

        /// <summary>Keeps the provider's own exponential backoff and adds a random part to it.</summary>
        private static async Task<Document> AddJitterAsync(Document document, LambdaExpressionSyntax lambda, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var delay = DelayOf(lambda)!;
            return document.WithSyntaxRoot(root!.ReplaceNode(delay, RetrySnippets.WithJitter(delay, model!, lambda.SpanStart)));
        }

        private static ParameterSyntax Attempt(ParameterSyntax parameter)
        {
            // `_` (or a discard pair) reads badly as the exponent: name it.
            return parameter.Identifier.ValueText == "_"
                ? parameter.WithIdentifier(SyntaxFactory.Identifier(RetrySnippets.AttemptName).WithTriviaFrom(parameter.Identifier))
                : parameter;
        }

        private static async Task<Document> FixCreationAsync(Document document, BaseObjectCreationExpressionSyntax creation, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);

            // Later statements on the local the options are stored in win over the initialiser.
            var statements = new List<AssignmentExpressionSyntax>();
            if (creation.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
                && model!.GetDeclaredSymbol(declarator, cancellationToken) is ILocalSymbol local
                && declarator.FirstAncestorOrSelf<BlockSyntax>() is { } block)
            {
                foreach (var assignment in block.DescendantNodes().OfType<AssignmentExpressionSyntax>())
                {
                    if (assignment.Left is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver }
                        && receiver.Identifier.ValueText == local.Name
                        && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(receiver, cancellationToken).Symbol, local))
                    {
                        statements.Add(assignment);
                    }
                }
            }

            var fixedStatements = statements.Where(s => Rewrite(s.Right, Name(s.Left), model!, creation.SpanStart) is not null).ToList();
            var tracked = root!.TrackNodes(fixedStatements.Cast<SyntaxNode>().Append(creation));
            foreach (var statement in fixedStatements)
            {
                var current = tracked.GetCurrentNode(statement)!;
                tracked = tracked.ReplaceNode(current.Right, Rewrite(current.Right, Name(current.Left), model!, creation.SpanStart)!.WithTriviaFrom(current.Right));
            }

            var assigned = new HashSet<string>(statements.Select(s => Name(s.Left)).Where(n => n is not null)!);
            var currentCreation = tracked.GetCurrentNode(creation)!;
            tracked = tracked.ReplaceNode(currentCreation, WithBackoff(currentCreation, assigned, model!, creation.SpanStart));
            return document.WithSyntaxRoot(tracked);
        }

        /// <summary>Sets exponential backoff and jitter in the initialiser, unless a later statement sets them.</summary>
        private static BaseObjectCreationExpressionSyntax WithBackoff(BaseObjectCreationExpressionSyntax creation, HashSet<string> assignedLater, SemanticModel model, int position)
        {
            var initializer = creation.Initializer ?? SyntaxFactory.InitializerExpression(SyntaxKind.ObjectInitializerExpression);
            var expressions = initializer.Expressions;
            var seen = new HashSet<string>();
            for (var i = 0; i < expressions.Count; i++)
            {
                if (expressions[i] is AssignmentExpressionSyntax assignment && Name(assignment.Left) is { } name)
                {
                    seen.Add(name);
                    if (Rewrite(assignment.Right, name, model, position) is { } value)
                    {
                        expressions = expressions.Replace(expressions[i], assignment.WithRight(value.WithTriviaFrom(assignment.Right)));
                    }
                }
            }

            foreach (var name in new[] { "BackoffType", "UseJitter" })
            {
                if (!seen.Contains(name) && !assignedLater.Contains(name))
                {
                    expressions = expressions.Add(SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName(name), Desired(name, model, position)));
                }
            }

            var updated = initializer.WithExpressions(expressions).WithAdditionalAnnotations(Formatter.Annotation);
            if (creation.Initializer is null)
            {
                // `new T()` keeps its parentheses; the initialiser follows them.
                var withInitializer = creation.WithInitializer(updated);
                return creation.ArgumentList is { } list
                    ? withInitializer.WithArgumentList(list.WithoutTrailingTrivia()).WithTrailingTrivia(creation.GetTrailingTrivia())
                    : withInitializer;
            }

            return creation.WithInitializer(updated);
        }

        private static async Task<Document> FixStatementsAsync(Document document, ExpressionSyntax receiver, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (receiver.FirstAncestorOrSelf<ExpressionStatementSyntax>()?.Parent is not BlockSyntax block)
            {
                return document;
            }

            var receiverSymbol = model!.GetSymbolInfo(receiver, cancellationToken).Symbol;
            var group = block.Statements
                .OfType<ExpressionStatementSyntax>()
                .Where(s => s.Expression is AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax left }
                    && left.Expression.IsEquivalentTo(receiver, topLevel: false)
                    && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(left.Expression, cancellationToken).Symbol, receiverSymbol))
                .ToList();
            if (group.Count == 0)
            {
                return document;
            }

            var names = new HashSet<string>();
            var tracked = block.TrackNodes(group);
            foreach (var statement in group)
            {
                var current = tracked.GetCurrentNode(statement)!;
                var assignment = (AssignmentExpressionSyntax)current.Expression;
                var name = Name(assignment.Left);
                if (name is not null)
                {
                    names.Add(name);
                }

                if (name is not null && Rewrite(assignment.Right, name, model!, receiver.SpanStart) is { } value)
                {
                    tracked = tracked.ReplaceNode(assignment.Right, value.WithTriviaFrom(assignment.Right));
                }
            }

            var last = tracked.GetCurrentNode(group[group.Count - 1])!;
            var additions = new List<StatementSyntax>();
            foreach (var name in new[] { "BackoffType", "UseJitter" })
            {
                if (!names.Contains(name))
                {
                    additions.Add(SyntaxFactory.ExpressionStatement(SyntaxFactory.AssignmentExpression(
                            SyntaxKind.SimpleAssignmentExpression,
                            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver.WithoutTrivia(), SyntaxFactory.IdentifierName(name)),
                            Desired(name, model!, receiver.SpanStart)))
                        .WithAdditionalAnnotations(Formatter.Annotation));
                }
            }

            if (additions.Count > 0)
            {
                tracked = tracked.InsertNodesAfter(last, additions);
            }

            return document.WithSyntaxRoot(root!.ReplaceNode(block, tracked));
        }

        /// <summary>The value an option should have, or null when it is fine as written.</summary>
        private static ExpressionSyntax? Rewrite(ExpressionSyntax value, string? name, SemanticModel model, int position)
        {
            switch (name)
            {
                case "BackoffType":
                    return value is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Exponential" } ? null : Desired(name, model, position);
                case "UseJitter":
                    return value.IsKind(SyntaxKind.TrueLiteralExpression) ? null : Desired(name, model, position);
                case "Delay":
                    return IsZero(value) ? Desired(name, model, position) : null;
                default:
                    return null;
            }
        }

        private static ExpressionSyntax Desired(string name, SemanticModel model, int position)
        {
            return name switch
            {
                "BackoffType" => SyntaxFactory.ParseExpression(RetrySnippets.TypeName(model, position, "Polly.DelayBackoffType") + ".Exponential"),
                "UseJitter" => SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression),
                _ => SyntaxFactory.ParseExpression(RetrySnippets.TypeName(model, position, "System.TimeSpan") + ".FromSeconds(2)"),
            };
        }

        private static bool IsZero(ExpressionSyntax value)
        {
            return value switch
            {
                MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Zero" } => true,
                LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.DefaultLiteralExpression) => true,
                DefaultExpressionSyntax => true,
                InvocationExpressionSyntax { ArgumentList.Arguments: { Count: 1 } arguments } invocation
                    when invocation.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: var method } && method.StartsWith("From", System.StringComparison.Ordinal)
                    => arguments[0].Expression is LiteralExpressionSyntax { Token.Value: var number } && number is not null && System.Convert.ToDouble(number, System.Globalization.CultureInfo.InvariantCulture) == 0,
                _ => false,
            };
        }

        private static string? Name(ExpressionSyntax left)
        {
            return left switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                _ => null,
            };
        }
    }
}
