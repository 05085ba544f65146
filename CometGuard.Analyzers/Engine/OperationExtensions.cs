using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CometGuard.Analyzers.Engine
{
    /// <summary>The small walks over operations that rules and domains share, written once.</summary>
    internal static class OperationExtensions
    {
        /// <summary>The value under the conversions the compiler inserted (no user-defined operator) and parentheses.</summary>
        public static IOperation Unwrap(this IOperation operation)
        {
            while (true)
            {
                switch (operation)
                {
                    case IConversionOperation { OperatorMethod: null } conversion:
                        operation = conversion.Operand;
                        continue;
                    case IParenthesizedOperation parenthesized:
                        operation = parenthesized.Operand;
                        continue;
                    default:
                        return operation;
                }
            }
        }

        /// <summary>
        /// The elements of a collection written in place — <c>new[] { … }</c>, <c>new List&lt;string&gt; { … }</c> — or empty:
        /// what an <c>IEnumerable</c> parameter receives element by element.
        /// </summary>
        public static ImmutableArray<IOperation> WrittenElements(this IOperation operation)
        {
            switch (operation.Unwrap())
            {
                case IArrayCreationOperation { Initializer: { } array }:
                    return array.ElementValues;
                case IObjectCreationOperation { Initializer: IObjectOrCollectionInitializerOperation collection }:
                    var elements = ImmutableArray.CreateBuilder<IOperation>();
                    foreach (var initializer in collection.Initializers)
                    {
                        if (initializer is IInvocationOperation { Arguments.Length: 1 } add)
                        {
                            elements.Add(add.Arguments[0].Value);
                        }
                    }

                    return elements.ToImmutable();
                default:
                    return ImmutableArray<IOperation>.Empty;
            }
        }

        /// <summary>
        /// Where the value of <paramref name="operation"/> goes: its first ancestor that is not a conversion (user-defined ones
        /// included) or parentheses.
        /// </summary>
        public static IOperation? ParentThroughConversions(this IOperation operation)
        {
            var parent = operation.Parent;
            while (parent is IConversionOperation or IParenthesizedOperation)
            {
                parent = parent.Parent;
            }

            return parent;
        }

        /// <summary><see cref="Unwrap"/>, through awaits too: the value an awaited call produces.</summary>
        public static IOperation UnwrapAwait(this IOperation operation)
        {
            while (true)
            {
                operation = operation.Unwrap();
                if (operation is not IAwaitOperation awaited)
                {
                    return operation;
                }

                operation = awaited.Operation;
            }
        }

        /// <summary>The outermost body (method, accessor, field initialiser) the operation belongs to.</summary>
        public static IOperation EnclosingBody(this IOperation operation)
        {
            while (operation.Parent is { } parent)
            {
                operation = parent;
            }

            return operation;
        }

        /// <summary>The value a <c>?.</c> tests, for an operation inside its access (the conditional-access instance), or null.</summary>
        public static IOperation? ConditionalReceiver(this IOperation operation)
        {
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                if (current is IConditionalAccessOperation access)
                {
                    return access.Operation;
                }
            }

            return null;
        }

        /// <summary>The receiver of a call, whether an instance call or an extension call in reduced form.</summary>
        public static IOperation? Receiver(this IInvocationOperation invocation)
        {
            if (invocation.Instance is not null)
            {
                return invocation.Instance;
            }

            return invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0
                ? invocation.Arguments[0].Value
                : null;
        }

        /// <summary>
        /// One hop from a local (or field) to the operation of its single initialiser, unwrapped, in the same tree only:
        /// a semantic model for another tree is not an analyzer's to create.
        /// </summary>
        /// <param name="fallback">The model to use when <paramref name="context"/> has none (control-flow-graph operations).</param>
        public static IOperation? Initializer(this ISymbol symbol, IOperation context, SemanticModel? fallback = null)
        {
            if (symbol.DeclaringSyntaxReferences.Length != 1
                || symbol.DeclaringSyntaxReferences[0].GetSyntax() is not VariableDeclaratorSyntax { Initializer.Value: { } value }
                || (context.SemanticModel ?? fallback) is not { } model
                || model.SyntaxTree != value.SyntaxTree)
            {
                return null;
            }

            return model.GetOperation(value)?.Unwrap();
        }

        /// <summary>
        /// The body of a method or local function declared in the same tree as <paramref name="context"/> (a helper a
        /// predicate or a loop calls), or null.
        /// </summary>
        public static IOperation? BodyInSameTree(this IMethodSymbol method, IOperation context)
        {
            method = method.PartialImplementationPart ?? method;
            if (method.DeclaringSyntaxReferences.Length != 1 || context.SemanticModel is not { } model)
            {
                return null;
            }

            var syntax = method.DeclaringSyntaxReferences[0].GetSyntax();
            if (syntax.SyntaxTree != model.SyntaxTree)
            {
                return null;
            }

            return model.GetOperation(syntax) switch
            {
                IMethodBodyOperation body => (IOperation?)body.BlockBody ?? body.ExpressionBody,
                ILocalFunctionOperation local => local.Body,
                _ => null,
            };
        }

        /// <summary>Where to report a call: at the method's name in <c>x.Name(...)</c>, else the whole call.</summary>
        public static Location NameLocation(this IInvocationOperation invocation)
        {
            return invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member }
                ? member.Name.GetLocation()
                : invocation.Syntax.GetLocation();
        }
    }
}
