using System;
using System.Collections.Concurrent;
using CometGuard.Analyzers.Sinks;

namespace CometGuard.Analyzers.Responses
{
    /// <summary>
    /// What a gateway response looks like to the analyzers, for one compilation: SDK response
    /// collections from the sink catalogue, user DTOs serialised with gateway names, and JSON read
    /// from an HTTP body. Built in a compilation-start action; caches die with the compilation.
    /// </summary>
    internal sealed class ResponseShapes
    {
        private const int MaxHops = 6;

        private readonly KnownSymbols _known;
        private readonly ConcurrentDictionary<IPropertySymbol, bool> _dtoCollections = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<ITypeSymbol, bool> _dtoResponses = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<ITypeSymbol, bool> _requestBodies = new(SymbolEqualityComparer.Default);

        private ResponseShapes(Compilation compilation, ResolvedSinks sinks)
        {
            Sinks = sinks;
            _known = KnownSymbols.For(compilation);
        }

        /// <summary>The response shapes of <paramref name="compilation"/>, shared by the response rules.</summary>
        public static ResponseShapes Create(Compilation compilation)
            => PerCompilation<ResponseShapes>.Get(compilation, c => new ResponseShapes(c, ResolvedSinks.Create(c)));

        public ResolvedSinks Sinks { get; }

        public KnownSymbols Known => _known;

        /// <summary>
        /// True when <paramref name="operation"/> is a response collection: a catalogue property such as
        /// <c>ChatCompletion.Content</c>, a DTO collection serialised as <c>choices</c>/<c>output</c>/…,
        /// or a local initialised from one.
        /// </summary>
        public bool IsResponseCollection(IOperation? operation, out IPropertySymbol? collection)
        {
            collection = null;
            for (var hop = 0; operation is not null && hop < 2; hop++)
            {
                operation = operation.Unwrap();
                switch (operation)
                {
                    case IPropertyReferenceOperation { Property: { IsIndexer: false } property }
                        when Sinks.IsSink(property, SinkKind.ResponseCollection) || IsDtoCollection(property):
                        collection = property;
                        return true;
                    case IPropertyReferenceOperation { Property: { IsIndexer: false } property, Instance: { } instance }
                        when IsGatewaySpecificDtoCollection(property) && IsFromHttpBody(instance):
                        // `choices` without an envelope member beside it, on a DTO just read from an HTTP body.
                        collection = property;
                        return true;
                    case ILocalReferenceOperation local when InitializedFromMember(local.Local):
                        operation = local.Local.Initializer(local);
                        continue;
                    default:
                        return false;
                }
            }

            return false;
        }

        /// <summary>Cheap syntax pre-check before binding a local's initialiser: <c>var parts = completion.Content;</c>.</summary>
        private static bool InitializedFromMember(ILocalSymbol local)
            => local.DeclaringSyntaxReferences.Length == 1
                && local.DeclaringSyntaxReferences[0].GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax
                {
                    Initializer.Value: Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.ConditionalAccessExpressionSyntax
                };

        /// <summary>A DTO property whose JSON name is a gateway collection name, beside an envelope marker.</summary>
        public bool IsDtoCollection(IPropertySymbol property)
        {
            return _dtoCollections.GetOrAdd(property.OriginalDefinition, p =>
            {
                if (!IsCollectionType(p.Type) || !Contains(SinkCatalogue.GatewayCollectionNames, JsonName(p)))
                {
                    return false;
                }

                return HasEnvelopeMarker(p.ContainingType, p);
            });
        }

        private bool IsGatewaySpecificDtoCollection(IPropertySymbol property)
            => IsCollectionType(property.Type) && Contains(SinkCatalogue.GatewaySpecificCollectionNames, JsonName(property));

        /// <summary>A DTO type with a gateway collection member (the type a gateway body deserialises into).</summary>
        public bool IsGatewayDto(ITypeSymbol? type)
        {
            // The application's own types only: reading every member of every framework type a method
            // creates or reads would cost more than the rest of the rule.
            if (type is not INamedTypeSymbol named || named.SpecialType != SpecialType.None || IsFrameworkAssembly(named.ContainingAssembly))
            {
                return false;
            }

            return _dtoResponses.GetOrAdd(named.OriginalDefinition, t =>
            {
                foreach (var member in t.GetMembers())
                {
                    if (member is IPropertySymbol property && IsDtoCollection(property))
                    {
                        return true;
                    }
                }

                return false;
            });
        }

        /// <summary>
        /// A request body type: the application's own type or an anonymous type with a <c>model</c> member and a
        /// <c>messages</c>, <c>input</c> or <c>prompt</c> member (by JSON name).
        /// </summary>
        public bool IsGatewayRequestBody(ITypeSymbol? type)
        {
            // Framework types never are, and their members (a List<T>'s, substituted on every read) are the cost.
            if (type is not INamedTypeSymbol named || named.SpecialType != SpecialType.None || IsFrameworkAssembly(named.ContainingAssembly))
            {
                return false;
            }

            return _requestBodies.GetOrAdd(named.OriginalDefinition, t =>
            {
                bool model = false, body = false;
                foreach (var member in t.GetMembers())
                {
                    if (member is IPropertySymbol property)
                    {
                        var name = JsonName(property);
                        model |= string.Equals(name, SinkCatalogue.ModelName, StringComparison.OrdinalIgnoreCase);
                        body |= Contains(SinkCatalogue.GatewayRequestBodyNames, name);
                    }
                }

                return model && body;
            });
        }

        private static bool IsFrameworkAssembly(IAssemblySymbol? assembly)
        {
            var name = assembly?.Name;
            return name is null
                || name is "mscorlib" or "netstandard" or "System"
                || name.StartsWith("System.", StringComparison.Ordinal)
                || name.StartsWith("Microsoft.", StringComparison.Ordinal);
        }

        /// <summary>
        /// True when <paramref name="operation"/> is JSON parsed from an HTTP response body, following
        /// locals (one initialiser each), <c>RootElement</c>, awaits and parse/deserialize inputs.
        /// </summary>
        public bool IsFromHttpBody(IOperation? operation)
        {
            for (var hop = 0; operation is not null && hop < MaxHops * 2; hop++)
            {
                operation = operation.Unwrap();
                switch (operation)
                {
                    case ILocalReferenceOperation local:
                        operation = local.Local.Initializer(local);
                        break;
                    case IPropertyReferenceOperation { Instance: { } instance }:
                        operation = instance;
                        break;
                    case IAwaitOperation awaited:
                        operation = awaited.Operation;
                        break;
                    case IInvocationOperation invocation:
                        if (IsBodyRead(invocation))
                        {
                            return true;
                        }

                        operation = null;
                        foreach (var argument in invocation.Arguments)
                        {
                            if (Sinks.IsSink(argument, SinkKind.JsonParseInput))
                            {
                                operation = argument.Value;
                                break;
                            }
                        }

                        operation ??= invocation.Instance;
                        break;
                    default:
                        return false;
                }
            }

            return false;
        }

        /// <summary>An HTTP body read: <c>ReadFromJsonAsync</c>, <c>ReadAsStreamAsync</c>, <c>ReadAsStringAsync</c>, ….</summary>
        public bool IsBodyRead(IInvocationOperation invocation)
        {
            if (Sinks.IsSink(invocation.TargetMethod, SinkKind.HttpBodyRead) || Sinks.IsSink(invocation.TargetMethod, SinkKind.HttpTextRead))
            {
                return true;
            }

            return invocation.Arguments.Length > 0 && Sinks.IsSink(invocation.Arguments[0], SinkKind.HttpBodyRead);
        }

        /// <summary>The JSON name a property is serialised under: its attribute, else the snake_case of its name.</summary>
        public string JsonName(IPropertySymbol property) => JsonNames.SnakeCaseOf(property, _known);

        public static bool Contains(System.Collections.Immutable.ImmutableArray<string> names, string? name)
        {
            if (name is null)
            {
                return false;
            }

            foreach (var candidate in names)
            {
                if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        private bool HasEnvelopeMarker(INamedTypeSymbol type, IPropertySymbol except)
        {
            for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    if (member is IPropertySymbol sibling
                        && !SymbolEqualityComparer.Default.Equals(sibling, except)
                        && Contains(SinkCatalogue.GatewayEnvelopeNames, JsonName(sibling)))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private bool IsCollectionType(ITypeSymbol type)
        {
            if (type is IArrayTypeSymbol)
            {
                return true;
            }

            if (SymbolEqualityComparer.Default.Equals(type, _known.String) || type.TypeKind is not (TypeKind.Class or TypeKind.Interface or TypeKind.Struct))
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, _known.Enumerable))
            {
                return true;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented, _known.Enumerable))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
