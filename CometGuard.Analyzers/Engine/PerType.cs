using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CometGuard.Analyzers.Engine
{
    /// <summary>
    /// A fact about a whole top-level type (nested types included), computed the first time a finding
    /// needs it from the calls, creations and assignments in the type's declarations, and kept for the
    /// compilation. A symbol-start action on every type costs the driver more per type than the median
    /// NetAnalyzers rule spends in a whole build, while these facts (does this type set a credential,
    /// which variables does it send as a prompt) matter for a few candidate values only.
    /// </summary>
    internal sealed class PerType<T>
    {
        private readonly ConcurrentDictionary<INamedTypeSymbol, T> _facts = new(SymbolEqualityComparer.Default);
        private readonly Func<IEnumerable<IOperation>, CancellationToken, T> _compute;

        /// <param name="compute">Builds the fact from every call, creation and simple assignment in the type.</param>
        public PerType(Func<IEnumerable<IOperation>, CancellationToken, T> compute)
        {
            _compute = compute;
        }

        /// <summary>The fact for the top-level type around the operation being analysed; <c>default</c> outside a type.</summary>
        public T? Get(OperationAnalysisContext context)
        {
            var type = context.ContainingSymbol as INamedTypeSymbol ?? context.ContainingSymbol.ContainingType;
            while (type?.ContainingType is { } outer)
            {
                type = outer;
            }

            if (type is null)
            {
                return default;
            }

            if (_facts.TryGetValue(type, out var known))
            {
                return known;
            }

            // Computed outside any lock and without Lazy: a cancelled computation must not be cached,
            // and two threads racing on one type only repeat a read-only walk.
            var fact = _compute(Operations(type, context.Operation.SemanticModel, context.Compilation, context.CancellationToken), context.CancellationToken);
            return _facts.GetOrAdd(type, fact);
        }

        private static IEnumerable<IOperation> Operations(INamedTypeSymbol type, SemanticModel? current, Compilation compilation, CancellationToken cancellationToken)
        {
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax(cancellationToken);
                var model = current is not null && current.SyntaxTree == syntax.SyntaxTree
                    ? current
#pragma warning disable RS1030 // Another part of a partial type: the operation's own model covers only its tree.
                    : compilation.GetSemanticModel(syntax.SyntaxTree);
#pragma warning restore RS1030
                foreach (var node in syntax.DescendantNodes())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (IsCandidate(node) && model.GetOperation(node, cancellationToken) is { } operation)
                    {
                        yield return operation;
                    }
                }
            }
        }

        private static bool IsCandidate(SyntaxNode node)
        {
            return node is InvocationExpressionSyntax
                or BaseObjectCreationExpressionSyntax
                or ConstructorInitializerSyntax
                or PrimaryConstructorBaseTypeSyntax
                || node.IsKind(SyntaxKind.SimpleAssignmentExpression);
        }
    }
}
