using System;

namespace CometGuard.Analyzers.Responses
{
    /// <summary>
    /// Guard questions answered from the operation tree, before a control flow graph is built for them: the common
    /// safe shape (a check as an earlier statement of a block around the read) and the common unsafe one (a body with
    /// no conditional branch at all). Whatever these cannot decide is left to <see cref="FlowGuards"/>.
    /// </summary>
    internal static class StraightLineGuards
    {
        /// <summary>
        /// True when an earlier statement of a block around <paramref name="checkpoint"/>, within the same method, lambda
        /// or local function, satisfies <paramref name="statement"/>: it runs on every path to the checkpoint, unless a
        /// label between them lets a <c>goto</c> in, so a label ends the search in that block.
        /// </summary>
        public static bool Precedes(IOperation checkpoint, Func<IOperation, bool> statement)
        {
            var current = checkpoint;
            while (current.Parent is { } parent)
            {
                if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return false;
                }

                if (parent is IBlockOperation block)
                {
                    if (current is ILabeledOperation)
                    {
                        return false;
                    }

                    var found = false;
                    foreach (var earlier in block.Operations)
                    {
                        if (ReferenceEquals(earlier, current))
                        {
                            if (found)
                            {
                                return true;
                            }

                            break;
                        }

                        if (earlier is ILabeledOperation)
                        {
                            found = false;
                        }
                        else if (!found && statement(earlier))
                        {
                            found = true;
                        }
                    }
                }

                current = parent;
            }

            return false;
        }

        /// <summary>
        /// <c>if (condition) { ...; return; }</c> with no <c>else</c>, whose body ends in <c>return</c>, <c>yield break</c> or <c>throw</c>:
        /// what follows it runs only when <paramref name="condition"/> is false.
        /// </summary>
        public static bool IsEarlyExit(IOperation statement, out IOperation condition)
        {
            condition = null!;
            if (statement is not IConditionalOperation { WhenFalse: null, WhenTrue: { } body, Condition: { } test })
            {
                return false;
            }

            if (body is IBlockOperation block)
            {
                body = block.Operations.IsEmpty ? block : block.Operations[block.Operations.Length - 1];
            }

            // `yield return` is a return operation too, but the iterator goes on after it.
            condition = test;
            return body is IReturnOperation { Kind: OperationKind.Return or OperationKind.YieldBreak }
                or IThrowOperation
                or IExpressionStatementOperation { Operation: IThrowOperation };
        }

        /// <summary>
        /// False when nothing in <paramref name="root"/> (lambdas and local functions included) becomes a conditional
        /// branch of its control flow graph: then no read in it is guarded by a branch.
        /// </summary>
        public static bool MayBranch(IOperation root)
        {
            foreach (var operation in root.DescendantsAndSelf())
            {
                // A kind newer than the Roslyn this is built against (collection expressions, spreads) may lower to branches.
                if (operation.Kind > OperationKind.InlineArrayAccess)
                {
                    return true;
                }

                switch (operation.Kind)
                {
                    case OperationKind.Conditional:
                    case OperationKind.Loop:
                    case OperationKind.Switch:
                    case OperationKind.SwitchExpression:
                    case OperationKind.Coalesce:
                    case OperationKind.CoalesceAssignment:
                    case OperationKind.ConditionalAccess:
                    case OperationKind.Using:
                    case OperationKind.UsingDeclaration:
                    case OperationKind.Lock:
                    case OperationKind.Try:
                    case OperationKind.Branch:
                    case OperationKind.Labeled:
                    case OperationKind.None:
                        return true;
                    case OperationKind.Binary when operation is IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr }:
                        return true;
                    case OperationKind.InterpolatedStringHandlerCreation
                        when operation is IInterpolatedStringHandlerCreationOperation handler && (handler.HandlerAppendCallsReturnBool || handler.HandlerCreationHasSuccessParameter):
                        return true;
                }
            }

            return false;
        }
    }
}
