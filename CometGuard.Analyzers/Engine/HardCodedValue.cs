using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CometGuard.Analyzers.Engine
{
    internal enum HardCodedKind
    {
        /// <summary>Configuration, environment, a parameter, a method result: not hard-coded.</summary>
        None,

        /// <summary>A literal, constant, interpolation of them, or a local / static readonly field initialised from one.</summary>
        Literal,

        /// <summary>The literal right-hand side of <c>??</c>, as in <c>config["Model"] ?? "gpt-4o"</c>.</summary>
        LiteralFallback,
    }

    /// <summary>
    /// A string value that is fixed in source. <see cref="Source"/> is the literal's syntax (which may
    /// sit in another member or file, one hop away) so a fix can rewrite the literal itself.
    /// </summary>
    internal readonly struct HardCodedValue
    {
        public static readonly HardCodedValue None = default;

        public HardCodedValue(HardCodedKind kind, string value, SyntaxNode? source)
        {
            Kind = kind;
            Value = value;
            Source = source;
        }

        public HardCodedKind Kind { get; }

        public string Value { get; }

        /// <summary>The literal expression that holds the value, when there is exactly one.</summary>
        public SyntaxNode? Source { get; }

        public bool IsHardCoded => Kind != HardCodedKind.None;

        /// <summary>
        /// Finds whether <paramref name="operation"/> is hard-coded, following conversions, constants
        /// and one hop to the single initialiser of a local or <c>static readonly</c> field.
        /// </summary>
        public static HardCodedValue Find(IOperation? operation, CancellationToken cancellationToken)
        {
            operation = operation?.Unwrap();
            if (operation is null)
            {
                return None;
            }

            if (operation is ICoalesceOperation coalesce)
            {
                var fallback = Find(coalesce.WhenNull, cancellationToken);
                return fallback.Kind == HardCodedKind.Literal
                    ? new HardCodedValue(HardCodedKind.LiteralFallback, fallback.Value, fallback.Source)
                    : None;
            }

            if (operation.ConstantValue is { HasValue: true, Value: string constant })
            {
                return new HardCodedValue(HardCodedKind.Literal, constant, ConstantSource(operation, cancellationToken));
            }

            switch (operation)
            {
                case IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: true } field }:
                    return FromInitializer(field, cancellationToken);
                case ILocalReferenceOperation { Local: { IsRef: false } local }:
                    return FromLocal(local, cancellationToken);
                case IInterpolatedStringOperation interpolated:
                    return FromInterpolation(interpolated, cancellationToken);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary when binary.Type?.SpecialType == SpecialType.System_String:
                    var left = Find(binary.LeftOperand, cancellationToken);
                    if (left.Kind != HardCodedKind.Literal)
                    {
                        return None;
                    }

                    var right = Find(binary.RightOperand, cancellationToken);
                    return right.Kind == HardCodedKind.Literal
                        ? new HardCodedValue(HardCodedKind.Literal, left.Value + right.Value, binary.Syntax)
                        : None;
                default:
                    return None;
            }
        }

        /// <summary>True when <paramref name="source"/> (through parentheses) is the right operand of <c>??</c>.</summary>
        public static bool IsCoalesceFallback(SyntaxNode source)
        {
            var node = source;
            while (node.Parent is ParenthesizedExpressionSyntax parenthesized)
            {
                node = parenthesized;
            }

            return node.Parent is BinaryExpressionSyntax binary
                && binary.IsKind(SyntaxKind.CoalesceExpression)
                && binary.Right == node;
        }

        /// <summary>The text of a string literal expression (regular, verbatim, raw, or interpolated with no holes).</summary>
        public static string? LiteralText(SyntaxNode? node)
        {
            switch (node)
            {
                case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                    return literal.Token.ValueText;
                case InterpolatedStringExpressionSyntax interpolated:
                    var builder = new StringBuilder();
                    foreach (var content in interpolated.Contents)
                    {
                        if (content is not InterpolatedStringTextSyntax text)
                        {
                            return null;
                        }

                        builder.Append(text.TextToken.ValueText);
                    }

                    return builder.ToString();
                default:
                    return null;
            }
        }

        private static SyntaxNode? ConstantSource(IOperation operation, CancellationToken cancellationToken)
        {
            return operation switch
            {
                IFieldReferenceOperation field => InitializerOf(field.Field, cancellationToken),
                ILocalReferenceOperation local => InitializerOf(local.Local, cancellationToken),
                _ => operation.Syntax,
            };
        }

        private static HardCodedValue FromInitializer(ISymbol symbol, CancellationToken cancellationToken)
            => FromInitializerSyntax(InitializerOf(symbol, cancellationToken));

        private static HardCodedValue FromLocal(ILocalSymbol local, CancellationToken cancellationToken)
        {
            var initializer = InitializerOf(local, cancellationToken);
            var value = FromInitializerSyntax(initializer);
            return value.IsHardCoded && !IsReassigned(local, initializer!) ? value : None;
        }

        /// <summary>
        /// A literal initialiser, or one whose <c>??</c> falls back to a literal
        /// (<c>var model = configuration["Model"] ?? "gpt-4o";</c>): the fallback is the hard-coded value, at its literal.
        /// </summary>
        private static HardCodedValue FromInitializerSyntax(ExpressionSyntax? initializer)
        {
            if (LiteralText(initializer) is { } text)
            {
                return new HardCodedValue(HardCodedKind.Literal, text, initializer);
            }

            return initializer is not null && Unparenthesized(initializer) is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression, Right: var right }
                && LiteralText(Unparenthesized(right)) is { } fallbackText
                ? new HardCodedValue(HardCodedKind.LiteralFallback, fallbackText, Unparenthesized(right))
                : None;
        }

        private static ExpressionSyntax Unparenthesized(ExpressionSyntax expression)
        {
            while (expression is ParenthesizedExpressionSyntax parenthesized)
            {
                expression = parenthesized.Expression;
            }

            return expression;
        }

        private static HardCodedValue FromInterpolation(IInterpolatedStringOperation interpolated, CancellationToken cancellationToken)
        {
            var builder = new StringBuilder();
            foreach (var part in interpolated.Parts)
            {
                switch (part)
                {
                    case IInterpolatedStringTextOperation text:
                        builder.Append(text.Text.ConstantValue.Value as string);
                        break;
                    case IInterpolationOperation { Alignment: null, FormatString: null } hole:
                        var value = Find(hole.Expression, cancellationToken);
                        if (value.Kind != HardCodedKind.Literal)
                        {
                            return None;
                        }

                        builder.Append(value.Value);
                        break;
                    default:
                        return None;
                }
            }

            return new HardCodedValue(HardCodedKind.Literal, builder.ToString(), interpolated.Syntax);
        }

        private static ExpressionSyntax? InitializerOf(ISymbol symbol, CancellationToken cancellationToken)
        {
            if (symbol.DeclaringSyntaxReferences.Length != 1)
            {
                return null;
            }

            return symbol.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax declarator
                ? declarator.Initializer?.Value
                : null;
        }

        /// <summary>A local assigned again after its literal initialiser no longer holds a fixed value.</summary>
        private static bool IsReassigned(ILocalSymbol local, SyntaxNode initializer)
        {
            var scope = initializer.FirstAncestorOrSelf<BlockSyntax>() ?? (SyntaxNode?)initializer.FirstAncestorOrSelf<MemberDeclarationSyntax>();
            if (scope is null)
            {
                return false;
            }

            foreach (var node in scope.DescendantNodes())
            {
                switch (node)
                {
                    case AssignmentExpressionSyntax { Left: IdentifierNameSyntax name } when name.Identifier.ValueText == local.Name:
                        return true;
                    case ArgumentSyntax { Expression: IdentifierNameSyntax name } argument
                        when name.Identifier.ValueText == local.Name && !argument.RefKindKeyword.IsKind(SyntaxKind.None):
                        return true;
                }
            }

            return false;
        }
    }
}
