using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace CometGuard.Analyzers.Retry
{
    /// <summary>
    /// Hand-written resend loops: a <c>while (true)</c> / <c>for (;;)</c> that calls a gateway and goes round again only
    /// after a failure, with nothing that bounds the attempts.
    /// </summary>
    internal sealed class ResendLoops
    {
        private readonly RetryApis _apis;

        public ResendLoops(RetryApis apis)
        {
            _apis = apis;
        }

        /// <summary><c>while (true)</c>, <c>for (;;)</c> and <c>for (…; true; …)</c>.</summary>
        public static bool IsEndless(ILoopOperation loop)
        {
            return loop switch
            {
                IWhileLoopOperation w => w.Condition?.ConstantValue is { HasValue: true, Value: true },
                IForLoopOperation f => f.Condition is null || f.Condition.ConstantValue is { HasValue: true, Value: true },
                _ => false,
            };
        }

        /// <summary>
        /// A resend loop calls a gateway and goes round again only after a failure: it leaves on
        /// success (a <c>return</c>/<c>break</c> in the <c>try</c> whose <c>catch</c> swallows the
        /// error, or under a status check) or it loops back under a status check and otherwise
        /// leaves. It is bounded when a counter it changes is compared, or it consults a clock or a
        /// cancellation token. A loop that reads input and calls the gateway each round is not one.
        /// </summary>
        public bool IsUnbounded(ILoopOperation loop, CancellationToken cancellationToken)
        {
            var callsGateway = false;
            var retriesOnFailure = false;
            var changed = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            var compared = new List<IOperation>();
            foreach (var operation in loop.Body.DescendantsAndSelf())
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (operation)
                {
                    case IInvocationOperation invocation:
                        callsGateway |= _apis.IsGatewayCall(invocation);
                        if (IsClockOrCancellation(invocation.TargetMethod))
                        {
                            return false;
                        }

                        break;
                    case IPropertyReferenceOperation property:
                        if (IsClockOrCancellation(property.Property))
                        {
                            return false;
                        }

                        break;
                    case ITryOperation tryOperation:
                        retriesOnFailure |= _apis.ContainsGatewayCall(tryOperation.Body, cancellationToken)
                            && Leaves(loop, tryOperation.Body)
                            && tryOperation.Catches.Any(c => !EndsByLeaving(loop, c.Handler));
                        foreach (var catchClause in tryOperation.Catches)
                        {
                            if (catchClause.Filter is not null)
                            {
                                compared.Add(catchClause.Filter);
                            }
                        }

                        break;
                    case IConditionalOperation conditional when conditional.Condition.DescendantsAndSelf().OfType<IPropertyReferenceOperation>().Any(IsStatusCheck):
                        retriesOnFailure |= Leaves(loop, conditional.WhenTrue)
                            || (conditional.WhenFalse is { } otherwise && Leaves(loop, otherwise))
                            || (Continues(loop, conditional) && EndsByLeaving(loop, loop.Body));
                        break;
                    case IIncrementOrDecrementOperation increment:
                        AddSymbol(changed, increment.Target);
                        break;
                    case ICompoundAssignmentOperation compound:
                        AddSymbol(changed, compound.Target);
                        break;
                    case IBinaryOperation binary when IsComparison(binary.OperatorKind):
                        compared.Add(binary);
                        break;
                }
            }

            if (!callsGateway || !retriesOnFailure)
            {
                return false;
            }

            // for (var attempt = 1; ; attempt++): the counter moves in the loop header.
            if (loop is IForLoopOperation forLoop)
            {
                foreach (var step in forLoop.AtLoopBottom)
                {
                    foreach (var operation in step.DescendantsAndSelf())
                    {
                        if (operation is IIncrementOrDecrementOperation increment)
                        {
                            AddSymbol(changed, increment.Target);
                        }
                        else if (operation is ICompoundAssignmentOperation compound)
                        {
                            AddSymbol(changed, compound.Target);
                        }
                    }
                }
            }

            foreach (var comparison in compared)
            {
                foreach (var operand in comparison.DescendantsAndSelf())
                {
                    if (SymbolOf(operand) is { } symbol && changed.Contains(symbol))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary>
        /// True when <paramref name="operation"/> holds a statement that leaves <paramref name="loop"/>. Not
        /// <c>yield return</c> (the iterator goes on), not a <c>break</c> of a nested loop or switch, nothing in
        /// a lambda or local function.
        /// </summary>
        private static bool Leaves(ILoopOperation loop, IOperation operation)
        {
            if (IsExit(loop, operation))
            {
                return true;
            }

            if (operation is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return false;
            }

            foreach (var child in operation.ChildOperations)
            {
                if (Leaves(loop, child))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsExit(ILoopOperation loop, IOperation operation)
        {
            return operation is IReturnOperation { Kind: OperationKind.Return or OperationKind.YieldBreak }
                || (operation is IBranchOperation { BranchKind: BranchKind.Break } branch && SymbolEqualityComparer.Default.Equals(branch.Target, loop.ExitLabel));
        }

        private static bool Continues(ILoopOperation loop, IConditionalOperation conditional)
        {
            return conditional.WhenTrue.DescendantsAndSelf().Any(o => o is IBranchOperation { BranchKind: BranchKind.Continue } branch
                && SymbolEqualityComparer.Default.Equals(branch.Target, loop.ContinueLabel));
        }

        /// <summary>True when the last statement of <paramref name="body"/> leaves <paramref name="loop"/>.</summary>
        private static bool EndsByLeaving(ILoopOperation loop, IOperation body)
        {
            var last = body is IBlockOperation { Operations.Length: > 0 } block ? block.Operations[block.Operations.Length - 1] : body;
            return IsExit(loop, last) || last is IThrowOperation or IExpressionStatementOperation { Operation: IThrowOperation };
        }

        private bool IsStatusCheck(IPropertyReferenceOperation property)
        {
            var owner = property.Property.ContainingType;
            return (TypeLookup.DerivesFrom(owner, _apis.HttpResponseMessage) && property.Property.Name is KnownMembers.IsSuccessStatusCode or KnownMembers.StatusCode)
                || (TypeLookup.DerivesFrom(owner, _apis.ClientResultException) && property.Property.Name == KnownMembers.Status);
        }

        private bool IsClockOrCancellation(ISymbol member)
        {
            var known = _apis.Known;
            var owner = member.ContainingType;
            if (SymbolEqualityComparer.Default.Equals(owner, known[KnownType.CancellationToken]))
            {
                return member.Name is KnownMembers.IsCancellationRequested or KnownMembers.ThrowIfCancellationRequested;
            }

            return SymbolEqualityComparer.Default.Equals(owner, known.DateTime)
                || SymbolEqualityComparer.Default.Equals(owner, known[KnownType.DateTimeOffset])
                || SymbolEqualityComparer.Default.Equals(owner, known[KnownType.Stopwatch])
                || known.IsOrDerives(owner, KnownType.TimeProvider);
        }

        private static bool IsComparison(BinaryOperatorKind kind)
        {
            return kind is BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual
                or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual
                or BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals;
        }

        private static void AddSymbol(HashSet<ISymbol> symbols, IOperation target)
        {
            if (SymbolOf(target) is { } symbol)
            {
                symbols.Add(symbol);
            }
        }

        private static ISymbol? SymbolOf(IOperation operation)
        {
            return operation switch
            {
                ILocalReferenceOperation local => local.Local,
                IFieldReferenceOperation field => field.Field,
                IParameterReferenceOperation parameter => parameter.Parameter,
                IPropertyReferenceOperation property => property.Property,
                _ => null,
            };
        }
    }
}
