using System;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace CometGuard.Analyzers.Rules
{
    /// <summary>
    /// CG0006: a response field read that assumes the gateway returned it — the first element of
    /// choices/content/output, a JSON member of the body, a nullable usage or finish reason — with no
    /// check that guards the read in the same method.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UncheckedResponseFieldAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property on element reads the fix can rewrite: the <c>…OrDefault</c> method to call.</summary>
        public const string OrDefaultProperty = "OrDefault";

        /// <summary>Diagnostic property with the index argument text, for <c>ElementAtOrDefault</c>.</summary>
        public const string IndexProperty = "Index";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.UncheckedResponseField);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCode.Skip);
            context.RegisterCompilationStartAction(start =>
            {
                var sinks = ResolvedSinks.Create(start.Compilation);
                if (!sinks.Has(SinkKind.ResponseCollection)
                    && !sinks.Has(SinkKind.ResponseOptionalField)
                    && !sinks.Has(SinkKind.ThrowingJsonLookup)
                    && start.Compilation.FindType(SinkCatalogue.JsonPropertyNameAttribute) is null)
                {
                    return;
                }

                var analysis = new CompilationAnalysis(start.Compilation, sinks);
                start.RegisterOperationAction(analysis.AnalyzePropertyReference, OperationKind.PropertyReference);
                start.RegisterOperationAction(analysis.AnalyzeArrayElement, OperationKind.ArrayElementReference);
                start.RegisterOperationAction(analysis.AnalyzeInvocation, OperationKind.Invocation);
            });
        }

        private sealed class CompilationAnalysis
        {
            private readonly ResponseShapes _shapes;
            private readonly ResolvedSinks _sinks;
            private readonly ImmutableArray<INamedTypeSymbol> _testAttributes;
            private readonly INamedTypeSymbol? _jsonElement;
            private readonly INamedTypeSymbol? _jsonNode;

            // Names checked before anything else: of optional response fields on every property read, of the
            // calls that can read a response on every call.
            private readonly NameFilter _optionalFields;
            private readonly NameFilter _invocations;

            // Whether a body has any conditional branch: a read in one with none is unguarded, no graph needed.
            private readonly PerBody<bool> _branches = new(StraightLineGuards.MayBranch);

            public CompilationAnalysis(Compilation compilation, ResolvedSinks sinks)
            {
                _sinks = sinks;
                _shapes = ResponseShapes.Create(compilation);
                _jsonElement = compilation.FindType(SinkCatalogue.JsonElementType);
                _jsonNode = compilation.FindType(SinkCatalogue.JsonNodeType);
                var attributes = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
                foreach (var name in SinkCatalogue.TestMethodAttributes)
                {
                    if (compilation.FindType(name) is { } type)
                    {
                        attributes.Add(type);
                    }
                }

                _testAttributes = attributes.ToImmutable();
                _optionalFields = sinks.Names(SinkKinds.Of(SinkKind.ResponseOptionalField));
                _invocations = sinks.Names(InvocationKinds);
            }

            public void AnalyzePropertyReference(OperationAnalysisContext context)
            {
                var reference = (IPropertyReferenceOperation)context.Operation;

                // A C# property read without arguments is no indexer, and an optional field matters only when forced
                // (`x.Usage!`, `x.FinishReason.Value`): the syntax around the read answers before the property is touched.
                if (reference.Arguments.IsEmpty)
                {
                    if (IsForced(reference.Syntax) && _optionalFields.MayName(reference.Property) && _sinks.IsSink(reference.Property, SinkKind.ResponseOptionalField))
                    {
                        AnalyzeOptionalField(context, reference);
                    }

                    return;
                }

                var property = reference.Property;
                if (property.IsIndexer)
                {
                    if (reference.Arguments.Length != 1)
                    {
                        return;
                    }

                    if (_sinks.IsSink(reference.Arguments[0], SinkKind.ThrowingJsonLookup))
                    {
                        if (IsDereferenced(reference.Syntax))
                        {
                            AnalyzeJsonLookup(context, reference, reference.Instance, reference.Arguments[0].Value);
                        }

                        return;
                    }

                    if (_shapes.IsResponseCollection(reference.Instance, out var collection))
                    {
                        AnalyzeElementRead(context, reference, reference.Instance!, collection!, OrDefaultFor(reference.Arguments[0].Value));
                    }

                    return;
                }

                if (_optionalFields.MayName(property) && _sinks.IsSink(property, SinkKind.ResponseOptionalField))
                {
                    AnalyzeOptionalField(context, reference);
                }
            }

            /// <summary>
            /// The read is followed by <c>!</c> or <c>.Value</c> (through parentheses): the two forms
            /// <see cref="AnalyzeOptionalField"/> reports, checked on syntax alone.
            /// </summary>
            private static bool IsForced(SyntaxNode read)
            {
                var node = read;
                while (node.Parent is ParenthesizedExpressionSyntax parenthesized)
                {
                    node = parenthesized;
                }

                return node.Parent switch
                {
                    PostfixUnaryExpressionSyntax postfix => postfix.IsKind(SyntaxKind.SuppressNullableWarningExpression),
                    MemberAccessExpressionSyntax access => access.Expression == node && access.Name.Identifier.ValueText == "Value",
                    _ => false,
                };
            }

            public void AnalyzeArrayElement(OperationAnalysisContext context)
            {
                var element = (IArrayElementReferenceOperation)context.Operation;
                if (element.Indices.Length == 1 && _shapes.IsResponseCollection(element.ArrayReference, out var collection))
                {
                    AnalyzeElementRead(context, element, element.ArrayReference, collection!, OrDefaultFor(element.Indices[0]));
                }
            }

            // One lookup of the target before three of the first argument: most calls read no response.
            private static readonly ulong InvocationKinds = SinkKinds.Of(SinkKind.ThrowingJsonLookup, SinkKind.ThrowingElementRead, SinkKind.NullableElementRead);

            public void AnalyzeInvocation(OperationAnalysisContext context)
            {
                var invocation = (IInvocationOperation)context.Operation;
                if (!_invocations.MayName(invocation.TargetMethod) || invocation.Arguments.Length == 0 || !_sinks.MayTakeSink(invocation.TargetMethod, InvocationKinds))
                {
                    return;
                }

                var first = invocation.Arguments[0];
                if (_sinks.IsSink(first, SinkKind.ThrowingJsonLookup))
                {
                    AnalyzeJsonLookup(context, invocation, invocation.Instance, first.Value);
                    return;
                }

                var throwing = _sinks.IsSink(first, SinkKind.ThrowingElementRead);
                if (!throwing && !(_sinks.IsSink(first, SinkKind.NullableElementRead) && IsDereferenced(invocation.Syntax)))
                {
                    return;
                }

                if (_shapes.IsResponseCollection(first.Value, out var collection))
                {
                    AnalyzeElementRead(context, invocation, first.Value, collection!, OrDefaultFor(invocation));
                }
            }

            private void AnalyzeElementRead(OperationAnalysisContext context, IOperation read, IOperation collectionOperation, IPropertySymbol collection, (string Method, string? Index)? orDefault)
            {
                if (IsInTest(context.ContainingSymbol))
                {
                    return;
                }

                var paths = AccessPath.WithAlias(collectionOperation);
                var owners = Owners(paths);
                if (IsGuarded(context, read, (condition, captures) => NonEmpty(condition, captures, paths, owners)))
                {
                    return;
                }

                var properties = ImmutableDictionary<string, string?>.Empty;
                if (orDefault is { } fix)
                {
                    properties = properties.Add(OrDefaultProperty, fix.Method);
                    if (fix.Index is not null)
                    {
                        properties = properties.Add(IndexProperty, fix.Index);
                    }
                }

                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.UncheckedResponseField,
                    read.Syntax.GetLocation(),
                    properties,
                    Shorten(read.Syntax),
                    "'" + collection.Name + "' is not empty",
                    "check its count, a list pattern or the finish reason first, or use FirstOrDefault()"));
            }

            private void AnalyzeOptionalField(OperationAnalysisContext context, IPropertyReferenceOperation reference)
            {
                SyntaxNode node = reference.Syntax;
                var suppressed = node.Parent is PostfixUnaryExpressionSyntax postfix && postfix.IsKind(SyntaxKind.SuppressNullableWarningExpression);
                if (suppressed)
                {
                    node = node.Parent!;
                }

                var value = reference.Parent is IPropertyReferenceOperation { Property.Name: "Value", Instance: { } instance } nullableValue
                    && ReferenceEquals(instance, reference)
                    && reference.Type?.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;
                if (value)
                {
                    node = reference.Parent!.Syntax;
                }

                if ((!suppressed && !value) || IsInTest(context.ContainingSymbol))
                {
                    return;
                }

                var paths = AccessPath.WithAlias(reference);
                if (IsGuarded(context, reference, (condition, captures) => NotNull(condition, captures, paths)))
                {
                    return;
                }

                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.UncheckedResponseField,
                    node.GetLocation(),
                    Shorten(node),
                    "'" + reference.Property.Name + "' is present",
                    "gateways may leave it out; check it for null first"));
            }

            private void AnalyzeJsonLookup(OperationAnalysisContext context, IOperation read, IOperation? instance, IOperation nameOperation)
            {
                if (nameOperation.ConstantValue is not { HasValue: true, Value: string name }
                    || !ResponseShapes.Contains(SinkCatalogue.GatewayCollectionNames, name))
                {
                    return;
                }

                // One report per chain: at the first gateway collection of `GetProperty("output")[0].GetProperty("content")`.
                var root = instance;
                while (root is not null && JsonLookupInstance(root, out var lowerName) is { } lower)
                {
                    if (ResponseShapes.Contains(SinkCatalogue.GatewayCollectionNames, lowerName))
                    {
                        return;
                    }

                    root = lower;
                }

                if (root is null
                    || (!ResponseShapes.Contains(SinkCatalogue.GatewaySpecificCollectionNames, name) && !_shapes.IsFromHttpBody(root))
                    || IsInTest(context.ContainingSymbol))
                {
                    return;
                }

                var paths = AccessPath.WithAlias(root);
                if (IsGuarded(context, read, (condition, captures) => JsonShape(condition, captures, paths)))
                {
                    return;
                }

                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.UncheckedResponseField,
                    read.Syntax.GetLocation(),
                    Shorten(read.Syntax),
                    "the JSON member '" + name + "' exists",
                    "an error body or an empty answer has none; use TryGetProperty and check the array length"));
            }

            /// <summary>The receiver of a JSON lookup step (<c>GetProperty</c>, an indexer), with its name if it has one.</summary>
            private IOperation? JsonLookupInstance(IOperation operation, out string? name)
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

            private bool IsJsonType(INamedTypeSymbol? type) => TypeLookup.DerivesFrom(type, _jsonElement) || TypeLookup.DerivesFrom(type, _jsonNode);

            // --- Guard evaluators ------------------------------------------------------------

            private GuardWhen NonEmpty(IOperation condition, CaptureMap captures, ImmutableArray<AccessPath> paths, ImmutableArray<AccessPath> owners)
            {
                condition = condition.Unwrap();
                switch (condition)
                {
                    case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                        return GuardConditions.Flip(NonEmpty(not.Operand, captures, paths, owners));
                    case IBinaryOperation binary:
                        if (IsCount(binary.LeftOperand, captures, paths) && GuardConditions.TryGetInt(binary.RightOperand, out var right))
                        {
                            return GuardConditions.NonEmptyWhen(binary.OperatorKind, right, countOnLeft: true);
                        }

                        if (IsCount(binary.RightOperand, captures, paths) && GuardConditions.TryGetInt(binary.LeftOperand, out var left))
                        {
                            return GuardConditions.NonEmptyWhen(binary.OperatorKind, left, countOnLeft: false);
                        }

                        // The loop bound `i < parts.Count`: the body runs only when an element exists.
                        if ((binary.OperatorKind == BinaryOperatorKind.LessThan && IsCount(binary.RightOperand, captures, paths) && binary.LeftOperand.ConstantValue is { HasValue: false })
                            || (binary.OperatorKind == BinaryOperatorKind.GreaterThan && IsCount(binary.LeftOperand, captures, paths) && binary.RightOperand.ConstantValue is { HasValue: false }))
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
                    case IInvocationOperation invocation when invocation.Arguments.Length > 0
                        && _sinks.IsSink(invocation.Arguments[0], SinkKind.NonEmptyCheck)
                        && Matches(invocation.Arguments[0].Value, captures, paths):
                        return GuardWhen.True;
                    default:
                        return GuardWhen.Never;
                }
            }

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
                    case IRelationalPatternOperation or IConstantPatternOperation when IsCountPath(value, paths):
                        return GuardConditions.NonEmptyWhen(pattern);
                    case IConstantPatternOperation when IsStatePath(value, owners):
                        return GuardWhen.True;
                    default:
                        return GuardWhen.Never;
                }
            }

            private GuardWhen NotNull(IOperation condition, CaptureMap captures, ImmutableArray<AccessPath> paths)
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
                    case IPropertyReferenceOperation { Property.Name: "HasValue", Instance: { } instance } when Matches(instance, captures, paths):
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

            private GuardWhen JsonShape(IOperation condition, CaptureMap captures, ImmutableArray<AccessPath> paths)
            {
                condition = condition.Unwrap();
                switch (condition)
                {
                    case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                        return GuardConditions.Flip(JsonShape(not.Operand, captures, paths));
                    case IInvocationOperation invocation when _sinks.IsSink(invocation.TargetMethod, SinkKind.JsonShapeCheck) && OnChain(invocation.Instance, captures, paths):
                        // TryGetProperty("error", …) guards on its false edge: no error envelope.
                        return invocation.Arguments.Length > 0 && invocation.Arguments[0].Value.ConstantValue.Value is string name
                            ? string.Equals(name, "error", StringComparison.OrdinalIgnoreCase) ? GuardWhen.False : GuardWhen.True
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

            // --- Helpers ------------------------------------------------------------------------

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

            private bool IsCount(IOperation operation, CaptureMap captures, ImmutableArray<AccessPath> paths)
            {
                operation = operation.Unwrap();
                return operation switch
                {
                    IInvocationOperation invocation => invocation.Arguments.Length > 0
                        && _sinks.IsSink(invocation.Arguments[0], SinkKind.CountRead)
                        && Matches(invocation.Arguments[0].Value, captures, paths),
                    _ => IsCountPath(AccessPath.Of(operation, captures), paths),
                };
            }

            private bool IsState(IOperation operation, CaptureMap captures, ImmutableArray<AccessPath> owners)
                => IsStatePath(AccessPath.Of(operation, captures), owners);

            private bool IsStatePath(AccessPath value, ImmutableArray<AccessPath> owners)
                => value.Last is IPropertySymbol property && _sinks.IsSink(property, SinkKind.ResponseState) && IsAny(value.Owner, owners);

            private static bool IsCountPath(AccessPath value, ImmutableArray<AccessPath> paths)
                => value.Last is IPropertySymbol { Name: "Count" or "Length" } && IsAny(value.Owner, paths);

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

            private static ImmutableArray<AccessPath> Owners(ImmutableArray<AccessPath> paths)
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

            /// <summary>
            /// True when a branch on which <paramref name="evaluate"/> says the read is safe guards it. An earlier
            /// <c>if (…) return;</c> that says so guards it without a graph; a body with no conditional branch has no
            /// guard; anything else asks the method's control flow graph.
            /// </summary>
            private bool IsGuarded(OperationAnalysisContext context, IOperation read, Func<IOperation, CaptureMap, GuardWhen> evaluate)
            {
                var tree = new CaptureMap(read.SemanticModel);
                if (StraightLineGuards.Precedes(read, statement => StraightLineGuards.IsEarlyExit(statement, out var condition) && (evaluate(condition, tree) & GuardWhen.False) != 0))
                {
                    return true;
                }

                if (!_branches.Get(read))
                {
                    return false;
                }

                ControlFlowGraph? graph;
                try
                {
                    graph = context.GetControlFlowGraph();
                }
                catch (Exception e) when (e is InvalidOperationException or ArgumentException)
                {
                    // Not executable code (an attribute argument, a broken member): no guard can exist.
                    return false;
                }

                var guards = FlowGuards.Locate(graph, read.Syntax, context.CancellationToken);
                return guards is not null && guards.IsGuardedByBranch(evaluate);
            }

            private bool IsInTest(ISymbol? symbol)
            {
                if (_testAttributes.IsEmpty || symbol is not IMethodSymbol method)
                {
                    return false;
                }

                foreach (var attribute in method.GetAttributes())
                {
                    foreach (var test in _testAttributes)
                    {
                        if (TypeLookup.DerivesFrom(attribute.AttributeClass, test))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            /// <summary>The result is used without <c>?.</c>: <c>x.FirstOrDefault().Text</c>, <c>node["choices"]![0]</c>.</summary>
            private static bool IsDereferenced(SyntaxNode node)
            {
                var parent = node.Parent;
                if (parent is PostfixUnaryExpressionSyntax postfix && postfix.IsKind(SyntaxKind.SuppressNullableWarningExpression))
                {
                    node = parent;
                    parent = parent.Parent;
                }

                return parent switch
                {
                    MemberAccessExpressionSyntax access => access.Expression == node,
                    ElementAccessExpressionSyntax access => access.Expression == node,
                    _ => false,
                };
            }

            /// <summary>The guarded method the fix calls instead of <c>[k]</c>, <c>First()</c>, ….</summary>
            private static (string Method, string? Index)? OrDefaultFor(IOperation index)
            {
                return GuardConditions.TryGetInt(index, out var k) && k >= 0 && index.Syntax is ExpressionSyntax
                    ? k == 0 ? ("FirstOrDefault", null) : ("ElementAtOrDefault", index.Syntax.ToString())
                    : null;
            }

            private static (string Method, string? Index)? OrDefaultFor(IInvocationOperation invocation)
            {
                var name = invocation.TargetMethod.Name;
                if (name.EndsWith("OrDefault", StringComparison.Ordinal))
                {
                    return (name, null);
                }

                if (name == "ElementAt")
                {
                    return invocation.Arguments.Length == 2 ? ("ElementAtOrDefault", invocation.Arguments[1].Value.Syntax.ToString()) : null;
                }

                return invocation.Arguments.Length == 1 ? (name + "OrDefault", null) : null;
            }

            private static string Shorten(SyntaxNode node)
            {
                var text = node.ToString();
                return text.Length <= 80 ? text : "…" + text.Substring(text.Length - 79);
            }
        }
    }
}
