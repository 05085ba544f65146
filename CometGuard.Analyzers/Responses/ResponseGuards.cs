using System;

namespace CometGuard.Analyzers.Responses
{
    /// <summary>
    /// The checks that guard a response read (CG0006): which outcome of a condition proves a response collection has an
    /// element, an optional field is present, or the code looked at a JSON document's shape; and where a read is
    /// guarded, from the statements before it and, when those cannot tell, the method's control flow graph.
    /// </summary>
    internal sealed class ResponseGuards
    {
        private readonly ResolvedSinks _sinks;
        private readonly KnownSymbols _known;

        // Whether a body has any conditional branch: a read in one with none is unguarded, no graph needed.
        private readonly PerBody<bool> _branches = new(StraightLineGuards.MayBranch);

        public ResponseGuards(ResolvedSinks sinks, KnownSymbols known)
        {
            _sinks = sinks;
            _known = known;
        }

        /// <summary>
        /// True when a branch on which <paramref name="evaluate"/> says the read is safe guards it. An earlier
        /// <c>if (…) return;</c> that says so guards it without a graph; a body with no conditional branch has no
        /// guard; anything else asks the method's control flow graph.
        /// </summary>
        public bool IsGuarded(OperationAnalysisContext context, IOperation read, Func<IOperation, CaptureMap, GuardWhen> evaluate)
        {
            var tree = new CaptureMap(read.SemanticModel);
            if (StraightLineGuards.Precedes(read, statement => StraightLineGuards.IsEarlyExit(statement, out var condition) && (evaluate(condition, tree) & GuardWhen.False) != 0))
            {
                return true;
            }

            return _branches.Get(read) && FlowGuards.Locate(context, read.Syntax) is { } guards && guards.IsGuardedByBranch(evaluate);
        }

        /// <summary>
        /// The document a JSON lookup chain starts from, or null when a lower step of the chain already reads a gateway
        /// collection: one report per chain, at the first collection of <c>GetProperty("output")[0].GetProperty("content")</c>.
        /// </summary>
        public IOperation? ChainRoot(IOperation? instance)
        {
            var root = instance;
            while (root is not null && JsonLookupInstance(root, out var lowerName) is { } lower)
            {
                if (ResponseShapes.Contains(SinkCatalogue.GatewayCollectionNames, lowerName))
                {
                    return null;
                }

                root = lower;
            }

            return root;
        }

        public IOperation? JsonLookupInstance(IOperation operation, out string? name)
        {
            name = null;
            operation = operation.Unwrap();
            switch (operation)
            {
                case IInvocationOperation invocation when invocation.Arguments.Length > 0 && _sinks.IsSink(invocation.Arguments[0], SinkKind.ThrowingJsonLookup):
                    name = invocation.Arguments[0].Value.ConstantValue.Value as string;
                    return invocation.Instance;
                case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer when IsJsonType(indexer.Property.ContainingType):
                    name = indexer.Arguments[0].Value.ConstantValue.Value as string;
                    return indexer.Instance;
                default:
                    return null;
            }
        }

        private bool IsJsonType(INamedTypeSymbol? type)
            => _known.IsOrDerives(type, KnownType.JsonElement) || _known.IsOrDerives(type, KnownType.JsonNode) || _known.IsOrDerives(type, KnownType.JToken);

        /// <summary>Which outcome of <paramref name="condition"/> proves the collection at <paramref name="paths"/> has an element.</summary>
        public GuardWhen NonEmpty(IOperation condition, CaptureMap captures, ImmutableArray<AccessPath> paths, ImmutableArray<AccessPath> owners)
        {
            condition = condition.Unwrap();
            switch (condition)
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    return GuardConditions.Flip(NonEmpty(not.Operand, captures, paths, owners));
                case IBinaryOperation binary:
                    if (IsCount(binary.LeftOperand, captures, paths, owners) && GuardConditions.TryGetInt(binary.RightOperand, out var right))
                    {
                        return GuardConditions.NonEmptyWhen(binary.OperatorKind, right, countOnLeft: true);
                    }

                    if (IsCount(binary.RightOperand, captures, paths, owners) && GuardConditions.TryGetInt(binary.LeftOperand, out var left))
                    {
                        return GuardConditions.NonEmptyWhen(binary.OperatorKind, left, countOnLeft: false);
                    }

                    // The loop bound `i < parts.Count`: the body runs only when an element exists.
                    if ((binary.OperatorKind == BinaryOperatorKind.LessThan && IsCount(binary.RightOperand, captures, paths, owners) && binary.LeftOperand.ConstantValue is { HasValue: false })
                        || (binary.OperatorKind == BinaryOperatorKind.GreaterThan && IsCount(binary.LeftOperand, captures, paths, owners) && binary.RightOperand.ConstantValue is { HasValue: false }))
                    {
                        return GuardWhen.True;
                    }

                    if (IsState(binary.LeftOperand, captures, owners) || IsState(binary.RightOperand, captures, owners))
                    {
                        return binary.OperatorKind switch
                        {
                            BinaryOperatorKind.Equals => GuardWhen.True,
                            BinaryOperatorKind.NotEquals => GuardWhen.False,
                            _ => GuardWhen.Never,
                        };
                    }

                    return GuardWhen.Never;
                case IIsPatternOperation isPattern:
                    return NonEmptyPattern(AccessPath.Of(isPattern.Value, captures), isPattern.Pattern, captures, paths, owners);
                case IPropertyReferenceOperation { Type.SpecialType: SpecialType.System_Boolean } flag when IsState(flag, captures, owners):
                    // A success flag (`if (result.Successful)`): true says the response carries its collections.
                    return GuardWhen.True;
                case IInvocationOperation invocation when invocation.Arguments.Length > 0
                    && _sinks.IsSink(invocation.Arguments[0], SinkKind.NonEmptyCheck)
                    && Matches(invocation.Arguments[0].Value, captures, paths):
                    return GuardWhen.True;
                case IInvocationOperation invocation when invocation.Arguments.Length == 1
                    && _sinks.IsSink(invocation.Arguments[0], SinkKind.BlankTextCheck)
                    && IsDerivedTextPath(AccessPath.Of(invocation.Arguments[0].Value.Unwrap(), captures), owners):
                    return GuardWhen.False;
                default:
                    return GuardWhen.Never;
            }
        }

        /// <summary><c>response.Text</c> where <c>response</c> owns the collection: its text is joined from that collection.</summary>
        private bool IsDerivedTextPath(AccessPath value, ImmutableArray<AccessPath> owners)
            => value.Last is IPropertySymbol property && _sinks.IsSink(property, SinkKind.DerivedText) && IsAny(value.Owner, owners);

        private GuardWhen NonEmptyPattern(AccessPath value, IPatternOperation pattern, CaptureMap captures, ImmutableArray<AccessPath> paths, ImmutableArray<AccessPath> owners)
        {
            if (value.IsEmpty)
            {
                return GuardWhen.Never;
            }

            switch (pattern)
            {
                case INegatedPatternOperation negated:
                    return GuardConditions.Flip(NonEmptyPattern(value, negated.Pattern, captures, paths, owners));
                case IBinaryPatternOperation binary:
                    var l = NonEmptyPattern(value, binary.LeftPattern, captures, paths, owners);
                    var r = NonEmptyPattern(value, binary.RightPattern, captures, paths, owners);
                    return binary.OperatorKind == BinaryOperatorKind.And ? (l | r) & GuardWhen.True : l & r & GuardWhen.True;
                case IListPatternOperation list when IsAny(value, paths):
                    var elements = 0;
                    foreach (var element in list.Patterns)
                    {
                        if (element is not ISlicePatternOperation)
                        {
                            elements++;
                        }
                    }

                    return elements > 0 ? GuardWhen.True : list.Patterns.IsEmpty ? GuardWhen.False : GuardWhen.Never;
                case IRecursivePatternOperation recursive:
                    foreach (var subpattern in recursive.PropertySubpatterns)
                    {
                        var member = AccessPath.Of(subpattern.Member, captures);
                        if ((NonEmptyPattern(member, subpattern.Pattern, captures, paths, owners) & GuardWhen.True) != 0)
                        {
                            return GuardWhen.True;
                        }
                    }

                    return GuardWhen.Never;
                case IRelationalPatternOperation or IConstantPatternOperation when IsCountPath(value, paths, owners):
                    return GuardConditions.NonEmptyWhen(pattern);
                case IConstantPatternOperation when IsStatePath(value, owners):
                    return GuardWhen.True;
                default:
                    return GuardWhen.Never;
            }
        }

        /// <summary>Which outcome of <paramref name="condition"/> proves the field at <paramref name="paths"/> is present.</summary>
        public GuardWhen NotNull(IOperation condition, CaptureMap captures, ImmutableArray<AccessPath> paths)
        {
            condition = condition.Unwrap();
            switch (condition)
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    return GuardConditions.Flip(NotNull(not.Operand, captures, paths));
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary:
                    IOperation? other = Matches(binary.LeftOperand, captures, paths) ? binary.RightOperand
                        : Matches(binary.RightOperand, captures, paths) ? binary.LeftOperand
                        : null;
                    if (other is null)
                    {
                        return GuardWhen.Never;
                    }

                    var equals = binary.OperatorKind == BinaryOperatorKind.Equals;
                    if (GuardConditions.IsNullConstant(other))
                    {
                        return equals ? GuardWhen.False : GuardWhen.True;
                    }

                    // `response.FinishReason == ChatFinishReason.Stop`: equal to a value that is never null.
                    var otherType = other.Unwrap().Type;
                    if (otherType is not { IsValueType: true } || otherType.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
                    {
                        return GuardWhen.Never;
                    }

                    return equals ? GuardWhen.True : GuardWhen.False;
                case IIsPatternOperation isPattern:
                    return NotNullPattern(AccessPath.Of(isPattern.Value, captures), isPattern.Pattern, captures, paths);
                case IPropertyReferenceOperation { Property.Name: KnownMembers.HasValue, Instance: { } instance } when Matches(instance, captures, paths):
                    return GuardWhen.True;
                default:
                    return GuardWhen.Never;
            }
        }

        private GuardWhen NotNullPattern(AccessPath value, IPatternOperation pattern, CaptureMap captures, ImmutableArray<AccessPath> paths)
        {
            if (value.IsEmpty)
            {
                return GuardWhen.Never;
            }

            if (pattern is IRecursivePatternOperation recursive && !IsAny(value, paths))
            {
                foreach (var subpattern in recursive.PropertySubpatterns)
                {
                    if ((NotNullPattern(AccessPath.Of(subpattern.Member, captures), subpattern.Pattern, captures, paths) & GuardWhen.True) != 0)
                    {
                        return GuardWhen.True;
                    }
                }

                return GuardWhen.Never;
            }

            if (!IsAny(value, paths))
            {
                return GuardWhen.Never;
            }

            return pattern switch
            {
                INegatedPatternOperation negated => GuardConditions.Flip(NotNullPattern(value, negated.Pattern, captures, paths)),
                IConstantPatternOperation constant => GuardConditions.IsNullConstant(constant.Value) ? GuardWhen.False : GuardWhen.True,
                IDeclarationPatternOperation declaration => declaration.MatchesNull ? GuardWhen.Never : GuardWhen.True,
                ITypePatternOperation or IRecursivePatternOperation or IRelationalPatternOperation => GuardWhen.True,
                IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.And } and =>
                    (NotNullPattern(value, and.LeftPattern, captures, paths) | NotNullPattern(value, and.RightPattern, captures, paths)) & GuardWhen.True,
                _ => GuardWhen.Never,
            };
        }

        /// <summary>Which outcome of <paramref name="condition"/> shows the code looked at the shape of the JSON at <paramref name="paths"/>.</summary>
        public GuardWhen JsonShape(IOperation condition, CaptureMap captures, ImmutableArray<AccessPath> paths)
        {
            condition = condition.Unwrap();
            switch (condition)
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    return GuardConditions.Flip(JsonShape(not.Operand, captures, paths));
                case IInvocationOperation invocation when _sinks.IsSink(invocation.TargetMethod, SinkKind.JsonShapeCheck) && OnChain(invocation.Instance, captures, paths):
                    // TryGetProperty("error", …) guards on its false edge: no error envelope.
                    return invocation.Arguments.Length > 0 && invocation.Arguments[0].Value.ConstantValue.Value is string name
                        ? string.Equals(name, SinkCatalogue.ErrorEnvelopeName, StringComparison.OrdinalIgnoreCase) ? GuardWhen.False : GuardWhen.True
                        : GuardWhen.Either;
                case IBinaryOperation or IIsPatternOperation:
                    // A ValueKind, status or finish_reason comparison on the same document: the code looked at the shape.
                    foreach (var operation in condition.Descendants())
                    {
                        switch (operation)
                        {
                            case IPropertyReferenceOperation { Instance: { } instance } property
                                when _sinks.IsSink(property.Property, SinkKind.JsonShapeCheck) && OnChain(instance, captures, paths):
                                return GuardWhen.Either;
                            case IInvocationOperation invocation when (_sinks.IsSink(invocation.TargetMethod, SinkKind.JsonShapeCheck)
                                    || (invocation.Arguments.Length > 0 && _sinks.IsSink(invocation.Arguments[0], SinkKind.ThrowingJsonLookup)))
                                && OnChain(invocation.Instance, captures, paths):
                                return GuardWhen.Either;
                            case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } instance } indexer
                                when indexer.Arguments.Length == 1 && _sinks.IsSink(indexer.Arguments[0], SinkKind.ThrowingJsonLookup) && OnChain(instance, captures, paths):
                                return GuardWhen.Either;
                        }
                    }

                    return GuardWhen.Never;
                default:
                    return GuardWhen.Never;
            }
        }

        private bool OnChain(IOperation? operation, CaptureMap captures, ImmutableArray<AccessPath> paths)
        {
            for (var depth = 0; operation is not null && depth < 16; depth++)
            {
                if (Matches(operation, captures, paths))
                {
                    return true;
                }

                operation = JsonLookupInstance(operation, out _);
            }

            return false;
        }

        private bool IsCount(IOperation operation, CaptureMap captures, ImmutableArray<AccessPath> paths, ImmutableArray<AccessPath> owners)
        {
            operation = operation.Unwrap();
            return operation switch
            {
                IInvocationOperation invocation => invocation.Arguments.Length > 0
                    && _sinks.IsSink(invocation.Arguments[0], SinkKind.CountRead)
                    && Matches(invocation.Arguments[0].Value, captures, paths),
                _ => IsCountPath(AccessPath.Of(operation, captures), paths, owners),
            };
        }

        private bool IsState(IOperation operation, CaptureMap captures, ImmutableArray<AccessPath> owners)
            => IsStatePath(AccessPath.Of(operation, captures), owners);

        private bool IsStatePath(AccessPath value, ImmutableArray<AccessPath> owners)
            => value.Last is IPropertySymbol property && _sinks.IsSink(property, SinkKind.ResponseState) && IsAny(value.Owner, owners);

        /// <summary>The collection's count, or the length of the text joined from it.</summary>
        private bool IsCountPath(AccessPath value, ImmutableArray<AccessPath> paths, ImmutableArray<AccessPath> owners)
            => value.Last is IPropertySymbol { Name: KnownMembers.Count or KnownMembers.Length }
                && (IsAny(value.Owner, paths) || IsDerivedTextPath(value.Owner, owners));

        private static bool Matches(IOperation operation, CaptureMap captures, ImmutableArray<AccessPath> paths)
            => AccessPath.AnyEqual(AccessPath.WithAlias(operation, captures), paths);

        private static bool IsAny(AccessPath value, ImmutableArray<AccessPath> paths)
        {
            foreach (var path in paths)
            {
                if (path.Equals(value))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The owners of the paths: what a finish-reason or status check must be made on.</summary>
        public static ImmutableArray<AccessPath> Owners(ImmutableArray<AccessPath> paths)
        {
            var owners = ImmutableArray.CreateBuilder<AccessPath>();
            foreach (var path in paths)
            {
                if (!path.Owner.IsEmpty)
                {
                    owners.Add(path.Owner);
                }
            }

            return owners.ToImmutable();
        }
    }
}
