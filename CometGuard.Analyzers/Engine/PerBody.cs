using System;
using System.Collections.Concurrent;

namespace CometGuard.Analyzers.Engine
{
    /// <summary>
    /// A fact about one method body (or initializer), computed the first time a finding in it asks, however many it
    /// holds. Keyed by the body's syntax, which the compilation keeps anyway: a weak table keyed by the operation
    /// cost more in dependent handles than the walks it saved.
    /// </summary>
    internal sealed class PerBody<T>
    {
        private readonly ConcurrentDictionary<SyntaxNode, T> _facts = new();
        private readonly Func<IOperation, T> _compute;

        public PerBody(Func<IOperation, T> compute)
        {
            _compute = compute;
        }

        /// <summary>The fact for the body around <paramref name="operation"/>.</summary>
        public T Get(IOperation operation)
        {
            var body = operation.EnclosingBody();
            return _facts.TryGetValue(body.Syntax, out var fact) ? fact : _facts.GetOrAdd(body.Syntax, _compute(body));
        }
    }
}
