using System;
using System.Collections.Generic;
using System.Threading;

namespace CometGuard.Analyzers.Bodies
{
    /// <summary>
    /// The top-level field names of a raw HTTP request body (normalised: lower case, no <c>_</c>), followed through the
    /// shapes real code sends: anonymous objects, DTOs declared in source, <c>JsonObject</c>/dictionary initialisers,
    /// JSON text, and the wrappers that carry a body (<c>JsonContent.Create</c>, <c>StringContent</c>, <c>Serialize</c>).
    /// </summary>
    internal sealed class RequestFields
    {
        private const int MaxDepth = 3;

        private readonly ResolvedSinks _sinks;
        private readonly KnownSymbols _known;

        public RequestFields(ResolvedSinks sinks, KnownSymbols known)
        {
            _sinks = sinks;
            _known = known;
        }


        /// <summary>The body sent with the request that <paramref name="call"/> makes or builds.</summary>
        public IOperation? FindBody(IOperation? call, CancellationToken cancellationToken)
        {
            var arguments = call switch
            {
                IInvocationOperation invocation => invocation.Arguments,
                IObjectCreationOperation creation => creation.Arguments,
                _ => ImmutableArray<IArgumentOperation>.Empty,
            };

            foreach (var sibling in arguments)
            {
                if (_sinks.IsSink(sibling, SinkKind.RequestPayload))
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
                        && _sinks.IsSink(property, SinkKind.RequestPayload))
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
                        && _sinks.IsSink(property, SinkKind.RequestPayload))
                    {
                        return assignment.Value;
                    }
                }
            }

            return null;
        }

        /// <summary>The body's top-level field names, normalised; null when the shape is not known.</summary>
        public HashSet<string>? FieldsOf(IOperation? body, int depth, CancellationToken cancellationToken)
        {
            body = body?.Unwrap();
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
                    return FieldsOf(local.Initializer(reference), depth + 1, cancellationToken)
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
                if (argument.Parameter is not null && _sinks.IsSink(argument, SinkKind.RequestPayload))
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
                        names.Add(Normalize(JsonNames.Of(property, _known)));
                    }
                }
            }

            return names.Count == 0 ? null : names;
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

        /// <summary>A field name compared across spellings: lower case, no <c>_</c>.</summary>
        public static string Normalize(string name)
        {
            return name.Replace("_", string.Empty).ToLowerInvariant();
        }
    }
}
