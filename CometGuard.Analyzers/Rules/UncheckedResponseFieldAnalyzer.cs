namespace CometGuard.Analyzers.Rules
{
    /// <summary>
    /// CG0006: a response field read that assumes the gateway returned it — the first element of
    /// choices/content/output, a JSON member of the body, a nullable usage or finish reason — with no
    /// check that guards the read in the same method.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UncheckedResponseFieldAnalyzer : RuleAnalyzer
    {
        /// <summary>Diagnostic property on element reads the fix can rewrite: the <c>…OrDefault</c> method to call.</summary>
        public const string OrDefaultProperty = "OrDefault";

        /// <summary>Diagnostic property with the index argument text, for <c>ElementAtOrDefault</c>.</summary>
        public const string IndexProperty = "Index";

        // One lookup of the target before three of the first argument: most calls read no response.
        private static readonly ulong InvocationKinds = SinkKinds.Of(SinkKind.ThrowingJsonLookup, SinkKind.ThrowingElementRead, SinkKind.NullableElementRead);

        public UncheckedResponseFieldAnalyzer()
            : base(Descriptors.UncheckedResponseField)
        {
        }

        private protected override void OnCompilationStart(CompilationStartAnalysisContext start)
        {
            var sinks = ResolvedSinks.Create(start.Compilation);
            var known = KnownSymbols.For(start.Compilation);
            if (!sinks.Has(SinkKind.ResponseCollection)
                && !sinks.Has(SinkKind.ResponseOptionalField)
                && !sinks.Has(SinkKind.ThrowingJsonLookup)
                && known[KnownType.JsonPropertyNameAttribute] is null)
            {
                return;
            }

            var analysis = new CompilationAnalysis(start.Compilation, sinks, known);
            start.RegisterOperationAction(analysis.AnalyzePropertyReference, OperationKind.PropertyReference);
            start.RegisterOperationAction(analysis.AnalyzeArrayElement, OperationKind.ArrayElementReference);
            start.RegisterOperationAction(analysis.AnalyzeInvocation, OperationKind.Invocation);
        }

        private sealed class CompilationAnalysis
        {
            private readonly ResponseShapes _shapes;
            private readonly ResolvedSinks _sinks;
            private readonly ResponseGuards _guards;
            private readonly TestMethods _tests;

            // Names checked before anything else: of optional response fields on every property read, of the
            // calls that can read a response on every call.
            private readonly NameFilter _optionalFields;
            private readonly NameFilter _invocations;

            public CompilationAnalysis(Compilation compilation, ResolvedSinks sinks, KnownSymbols known)
            {
                _sinks = sinks;
                _shapes = ResponseShapes.Create(compilation);
                _guards = new ResponseGuards(sinks, known);
                _tests = new TestMethods(known);
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
                    if (ResponseReads.IsForced(reference.Syntax) && _optionalFields.MayName(reference.Property) && _sinks.IsSink(reference.Property, SinkKind.ResponseOptionalField))
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
                        if (ResponseReads.IsDereferenced(reference.Syntax))
                        {
                            AnalyzeJsonLookup(context, reference, reference.Instance, reference.Arguments[0].Value);
                        }

                        return;
                    }

                    if (_shapes.IsResponseCollection(reference.Instance, out var collection))
                    {
                        AnalyzeElementRead(context, reference, reference.Instance!, collection!, ResponseReads.OrDefaultFor(reference.Arguments[0].Value));
                    }

                    return;
                }

                if (_optionalFields.MayName(property) && _sinks.IsSink(property, SinkKind.ResponseOptionalField))
                {
                    AnalyzeOptionalField(context, reference);
                }
            }

            public void AnalyzeArrayElement(OperationAnalysisContext context)
            {
                var element = (IArrayElementReferenceOperation)context.Operation;
                if (element.Indices.Length == 1 && _shapes.IsResponseCollection(element.ArrayReference, out var collection))
                {
                    AnalyzeElementRead(context, element, element.ArrayReference, collection!, ResponseReads.OrDefaultFor(element.Indices[0]));
                }
            }

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
                if ((throwing || (_sinks.IsSink(first, SinkKind.NullableElementRead) && ResponseReads.IsDereferenced(invocation.Syntax)))
                    && _shapes.IsResponseCollection(first.Value, out var collection))
                {
                    AnalyzeElementRead(context, invocation, first.Value, collection!, ResponseReads.OrDefaultFor(invocation));
                }
            }

            private void AnalyzeElementRead(OperationAnalysisContext context, IOperation read, IOperation collectionOperation, IPropertySymbol collection, (string Method, string? Index)? orDefault)
            {
                if (_tests.Contains(context.ContainingSymbol))
                {
                    return;
                }

                var paths = AccessPath.WithAlias(collectionOperation);
                var owners = ResponseGuards.Owners(paths);
                if (_guards.IsGuarded(context, read, (condition, captures) => _guards.NonEmpty(condition, captures, paths, owners)))
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

                Report(context, read.Syntax, properties, "'" + collection.Name + "' is not empty", "check its count, a list pattern or the finish reason first, or use FirstOrDefault()");
            }

            private void AnalyzeOptionalField(OperationAnalysisContext context, IPropertyReferenceOperation reference)
            {
                if (ResponseReads.ForcedNode(reference) is not { } node || _tests.Contains(context.ContainingSymbol))
                {
                    return;
                }

                var paths = AccessPath.WithAlias(reference);
                if (!_guards.IsGuarded(context, reference, (condition, captures) => _guards.NotNull(condition, captures, paths)))
                {
                    Report(context, node, ImmutableDictionary<string, string?>.Empty, "'" + reference.Property.Name + "' is present", "gateways may leave it out; check it for null first");
                }
            }

            private void AnalyzeJsonLookup(OperationAnalysisContext context, IOperation read, IOperation? instance, IOperation nameOperation)
            {
                if (nameOperation.ConstantValue is not { HasValue: true, Value: string name })
                {
                    return;
                }

                var optional = ResponseShapes.Contains(SinkCatalogue.GatewayOptionalFieldNames, name);
                if ((!optional && !ResponseShapes.Contains(SinkCatalogue.GatewayCollectionNames, name))
                    || _guards.ChainRoot(instance) is not { } root
                    || ((optional || !ResponseShapes.Contains(SinkCatalogue.GatewaySpecificCollectionNames, name)) && !_shapes.IsFromHttpBody(root))
                    || _tests.Contains(context.ContainingSymbol))
                {
                    return;
                }

                var paths = AccessPath.WithAlias(root);
                if (!_guards.IsGuarded(context, read, (condition, captures) => _guards.JsonShape(condition, captures, paths)))
                {
                    Report(context, read.Syntax, ImmutableDictionary<string, string?>.Empty, "the JSON member '" + name + "' exists", optional
                        ? "gateways may leave it out of a success body, and streaming answers carry it only when asked; use TryGetProperty"
                        : "an error body or an empty answer has none; use TryGetProperty and check the array length");
                }
            }

            private static void Report(OperationAnalysisContext context, SyntaxNode node, ImmutableDictionary<string, string?> properties, string assumes, string advice)
                => context.ReportDiagnostic(Diagnostic.Create(Descriptors.UncheckedResponseField, node.GetLocation(), properties, DiagnosticText.Tail(node), assumes, advice));
        }
    }
}
