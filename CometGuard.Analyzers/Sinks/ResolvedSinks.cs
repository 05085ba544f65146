using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace CometGuard.Analyzers.Sinks
{
    /// <summary>
    /// The sink catalogue resolved against one compilation, member by member as calls reach it: a rule pays
    /// for the catalogue members its code calls, not for reading every member of every catalogue type (decoding
    /// them all from metadata is start-up cost every compilation would pay; docs/performance.md).
    /// Created in a compilation-start action and dropped with the compilation: nothing here outlives it.
    /// </summary>
    public sealed class ResolvedSinks
    {
        private static readonly int KindCount = Enum.GetValues(typeof(SinkKind)).Length;

        private readonly KnownSymbols _known;

        // The catalogue indexed by name: rows naming their member (constructors as ".ctor"), and rows for any
        // method of a type, by the type's simple name.
        private readonly Dictionary<string, ImmutableArray<SinkRow>> _byMember;
        private readonly Dictionary<string, ImmutableArray<SinkRow>> _anyMethodByTypeName;
        private readonly ImmutableArray<SinkRow> _catalogue;

        // The kinds a name can lead to, for the per-call pre-check: by member name (an any-method row's kinds under
        // every member name of its type, read from metadata without building the members), and by constructed type
        // name for constructors. Touching a symbol costs about a cache miss a hop in a build's heap; a call's name is
        // the cheapest thing to ask.
        private readonly Lazy<Dictionary<string, ulong>> _kindsByName;
        private readonly Dictionary<string, ulong> _kindsByCreatedType;

        // Resolved on demand: members' rows by definition (their type compared by name, never looked up), catalogue
        // types by metadata name for Has(kind), and its answers.
        private readonly ConcurrentDictionary<ISymbol, MemberRows> _members = new(DefinitionComparer.Instance);
        private readonly Func<ISymbol, MemberRows> _resolve;
        private readonly int[] _has;

        // Kinds a marker attribute can add to any method ([ModelId], [ApiKey], [LoggerMessage]); such methods are cached.
        private readonly ulong _markerKinds;
        private readonly ConcurrentDictionary<ISymbol, ulong> _markedMethods = new(DefinitionComparer.Instance);

        private ResolvedSinks(Compilation compilation, ImmutableArray<SinkRow> catalogue)
        {
            _known = KnownSymbols.For(compilation);
            _resolve = Resolve;
            _catalogue = catalogue;
            _byMember = Index(catalogue, row => row.Member == SinkRow.AnyMethod ? null : row.Member);
            _anyMethodByTypeName = Index(catalogue, row => row.Member == SinkRow.AnyMethod ? SimpleName(row.TypeMetadataName) : null);
            _kindsByName = new Lazy<Dictionary<string, ulong>>(KindsByName, LazyThreadSafetyMode.ExecutionAndPublication);
            _kindsByCreatedType = KindsOf(Index(catalogue, row => row.Member == SinkRow.Constructor ? SimpleName(row.TypeMetadataName) : null));
            _has = new int[KindCount];
            ModelIdAttribute = _known[KnownType.ModelIdAttribute];
            ApiKeyAttribute = _known[KnownType.ApiKeyAttribute];
            LoggerMessageAttribute = _known[KnownType.LoggerMessageAttribute];
            _markerKinds = (ModelIdAttribute is null ? 0 : SinkKinds.Of(SinkKind.ModelId))
                | (ApiKeyAttribute is null ? 0 : SinkKinds.Of(SinkKind.Credential))
                | (LoggerMessageAttribute is null ? 0 : SinkKinds.Of(SinkKind.Log));
        }

        public INamedTypeSymbol? ModelIdAttribute { get; }

        public INamedTypeSymbol? ApiKeyAttribute { get; }

        /// <summary><c>[LoggerMessage]</c>: every parameter of a source-generated logging method is a log sink.</summary>
        public INamedTypeSymbol? LoggerMessageAttribute { get; }

        /// <summary>The default catalogue against <paramref name="compilation"/>, one instance for all rules.</summary>
        public static ResolvedSinks Create(Compilation compilation) => PerCompilation<ResolvedSinks>.Get(compilation, c => Create(c, SinkCatalogue.Rows));

        public static ResolvedSinks Create(Compilation compilation, ImmutableArray<SinkRow> catalogue) => new(compilation, catalogue);

        /// <summary>
        /// True when the compilation references a catalogue type with a row of <paramref name="kind"/> (or its marker
        /// attribute): the rules' bail-out test, answered from the first type found.
        /// </summary>
        public bool Has(SinkKind kind)
        {
            var state = Volatile.Read(ref _has[(int)kind]);
            if (state == 0)
            {
                state = HasRow(kind) ? 1 : 2;
                Volatile.Write(ref _has[(int)kind], state);
            }

            return state == 1;
        }

        private bool HasRow(SinkKind kind)
        {
            if ((_markerKinds & SinkKinds.Of(kind)) != 0)
            {
                return true;
            }

            foreach (var row in _catalogue)
            {
                if (row.Kind == kind && Type(row.TypeMetadataName) is not null)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A rule's every-call pre-check for <paramref name="kinds"/>: the names of members (and the types of constructors)
        /// that may lead to one of them, as a filter the rule keeps in its own object. Any name passes when a marker
        /// attribute of those kinds is referenced; an ordinary partial method passes when <c>[LoggerMessage]</c> is.
        /// </summary>
        public NameFilter Names(ulong kinds)
        {
            var marked = kinds & _markerKinds;
            if ((marked & SinkKinds.Of(SinkKind.ModelId, SinkKind.Credential)) != 0)
            {
                return NameFilter.All;
            }

            var builder = new NameFilter.Builder { LoggerMessages = (marked & SinkKinds.Of(SinkKind.Log)) != 0 };
            foreach (var pair in _kindsByName.Value)
            {
                if ((pair.Value & kinds) != 0)
                {
                    builder.AddMember(pair.Key);
                }
            }

            foreach (var pair in _kindsByCreatedType)
            {
                if ((pair.Value & kinds) != 0)
                {
                    builder.AddConstructorOf(pair.Key);
                }
            }

            return builder.Build();
        }

        /// <summary>
        /// The catalogued kinds (<see cref="SinkKinds.Of(SinkKind)"/> bits) of <paramref name="method"/> itself and of its
        /// parameters, markers aside: one lookup answers "can this call matter?" for a rule that reads several kinds.
        /// </summary>
        public ulong CallKinds(IMethodSymbol method) => CallKinds(method, ulong.MaxValue);

        /// <summary>
        /// <see cref="CallKinds(IMethodSymbol)"/> among <paramref name="kinds"/> only: a call whose name leads to none of
        /// them is answered from its name alone.
        /// </summary>
        public ulong CallKinds(IMethodSymbol method, ulong kinds)
            => Rows(method, DefinitionComparer.Of(method), kinds).CallKinds & kinds;

        /// <summary>The catalogued kinds of a property (or indexer) itself and of its parameters, markers aside, in one lookup.</summary>
        public ulong MemberKinds(IPropertySymbol property) => MemberKinds(property, ulong.MaxValue);

        /// <summary><see cref="MemberKinds(IPropertySymbol)"/> among <paramref name="kinds"/> only, answered from the name when it can be.</summary>
        public ulong MemberKinds(IPropertySymbol property, ulong kinds)
            => Rows(property, property.OriginalDefinition, kinds).CallKinds & kinds;

        /// <summary>
        /// True when an argument of a call to <paramref name="method"/> may land in a sink of one of
        /// <paramref name="kinds"/> (<see cref="SinkKinds.Of(SinkKind)"/> bits): one lookup per call, before any argument is looked at.
        /// </summary>
        public bool MayTakeSink(IMethodSymbol method, ulong kinds)
        {
            var catalogued = MayMatch(method, kinds);
            var marked = kinds & _markerKinds;

            // [LoggerMessage] sits on ordinary, non-generic partial methods, which a call names as they are declared: the
            // method as called answers before its definition is read, for the every-call question "may this log?".
            if (!catalogued && (marked == 0 || (marked == SinkKinds.Of(SinkKind.Log) && !MayBeLoggerMessage(method))))
            {
                return false;
            }

            var definition = DefinitionComparer.Of(method);
            if (catalogued && (Resolved(definition).ParameterKinds & kinds) != 0)
            {
                return true;
            }

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

            parameter = parameter.OriginalDefinition;
            foreach (var row in Rows(parameter.ContainingSymbol, kind).Parameters)
            {
                if (row.Kind == kind && Names(row, parameter) && ConditionHolds(row, argument))
                {
                    return true;
                }
            }

            return HasMarker(parameter, kind);
        }

        /// <summary>True when assigning to the property lands in a sink of <paramref name="kind"/>.</summary>
        public bool IsSink(IPropertySymbol property, SinkKind kind) => IsMember(property, kind);

        /// <summary>True when a member row of <paramref name="kind"/> names the property or method.</summary>
        public bool IsMember(ISymbol member, SinkKind kind)
        {
            if (member.Kind == SymbolKind.Method && ((IMethodSymbol)member).ReducedFrom is { } reducedFrom)
            {
                member = reducedFrom;
            }

            return (Rows(member, member.OriginalDefinition, SinkKinds.Of(kind)).OwnKinds & SinkKinds.Of(kind)) != 0 || HasMarker(member, kind);
        }

        /// <summary>True when a user field is marked as a sink of <paramref name="kind"/> (<c>[ModelId]</c>, <c>[ApiKey]</c>).</summary>
        public bool IsSink(IFieldSymbol field, SinkKind kind) => HasMarker(field, kind);

        /// <summary>True when the parameter itself is a sink of <paramref name="kind"/>, whatever the call (used for default values).</summary>
        public bool IsSink(IParameterSymbol parameter, SinkKind kind)
        {
            parameter = parameter.OriginalDefinition;
            foreach (var row in Rows(parameter.ContainingSymbol, kind).Parameters)
            {
                if (row.Kind == kind && row.WhenArgument is null && Names(row, parameter))
                {
                    return true;
                }
            }

            return HasMarker(parameter, kind);
        }

        /// <summary>True when the method itself (extension methods in either form) is a sink of <paramref name="kind"/>.</summary>
        public bool IsSink(IMethodSymbol method, SinkKind kind)
        {
            return (Rows(method, DefinitionComparer.Of(method), SinkKinds.Of(kind)).OwnKinds & SinkKinds.Of(kind)) != 0;
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

            method = DefinitionComparer.Of(method);
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

        /// <summary>
        /// <c>[LoggerMessage]</c> sits on ordinary partial methods only (never a constructor, the target of every
        /// creation): a test of flags before reading any method's attributes.
        /// </summary>
        internal static bool MayBeLoggerMessage(IMethodSymbol definition)
            => definition.MethodKind == MethodKind.Ordinary && (definition.IsPartialDefinition || definition.PartialDefinitionPart is not null);

        /// <summary>The rows of a member definition (method, constructor, property, indexer) when its name may lead to <paramref name="kind"/>.</summary>
        private MemberRows Rows(ISymbol? member, SinkKind kind)
            => member is null ? MemberRows.None : Rows(member, member, SinkKinds.Of(kind));

        /// <summary>
        /// The rows of <paramref name="definition"/> when the name of <paramref name="member"/> (the symbol as the code names
        /// it) may lead to one of <paramref name="kinds"/>; none otherwise, without reading the definition.
        /// </summary>
        private MemberRows Rows(ISymbol member, ISymbol definition, ulong kinds)
            => MayMatch(member, kinds) ? Resolved(definition) : MemberRows.None;

        /// <summary>The rows of a member definition whose name may lead to one, found on its first use.</summary>
        private MemberRows Resolved(ISymbol definition) => _members.GetOrAdd(definition, _resolve);

        /// <summary>
        /// False when no catalogue row of <paramref name="kinds"/> can name <paramref name="member"/>: its name (or, for a
        /// constructor, its type's name) leads to none.
        /// </summary>
        private bool MayMatch(ISymbol member, ulong kinds)
        {
            var name = member.Name;
            if (name == WellKnownMemberNames.InstanceConstructorName)
            {
                return member.ContainingType is { } created && _kindsByCreatedType.TryGetValue(created.Name, out var made) && (made & kinds) != 0;
            }

            return _kindsByName.Value.TryGetValue(name, out var named) && (named & kinds) != 0;
        }

        private MemberRows Resolve(ISymbol member)
        {
            var own = ImmutableArray.CreateBuilder<SinkRow>();
            var parameters = ImmutableArray.CreateBuilder<SinkRow>();
            if (member.ContainingType is { } type)
            {
                if (_byMember.TryGetValue(member.Name, out var rows))
                {
                    Match(member, type, rows, own, parameters);
                }

                if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } && _anyMethodByTypeName.TryGetValue(type.Name, out rows))
                {
                    Match(member, type, rows, own, parameters);
                }
            }

            return own.Count == 0 && parameters.Count == 0 ? MemberRows.None : new MemberRows(own.ToImmutable(), parameters.ToImmutable());
        }

        private void Match(ISymbol member, INamedTypeSymbol type, ImmutableArray<SinkRow> rows, ImmutableArray<SinkRow>.Builder own, ImmutableArray<SinkRow>.Builder parameters)
        {
            foreach (var row in rows)
            {
                if (!type.HasMetadataName(row.TypeMetadataName))
                {
                    continue;
                }

                if (row.IsProperty)
                {
                    if (member is IPropertySymbol or IMethodSymbol { MethodKind: MethodKind.Ordinary })
                    {
                        own.Add(row);
                    }
                }
                else if (row.IsMethod)
                {
                    if (member is IMethodSymbol)
                    {
                        own.Add(row);
                    }
                }
                else if (row.Member != SinkRow.Constructor || member is IMethodSymbol { MethodKind: MethodKind.Constructor })
                {
                    var list = member switch
                    {
                        IMethodSymbol method => method.Parameters,
                        IPropertySymbol { IsIndexer: true } indexer => indexer.Parameters,
                        _ => ImmutableArray<IParameterSymbol>.Empty,
                    };

                    foreach (var parameter in list)
                    {
                        if (Names(row, parameter))
                        {
                            parameters.Add(row);
                            break;
                        }
                    }
                }
            }
        }

        private INamedTypeSymbol? Type(string metadataName) => _known.Type(metadataName);

        private static bool Names(SinkRow row, IParameterSymbol parameter) => row.Parameter == SinkRow.AnyParameter || parameter.Name == row.Parameter;

        private Dictionary<string, ulong> KindsByName()
        {
            var index = KindsOf(_byMember);
            index.Remove(WellKnownMemberNames.InstanceConstructorName);
            foreach (var row in _catalogue)
            {
                if (row.Member == SinkRow.AnyMethod && Type(row.TypeMetadataName) is { } type)
                {
                    foreach (var name in type.MemberNames)
                    {
                        index.TryGetValue(name, out var kinds);
                        index[name] = kinds | SinkKinds.Of(row.Kind);
                    }
                }
            }

            return index;
        }

        private static Dictionary<string, ulong> KindsOf(Dictionary<string, ImmutableArray<SinkRow>> index)
        {
            var kinds = new Dictionary<string, ulong>(StringComparer.Ordinal);
            foreach (var pair in index)
            {
                kinds.Add(pair.Key, KindsOf(pair.Value));
            }

            return kinds;
        }

        private static ulong KindsOf(ImmutableArray<SinkRow> rows)
        {
            var kinds = 0UL;
            foreach (var row in rows)
            {
                kinds |= SinkKinds.Of(row.Kind);
            }

            return kinds;
        }

        private static Dictionary<string, ImmutableArray<SinkRow>> Index(ImmutableArray<SinkRow> catalogue, Func<SinkRow, string?> key)
        {
            var index = new Dictionary<string, ImmutableArray<SinkRow>>(StringComparer.Ordinal);
            foreach (var row in catalogue)
            {
                if (key(row) is { } name)
                {
                    index[name] = index.TryGetValue(name, out var rows) ? rows.Add(row) : ImmutableArray.Create(row);
                }
            }

            return index;
        }

        /// <summary><c>Polly.RetrySyntax</c> → <c>RetrySyntax</c>, <c>A.B+C</c> → <c>C</c>, <c>A.List`1</c> → <c>List</c>: the name a symbol reports.</summary>
        private static string SimpleName(string metadataName)
        {
            var start = Math.Max(metadataName.LastIndexOf('.'), metadataName.LastIndexOf('+')) + 1;
            var tick = metadataName.IndexOf('`', start);
            return tick < 0 ? metadataName.Substring(start) : metadataName.Substring(start, tick - start);
        }

        /// <summary>A member's catalogue rows: its own (the member is the sink) and its parameters' (matched by name when asked).</summary>
        private sealed class MemberRows
        {
            public static readonly MemberRows None = new(ImmutableArray<SinkRow>.Empty, ImmutableArray<SinkRow>.Empty);

            public MemberRows(ImmutableArray<SinkRow> own, ImmutableArray<SinkRow> parameters)
            {
                Parameters = parameters;
                OwnKinds = KindsOf(own);
                ParameterKinds = KindsOf(parameters);
            }

            public ImmutableArray<SinkRow> Parameters { get; }

            public ulong OwnKinds { get; }

            public ulong ParameterKinds { get; }

            public ulong CallKinds => OwnKinds | ParameterKinds;
        }
    }
}
