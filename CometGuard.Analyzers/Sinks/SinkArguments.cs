using System;
using CometGuard.Analyzers.Sinks;

namespace CometGuard.Analyzers.Sinks
{
    /// <summary>
    /// Argument analysis driven from calls and creations. An action registered on every
    /// <see cref="OperationKind.Argument"/> costs more than the median NetAnalyzers rule on the benchmark
    /// even when it returns at once; one callback per call with one lookup of the target does not.
    /// </summary>
    internal static class SinkArguments
    {
        /// <summary>The operations that carry arguments to a sink: calls (constructor initialisers included) and creations.</summary>
        public static ImmutableArray<OperationKind> OperationKinds { get; } = ImmutableArray.Create(OperationKind.Invocation, OperationKind.ObjectCreation);

        /// <summary>The target and arguments of a call or creation; no target for any other operation.</summary>
        public static (IMethodSymbol? Method, ImmutableArray<IArgumentOperation> Arguments) Call(IOperation operation)
        {
            return operation switch
            {
                IInvocationOperation invocation => (invocation.TargetMethod, invocation.Arguments),
                IObjectCreationOperation creation => (creation.Constructor, creation.Arguments),
                _ => (null, ImmutableArray<IArgumentOperation>.Empty),
            };
        }

        /// <summary>
        /// An action for <see cref="OperationKinds"/> that hands each argument to <paramref name="analyze"/> when the
        /// target may take a sink of <paramref name="kinds"/>, or when <paramref name="alsoWhen"/> says so.
        /// </summary>
        public static Action<OperationAnalysisContext> Create(
            ResolvedSinks sinks,
            ulong kinds,
            Action<OperationAnalysisContext, IArgumentOperation> analyze,
            Func<OperationAnalysisContext, IMethodSymbol, bool>? alsoWhen = null)
        {
            var names = sinks.Names(kinds);
            return context =>
            {
                var named = Named(context.Operation, names, out var method, out var arguments);
                if (method is null
                    || (!named && alsoWhen is null)
                    || arguments.IsEmpty
                    || (!(named && sinks.MayTakeSink(method, kinds)) && (alsoWhen is null || !alsoWhen(context, method))))
                {
                    return;
                }

                foreach (var argument in arguments)
                {
                    analyze(context, argument);
                }
            };
        }

        /// <summary>
        /// The target and arguments of a call or creation (none for any other operation), and whether
        /// <paramref name="names"/> lets its name through. The name is read first and alone: most calls are turned
        /// away by it, and the arguments or a creation's constructor are each one more object in the build's heap.
        /// A creation is named by the type it creates, which the creation holds itself.
        /// </summary>
        public static bool Named(IOperation operation, in NameFilter names, out IMethodSymbol? method, out ImmutableArray<IArgumentOperation> arguments)
        {
            switch (operation)
            {
                case IInvocationOperation invocation:
                    method = invocation.TargetMethod;
                    arguments = invocation.Arguments;
                    return names.MayName(method);
                case IObjectCreationOperation { Type: { } created } creation:
                    method = creation.Constructor;
                    arguments = creation.Arguments;
                    return names.MayCreate(created);
                default:
                    method = null;
                    arguments = ImmutableArray<IArgumentOperation>.Empty;
                    return false;
            }
        }
    }
}
