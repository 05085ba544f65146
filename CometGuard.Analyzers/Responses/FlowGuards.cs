using System;
using System.Collections;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CometGuard.Analyzers.Responses
{
    /// <summary>Which outcome of a condition establishes a guard.</summary>
    [Flags]
    internal enum GuardWhen
    {
        Never = 0,
        True = 1,
        False = 2,

        /// <summary>Either outcome: the code looked (a status check before reading an error body is fine).</summary>
        Either = True | False,
    }

    /// <summary>
    /// Guard reasoning over one method's control flow graph. A condition guards a read only when the
    /// read is reachable solely through the edge on which the condition says "safe": a check in a
    /// sibling branch, or a check whose branches merge again before the read, is not a guard. An early
    /// <c>return</c>/<c>throw</c> is the same thing seen from the other edge. Per method, never
    /// across methods.
    /// </summary>
    internal sealed class FlowGuards
    {
        private readonly ControlFlowGraph _graph;
        private readonly BasicBlock _block;
        private readonly int _index;
        private readonly BitArray[] _dominators;

        private FlowGuards(ControlFlowGraph graph, BasicBlock block, int index)
        {
            _graph = graph;
            _block = block;
            _index = index;
            _dominators = Dominators(graph);
            Captures = new CaptureMap(graph);
        }

        public CaptureMap Captures { get; }

        /// <summary>
        /// The guards of <paramref name="read"/> in the control flow graph of the code being analysed; null when it has
        /// none (an attribute argument, a broken member: no guard can exist there) or the read cannot be placed.
        /// </summary>
        public static FlowGuards? Locate(OperationAnalysisContext context, SyntaxNode read)
        {
            ControlFlowGraph? graph;
            try
            {
                graph = context.GetControlFlowGraph();
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException)
            {
                return null;
            }

            return Locate(graph, read, context.CancellationToken);
        }

        /// <summary>
        /// Finds the block that evaluates <paramref name="read"/> in <paramref name="root"/> or in the graph
        /// of the lambda or local function around it. False when the read cannot be placed (then the caller
        /// treats it as unguarded).
        /// </summary>
        public static FlowGuards? Locate(ControlFlowGraph? root, SyntaxNode read, CancellationToken cancellationToken)
        {
            var graph = root;
            for (var depth = 0; graph is not null && depth < 8; depth++)
            {
                ControlFlowGraph? nested = null;
                foreach (var block in graph.Blocks)
                {
                    var count = block.Operations.Length + (block.BranchValue is null ? 0 : 1);
                    for (var i = 0; i < count; i++)
                    {
                        var operation = i < block.Operations.Length ? block.Operations[i] : block.BranchValue!;
                        if (!operation.Syntax.Span.Contains(read.Span))
                        {
                            continue;
                        }

                        foreach (var node in operation.DescendantsAndSelf())
                        {
                            if (node.Syntax == read)
                            {
                                return new FlowGuards(graph, block, i);
                            }

                            if (nested is null && node is IFlowAnonymousFunctionOperation lambda && lambda.Syntax.Span.Contains(read.Span))
                            {
                                nested = graph.GetAnonymousFunctionControlFlowGraph(lambda, cancellationToken);
                            }
                        }
                    }
                }

                if (nested is null)
                {
                    foreach (var function in graph.LocalFunctions)
                    {
                        if (Contains(function, read.Span, cancellationToken))
                        {
                            nested = graph.GetLocalFunctionControlFlowGraph(function, cancellationToken);
                            break;
                        }
                    }
                }

                graph = nested;
            }

            return null;
        }

        /// <summary>
        /// True when a conditional branch guards the read: <paramref name="evaluate"/> says which outcome
        /// of a branch condition makes the read safe, and the read is reachable only through that edge.
        /// </summary>
        public bool IsGuardedByBranch(Func<IOperation, CaptureMap, GuardWhen> evaluate)
        {
            var target = _block.Ordinal;
            foreach (var block in _graph.Blocks)
            {
                if (block.BranchValue is null || block.ConditionalSuccessor is null || !block.IsReachable || block.Ordinal == target)
                {
                    continue;
                }

                var when = evaluate(block.BranchValue, Captures);
                if (when == GuardWhen.Never)
                {
                    continue;
                }

                var conditional = block.ConditionalSuccessor.Destination;
                var fallThrough = block.FallThroughSuccessor?.Destination;
                var onTrue = block.ConditionKind == ControlFlowConditionKind.WhenTrue ? conditional : fallThrough;
                var onFalse = block.ConditionKind == ControlFlowConditionKind.WhenTrue ? fallThrough : conditional;
                if (((when & GuardWhen.True) != 0 && Controls(block, onTrue, onFalse, target))
                    || ((when & GuardWhen.False) != 0 && Controls(block, onFalse, onTrue, target)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when an operation for which <paramref name="isGuard"/> holds runs on every path to the read
        /// before it, as <c>response.EnsureSuccessStatusCode();</c> does.
        /// </summary>
        public bool IsGuardedByStatement(Func<IOperation, CaptureMap, bool> isGuard)
        {
            var dominators = _dominators[_block.Ordinal];
            foreach (var block in _graph.Blocks)
            {
                if (!dominators[block.Ordinal])
                {
                    continue;
                }

                var limit = block.Ordinal == _block.Ordinal ? _index : block.Operations.Length;
                for (var i = 0; i < limit && i < block.Operations.Length; i++)
                {
                    if (isGuard(block.Operations[i], Captures))
                    {
                        return true;
                    }
                }

                if (block.Ordinal != _block.Ordinal && block.BranchValue is { } branch && isGuard(branch, Captures))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The edge <paramref name="source"/>→<paramref name="edge"/> is the only way into the read's block.</summary>
        private bool Controls(BasicBlock source, BasicBlock? edge, BasicBlock? other, int target)
        {
            if (edge is null || ReferenceEquals(edge, other) || !_dominators[target][edge.Ordinal])
            {
                return false;
            }

            foreach (var predecessor in edge.Predecessors)
            {
                // Other entries are allowed only as back edges from inside the guarded region (loops).
                if (!ReferenceEquals(predecessor.Source, source) && !_dominators[predecessor.Source.Ordinal][edge.Ordinal])
                {
                    return false;
                }
            }

            return true;
        }

        private static bool Contains(IMethodSymbol function, TextSpan span, CancellationToken cancellationToken)
        {
            foreach (var reference in function.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken).Span.Contains(span))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Iterative dominator sets; graphs are per method and small.</summary>
        private static BitArray[] Dominators(ControlFlowGraph graph)
        {
            var count = graph.Blocks.Length;
            var dominators = new BitArray[count];
            for (var i = 0; i < count; i++)
            {
                dominators[i] = new BitArray(count, i != 0);
            }

            dominators[0][0] = true;
            var changed = true;
            var scratch = new BitArray(count);
            while (changed)
            {
                changed = false;
                for (var i = 1; i < count; i++)
                {
                    var block = graph.Blocks[i];
                    scratch.SetAll(true);
                    var any = false;
                    foreach (var predecessor in block.Predecessors)
                    {
                        if (!predecessor.Source.IsReachable)
                        {
                            continue;
                        }

                        scratch.And(dominators[predecessor.Source.Ordinal]);
                        any = true;
                    }

                    if (!any)
                    {
                        scratch.SetAll(false);
                    }

                    scratch[i] = true;
                    if (!SameBits(scratch, dominators[i]))
                    {
                        dominators[i] = (BitArray)scratch.Clone();
                        changed = true;
                    }
                }
            }

            return dominators;
        }

        private static bool SameBits(BitArray left, BitArray right)
        {
            for (var i = 0; i < left.Length; i++)
            {
                if (left[i] != right[i])
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>Helpers shared by guard evaluators.</summary>
    internal static class GuardConditions
    {
        public static GuardWhen Flip(GuardWhen when) => when switch
        {
            GuardWhen.True => GuardWhen.False,
            GuardWhen.False => GuardWhen.True,
            _ => when,
        };

        public static bool IsNullConstant(IOperation operation)
            => operation.Unwrap().ConstantValue is { HasValue: true, Value: null };

        public static bool TryGetInt(IOperation operation, out long value)
        {
            value = 0;
            var constant = operation.Unwrap().ConstantValue;
            if (!constant.HasValue || constant.Value is null || constant.Value is bool || constant.Value is string)
            {
                return false;
            }

            try
            {
                value = Convert.ToInt64(constant.Value, System.Globalization.CultureInfo.InvariantCulture);
                return true;
            }
            catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException)
            {
                return false;
            }
        }

        /// <summary>Which outcome of <c>count OP k</c> proves the count is at least one.</summary>
        /// <summary>The comparison with its operands swapped: <c>k &lt; x</c> is <c>x &gt; k</c>.</summary>
        public static BinaryOperatorKind Mirror(BinaryOperatorKind kind) => kind switch
        {
            BinaryOperatorKind.LessThan => BinaryOperatorKind.GreaterThan,
            BinaryOperatorKind.LessThanOrEqual => BinaryOperatorKind.GreaterThanOrEqual,
            BinaryOperatorKind.GreaterThan => BinaryOperatorKind.LessThan,
            BinaryOperatorKind.GreaterThanOrEqual => BinaryOperatorKind.LessThanOrEqual,
            _ => kind,
        };

        public static GuardWhen NonEmptyWhen(BinaryOperatorKind kind, long k, bool countOnLeft)
        {
            kind = countOnLeft ? kind : Mirror(kind);

            return kind switch
            {
                BinaryOperatorKind.GreaterThan when k >= 0 => GuardWhen.True,
                BinaryOperatorKind.GreaterThanOrEqual when k >= 1 => GuardWhen.True,
                BinaryOperatorKind.Equals when k >= 1 => GuardWhen.True,
                BinaryOperatorKind.Equals when k == 0 => GuardWhen.False,
                BinaryOperatorKind.NotEquals when k == 0 => GuardWhen.True,
                BinaryOperatorKind.LessThan when k >= 1 => GuardWhen.False,
                BinaryOperatorKind.LessThanOrEqual when k >= 0 => GuardWhen.False,
                _ => GuardWhen.Never,
            };
        }

        /// <summary>Which outcome of a relational pattern (<c>Count: &gt; 0</c>) on a count proves non-empty.</summary>
        public static GuardWhen NonEmptyWhen(IPatternOperation pattern)
        {
            switch (pattern)
            {
                case IRelationalPatternOperation relational when TryGetInt(relational.Value, out var k):
                    return NonEmptyWhen(relational.OperatorKind, k, countOnLeft: true);
                case IConstantPatternOperation constant when TryGetInt(constant.Value, out var k):
                    return k >= 1 ? GuardWhen.True : GuardWhen.False;
                case INegatedPatternOperation negated:
                    return Flip(NonEmptyWhen(negated.Pattern));
                case IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.And } and:
                    return (NonEmptyWhen(and.LeftPattern) | NonEmptyWhen(and.RightPattern)) & GuardWhen.True;
                default:
                    return GuardWhen.Never;
            }
        }
    }
}
