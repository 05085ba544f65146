using System.Collections.Concurrent;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace CometGuard.Analyzers.Rules
{
    /// <summary>
    /// CG0001: a model ID fixed in source flowing into a model position: an SDK client or option from
    /// the sink catalogue, a <c>[ModelId]</c> parameter or property, or the <c>model</c> of a raw
    /// gateway request body (anonymous object, DTO, JSON object or dictionary, JSON text).
    /// </summary>
    /// <remarks>
    /// Nothing is registered unless the compilation references a model sink type or <c>HttpClient</c>, and no action
    /// runs on string literals: each starts at a call, creation, assignment or initialiser, and reads the target's
    /// name (<see cref="NameFilter"/>) before it looks the position up; gateway body positions ask
    /// <see cref="GatewayRequestBodies"/>.
    /// </remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class HardCodedModelIdAnalyzer : RuleAnalyzer
    {
        /// <summary>Diagnostic property naming the fix the position allows; absent when none is safe.</summary>
        public const string FixProperty = "Fix";

        /// <summary>Replace the literal with a configuration, options or environment read.</summary>
        public const string FixReplace = "Replace";

        /// <summary>Replace the literal fallback of <c>??</c> with a clear failure.</summary>
        public const string FixFallback = "Fallback";

        public const string VariableProperty = "Variable";
        public const string ConfigurationKeyProperty = "ConfigurationKey";

        public HardCodedModelIdAnalyzer()
            : base(Descriptors.HardCodedModelId)
        {
        }

        private protected override void OnCompilationStart(CompilationStartAnalysisContext start)
        {
            var sinks = ResolvedSinks.Create(start.Compilation);
            var bodies = GatewayRequestBodies.Create(start.Compilation);
            var models = sinks.Has(SinkKind.ModelId);
            if (!models && bodies is null)
            {
                return;
            }

            var analysis = new CompilationAnalysis(sinks, bodies, new ModelNameConstants(KnownSymbols.For(start.Compilation)));
            // Calls and creations, not each argument: one callback per call keeps the common path short.
            start.RegisterOperationAction(analysis.AnalyzeInvocation, OperationKind.Invocation);
            start.RegisterOperationAction(analysis.AnalyzeArguments, OperationKind.ObjectCreation);
            start.RegisterOperationAction(analysis.AnalyzeAssignment, OperationKind.SimpleAssignment);
            start.RegisterOperationAction(analysis.AnalyzePropertyInitializer, OperationKind.PropertyInitializer);
            if (sinks.ModelIdAttribute is not null)
            {
                start.RegisterOperationAction(analysis.AnalyzeFieldInitializer, OperationKind.FieldInitializer);
                start.RegisterOperationAction(analysis.AnalyzeParameterInitializer, OperationKind.ParameterInitializer);
            }

            if (bodies is not null)
            {
                start.RegisterOperationAction(analysis.AnalyzeAnonymousObject, OperationKind.AnonymousObjectCreation);
            }
        }

        private sealed class CompilationAnalysis
        {
            private static readonly ulong ArgumentSinkKinds = SinkKinds.Of(SinkKind.ModelId, SinkKind.RequestBody);

            // A const or static readonly model used at several sinks is reported once, at its literal.
            private readonly ConcurrentDictionary<(SyntaxTree Tree, TextSpan Span), byte> _reported = new();
            private readonly ResolvedSinks _sinks;
            private readonly GatewayRequestBodies? _bodies;
            private readonly ModelNameConstants _constants;

            // Names checked before any lookup: of calls that take a model id or a request body, of model properties.
            private readonly NameFilter _calls;
            private readonly NameFilter _models;

            public CompilationAnalysis(ResolvedSinks sinks, GatewayRequestBodies? bodies, ModelNameConstants constants)
            {
                _sinks = sinks;
                _bodies = bodies;
                _constants = constants;
                _calls = sinks.Names(ArgumentSinkKinds);
                _models = sinks.Names(SinkKinds.Of(SinkKind.ModelId));
            }

            public void AnalyzeInvocation(OperationAnalysisContext context)
            {
                AnalyzeArguments(context);
                if (_bodies is not null && _bodies.IsGatewayModelEntry(context.Operation, context.CancellationToken))
                {
                    AnalyzeValue(context, _bodies.ValueOf(context.Operation), "the 'model' entry of a gateway request");
                }
            }

            /// <summary>One lookup of the target first: most calls take no model id and no request body.</summary>
            public void AnalyzeArguments(OperationAnalysisContext context)
            {
                var named = SinkArguments.Named(context.Operation, _calls, out var method, out var arguments);
                if (method is null)
                {
                    return;
                }

                var sink = named && _sinks.MayTakeSink(method, ArgumentSinkKinds);
                var dtoConstructor = _bodies is not null && method.MethodKind == MethodKind.Constructor;
                if (!sink && !dtoConstructor)
                {
                    return;
                }

                foreach (var argument in arguments)
                {
                    // Only a model parameter can matter to a request DTO's constructor: its name first.
                    if (sink || (argument.Parameter is { } parameter && GatewayRequestBodies.MayBeModelParameter(parameter)))
                    {
                        AnalyzeArgument(context, argument, sink);
                    }
                }
            }

            private void AnalyzeArgument(OperationAnalysisContext context, IArgumentOperation argument, bool sink)
            {
                if (argument.ArgumentKind != ArgumentKind.Explicit
                    || argument.Parameter is not { } parameter
                    || parameter.Type.SpecialType != SpecialType.System_String)
                {
                    return;
                }

                if (sink && _sinks.IsSink(argument, SinkKind.ModelId))
                {
                    AnalyzeValue(context, argument.Value, DiagnosticText.Parameter(parameter));
                }
                else if (sink && _bodies is not null && _sinks.IsSink(argument, SinkKind.RequestBody))
                {
                    if (_bodies.FindJsonModel(argument.Value, context.CancellationToken) is { } json && !Placeholders.IsModelPlaceholder(json.Model))
                    {
                        Report(context, json.Source, argument.Value.Syntax, json.Model, HardCodedKind.Literal, "in the JSON body of a gateway request", fixable: false);
                    }
                }
                else if (_bodies is not null && _bodies.IsGatewayModelArgument(argument, parameter, context.CancellationToken))
                {
                    AnalyzeValue(context, argument.Value, DiagnosticText.Parameter(parameter) + " of a gateway request");
                }
            }

            public void AnalyzeAssignment(OperationAnalysisContext context)
            {
                var assignment = (ISimpleAssignmentOperation)context.Operation;
                switch (assignment.Target)
                {
                    case IPropertyReferenceOperation { Property.IsIndexer: true }:
                        if (_bodies is not null && _bodies.IsGatewayModelEntry(assignment, context.CancellationToken))
                        {
                            AnalyzeValue(context, _bodies.ValueOf(assignment), "the 'model' entry of a gateway request");
                        }

                        break;
                    case IPropertyReferenceOperation { Property: { Type.SpecialType: SpecialType.System_String, ContainingType.IsAnonymousType: false } property }:
                        if (_models.MayName(property) && _sinks.IsSink(property, SinkKind.ModelId))
                        {
                            AnalyzeValue(context, assignment.Value, DiagnosticText.Property(property));
                        }
                        else if (_bodies is not null && _bodies.IsModelProperty(property) && _bodies.IsGatewayDtoWrite(assignment, property, context.CancellationToken))
                        {
                            AnalyzeValue(context, assignment.Value, DiagnosticText.Property(property) + " of a gateway request");
                        }

                        break;
                    case IFieldReferenceOperation { Field: { Type.SpecialType: SpecialType.System_String } field } when _sinks.IsSink(field, SinkKind.ModelId):
                        AnalyzeValue(context, assignment.Value, "field " + DiagnosticText.Member(field));
                        break;
                }
            }

            public void AnalyzeAnonymousObject(OperationAnalysisContext context)
            {
                var creation = (IAnonymousObjectCreationOperation)context.Operation;
                foreach (var initializer in creation.Initializers)
                {
                    if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { } property } } assignment
                        && _bodies!.IsModelProperty(property)
                        && _bodies.IsGatewayAnonymousObject(creation, context.CancellationToken))
                    {
                        AnalyzeValue(context, assignment.Value, "the 'model' of a gateway request");
                    }
                }
            }

            public void AnalyzePropertyInitializer(OperationAnalysisContext context)
            {
                var initializer = (IPropertyInitializerOperation)context.Operation;
                foreach (var property in initializer.InitializedProperties)
                {
                    if (property.Type.SpecialType != SpecialType.System_String)
                    {
                        continue;
                    }

                    if (_models.MayName(property) && _sinks.IsSink(property, SinkKind.ModelId)
                        || _bodies is not null && _bodies.IsModelProperty(property) && _bodies.IsGatewayType(property.ContainingType))
                    {
                        AnalyzeValue(context, initializer.Value, "the initializer of " + DiagnosticText.Member(property));
                        return;
                    }
                }
            }

            public void AnalyzeFieldInitializer(OperationAnalysisContext context)
            {
                var initializer = (IFieldInitializerOperation)context.Operation;
                foreach (var field in initializer.InitializedFields)
                {
                    if (field.Type.SpecialType == SpecialType.System_String && _sinks.IsSink(field, SinkKind.ModelId))
                    {
                        AnalyzeValue(context, initializer.Value, "the initializer of " + DiagnosticText.Member(field));
                        return;
                    }
                }
            }

            public void AnalyzeParameterInitializer(OperationAnalysisContext context)
            {
                // A default value is fixed at every call that omits the argument; it cannot be made a configuration read.
                var initializer = (IParameterInitializerOperation)context.Operation;
                if (initializer.Parameter.Type.SpecialType == SpecialType.System_String && _sinks.IsSink(initializer.Parameter, SinkKind.ModelId))
                {
                    AnalyzeValue(context, initializer.Value, "the default value of parameter '" + initializer.Parameter.Name + "'", fixable: false);
                }
            }

            private void AnalyzeValue(OperationAnalysisContext context, IOperation? value, string position, bool fixable = true)
            {
                if (value is null)
                {
                    return;
                }

                if (_constants.Find(value) is { } constant)
                {
                    var name = constant.Property.ContainingType.Name + "." + constant.Property.Name;
                    Report(context, constant.Syntax, value.Syntax, name, HardCodedKind.Literal, "in " + position, fixable);
                    return;
                }

                var hardCoded = HardCodedValue.Find(value, context.CancellationToken);
                if (!hardCoded.IsHardCoded || Placeholders.IsModelPlaceholder(hardCoded.Value))
                {
                    return;
                }

                // The use site: for `x ?? Default`, the fallback operand rather than the whole expression.
                var use = value.Syntax;
                if (hardCoded.Kind == HardCodedKind.LiteralFallback && value.Unwrap() is ICoalesceOperation coalesce)
                {
                    use = coalesce.WhenNull.Syntax;
                }

                Report(context, hardCoded.Source, use, hardCoded.Value, hardCoded.Kind, "in " + position, fixable);
            }

            /// <summary>
            /// Reports at the literal when it sits inside the analysed position; a literal one hop away
            /// (a local, const or static readonly initializer) is reported at each use, with the literal
            /// as an additional location. Every diagnostic then lies in the span whose analysis produces
            /// it, as the IDE and Fix All require.
            /// </summary>
            private void Report(OperationAnalysisContext context, SyntaxNode? source, SyntaxNode use, string model, HardCodedKind kind, string position, bool fixable)
            {
                var node = source is not null && source.SyntaxTree == use.SyntaxTree && context.Operation.Syntax.Span.Contains(source.Span) ? source : use;
                if (!_reported.TryAdd((node.SyntaxTree, node.Span), 0))
                {
                    return;
                }

                if (kind == HardCodedKind.LiteralFallback)
                {
                    // Only the `??` operand itself can become a throw.
                    fixable &= HardCodedValue.IsCoalesceFallback(node);
                }

                var variable = CometGuardOptions.GetString(context.Options, node.SyntaxTree, CometGuardOptions.ModelVariable, CometGuardOptions.DefaultModelVariable);
                var key = CometGuardOptions.GetString(context.Options, node.SyntaxTree, CometGuardOptions.ModelConfigurationKey, CometGuardOptions.DefaultModelConfigurationKey);
                var properties = ImmutableDictionary<string, string?>.Empty
                    .Add(VariableProperty, variable)
                    .Add(ConfigurationKeyProperty, key);
                if (fixable && node is ExpressionSyntax)
                {
                    properties = properties.Add(FixProperty, kind == HardCodedKind.LiteralFallback ? FixFallback : FixReplace);
                }

                var additional = node != source && source is not null && context.Compilation.ContainsSyntaxTree(source.SyntaxTree)
                    ? ImmutableArray.Create(source.GetLocation())
                    : ImmutableArray<Location>.Empty;
                var how = kind == HardCodedKind.LiteralFallback ? "the hard-coded '??' fallback" : "hard-coded";
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.HardCodedModelId, node.GetLocation(), additional, properties, DiagnosticText.Value(model, 64), how, position, variable));
            }
        }
    }
}
