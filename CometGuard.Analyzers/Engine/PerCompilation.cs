using System;
using System.Runtime.CompilerServices;
using System.Threading;

namespace CometGuard.Analyzers.Engine
{
    /// <summary>
    /// One value per compilation, built once however many rules ask for it at the same time, and
    /// dropped with the compilation: the table holds compilations weakly, so nothing outlives one in the IDE.
    /// </summary>
    internal static class PerCompilation<T>
        where T : class?
    {
        // ConditionalWeakTable runs the factory outside its lock, so every rule starting concurrently
        // would build its own copy; the Lazy makes the others wait for the first one instead.
        private static readonly ConditionalWeakTable<Compilation, Lazy<T>> Table = new();

        public static T Get(Compilation compilation, Func<Compilation, T> create)
            => Table.GetValue(compilation, c => new Lazy<T>(() => create(c), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }
}
