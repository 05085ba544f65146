namespace CometGuard.CodeFixes.Infrastructure
{
    /// <summary>Where a literal can be replaced by an arbitrary run-time expression.</summary>
    internal static class ExpressionPositions
    {
        /// <summary>False in a const, an attribute argument, a default parameter value or a case label / pattern.</summary>
        public static bool CanStandForExpression(ExpressionSyntax literal)
        {
            foreach (var ancestor in literal.Ancestors())
            {
                switch (ancestor)
                {
                    case AttributeArgumentSyntax:
                    case ParameterSyntax:
                    case CaseSwitchLabelSyntax:
                    case ConstantPatternSyntax:
                        return false;
                    case LocalDeclarationStatementSyntax local:
                        return !local.IsConst;
                    case FieldDeclarationSyntax field:
                        return !field.Modifiers.Any(SyntaxKind.ConstKeyword);
                    case StatementSyntax:
                    case MemberDeclarationSyntax:
                        return true;
                }
            }

            return true;
        }

        /// <summary>`??` binds looser than almost everything; keep a rewrite's meaning inside a larger expression.</summary>
        public static bool NeedsParentheses(ExpressionSyntax literal)
        {
            return literal.Parent is ExpressionSyntax and not ParenthesizedExpressionSyntax
                && literal.Parent is not AssignmentExpressionSyntax;
        }

        /// <summary>True when instance members of the enclosing type may be used at <paramref name="node"/>.</summary>
        public static bool IsInstanceContext(SyntaxNode node)
        {
            foreach (var ancestor in node.Ancestors())
            {
                switch (ancestor)
                {
                    case AnonymousFunctionExpressionSyntax lambda when lambda.Modifiers.Any(SyntaxKind.StaticKeyword):
                    case LocalFunctionStatementSyntax local when local.Modifiers.Any(SyntaxKind.StaticKeyword):
                    case ConstructorInitializerSyntax:
                    case FieldDeclarationSyntax:
                    case EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax }:
                    case BaseTypeDeclarationSyntax:
                        return false;
                    case BaseMethodDeclarationSyntax method:
                        return !method.Modifiers.Any(SyntaxKind.StaticKeyword);
                    case BasePropertyDeclarationSyntax property:
                        return !property.Modifiers.Any(SyntaxKind.StaticKeyword);
                }
            }

            return false;
        }

        /// <summary>True when the primary-constructor parameters of the enclosing type may be used at <paramref name="node"/>.</summary>
        public static bool IsPrimaryConstructorContext(SyntaxNode node)
        {
            foreach (var ancestor in node.Ancestors())
            {
                switch (ancestor)
                {
                    case AnonymousFunctionExpressionSyntax lambda when lambda.Modifiers.Any(SyntaxKind.StaticKeyword):
                    case LocalFunctionStatementSyntax local when local.Modifiers.Any(SyntaxKind.StaticKeyword):
                    case BaseTypeDeclarationSyntax:
                        return false;
                    case BaseFieldDeclarationSyntax field:
                        return !field.Modifiers.Any(SyntaxKind.StaticKeyword);
                    case BaseMethodDeclarationSyntax method:
                        return !method.Modifiers.Any(SyntaxKind.StaticKeyword);
                    case BasePropertyDeclarationSyntax property:
                        return !property.Modifiers.Any(SyntaxKind.StaticKeyword);
                }
            }

            return false;
        }
    }
}
