using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using CometGuard.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace CometGuard.Analyzers.Sinks
{
    /// <summary>
    /// The sink catalogue resolved against one compilation. Built once in a compilation-start
    /// action and dropped with the compilation: nothing here outlives it.
    /// </summary>
    public sealed class ResolvedSinks
    {
        private readonly Dictionary<ISymbol, ImmutableArray<SinkRow>> _rows;
        private readonly bool[] _kinds;

        // Per method or indexer: the kinds its parameter rows carry (SinkKinds.Of bits), for the per-call pre-check.
        private readonly Dictionary<ISymbol, ulong> _parameterKinds = new(DefinitionComparer.Instance);

        // Per method or property: the kinds of its own rows and of its parameters' rows, for rules that ask one question per call.
        private readonly Dictionary<ISymbol, ulong> _callKinds = new(DefinitionComparer.Instance);

        // Kinds a marker attribute can add to any method ([ModelId], [ApiKey], [LoggerMessage]); such methods are cached.
        private readonly ulong _markerKinds;
        private readonly ConcurrentDictionary<ISymbol, ulong> _markedMethods = new(DefinitionComparer.Instance);

        private ResolvedSinks(Dictionary<ISymbol, ImmutableArray<SinkRow>> rows, INamedTypeSymbol? modelIdAttribute, INamedTypeSymbol? apiKeyAttribute, INamedTypeSymbol? loggerMessageAttribute)
        {
            _rows = rows;
            ModelIdAttribute = modelIdAttribute;
            ApiKeyAttribute = apiKeyAttribute;
            LoggerMessageAttribute = loggerMessageAttribute;
            _kinds = new bool[Enum.GetValues(typeof(SinkKind)).Length];
            foreach (var pair in rows)
            {
                foreach (var row in pair.Value)
                {
                    _kinds[(int)row.Kind] = true;
                    var call = pair.Key;
                    if (pair.Key is IParameterSymbol { ContainingSymbol: { } member })
                    {
                        _parameterKinds.TryGetValue(member, out var kinds);
                        _parameterKinds[member] = kinds | SinkKinds.Of(row.Kind);
                        call = member;
                    }

                    _callKinds.TryGetValue(call, out var callKinds);
                    _callKinds[call] = callKinds | SinkKinds.Of(row.Kind);
                }
            }

            if (modelIdAttribute is not null)
            {
                _kinds[(int)SinkKind.ModelId] = true;
                _markerKinds |= SinkKinds.Of(SinkKind.ModelId);
            }

            if (apiKeyAttribute is not null)
            {
                _kinds[(int)SinkKind.Credential] = true;
                _markerKinds |= SinkKinds.Of(SinkKind.Credential);
            }

            if (loggerMessageAttribute is not null)
            {
                _kinds[(int)SinkKind.Log] = true;
                _markerKinds |= SinkKinds.Of(SinkKind.Log);
            }
        }

        public INamedTypeSymbol? ModelIdAttribute { get; }

        public INamedTypeSymbol? ApiKeyAttribute { get; }

        /// <summary><c>[LoggerMessage]</c>: every parameter of a source-generated logging method is a log sink.</summary>
        public INamedTypeSymbol? LoggerMessageAttribute { get; }

        /// <summary>The default catalogue resolved against <paramref name="compilation"/>, once for all rules.</summary>
        public static ResolvedSinks Create(Compilation compilation) => PerCompilation<ResolvedSinks>.Get(compilation, c => Create(c, SinkCatalogue.Rows));

        public static ResolvedSinks Create(Compilation compilation, ImmutableArray<SinkRow> catalogue)
        {
            var rows = new Dictionary<ISymbol, ImmutableArray<SinkRow>>(DefinitionComparer.Instance);
            var types = new Dictionary<string, INamedTypeSymbol?>(StringComparer.Ordinal);
            foreach (var row in catalogue)
            {
                if (!types.TryGetValue(row.TypeMetadataName, out var type))
                {
                    type = compilation.FindType(row.TypeMetadataName);
                    types.Add(row.TypeMetadataName, type);
                }

                if (type is null)
                {
                    continue;
                }

                // By name where the row names its member: a type's whole member list, wrapped anew on every call, is
                // the larger part of resolving the catalogue.
                var candidates = row.Member == SinkRow.AnyMethod ? type.GetMembers() : type.GetMembers(row.Member);
                foreach (var member in candidates)
                {
                    if (!MatchesMember(row, member))
                    {
                        continue;
                    }

                    if (row.IsProperty)
                    {
                        if (member is IPropertySymbol or IMethodSymbol { MethodKind: MethodKind.Ordinary })
                        {
                            Add(rows, member.OriginalDefinition, row);
                        }
                    }
                    else if (row.IsMethod)
                    {
                        if (member is IMethodSymbol self)
                        {
                            Add(rows, self.OriginalDefinition, row);
                        }
                    }
                    else
                    {
                        var parameters = member switch
                        {
                            IMethodSymbol method => method.OriginalDefinition.Parameters,
                            IPropertySymbol { IsIndexer: true } indexer => indexer.OriginalDefinition.Parameters,
                            _ => ImmutableArray<IParameterSymbol>.Empty,
                        };

                        foreach (var parameter in parameters)
                        {
                            if (parameter.Name == row.Parameter || row.Parameter == SinkRow.AnyParameter)
                            {
                                Add(rows, parameter, row);
                            }
                        }
                    }
                }
            }

            return new ResolvedSinks(
                rows,
                compilation.FindType(SinkCatalogue.ModelIdAttribute),
                compilation.FindType(SinkCatalogue.ApiKeyAttribute),
                compilation.FindType(SinkCatalogue.LoggerMessageAttribute));
        }

        /// <summary>True when the compilation references at least one sink of <paramref name="kind"/>.</summary>
        public bool Has(SinkKind kind) => _kinds[(int)kind];

        /// <summary>
        /// The catalogued kinds (<see cref="SinkKinds.Of(SinkKind)"/> bits) of <paramref name="method"/> itself and of its
        /// parameters, markers aside: one lookup answers "can this call matter?" for a rule that reads several kinds.
        /// </summary>
        public ulong CallKinds(IMethodSymbol method)
        {
            return _callKinds.TryGetValue((method.ReducedFrom ?? method).OriginalDefinition, out var kinds) ? kinds : 0;
        }

        /// <summary>The catalogued kinds of a property (or indexer) itself and of its parameters, markers aside, in one lookup.</summary>
        public ulong MemberKinds(IPropertySymbol property)
        {
            return _callKinds.TryGetValue(property.OriginalDefinition, out var kinds) ? kinds : 0;
        }

        /// <summary>
        /// True when an argument of a call to <paramref name="method"/> may land in a sink of one of
        /// <paramref name="kinds"/> (<see cref="SinkKinds.Of(SinkKind)"/> bits): one lookup per call, before any argument is looked at.
        /// </summary>
        public bool MayTakeSink(IMethodSymbol method, ulong kinds)
        {
            var definition = (method.ReducedFrom ?? method).OriginalDefinition;
            if (_parameterKinds.TryGetValue(definition, out var found) && (found & kinds) != 0)
            {
                return true;
            }

            var marked = kinds & _markerKinds;
            if (marked == 0)
            {
                return false;
            }

            // The dictionary below is for methods that may carry a marker; most calls are turned away before it.
            if (marked == SinkKinds.Of(SinkKind.Log) && !MayBeLoggerMessage(definition))
            {
                return false;
            }

            return (_markedMethods.GetOrAdd(definition, MarkedKinds) & kinds) != 0;
        }

        private ulong MarkedKinds(ISymbol member)
        {
            var kinds = 0UL;
            if (member is not IMethodSymbol method)
            {
                return kinds;
            }

            if (IsLoggerMessage(method))
            {
                kinds |= SinkKinds.Of(SinkKind.Log);
            }

            foreach (var parameter in method.Parameters)
            {
                kinds |= HasMarker(parameter, SinkKind.ModelId) ? SinkKinds.Of(SinkKind.ModelId) : 0;
                kinds |= HasMarker(parameter, SinkKind.Credential) ? SinkKinds.Of(SinkKind.Credential) : 0;
            }

            return kinds;
        }

        /// <summary>True when the argument lands in a sink of <paramref name="kind"/>, conditions included.</summary>
        public bool IsSink(IArgumentOperation argument, SinkKind kind)
        {
            var parameter = argument.Parameter;
            if (parameter is null)
            {
                return false;
            }

            if (_rows.TryGetValue(parameter.OriginalDefinition, out var rows))
            {
                foreach (var row in rows)
                {
                    if (row.Kind == kind && ConditionHolds(row, argument))
                    {
                        return true;
                    }
                }
            }

            return HasMarker(parameter, kind);
        }

        /// <summary>True when assigning to the property lands in a sink of <paramref name="kind"/>.</summary>
        public bool IsSink(IPropertySymbol property, SinkKind kind) => IsMember(property, kind);

        /// <summary>True when a member row of <paramref name="kind"/> names the property or method.</summary>
        public bool IsMember(ISymbol member, SinkKind kind)
        {
            if (member is IMethodSymbol { ReducedFrom: { } reducedFrom })
            {
                member = reducedFrom;
            }

            if (_rows.TryGetValue(member.OriginalDefinition, out var rows))
            {
                foreach (var row in rows)
                {
                    if (row.Kind == kind)
                    {
                        return true;
                    }
                }
            }

            return HasMarker(member, kind);
        }

        /// <summary>True when a user field is marked as a sink of <paramref name="kind"/> (<c>[ModelId]</c>, <c>[ApiKey]</c>).</summary>
        public bool IsSink(IFieldSymbol field, SinkKind kind) => HasMarker(field, kind);

        /// <summary>True when the parameter itself is a sink of <paramref name="kind"/>, whatever the call (used for default values).</summary>
        public bool IsSink(IParameterSymbol parameter, SinkKind kind)
        {
            if (_rows.TryGetValue(parameter.OriginalDefinition, out var rows))
            {
                foreach (var row in rows)
                {
                    if (row.Kind == kind && row.WhenArgument is null)
                    {
                        return true;
                    }
                }
            }

            return HasMarker(parameter, kind);
        }

        /// <summary>True when the method itself (extension methods in either form) is a sink of <paramref name="kind"/>.</summary>
        public bool IsSink(IMethodSymbol method, SinkKind kind)
        {
            var definition = (method.ReducedFrom ?? method).OriginalDefinition;
            if (_rows.TryGetValue(definition, out var rows))
            {
                foreach (var row in rows)
                {
                    if (row.Kind == kind)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private bool HasMarker(ISymbol symbol, SinkKind kind)
        {
            if (kind == SinkKind.Log)
            {
                return symbol is IParameterSymbol { ContainingSymbol: IMethodSymbol method } && IsLoggerMessage(method);
            }

            var marker = kind switch
            {
                SinkKind.ModelId => ModelIdAttribute,
                SinkKind.Credential => ApiKeyAttribute,
                _ => null,
            };

            if (marker is null)
            {
                return false;
            }

            foreach (var attribute in symbol.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, marker))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True for a source-generated logging method: one declared with <c>[LoggerMessage]</c>.</summary>
        public bool IsLoggerMessage(IMethodSymbol method)
        {
            if (LoggerMessageAttribute is null)
            {
                return false;
            }

            method = (method.ReducedFrom ?? method).OriginalDefinition;
            if (!MayBeLoggerMessage(method))
            {
                return false;
            }

            method = method.PartialDefinitionPart ?? method;
            foreach (var attribute in method.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, LoggerMessageAttribute))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool ConditionHolds(SinkRow row, IArgumentOperation argument)
        {
            if (row.WhenArgument is null)
            {
                return true;
            }

            var arguments = argument.Parent switch
            {
                IInvocationOperation invocation => invocation.Arguments,
                IObjectCreationOperation creation => creation.Arguments,
                _ => ImmutableArray<IArgumentOperation>.Empty,
            };

            foreach (var sibling in arguments)
            {
                if (sibling.Parameter?.Name == row.WhenArgument)
                {
                    return sibling.Value.ConstantValue is { HasValue: true, Value: string text }
                        && string.Equals(text.Trim(), row.WhenValue, StringComparison.OrdinalIgnoreCase);
                }
            }

            return false;
        }

        private static bool MatchesMember(SinkRow row, ISymbol member)
        {
            return row.Member switch
            {
                SinkRow.Constructor => member is IMethodSymbol { MethodKind: MethodKind.Constructor },
                SinkRow.AnyMethod => member is IMethodSymbol { MethodKind: MethodKind.Ordinary },
                _ => member.Name == row.Member,
            };
        }

        /// <summary>
        /// <c>[LoggerMessage]</c> sits on ordinary partial methods only (never a constructor, the target of every
        /// creation): a test of flags before reading any method's attributes.
        /// </summary>
        private static bool MayBeLoggerMessage(IMethodSymbol definition)
            => definition.MethodKind == MethodKind.Ordinary && (definition.IsPartialDefinition || definition.PartialDefinitionPart is not null);

        private static void Add(Dictionary<ISymbol, ImmutableArray<SinkRow>> rows, ISymbol key, SinkRow row)
        {
            rows[key] = rows.TryGetValue(key, out var existing) ? existing.Add(row) : ImmutableArray.Create(row);
        }
    }
}
