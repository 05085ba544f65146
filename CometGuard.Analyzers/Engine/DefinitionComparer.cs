using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace CometGuard.Analyzers.Engine
{
    /// <summary>
    /// Identity of original definitions within one compilation. A definition (<c>OriginalDefinition</c>,
    /// never a constructed or reduced symbol) is one object per compilation, so reference identity gives
    /// the same answer as <see cref="SymbolEqualityComparer.Default"/>, whose hash of a property or method
    /// recomputes its name and containing type: on the benchmark that hash cost more than the lookups it serves.
    /// </summary>
    internal sealed class DefinitionComparer : IEqualityComparer<ISymbol>
    {
        public static DefinitionComparer Instance { get; } = new();

        public bool Equals(ISymbol? x, ISymbol? y) => ReferenceEquals(x, y);

        public int GetHashCode(ISymbol obj) => RuntimeHelpers.GetHashCode(obj);

        /// <summary>The definition a call names: extension methods in their declared form, generics unconstructed.</summary>
        public static IMethodSymbol Of(IMethodSymbol method) => (method.ReducedFrom ?? method).OriginalDefinition;
    }
}
