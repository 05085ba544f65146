
namespace CometGuard.Analyzers.Engine
{
    /// <summary>Type lookups: by CLR metadata name through the compilation's merged namespaces, and along base types.</summary>
    public static class TypeLookup
    {
        /// <summary>
        /// The type named <paramref name="metadataName"/> (<c>Polly.PolicyBuilder`1</c>, <c>A.B+Nested</c>), or null.
        /// Like <see cref="Compilation.FindType(string)"/> when the name is unique; when several
        /// assemblies define it, the compilation's own type wins, else the only public one. Walking the
        /// merged namespaces reuses what binding already built, where <c>GetTypeByMetadataName</c> asks every
        /// referenced assembly for every name, present or not (docs/performance.md has the measurement).
        /// </summary>
        public static INamedTypeSymbol? FindType(this Compilation compilation, string metadataName)
        {
            var nameStart = 0;
            INamespaceSymbol? current = compilation.GlobalNamespace;
            var typeStart = metadataName.IndexOf('+');
            var namespaceEnd = metadataName.LastIndexOf('.', typeStart < 0 ? metadataName.Length - 1 : typeStart);
            while (nameStart <= namespaceEnd)
            {
                var dot = metadataName.IndexOf('.', nameStart);
                current = Namespace(current, metadataName.Substring(nameStart, dot - nameStart));
                if (current is null)
                {
                    return null;
                }

                nameStart = dot + 1;
            }

            INamedTypeSymbol? type = null;
            foreach (var part in metadataName.Substring(nameStart).Split('+'))
            {
                var tick = part.IndexOf('`');
                var name = tick < 0 ? part : part.Substring(0, tick);
                var arity = tick < 0 || !int.TryParse(part.Substring(tick + 1), out var parsed) ? 0 : parsed;
                type = type is null ? Best(compilation, current!.GetTypeMembers(name, arity)) : Best(compilation, type.GetTypeMembers(name, arity));
                if (type is null)
                {
                    return null;
                }
            }

            return type;
        }

        /// <summary>
        /// True when <paramref name="type"/> has the metadata name <paramref name="metadataName"/> (<c>Polly.PolicyBuilder`1</c>,
        /// <c>A.B+Nested</c>), compared name by name up its containing types and namespaces: no lookup in the compilation,
        /// for asking of one symbol in hand rather than finding the type.
        /// </summary>
        public static bool HasMetadataName(this INamedTypeSymbol type, string metadataName)
        {
            var end = metadataName.Length;
            var outermost = type;
            for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
            {
                var start = end == 0 ? 0 : metadataName.LastIndexOfAny(Separators, end - 1) + 1;
                var nested = current.ContainingType is not null;
                if (!Segment(metadataName, start, end, current.MetadataName) || (start > 0 && metadataName[start - 1] == '+') != nested)
                {
                    return false;
                }

                outermost = current;
                end = start - 1;
            }

            for (var ns = outermost.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
            {
                if (end <= 0)
                {
                    return false;
                }

                var start = metadataName.LastIndexOf('.', end - 1) + 1;
                if (!Segment(metadataName, start, end, ns.Name))
                {
                    return false;
                }

                end = start - 1;
            }

            return end < 0;
        }

        /// <summary>
        /// True when <paramref name="type"/> is <paramref name="baseType"/> or derives from it (generic types by definition).
        /// <paramref name="baseType"/> is a definition, so identity decides (see <see cref="DefinitionComparer"/>): every
        /// creation and call walks here, and the symbol comparer's type equality cost more than the walk.
        /// </summary>
        public static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
        {
            if (baseType is null)
            {
                return false;
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                if (ReferenceEquals(current.OriginalDefinition, baseType))
                {
                    return true;
                }
            }

            return false;
        }

        private static readonly char[] Separators = { '.', '+' };

        private static bool Segment(string text, int start, int end, string name)
            => end - start == name.Length && string.CompareOrdinal(text, start, name, 0, name.Length) == 0;

        private static INamespaceSymbol? Namespace(INamespaceSymbol parent, string name)
        {
            foreach (var member in parent.GetMembers(name))
            {
                if (member is INamespaceSymbol child)
                {
                    return child;
                }
            }

            return null;
        }

        private static INamedTypeSymbol? Best(Compilation compilation, System.Collections.Immutable.ImmutableArray<INamedTypeSymbol> candidates)
        {
            if (candidates.Length <= 1)
            {
                return candidates.IsEmpty ? null : candidates[0];
            }

            INamedTypeSymbol? visible = null;
            foreach (var candidate in candidates)
            {
                if (SymbolEqualityComparer.Default.Equals(candidate.ContainingAssembly, compilation.Assembly))
                {
                    return candidate;
                }

                if (candidate.DeclaredAccessibility == Accessibility.Public)
                {
                    if (visible is not null)
                    {
                        return null;
                    }

                    visible = candidate;
                }
            }

            return visible;
        }
    }
}
