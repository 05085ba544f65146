using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis.CSharp.Syntax;

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

        /// <summary>Where a loop is reported: its keyword.</summary>
        public static Location KeywordLocation(ILoopOperation loop)
        {
            return loop.Syntax switch
            {
                WhileStatementSyntax w => w.WhileKeyword.GetLocation(),
                ForStatementSyntax f => f.ForKeyword.GetLocation(),
                DoStatementSyntax d => d.DoKeyword.GetLocation(),
                _ => loop.Syntax.GetLocation(),
            };
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
            => Analyze(loop, cancellationToken) is { IsBounded: false };

        /// <summary>The endless loop as a resend loop (see <see cref="IsUnbounded"/>), or null when it is not one.</summary>
        public ResendLoop? Analyze(ILoopOperation loop, CancellationToken cancellationToken)
        {
            if (!IsEndless(loop))
            {
                return null;
            }

            var callsGateway = false;
            var retriesOnFailure = false;
            var bounded = false;
            var changed = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            var compared = new List<IOperation>();
            var statusChecks = new List<IConditionalOperation>();
            var gatewayCalls = new List<IInvocationOperation>();
            foreach (var operation in loop.Body.DescendantsAndSelf())
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (operation)
                {
                    case IInvocationOperation invocation:
                        if (IsSend(invocation, cancellationToken))
                        {
                            callsGateway = true;
                            gatewayCalls.Add(invocation);
                        }

                        bounded |= IsClockOrCancellation(invocation.TargetMethod);
                        break;
                    case IPropertyReferenceOperation property:
                        bounded |= IsClockOrCancellation(property.Property);
                        break;
                    case ITryOperation tryOperation:
                        retriesOnFailure |= ContainsSend(tryOperation.Body, cancellationToken)
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
                    case IConditionalOperation conditional when TestsStatus(conditional.Condition):
                        statusChecks.Add(conditional);
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
                return null;
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
                        bounded = true;
                    }
                }
            }

            return new ResendLoop(loop, bounded, gatewayCalls, statusChecks);
        }

        /// <summary>
        /// A gateway call, or a call that sends one and gives its response: a delegate returning an
        /// <c>HttpResponseMessage</c> (<c>await send()</c>), or a method or local function in this file whose body calls a gateway.
        /// </summary>
        private bool IsSend(IInvocationOperation invocation, CancellationToken cancellationToken)
        {
            if (_apis.IsGatewayCall(invocation))
            {
                return true;
            }

            var given = invocation.Parent is IAwaitOperation awaited ? awaited.Type : invocation.Type;
            if (!TypeLookup.DerivesFrom(given, _apis.HttpResponseMessage))
            {
                return false;
            }

            var method = invocation.TargetMethod;
            return method.MethodKind == MethodKind.DelegateInvoke
                || _apis.ContainsGatewayCall(method.BodyInSameTree(invocation), cancellationToken);
        }

        private bool ContainsSend(IOperation root, CancellationToken cancellationToken)
        {
            foreach (var operation in root.DescendantsAndSelf())
            {
                if (operation is IInvocationOperation invocation && IsSend(invocation, cancellationToken))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The waits of a resend loop: <c>Task.Delay</c> and <c>Thread.Sleep</c> calls, and whether it calls code that
        /// may wait out of sight (a method in source, a delegate).
        /// </summary>
        public List<IInvocationOperation> Waits(ResendLoop resend, out bool mayWaitElsewhere)
        {
            var waits = new List<IInvocationOperation>();
            mayWaitElsewhere = false;
            var known = _apis.Known;
            foreach (var operation in resend.Loop.Body.Descendants())
            {
                if (operation is not IInvocationOperation invocation || resend.GatewayCalls.Contains(invocation))
                {
                    continue;
                }

                var method = invocation.TargetMethod;
                if ((method.Name == KnownMembers.TaskDelay && known.Is(method.ContainingType, KnownType.Task))
                    || (method.Name == KnownMembers.Sleep && known.Is(method.ContainingType, KnownType.Thread)))
                {
                    waits.Add(invocation);
                }
                else if (method.MethodKind == MethodKind.DelegateInvoke || method.MethodKind == MethodKind.LocalFunction || method.Locations.Any(l => l.IsInSource))
                {
                    mayWaitElsewhere = true;
                }
            }

            return waits;
        }

        /// <summary>
        /// The tests under which a resend loop goes round again and that admit 4xx client errors besides 408/429: a
        /// broad test that continues the loop (<c>if (!r.IsSuccessStatusCode) continue;</c>), or a success test that
        /// leaves it (<c>if (r.IsSuccessStatusCode) return r;</c>, which resends on every other status). A status on
        /// which another check may leave the loop or throw is not taken to be resent.
        /// </summary>
        public List<(IOperation Test, bool WhenFalse)> ClientErrorResends(ResendLoop resend, StatusPredicates predicates)
        {
            var found = new List<(IOperation Test, bool WhenFalse, Admission Resent)>();
            var exits = Admission.False;
            var loop = resend.Loop;

            // A check that leaves on its status resends on every other one only when the loop goes round after it.
            var goesRound = !EndsByLeaving(loop, loop.Body);
            foreach (var check in resend.StatusChecks)
            {
                var before = found.Count;
                if (Continues(loop, check) || (check.WhenFalse is { } otherwise && Leaves(loop, otherwise) && !Leaves(loop, check.WhenTrue)))
                {
                    foreach (var test in predicates.ConditionTests(StatusPart(check.Condition)))
                    {
                        found.Add((test.Test, false, test.Admitted));
                    }
                }
                else if (goesRound && Leaves(loop, check.WhenTrue) && predicates.Evaluate(check.Condition).Not() is { AdmitsClientErrors: true } resent)
                {
                    found.Add((check.Condition, true, resent));
                }

                if (found.Count == before && (Leaves(loop, check.WhenTrue) || Throws(check.WhenTrue)))
                {
                    exits = exits.Or(predicates.Evaluate(check.Condition));
                }
            }

            var resends = new List<(IOperation Test, bool WhenFalse)>();
            foreach (var (test, whenFalse, resent) in found)
            {
                if (resent.Must.Except(exits.May).Overlaps(StatusSet.ClientErrors))
                {
                    resends.Add((test, whenFalse));
                }
            }

            return resends;
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

        /// <summary>
        /// A condition without the <c>&amp;&amp;</c> operands that test no status (<c>attempt &lt; 3</c>): they bound the
        /// loop, they do not choose the statuses it resends on.
        /// </summary>
        private IOperation StatusPart(IOperation condition)
        {
            while (condition.Unwrap() is IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and)
            {
                if (!TestsStatus(and.RightOperand))
                {
                    condition = and.LeftOperand;
                }
                else if (!TestsStatus(and.LeftOperand))
                {
                    condition = and.RightOperand;
                }
                else
                {
                    break;
                }
            }

            return condition;
        }

        private bool TestsStatus(IOperation operation) => operation.DescendantsAndSelf().OfType<IPropertyReferenceOperation>().Any(IsStatusCheck);

        private static bool Throws(IOperation operation)
        {
            if (operation is IThrowOperation)
            {
                return true;
            }

            if (operation is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return false;
            }

            foreach (var child in operation.ChildOperations)
            {
                if (Throws(child))
                {
                    return true;
                }
            }

            return false;
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

    /// <summary>An endless loop that resends a gateway request after a failure, as <see cref="ResendLoops"/> found it.</summary>
    internal sealed class ResendLoop
    {
        public ResendLoop(ILoopOperation loop, bool isBounded, List<IInvocationOperation> gatewayCalls, List<IConditionalOperation> statusChecks)
        {
            Loop = loop;
            IsBounded = isBounded;
            GatewayCalls = gatewayCalls;
            StatusChecks = statusChecks;
        }

        public ILoopOperation Loop { get; }

        /// <summary>An attempt counter, a deadline or a cancellation check limits it.</summary>
        public bool IsBounded { get; }

        /// <summary>The gateway calls it makes each round.</summary>
        public List<IInvocationOperation> GatewayCalls { get; }

        /// <summary>The <c>if</c>s that test a response's status or an SDK exception's.</summary>
        public List<IConditionalOperation> StatusChecks { get; }
    }
}
