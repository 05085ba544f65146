using System.Collections.Generic;
using System.Threading;

namespace CometGuard.Analyzers.Endpoints
{
    /// <summary>
    /// The raw HTTP clients and requests of one type that carry a credential (CG0009): the owner of the headers an
    /// <c>Authorization</c> value is set on, or an <c>HttpClient</c> handed to an SDK call together with its key (Semantic
    /// Kernel takes its endpoint from the client's <c>BaseAddress</c>). An owner is known when it is a field or property
    /// of the type, a local holding a new object, or an object created in place; anything else (a parameter, a client
    /// from a factory) may be any client, so a credential there counts for every address in the type.
    /// </summary>
    internal sealed class CredentialCarriers
    {
        private readonly HashSet<object> _owners;

        private CredentialCarriers(HashSet<object> owners, bool anyOwner)
        {
            _owners = owners;
            AnyOwner = anyOwner;
        }

        /// <summary>A credential is attached to something that may be any client or request.</summary>
        public bool AnyOwner { get; }

        public bool IsEmpty => !AnyOwner && _owners.Count == 0;

        /// <summary>True when one of <paramref name="owners"/> (null: not known) may carry a credential.</summary>
        public bool MayCarry(IReadOnlyCollection<object?> owners)
        {
            if (IsEmpty)
            {
                return false;
            }

            if (AnyOwner)
            {
                return true;
            }

            foreach (var owner in owners)
            {
                if (owner is null || _owners.Contains(owner))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Every credential in <paramref name="operations"/> (the calls, creations and assignments of a type) and what it is attached to.</summary>
        public static CredentialCarriers Collect(IEnumerable<IOperation> operations, ResolvedSinks sinks, KnownSymbols known)
        {
            var owners = new HashSet<object>(Owners.Comparer);
            var anyOwner = false;
            foreach (var operation in operations)
            {
                if (anyOwner)
                {
                    break;
                }

                if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { } property } target })
                {
                    if (sinks.IsSink(property, SinkKind.Credential))
                    {
                        anyOwner |= !Add(owners, HeaderCredentialOwner(property, target.Instance, known, out var attached), attached);
                    }

                    continue;
                }

                var (method, arguments) = SinkArguments.Call(operation);
                if (method is null || !sinks.MayTakeSink(method, SinkKinds.Of(SinkKind.Credential)) || !HasCredential(arguments, sinks))
                {
                    continue;
                }

                if (known.IsOrDerives(method.ContainingType, KnownType.AuthenticationHeaderValue))
                {
                    // A header value attaches nothing until it is set on headers, which the assignment or Add records;
                    // handed anywhere else, it may reach any request.
                    anyOwner |= !IsStored(operation);
                }
                else if (known.IsOrDerives(method.ContainingType, KnownType.HttpHeaders))
                {
                    anyOwner |= !Add(owners, HeadersOwner((operation as IInvocationOperation)?.Instance, known), true);
                }
                else if (method.Locations.Length > 0 && method.Locations[0].IsInSource)
                {
                    // The project's own [ApiKey] method: where it sends the key is not in sight.
                    anyOwner = true;
                }
                else
                {
                    // An SDK call sends its key to its own endpoint, and to a client's BaseAddress only when given that client.
                    foreach (var argument in arguments)
                    {
                        if (argument.ArgumentKind != ArgumentKind.DefaultValue
                            && argument.Value.ConstantValue is not { HasValue: true, Value: null }
                            && known.IsOrDerives(argument.Value.Type, KnownType.HttpClient))
                        {
                            anyOwner |= !Add(owners, Owners.Of(argument.Value, known), true);
                        }
                    }
                }
            }

            return new CredentialCarriers(owners, anyOwner);
        }

        /// <summary>
        /// The clients and requests an address of raw HTTP is sent with: the client or request it is set on, and for a
        /// request the clients that send it in the same body. Null stands for an owner that is not known.
        /// </summary>
        public static IReadOnlyCollection<object?> AddressOwners(IOperation position, KnownSymbols known, CancellationToken cancellationToken)
        {
            var result = new List<object?>();
            switch (position)
            {
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target }:
                    AddWithSenders(result, target.Instance, known, cancellationToken);
                    break;
                case IArgumentOperation { Parent: IObjectCreationOperation creation }:
                    AddWithSenders(result, creation, known, cancellationToken);
                    break;
                case IArgumentOperation { Parent: IInvocationOperation invocation }:
                    result.Add(Owners.Of(invocation.Receiver(), known));
                    break;
                default:
                    result.Add(null);
                    break;
            }

            return result;
        }

        private static void AddWithSenders(List<object?> result, IOperation? owner, KnownSymbols known, CancellationToken cancellationToken)
        {
            var key = Owners.Of(owner, known);
            result.Add(key);
            if (key is null || owner?.Type is not { } type || !known.IsOrDerives(type, KnownType.HttpRequestMessage))
            {
                return;
            }

            // A request created as the argument of the send itself.
            var created = Owners.Creation(owner!, known);
            if (created?.Parent is IArgumentOperation { Parent: IInvocationOperation direct } && IsSend(direct, known))
            {
                result.Add(Owners.Of(direct.Instance, known));
                return;
            }

            var sent = false;
            if (key is ILocalSymbol local)
            {
                foreach (var descendant in owner!.EnclosingBody().Descendants())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (descendant is IInvocationOperation send
                        && IsSend(send, known)
                        && send.Arguments.Length > 0
                        && send.Arguments[0].Value.Unwrap() is ILocalReferenceOperation reference
                        && SymbolEqualityComparer.Default.Equals(reference.Local, local))
                    {
                        result.Add(Owners.Of(send.Instance, known));
                        sent = true;
                    }
                }
            }

            // Returned or handed on, the request may be sent by any client.
            if (!sent)
            {
                result.Add(null);
            }
        }

        private static bool IsSend(IInvocationOperation invocation, KnownSymbols known)
            => invocation.Instance is { Type: { } type } && known.IsOrDerives(type, KnownType.HttpMessageInvoker);

        private static bool HasCredential(ImmutableArray<IArgumentOperation> arguments, ResolvedSinks sinks)
        {
            foreach (var argument in arguments)
            {
                if (sinks.IsSink(argument, SinkKind.Credential))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A header value kept in a variable, field or property, or set where it is created.</summary>
        private static bool IsStored(IOperation creation)
        {
            return creation.ParentThroughConversions() is ISimpleAssignmentOperation or IVariableInitializerOperation or IFieldInitializerOperation or IPropertyInitializerOperation;
        }

        /// <summary>The owner of the headers a credential property is set on; <paramref name="attached"/> is false for an SDK option.</summary>
        private static object? HeaderCredentialOwner(IPropertySymbol property, IOperation? instance, KnownSymbols known, out bool attached)
        {
            attached = known.IsOrDerives(property.ContainingType, KnownType.HttpHeaders);
            if (attached)
            {
                return HeadersOwner(instance, known);
            }

            // An SDK option (an options object's ApiKey) reaches no raw client; the project's own [ApiKey] member may reach any.
            attached = property.Locations.Length > 0 && property.Locations[0].IsInSource;
            return null;
        }

        /// <summary>The client or request whose headers <paramref name="headers"/> are: <c>x.DefaultRequestHeaders</c>, <c>x.Headers</c>.</summary>
        private static object? HeadersOwner(IOperation? headers, KnownSymbols known)
        {
            return headers?.Unwrap() is IPropertyReferenceOperation { Instance: { Type: { } ownerType } instance }
                && (known.IsOrDerives(ownerType, KnownType.HttpClient) || known.IsOrDerives(ownerType, KnownType.HttpRequestMessage))
                    ? Owners.Of(instance, known)
                    : null;
        }

        /// <summary>Adds a known owner; false when a credential is attached to an owner that is not known.</summary>
        private static bool Add(HashSet<object> owners, object? owner, bool attached)
        {
            if (!attached)
            {
                return true;
            }

            if (owner is null)
            {
                return false;
            }

            owners.Add(owner);
            return true;
        }

        /// <summary>Identity of a client or request: a field or property, a local holding a new object, or the creation's syntax.</summary>
        private static class Owners
        {
            public static IEqualityComparer<object> Comparer { get; } = new OwnerComparer();

            public static object? Of(IOperation? operation, KnownSymbols known)
            {
                operation = operation?.Unwrap();
                switch (operation)
                {
                    case IFieldReferenceOperation { Field: { } field } reference when OwnInstance(reference.Instance):
                        return field.OriginalDefinition;
                    case IPropertyReferenceOperation { Property: { } property } reference when OwnInstance(reference.Instance):
                        return property.OriginalDefinition;
                    case ILocalReferenceOperation { Local: { } local } reference:
                        return local.Initializer(reference) is IObjectCreationOperation ? local : null;
                    case IObjectCreationOperation creation:
                        return Stored(creation) ?? (creation.Syntax.SyntaxTree, creation.Syntax.Span);
                    case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } receiver:
                        return Initialized(receiver, known);
                    default:
                        return null;
                }
            }

            /// <summary>The creation a local holding a new object was initialised with, or the creation itself.</summary>
            public static IOperation? Creation(IOperation operation, KnownSymbols known)
            {
                operation = operation.Unwrap();
                return operation switch
                {
                    IObjectCreationOperation creation => creation,
                    IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } => InitializedCreation(operation),
                    _ => null,
                };
            }

            private static bool OwnInstance(IOperation? instance)
                => instance is null or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance };

            /// <summary>Where a creation is kept when it is the initial or assigned value of a local, field or property.</summary>
            private static object? Stored(IObjectCreationOperation creation)
            {
                switch (creation.ParentThroughConversions())
                {
                    case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: { } local } }:
                        return local;
                    case IFieldInitializerOperation { InitializedFields.Length: 1 } field:
                        return field.InitializedFields[0].OriginalDefinition;
                    case IPropertyInitializerOperation { InitializedProperties.Length: 1 } property:
                        return property.InitializedProperties[0].OriginalDefinition;
                    case ISimpleAssignmentOperation { Target: IFieldReferenceOperation { Field: { } field } target } when OwnInstance(target.Instance):
                        return field.OriginalDefinition;
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { } property } target } when OwnInstance(target.Instance):
                        return property.OriginalDefinition;
                    default:
                        return null;
                }
            }

            /// <summary>The object an object initialiser's implicit receiver stands for, through nested initialisers.</summary>
            private static object? Initialized(IOperation receiver, KnownSymbols known)
            {
                var initializer = Initializer(receiver);
                return initializer?.Parent switch
                {
                    IObjectCreationOperation creation => Of(creation, known),

                    // `Headers = { Authorization = … }`: the headers of the object the outer initialiser creates.
                    IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation member } when known.IsOrDerives(member.Type, KnownType.HttpHeaders)
                        => HeadersOwnerOf(member, known),
                    _ => null,
                };
            }

            private static IOperation? InitializedCreation(IOperation receiver)
                => Initializer(receiver)?.Parent as IObjectCreationOperation;

            private static IObjectOrCollectionInitializerOperation? Initializer(IOperation receiver)
            {
                for (var parent = receiver.Parent; parent is not null; parent = parent.Parent)
                {
                    if (parent is IObjectOrCollectionInitializerOperation initializer)
                    {
                        return initializer;
                    }
                }

                return null;
            }

            private static object? HeadersOwnerOf(IPropertyReferenceOperation headers, KnownSymbols known)
                => headers.Instance is { Type: { } type } instance
                    && (known.IsOrDerives(type, KnownType.HttpClient) || known.IsOrDerives(type, KnownType.HttpRequestMessage))
                    ? Of(instance, known)
                    : null;

            private sealed class OwnerComparer : IEqualityComparer<object>
            {
                public new bool Equals(object? x, object? y)
                    => x is ISymbol a && y is ISymbol b ? SymbolEqualityComparer.Default.Equals(a, b) : x is not null && x.Equals(y);

                public int GetHashCode(object obj)
                    => obj is ISymbol symbol ? SymbolEqualityComparer.Default.GetHashCode(symbol) : obj.GetHashCode();
            }
        }
    }
}
