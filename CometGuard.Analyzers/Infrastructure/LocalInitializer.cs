using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace CometGuard.Analyzers.Infrastructure
{
    /// <summary>One hop from a local to the operation of its single initialiser (same tree only).</summary>
    internal static class LocalInitializer
    {
        /// <param name="fallback">The model to use when <paramref name="context"/> has none (control-flow-graph operations).</param>
        public static IOperation? Find(ILocalSymbol local, IOperation context, SemanticModel? fallback = null)
        {
            if (local.DeclaringSyntaxReferences.Length != 1
                || local.DeclaringSyntaxReferences[0].GetSyntax() is not VariableDeclaratorSyntax { Initializer.Value: { } value }
                || (context.SemanticModel ?? fallback) is not { } model
                || model.SyntaxTree != value.SyntaxTree)
            {
                return null;
            }

            var operation = model.GetOperation(value);
            while (operation is IConversionOperation { OperatorMethod: null } conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }
    }
}
