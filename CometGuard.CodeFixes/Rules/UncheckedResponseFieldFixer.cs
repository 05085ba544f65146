using System.Collections.Generic;
using System.Composition;
using System.Linq;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;

namespace CometGuard.CodeFixes.Rules
{
    /// <summary>
    /// CG0006: rewrites <c>x.Content[0].Text</c> (and <c>First()</c>, <c>ElementAt(k)</c>, …) to
    /// <c>x.Content.FirstOrDefault()?.Text</c>, adding <c>?? string.Empty</c> where a non-nullable string is
    /// expected and <c>using System.Linq;</c> where it is missing. Offered only where the guarded form
    /// compiles without a new nullable warning: the element is a reference type, a member of it is read,
    /// the chain is not assigned to, and the result is a string or may be null. JSON lookups and nullable
    /// fields have no automatic fix (see the rule page).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UncheckedResponseFieldFixer)), Shared]
    public sealed class UncheckedResponseFieldFixer : RuleFixer
    {
        private const string Title = "Read the element with a null-conditional …OrDefault()";

        public UncheckedResponseFieldFixer()
            : base(RuleIdentifiers.UncheckedResponseField, LanguageVersion.CSharp6)
        {
        }

        public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(async (context, document, diagnostics) =>
            await FixDocumentAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

        // The fix writes `?.` (null-conditional access): C# 6.
        private protected override async Task RegisterAsync(CodeFixContext context, SyntaxNode root, Diagnostic diagnostic)
        {
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (model is not null && Plan(root, model, diagnostic, context.CancellationToken) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => FixDocumentAsync(context.Document, ImmutableArray.Create(diagnostic), ct), equivalenceKey: nameof(UncheckedResponseFieldFixer)),
                    diagnostic);
            }
        }

        private static async Task<Document> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return document;
            }

            var edits = new List<Edit>();
            foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
            {
                if (Plan(root, model, diagnostic, cancellationToken) is { } edit
                    && !edits.Any(e => e.Target.Span.IntersectsWith(edit.Target.Span)))
                {
                    edits.Add(edit);
                }
            }

            if (edits.Count == 0)
            {
                return document;
            }

            var replacements = edits.ToDictionary(e => (SyntaxNode)e.Target, e => e.Replacement);
            var newRoot = root.ReplaceNodes(replacements.Keys, (original, _) => replacements[original]);
            if (edits.Any(e => e.NeedsLinq) && newRoot is CompilationUnitSyntax unit && !HasLinqUsing(unit))
            {
                newRoot = AddLinqUsing(unit);
            }

            return document.WithSyntaxRoot(newRoot);
        }

        private sealed class Edit
        {
            public Edit(ExpressionSyntax target, ExpressionSyntax replacement, bool needsLinq)
            {
                Target = target;
                Replacement = replacement;
                NeedsLinq = needsLinq;
            }

            public ExpressionSyntax Target { get; }

            public ExpressionSyntax Replacement { get; }

            public bool NeedsLinq { get; }
        }

        private static Edit? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (!diagnostic.Properties.TryGetValue(UncheckedResponseFieldAnalyzer.OrDefaultProperty, out var method) || method is null)
            {
                return null;
            }

            diagnostic.Properties.TryGetValue(UncheckedResponseFieldAnalyzer.IndexProperty, out var index);
            var read = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) as ExpressionSyntax;
            var collection = read switch
            {
                ElementAccessExpressionSyntax element => element.Expression,
                InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } => access.Expression,
                _ => null,
            };

            if (read is null || collection is null)
            {
                return null;
            }

            // The element must be dereferenced: `x.Content[0].Text`, optionally `x.Content.FirstOrDefault()!.Text`.
            ExpressionSyntax dereferenced = read;
            if (read.Parent is PostfixUnaryExpressionSyntax postfix && postfix.IsKind(SyntaxKind.SuppressNullableWarningExpression))
            {
                dereferenced = postfix;
            }

            if (dereferenced.Parent is not MemberAccessExpressionSyntax member || member.Expression != dereferenced
                || model.GetTypeInfo(read, cancellationToken).Type is not { IsReferenceType: true })
            {
                return null;
            }

            var top = TopOfChain(member);
            if (!CanBecomeConditional(top))
            {
                return null;
            }

            var coalesce = NeedsNonNull(model, top, cancellationToken);
            var topType = model.GetTypeInfo(top, cancellationToken).Type;
            if (coalesce && topType?.SpecialType != SpecialType.System_String)
            {
                return null;
            }

            if (topType is { IsValueType: true } && topType.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T && top.Parent is not ExpressionStatementSyntax)
            {
                return null;
            }

            var call = collection.WithoutTrivia().ToString() + "." + method + "(" + (index ?? string.Empty) + ")";
            var suffix = top.ToString().Substring(dereferenced.Span.End - top.Span.Start);
            var text = call + "?" + suffix;
            if (coalesce)
            {
                text = "(" + text + " ?? string.Empty)";
            }

            var replacement = SyntaxFactory.ParseExpression(text)
                .WithTriviaFrom(top)
                .WithAdditionalAnnotations(Simplifier.Annotation, Formatter.Annotation);

            var probe = SyntaxFactory.ParseExpression(call);
            var needsLinq = model.GetSpeculativeSymbolInfo(top.SpanStart, probe, SpeculativeBindingOption.BindAsExpression).Symbol is null;
            return new Edit(top, replacement, needsLinq);
        }

        /// <summary>The outermost expression of the member/invocation/element chain that starts at <paramref name="member"/>.</summary>
        private static ExpressionSyntax TopOfChain(ExpressionSyntax member)
        {
            var current = member;
            while (true)
            {
                switch (current.Parent)
                {
                    case MemberAccessExpressionSyntax access when access.Expression == current:
                        current = access;
                        continue;
                    case InvocationExpressionSyntax invocation when invocation.Expression == current:
                        current = invocation;
                        continue;
                    case ElementAccessExpressionSyntax element when element.Expression == current:
                        current = element;
                        continue;
                    default:
                        return current;
                }
            }
        }

        private static bool CanBecomeConditional(ExpressionSyntax top)
        {
            switch (top.Parent)
            {
                case AssignmentExpressionSyntax assignment when assignment.Left == top:
                case ArgumentSyntax argument when !argument.RefKindKeyword.IsKind(SyntaxKind.None):
                case PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax:
                    return false;
                default:
                    return true;
            }
        }

        /// <summary>True when the chain's value lands where nullable analysis expects a non-null reference.</summary>
        private static bool NeedsNonNull(SemanticModel model, ExpressionSyntax top, CancellationToken cancellationToken)
        {
            if (!model.GetNullableContext(top.SpanStart).AnnotationsEnabled())
            {
                return false;
            }

            var operation = model.GetOperation(top, cancellationToken);
            var parent = operation?.Parent;
            while (parent is IConversionOperation or IParenthesizedOperation)
            {
                parent = parent.Parent;
            }

            var annotation = parent switch
            {
                IArgumentOperation argument => argument.Parameter?.Type.NullableAnnotation,
                IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol.Type.NullableAnnotation,
                ISimpleAssignmentOperation assignment => assignment.Target.Type?.NullableAnnotation,
                IReturnOperation => ReturnAnnotation(model, top, cancellationToken),
                IInterpolationOperation or IBinaryOperation or IExpressionStatementOperation or ICoalesceOperation => NullableAnnotation.Annotated,
                _ => NullableAnnotation.NotAnnotated,
            };

            if (parent is IVariableInitializerOperation && top.Parent?.Parent is VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Type.IsVar: true } })
            {
                return false;
            }

            return annotation == NullableAnnotation.NotAnnotated;
        }

        private static NullableAnnotation? ReturnAnnotation(SemanticModel model, ExpressionSyntax top, CancellationToken cancellationToken)
        {
            var owner = top.Ancestors().FirstOrDefault(a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or MemberDeclarationSyntax or AccessorDeclarationSyntax);
            if (owner is null)
            {
                return NullableAnnotation.NotAnnotated;
            }

            var symbol = owner is AnonymousFunctionExpressionSyntax
                ? model.GetSymbolInfo(owner, cancellationToken).Symbol
                : model.GetDeclaredSymbol(owner, cancellationToken);
            switch (symbol)
            {
                case IPropertySymbol property:
                    return property.Type.NullableAnnotation;
                case IMethodSymbol { IsAsync: true, ReturnType: INamedTypeSymbol { TypeArguments.Length: 1 } task }:
                    return task.TypeArgumentNullableAnnotations[0];
                case IMethodSymbol { MethodKind: MethodKind.PropertyGet, AssociatedSymbol: IPropertySymbol property }:
                    return property.Type.NullableAnnotation;
                case IMethodSymbol method:
                    return method.ReturnType.NullableAnnotation;
                default:
                    return NullableAnnotation.NotAnnotated;
            }
        }

        private static bool HasLinqUsing(CompilationUnitSyntax unit)
            => unit.Usings.Any(u => u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None) && u.Name?.ToString() == "System.Linq");

        private static CompilationUnitSyntax AddLinqUsing(CompilationUnitSyntax unit)
        {
            var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName("System.Linq"))
                .WithAdditionalAnnotations(Formatter.Annotation);
            var usings = unit.Usings;
            var position = 0;
            while (position < usings.Count
                && usings[position].Alias is null
                && usings[position].StaticKeyword.IsKind(SyntaxKind.None)
                && string.CompareOrdinal(usings[position].Name?.ToString(), "System.Linq") < 0
                && (usings[position].Name?.ToString().StartsWith("System", System.StringComparison.Ordinal) ?? false))
            {
                position++;
            }

            if (usings.Count == 0)
            {
                return unit.WithUsings(usings.Add(directive.WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed)));
            }

            directive = directive.WithTrailingTrivia(usings[0].GetTrailingTrivia());
            if (position == 0)
            {
                // Keep directives such as `#nullable enable` above the first using.
                directive = directive.WithLeadingTrivia(usings[0].GetLeadingTrivia());
                usings = usings.Replace(usings[0], usings[0].WithLeadingTrivia());
            }

            return unit.WithUsings(usings.Insert(position, directive));
        }
    }
}
