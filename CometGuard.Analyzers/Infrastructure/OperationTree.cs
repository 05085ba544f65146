using Microsoft.CodeAnalysis;

namespace CometGuard.Analyzers.Infrastructure
{
    /// <summary>Walks within one operation tree.</summary>
    internal static class OperationTree
    {
        /// <summary>The outermost body (method, accessor, field initialiser) the operation belongs to.</summary>
        public static IOperation EnclosingBody(IOperation operation)
        {
            while (operation.Parent is { } parent)
            {
                operation = parent;
            }

            return operation;
        }
    }
}
