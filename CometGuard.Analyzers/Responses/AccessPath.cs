using System.Collections.Generic;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace CometGuard.Analyzers.Responses
{
    /// <summary>
    /// A stable reference such as <c>completion.Content</c> or <c>this._response.StatusCode</c>: a local,
    /// parameter, <c>this</c> or static root followed by field and property names. Two operations with
    /// equal paths read the same value as long as nothing is reassigned in between, which is the
    /// (deliberately simple) assumption guard matching makes.
    /// </summary>
    internal readonly struct AccessPath
    {
        private const int MaxDepth = 16;

        private AccessPath(ImmutableArray<ISymbol> symbols)
        {
            Symbols = symbols;
        }

        public ImmutableArray<ISymbol> Symbols { get; }

        public bool IsEmpty => Symbols.IsDefaultOrEmpty;

        /// <summary>The last member of the path (the property read), or null.</summary>
        public ISymbol? Last => IsEmpty ? null : Symbols[Symbols.Length - 1];

        /// <summary>The path without its last member: the owner of <see cref="Last"/>.</summary>
        public AccessPath Owner => Symbols.Length > 1 ? new AccessPath(Symbols.RemoveAt(Symbols.Length - 1)) : default;

        public bool Equals(AccessPath other)
        {
            if (IsEmpty || other.IsEmpty || Symbols.Length != other.Symbols.Length)
            {
                return false;
            }

            for (var i = 0; i < Symbols.Length; i++)
            {
                if (!SymbolEqualityComparer.Default.Equals(Symbols[i], other.Symbols[i]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// The path of <paramref name="operation"/>, resolving flow captures through <paramref name="captures"/>
        /// (control-flow-graph operations) and pattern inputs through the enclosing pattern's value.
        /// </summary>
        public static AccessPath Of(IOperation? operation, CaptureMap? captures = null)
        {
            var symbols = ImmutableArray.CreateBuilder<ISymbol>();
            return Build(operation, captures, symbols, 0) ? new AccessPath(symbols.ToImmutable()) : default;
        }

        /// <summary>
        /// The path and, when the path starts at a local with a single initialiser, the path that local
        /// stands for (<c>var content = completion.Content;</c> makes <c>content</c> and
        /// <c>completion.Content</c> the same value).
        /// </summary>
        public static ImmutableArray<AccessPath> WithAlias(IOperation operation, CaptureMap? captures = null)
        {
            var path = Of(operation, captures);
            if (path.IsEmpty)
            {
                return ImmutableArray<AccessPath>.Empty;
            }

            if (path.Symbols[0] is ILocalSymbol local && local.Initializer(operation, captures?.Model) is { } initializer)
            {
                var expanded = Of(initializer);
                if (!expanded.IsEmpty)
                {
                    return ImmutableArray.Create(path, new AccessPath(expanded.Symbols.AddRange(path.Symbols.RemoveAt(0))));
                }
            }

            return ImmutableArray.Create(path);
        }

        public static bool AnyEqual(ImmutableArray<AccessPath> left, ImmutableArray<AccessPath> right)
        {
            foreach (var a in left)
            {
                foreach (var b in right)
                {
                    if (a.Equals(b))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool Build(IOperation? operation, CaptureMap? captures, ImmutableArray<ISymbol>.Builder symbols, int depth)
        {
            if (operation is null || depth > MaxDepth)
            {
                return false;
            }

            switch (operation)
            {
                case IConversionOperation conversion when conversion.OperatorMethod is null:
                    return Build(conversion.Operand, captures, symbols, depth + 1);
                case IParenthesizedOperation parenthesized:
                    return Build(parenthesized.Operand, captures, symbols, depth + 1);
                case ILocalReferenceOperation local:
                    symbols.Add(local.Local);
                    return true;
                case IParameterReferenceOperation parameter:
                    symbols.Add(parameter.Parameter);
                    return true;
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.PatternInput } input:
                    return Build(PatternValue(input), captures, symbols, depth + 1);
                case IInstanceReferenceOperation instance when instance.Type is not null:
                    symbols.Add(instance.Type);
                    return true;
                case IFieldReferenceOperation field:
                    if (field.Field.IsStatic)
                    {
                        symbols.Add(field.Field.ContainingType);
                    }
                    else if (!Build(field.Instance, captures, symbols, depth + 1))
                    {
                        return false;
                    }

                    symbols.Add(field.Field);
                    return true;
                case IPropertyReferenceOperation property when property.Arguments.IsEmpty:
                    if (property.Property.IsStatic)
                    {
                        symbols.Add(property.Property.ContainingType);
                    }
                    else if (!Build(property.Instance, captures, symbols, depth + 1))
                    {
                        return false;
                    }

                    symbols.Add(property.Property);
                    return true;
                case IConditionalAccessInstanceOperation conditional:
                    return conditional.ConditionalReceiver() is { } receiver && Build(receiver, captures, symbols, depth + 1);
                case IFlowCaptureReferenceOperation reference when captures is not null:
                    return captures.TryGetValue(reference.Id, out var captured) && Build(captured, captures, symbols, depth + 1);
                default:
                    return false;
            }
        }

        private static IOperation? PatternValue(IOperation input)
        {
            // A property subpattern's member reads from the value the pattern tests; nested
            // subpatterns read from the member of the enclosing subpattern.
            IOperation? child = input;
            for (var parent = input.Parent; parent is not null; child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case IPropertySubpatternOperation subpattern when !ReferenceEquals(subpattern.Member, child) && IsWithin(subpattern.Pattern, input):
                        return subpattern.Member;
                    case IIsPatternOperation isPattern:
                        return isPattern.Value;
                    case ISwitchExpressionOperation switchExpression:
                        return switchExpression.Value;
                    case ISwitchOperation switchStatement:
                        return switchStatement.Value;
                }
            }

            return null;
        }

        private static bool IsWithin(IOperation container, IOperation operation)
        {
            for (var current = operation; current is not null; current = current.Parent)
            {
                if (ReferenceEquals(current, container))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>The values captured by a control flow graph's flow-capture operations, by capture id.</summary>
    internal sealed class CaptureMap
    {
        private readonly Dictionary<CaptureId, IOperation> _values = new();

        /// <summary>No captures: for conditions read from the operation tree itself, outside any graph.</summary>
        public CaptureMap(SemanticModel? model)
        {
            Model = model;
        }

        public CaptureMap(ControlFlowGraph graph)
        {
            Model = graph.OriginalOperation.SemanticModel;
            foreach (var block in graph.Blocks)
            {
                foreach (var operation in block.Operations)
                {
                    if (operation is IFlowCaptureOperation capture && !_values.ContainsKey(capture.Id))
                    {
                        _values.Add(capture.Id, capture.Value);
                    }
                }
            }
        }

        /// <summary>The semantic model of the graph's source, for one-hop local lookups from graph operations.</summary>
        public SemanticModel? Model { get; }

        public bool TryGetValue(CaptureId id, out IOperation value) => _values.TryGetValue(id, out value!);
    }
}
