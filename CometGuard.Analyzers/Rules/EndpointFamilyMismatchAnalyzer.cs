using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CometGuard.Analyzers.Rules
{
    /// <summary>
    /// CG0010: a request whose endpoint family and body disagree. Raw HTTP: a <c>/chat/completions</c>
    /// request whose body has Responses fields (<c>input</c>, <c>instructions</c>, <c>max_output_tokens</c>)
    /// and no <c>messages</c>, or a <c>/responses</c> request with <c>messages</c> and no <c>input</c>.
    /// SDK: a Chat or Responses client given an endpoint that ends in the other family's path. (In OpenAI
    /// 2.x the clients' option types do not convert into each other, so the compiler already rejects
    /// a Chat client built with <c>ResponsesClientOptions</c>.)
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class EndpointFamilyMismatchAnalyzer : DiagnosticAnalyzer
    {
        private const int MaxDepth = 3;

        private const string Messages = "messages";
        private const string Input = "input";

        /// <summary>Responses-only request fields, normalised (lower case, no <c>_</c>), with their wire names.</summary>
        private static readonly ImmutableArray<(string Normalized, string Wire)> ResponsesFields = ImmutableArray.Create(
            ("input", "input"), ("instructions", "instructions"), ("maxoutputtokens", "max_output_tokens"));

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.EndpointFamilyMismatch);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCode.Skip);
            context.RegisterCompilationStartAction(start =>
            {
                var sinks = ResolvedSinks.Create(start.Compilation);
                var raw = sinks.Has(SinkKind.Endpoint) && sinks.Has(SinkKind.RequestPayload);
                var sdk = sinks.Has(SinkKind.ChatCompletionsClientOptions) || sinks.Has(SinkKind.ResponsesClientOptions);
                if (!raw && !sdk)
                {
                    return;
                }

                var analysis = new CompilationAnalysis(start.Compilation, sinks);
                start.RegisterOperationAction(
                    SinkArguments.Create(sinks, SinkKinds.Of(SinkKind.Endpoint, SinkKind.ChatCompletionsClientOptions, SinkKind.ResponsesClientOptions), analysis.AnalyzeArgument),
                    SinkArguments.OperationKinds);
            });
        }

        private sealed class CompilationAnalysis
        {
            public CompilationAnalysis(Compilation compilation, ResolvedSinks sinks)
            {
                Sinks = sinks;
                UriType = compilation.FindType(SinkCatalogue.UriType);
                JsonPropertyName = compilation.FindType(SinkCatalogue.JsonPropertyNameAttribute);
            }

            public ResolvedSinks Sinks { get; }

            public INamedTypeSymbol? UriType { get; }

            public INamedTypeSymbol? JsonPropertyName { get; }

            public void AnalyzeArgument(OperationAnalysisContext context, IArgumentOperation argument)
            {
                if (argument.Parameter is null)
                {
                    return;
                }

                if (Sinks.IsSink(argument, SinkKind.Endpoint))
                {
                    AnalyzeRequest(context, argument);
                }
                else if (Sinks.IsSink(argument, SinkKind.ChatCompletionsClientOptions))
                {
                    AnalyzeClientOptions(context, argument, EndpointFamily.ChatCompletions);
                }
                else if (Sinks.IsSink(argument, SinkKind.ResponsesClientOptions))
                {
                    AnalyzeClientOptions(context, argument, EndpointFamily.Responses);
                }
            }

            private void AnalyzeRequest(OperationAnalysisContext context, IArgumentOperation uriArgument)
            {
                var endpoint = EndpointUri.Find(uriArgument.Value, UriType, context.CancellationToken);
                if (!endpoint.IsKnown)
                {
                    return;
                }

                var family = EndpointUri.FamilyOf(endpoint.Text);
                if (family == EndpointFamily.None)
                {
                    return;
                }

                var body = FindBody(uriArgument.Parent, context.CancellationToken);
                if (body is null || FieldsOf(body, 0, context.CancellationToken) is not { } fields)
                {
                    return;
                }

                var message = Mismatch(family, fields);
                if (message is not null)
                {
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.EndpointFamilyMismatch, uriArgument.Value.Syntax.GetLocation(), message));
                }
            }

            private static string? Mismatch(EndpointFamily family, HashSet<string> fields)
            {
                if (family == EndpointFamily.ChatCompletions && !fields.Contains(Messages))
                {
                    var found = new List<string>();
                    foreach (var (normalized, wire) in ResponsesFields)
                    {
                        if (fields.Contains(normalized))
                        {
                            found.Add("'" + wire + "'");
                        }
                    }

                    return found.Count == 0
                        ? null
                        : "This request to the Chat Completions endpoint (/chat/completions) carries Responses fields (" + string.Join(", ", found) + ") and no 'messages'";
                }

                if (family == EndpointFamily.Responses && fields.Contains(Messages) && !fields.Contains(Input))
                {
                    return "This request to the Responses endpoint (/responses) carries the Chat Completions field 'messages' and no 'input'";
                }

                return null;
            }

            /// <summary>The body sent with the request that <paramref name="call"/> makes or builds.</summary>
            private IOperation? FindBody(IOperation? call, CancellationToken cancellationToken)
            {
                var arguments = call switch
                {
                    IInvocationOperation invocation => invocation.Arguments,
                    IObjectCreationOperation creation => creation.Arguments,
                    _ => ImmutableArray<IArgumentOperation>.Empty,
                };

                foreach (var sibling in arguments)
                {
                    if (Sinks.IsSink(sibling, SinkKind.RequestPayload))
                    {
                        return sibling.Value;
                    }
                }

                if (call is not IObjectCreationOperation request)
                {
                    return null;
                }

                // new HttpRequestMessage(...) { Content = ... }
                if (request.Initializer is { } initializer)
                {
                    foreach (var member in initializer.Initializers)
                    {
                        if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { } property } } assignment
                            && Sinks.IsSink(property, SinkKind.RequestPayload))
                        {
                            return assignment.Value;
                        }
                    }
                }

                // var request = new HttpRequestMessage(...); request.Content = ...;
                if (request.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: { } local } })
                {
                    foreach (var descendant in request.EnclosingBody().Descendants())
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        if (descendant is ISimpleAssignmentOperation
                            {
                                Target: IPropertyReferenceOperation { Property: { } property, Instance: ILocalReferenceOperation target },
                            } assignment
                            && SymbolEqualityComparer.Default.Equals(target.Local, local)
                            && Sinks.IsSink(property, SinkKind.RequestPayload))
                        {
                            return assignment.Value;
                        }
                    }
                }

                return null;
            }

            /// <summary>The body's top-level field names, normalised; null when the shape is not known.</summary>
            private HashSet<string>? FieldsOf(IOperation? body, int depth, CancellationToken cancellationToken)
            {
                body = Unwrap(body);
                if (body is null || depth > MaxDepth)
                {
                    return null;
                }

                switch (body)
                {
                    case IAnonymousObjectCreationOperation anonymous:
                        var names = new HashSet<string>(StringComparer.Ordinal);
                        foreach (var initializer in anonymous.Initializers)
                        {
                            if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { } property } })
                            {
                                names.Add(Normalize(property.Name));
                            }
                        }

                        return names;
                    case IObjectCreationOperation creation:
                        return FromWrapper(creation.Arguments, depth, cancellationToken)
                            ?? FromInitializerKeys(creation)
                            ?? FromDto(creation.Type as INamedTypeSymbol);
                    case IInvocationOperation invocation:
                        return FromWrapper(invocation.Arguments, depth, cancellationToken);
                    case ILocalReferenceOperation { Local: { } local } reference:
                        return FieldsOf(InitializerOf(local, reference, cancellationToken), depth + 1, cancellationToken)
                            ?? FromJsonString(body, cancellationToken);
                    default:
                        return FromJsonString(body, cancellationToken);
                }
            }

            /// <summary><c>JsonContent.Create(x)</c>, <c>new StringContent(json)</c>, <c>JsonSerializer.Serialize(x)</c>: the body is the argument.</summary>
            private HashSet<string>? FromWrapper(ImmutableArray<IArgumentOperation> arguments, int depth, CancellationToken cancellationToken)
            {
                foreach (var argument in arguments)
                {
                    if (argument.Parameter is not null && Sinks.IsSink(argument, SinkKind.RequestPayload))
                    {
                        return FieldsOf(argument.Value, depth + 1, cancellationToken);
                    }
                }

                return null;
            }

            /// <summary><c>new JsonObject { ["input"] = … }</c>, <c>new Dictionary&lt;string, object&gt; { { "input", … } }</c>.</summary>
            private static HashSet<string>? FromInitializerKeys(IObjectCreationOperation creation)
            {
                if (creation.Initializer is not { Initializers.Length: > 0 } initializer)
                {
                    return null;
                }

                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var member in initializer.Initializers)
                {
                    var key = member switch
                    {
                        ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer } => indexer.Arguments[0].Value,
                        IInvocationOperation { Arguments.Length: 2 } add => add.Arguments[0].Value,
                        _ => null,
                    };

                    if (key?.ConstantValue is not { HasValue: true, Value: string name })
                    {
                        return null;
                    }

                    names.Add(Normalize(name));
                }

                return names;
            }

            /// <summary>A request DTO declared in source: its properties, renamed by <c>[JsonPropertyName]</c>.</summary>
            private HashSet<string>? FromDto(INamedTypeSymbol? type)
            {
                if (type is null || type.SpecialType != SpecialType.None || !IsInSource(type))
                {
                    return null;
                }

                var names = new HashSet<string>(StringComparer.Ordinal);
                for (var current = type; current is not null && IsInSource(current); current = current.BaseType)
                {
                    foreach (var member in current.GetMembers())
                    {
                        if (member is IPropertySymbol { IsStatic: false, DeclaredAccessibility: Accessibility.Public, IsIndexer: false } property)
                        {
                            names.Add(Normalize(JsonName(property)));
                        }
                    }
                }

                return names.Count == 0 ? null : names;
            }

            private string JsonName(IPropertySymbol property)
            {
                foreach (var attribute in property.GetAttributes())
                {
                    if (JsonPropertyName is not null
                        && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, JsonPropertyName)
                        && attribute.ConstructorArguments.Length == 1
                        && attribute.ConstructorArguments[0].Value is string name)
                    {
                        return name;
                    }
                }

                return property.Name;
            }

            private static HashSet<string>? FromJsonString(IOperation body, CancellationToken cancellationToken)
            {
                if (body.Type?.SpecialType != SpecialType.System_String)
                {
                    return null;
                }

                var value = HardCodedValue.Find(body, cancellationToken);
                if (value.Kind != HardCodedKind.Literal || !JsonKeys.TryGetTopLevel(value.Value, out var keys))
                {
                    return null;
                }

                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var key in keys)
                {
                    names.Add(Normalize(key));
                }

                return names;
            }

            private void AnalyzeClientOptions(OperationAnalysisContext context, IArgumentOperation argument, EndpointFamily clientFamily)
            {
                var options = Unwrap(argument.Value);
                if (options is ILocalReferenceOperation { Local: { } local } reference)
                {
                    options = Unwrap(InitializerOf(local, reference, context.CancellationToken)) ?? options;
                }

                if (options is null)
                {
                    return;
                }

                var client = argument.Parameter!.ContainingType.Name;
                if (options is not IObjectCreationOperation { Initializer: { } initializer })
                {
                    return;
                }

                foreach (var member in initializer.Initializers)
                {
                    if (member is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { } property } } assignment
                        || !Sinks.IsSink(property, SinkKind.AuthenticatedEndpoint))
                    {
                        continue;
                    }

                    var endpoint = EndpointUri.Find(assignment.Value, UriType, context.CancellationToken);
                    var endpointFamily = endpoint.IsKnown ? EndpointUri.FamilyOf(endpoint.Text) : EndpointFamily.None;
                    if (endpointFamily != EndpointFamily.None && endpointFamily != clientFamily)
                    {
                        var path = endpointFamily == EndpointFamily.Responses ? "/responses" : "/chat/completions";
                        var kind = clientFamily == EndpointFamily.Responses ? "Responses" : "Chat Completions";
                        context.ReportDiagnostic(Diagnostic.Create(
                            Descriptors.EndpointFamilyMismatch,
                            endpoint.Source!.GetLocation(),
                            "The " + kind + " client '" + client + "' is given an endpoint ending in " + path + " (the other family; the SDK appends its own path to the base address)"));
                    }
                }
            }

            private static IOperation? InitializerOf(ILocalSymbol local, IOperation reference, CancellationToken cancellationToken)
            {
                if (local.DeclaringSyntaxReferences.Length != 1
                    || local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: { } initializer }
                    || reference.SemanticModel is not { } model
                    || initializer.SyntaxTree != model.SyntaxTree)
                {
                    return null;
                }

                return model.GetOperation(initializer, cancellationToken);
            }

            private static bool IsInSource(INamedTypeSymbol type)
            {
                foreach (var location in type.Locations)
                {
                    if (location.IsInSource)
                    {
                        return true;
                    }
                }

                return false;
            }

            private static IOperation? Unwrap(IOperation? operation)
            {
                while (true)
                {
                    switch (operation)
                    {
                        case IConversionOperation conversion when conversion.OperatorMethod is null:
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

            private static string Normalize(string name)
            {
                return name.Replace("_", string.Empty).ToLowerInvariant();
            }
        }
    }
}
