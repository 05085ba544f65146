using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CometGuard.Analyzers.Retry
{
    /// <summary>
    /// Microsoft.Extensions.AI's failover routing. <c>FailoverChatClient.MaximumAttemptsPerRequest</c> null (the default)
    /// "leaves termination to client selection": a subclass whose <c>SelectClientAsync</c> always hands out a client
    /// (it never throws, so it must repeat one) retries a failing request with no limit.
    /// <c>OrderedFailoverChatClient</c> tries each client once and rethrows the last failure: bounded by its list, but
    /// each SDK client in it keeps its own <c>ClientRetryPolicy</c>, so one request becomes the sum of their attempts
    /// (counted with the caller's <see cref="RetryLayers"/>: building one reads the handler types' member names).
    /// </summary>
    internal sealed class FailoverClients
    {
        private readonly RetryApis _apis;
        private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _unlimitedTypes = new(SymbolEqualityComparer.Default);

        public FailoverClients(RetryApis apis)
        {
            _apis = apis;
        }

        /// <summary>
        /// A class of this compilation that derives from <c>FailoverChatClient</c>, sets no attempt limit in its own code,
        /// and whose selection never throws (so it can hand out a client again).
        /// </summary>
        private bool SelectsWithoutLimit(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            if (type.IsAbstract || type.TypeKind != TypeKind.Class || !_apis.Known.IsOrDerives(type.BaseType, KnownType.FailoverChatClient))
            {
                return false;
            }

            var selects = false;
            for (var current = type; current is not null && current.Locations.Length > 0 && current.Locations[0].IsInSource; current = current.BaseType)
            {
                foreach (var reference in current.DeclaringSyntaxReferences)
                {
                    var declaration = reference.GetSyntax(cancellationToken);
                    foreach (var node in declaration.DescendantNodes(n => n == declaration || n is not TypeDeclarationSyntax))
                    {
                        switch (node)
                        {
                            case AssignmentExpressionSyntax { Left: var left } when AssignedName(left) == KnownMembers.MaximumAttemptsPerRequest:
                                return false;
                            case MethodDeclarationSyntax { Identifier.ValueText: KnownMembers.SelectClientAsync } select when !selects:
                                if (Throws(select))
                                {
                                    return false;
                                }

                                selects = true;
                                break;
                        }
                    }
                }
            }

            return selects;
        }

        /// <summary>
        /// A creation of a failover type that selects without a limit (<see cref="SelectsWithoutLimit"/>, judged once per
        /// type), whose initialiser sets no limit and whose variable gets none later in the same body.
        /// </summary>
        public bool IsUnlimited(IObjectCreationOperation creation, INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            // Every `new` of the project passes here: a type deriving from object, or from metadata, is turned away first.
            if (type.BaseType is not { SpecialType: SpecialType.None } || type.DeclaringSyntaxReferences.IsEmpty
                || !_unlimitedTypes.GetOrAdd(type, t => SelectsWithoutLimit(t, cancellationToken)))
            {
                return false;
            }

            if (creation.Initializer is { } initializer)
            {
                foreach (var member in initializer.Initializers)
                {
                    if (member is ISimpleAssignmentOperation assignment && SetsLimit(assignment))
                    {
                        return false;
                    }
                }
            }

            if (creation.ParentThroughConversions() is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: var local } })
            {
                foreach (var operation in creation.EnclosingBody().Descendants())
                {
                    if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: ILocalReferenceOperation target } } later
                        && SymbolEqualityComparer.Default.Equals(target.Local, local)
                        && SetsLimit(later))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private bool SetsLimit(ISimpleAssignmentOperation assignment)
        {
            return assignment.Target is IPropertyReferenceOperation { Property: { Name: KnownMembers.MaximumAttemptsPerRequest } property }
                && _apis.Known.Is(property.ContainingType, KnownType.FailoverChatClient)
                && assignment.Value.Unwrap().ConstantValue is not { HasValue: true, Value: null };
        }

        /// <summary>
        /// For <c>new OrderedFailoverChatClient(clients)</c> over clients written in place (or in a local's initialiser):
        /// how many clients, how many of them retry by themselves and with how many retries, and the calls one request can
        /// make (the first <c>MaximumAttemptsPerRequest</c> clients when the initialiser sets it). Null when no client retries.
        /// </summary>
        public FailoverChain? Chain(IObjectCreationOperation creation, RetryLayers layers)
        {
            if (!_apis.Known.Is(creation.Type, KnownType.OrderedFailoverChatClient) || creation.Arguments.Length == 0)
            {
                return null;
            }

            var clients = Clients(creation.Arguments[0].Value);
            if (clients.Count < 2)
            {
                return null;
            }

            var limit = AttemptLimit(creation) ?? clients.Count;
            long calls = 0;
            var retrying = 0;
            var most = 0;
            for (var i = 0; i < clients.Count && i < limit; i++)
            {
                var retries = layers.SdkRetriesBehind(clients[i]) ?? 0;
                calls += 1 + retries;
                if (retries > 0)
                {
                    retrying++;
                    most = System.Math.Max(most, retries);
                }
            }

            return retrying == 0 ? null : new FailoverChain(clients.Count, retrying, most, calls);
        }

        private static List<IOperation> Clients(IOperation argument)
        {
            var value = argument.Unwrap();
            if (value is ILocalReferenceOperation local && local.Local.Initializer(local) is { } initializer)
            {
                value = initializer;
            }

            var clients = new List<IOperation>(value.WrittenElements());
            if (clients.Count == 0 && value.Syntax is CollectionExpressionSyntax collection && value.SemanticModel is { } model)
            {
                // Collection expressions have no operation of their own in the Roslyn version analyzers build against.
                foreach (var element in collection.Elements)
                {
                    if (element is ExpressionElementSyntax { Expression: var expression } && model.GetOperation(expression) is { } operation)
                    {
                        clients.Add(operation);
                    }
                }
            }

            return clients;
        }

        private static int? AttemptLimit(IObjectCreationOperation creation)
        {
            if (creation.Initializer is null)
            {
                return null;
            }

            foreach (var initializer in creation.Initializer.Initializers)
            {
                if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: KnownMembers.MaximumAttemptsPerRequest }, Value: var value }
                    && value.Unwrap().ConstantValue is { HasValue: true, Value: int limit } && limit > 0)
                {
                    return limit;
                }
            }

            return null;
        }

        private static string? AssignedName(ExpressionSyntax left) => left switch
        {
            IdentifierNameSyntax name => name.Identifier.ValueText,
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            _ => null,
        };

        /// <summary>
        /// A selection that may end the failover: it throws, or hands the choice to a method of its own or to the base
        /// (<c>=&gt; NextOrThrow()</c>, <c>base.SelectClientAsync(…)</c>), which may.
        /// </summary>
        private static bool Throws(SyntaxNode node)
        {
            foreach (var descendant in node.DescendantNodes())
            {
                if (descendant.IsKind(SyntaxKind.ThrowStatement) || descendant.IsKind(SyntaxKind.ThrowExpression))
                {
                    return true;
                }

                if (descendant is InvocationExpressionSyntax { Expression: IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax or BaseExpressionSyntax } })
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>An <c>OrderedFailoverChatClient</c>'s clients and the calls one request can become through it.</summary>
    internal sealed class FailoverChain
    {
        public FailoverChain(int clients, int retrying, int retries, long calls)
        {
            Clients = clients;
            Retrying = retrying;
            Retries = retries;
            Calls = calls;
        }

        public int Clients { get; }

        /// <summary>The clients that keep the SDK's <c>ClientRetryPolicy</c>.</summary>
        public int Retrying { get; }

        /// <summary>The most retries one of them makes.</summary>
        public int Retries { get; }

        public long Calls { get; }
    }
}
