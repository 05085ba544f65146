using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CometGuard.Analyzers.Responses
{
    /// <summary>How a response read is written: forced, dereferenced, and the guarded method that can replace it.</summary>
    internal static class ResponseReads
    {
        /// <summary>The read is followed by <c>!</c> or <c>.Value</c> (through parentheses), on syntax alone.</summary>
        public static bool IsForced(SyntaxNode read)
        {
            var node = read;
            while (node.Parent is ParenthesizedExpressionSyntax parenthesized)
            {
                node = parenthesized;
            }

            return node.Parent switch
            {
                PostfixUnaryExpressionSyntax postfix => postfix.IsKind(SyntaxKind.SuppressNullableWarningExpression),
                MemberAccessExpressionSyntax access => access.Expression == node && access.Name.Identifier.ValueText == KnownMembers.Value,
                _ => false,
            };
        }

        /// <summary>The result is used without <c>?.</c>: <c>x.FirstOrDefault().Text</c>, <c>node["choices"]![0]</c>.</summary>
        public static bool IsDereferenced(SyntaxNode node)
        {
            var parent = node.Parent;
            if (parent is PostfixUnaryExpressionSyntax postfix && postfix.IsKind(SyntaxKind.SuppressNullableWarningExpression))
            {
                node = parent;
                parent = parent.Parent;
            }

            return parent switch
            {
                MemberAccessExpressionSyntax access => access.Expression == node,
                ElementAccessExpressionSyntax access => access.Expression == node,
                _ => false,
            };
        }

        /// <summary>The node a forced read of an optional field is reported at (<c>x.Usage!</c>, <c>x.FinishReason.Value</c>), or null when it is not forced.</summary>
        public static SyntaxNode? ForcedNode(IPropertyReferenceOperation reference)
        {
            if (reference.Parent is IPropertyReferenceOperation { Property.Name: KnownMembers.Value, Instance: { } instance } nullableValue
                && ReferenceEquals(instance, reference)
                && reference.Type?.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
            {
                return nullableValue.Syntax;
            }

            return reference.Syntax.Parent is PostfixUnaryExpressionSyntax postfix && postfix.IsKind(SyntaxKind.SuppressNullableWarningExpression) ? postfix : null;
        }

        /// <summary>The guarded method the fix calls instead of <c>[k]</c>.</summary>
        public static (string Method, string? Index)? OrDefaultFor(IOperation index)
        {
            return GuardConditions.TryGetInt(index, out var k) && k >= 0 && index.Syntax is ExpressionSyntax
                ? k == 0 ? (KnownMembers.FirstOrDefault, null) : (KnownMembers.ElementAtOrDefault, index.Syntax.ToString())
                : null;
        }

        /// <summary>The guarded method the fix calls instead of <c>First()</c>, <c>ElementAt(k)</c>, ….</summary>
        public static (string Method, string? Index)? OrDefaultFor(IInvocationOperation invocation)
        {
            var name = invocation.TargetMethod.Name;
            if (name.EndsWith(KnownMembers.OrDefaultSuffix, System.StringComparison.Ordinal))
            {
                return (name, null);
            }

            if (name == KnownMembers.ElementAt)
            {
                return invocation.Arguments.Length == 2 ? (KnownMembers.ElementAtOrDefault, invocation.Arguments[1].Value.Syntax.ToString()) : null;
            }

            return invocation.Arguments.Length == 1 ? (name + KnownMembers.OrDefaultSuffix, null) : null;
        }
    }
}
