using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using CometGuard.Analyzers.Sinks;

namespace CometGuard.Analyzers.Retry
{
    /// <summary>What a Polly v7 retry method does between attempts.</summary>
    internal enum RetryMethodKind
    {
        None,

        /// <summary><c>Retry</c>, <c>RetryAsync</c>: no wait at all.</summary>
        Immediate,

        /// <summary><c>WaitAndRetry</c>, <c>WaitAndRetryAsync</c>.</summary>
        Wait,

        /// <summary><c>RetryForever*</c>: unbounded and immediate.</summary>
        Forever,

        /// <summary><c>WaitAndRetryForever*</c>: unbounded.</summary>
        WaitForever,
    }

    /// <summary>
    /// The retry APIs of one compilation (Polly v7, Polly v8, Microsoft.Extensions.Http.Resilience,
    /// System.ClientModel) and the HTTP / gateway SDK types that put a retry in CometGuard's scope.
    /// Built once in a compilation-start action and shared by the retry rules' handlers; dropped
    /// with the compilation.
    /// </summary>
    internal sealed class RetryApis
    {
        private static readonly KnownType[] V7Syntax = { KnownType.RetrySyntax, KnownType.RetryTResultSyntax, KnownType.AsyncRetrySyntax, KnownType.AsyncRetryTResultSyntax };

        private readonly KnownSymbols _known;
        private readonly ConcurrentDictionary<ITypeSymbol, bool> _sdkClients = new(SymbolEqualityComparer.Default);

        private RetryApis(KnownSymbols known, ResolvedSinks sinks)
        {
            _known = known;
            Sinks = sinks;
        }

        public ResolvedSinks Sinks { get; }

        public KnownSymbols Known => _known;

        public INamedTypeSymbol? HttpResponseMessage => _known[KnownType.HttpResponseMessage];
        public INamedTypeSymbol? HttpMessageInvoker => _known[KnownType.HttpMessageInvoker];
        public INamedTypeSymbol? ClientResultException => _known[KnownType.ClientResultException];
        public INamedTypeSymbol? ClientPipeline => _known[KnownType.ClientPipeline];
        public INamedTypeSymbol? ClientRetryPolicy => _known[KnownType.ClientRetryPolicy];
        public INamedTypeSymbol? ClientPipelineOptions => _known[KnownType.ClientPipelineOptions];
        public INamedTypeSymbol? HttpClientPipelineTransport => _known[KnownType.HttpClientPipelineTransport];
        public INamedTypeSymbol? RetryStrategyOptionsOfT => _known[KnownType.RetryStrategyOptionsOfT];
        public INamedTypeSymbol? RetryPipelineBuilderExtensions => _known[KnownType.RetryPipelineBuilderExtensions];
        public INamedTypeSymbol? PollyHttpClientBuilderExtensions => _known[KnownType.PollyHttpClientBuilderExtensions];
        public INamedTypeSymbol? ResilienceHttpClientBuilderExtensions => _known[KnownType.ResilienceHttpClientBuilderExtensions];
        public INamedTypeSymbol? HttpClientFactoryExtensions => _known[KnownType.HttpClientFactoryExtensions];
        public INamedTypeSymbol? TimeSpan => _known[KnownType.TimeSpan];

        /// <summary>True when Polly v7, Polly v8 or the resilience handler is referenced.</summary>
        public bool HasRetryLibrary => RetryStrategyOptionsOfT is not null || HasV7;

        /// <summary>True when any retry API or gateway transport is referenced (the retry rules' bail-out test).</summary>
        public bool HasAny => HasRetryLibrary || ClientRetryPolicy is not null || _known[KnownType.HttpClient] is not null;

        private bool HasV7
        {
            get
            {
                foreach (var syntax in V7Syntax)
                {
                    if (_known[syntax] is not null)
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        /// <summary>The retry APIs of <paramref name="compilation"/>, shared by the retry rules.</summary>
        public static RetryApis Create(Compilation compilation) => PerCompilation<RetryApis>.Get(compilation, c => new RetryApis(KnownSymbols.For(c), ResolvedSinks.Create(c)));

        /// <summary>What a Polly v7 retry method (<c>Retry</c>, <c>WaitAndRetryForever</c>, …) does between attempts; None for any other method.</summary>
        public RetryMethodKind KindOf(IMethodSymbol method)
        {
            // The name first: the retry rules ask this of every call, and the name is one hop from it.
            var kind = method.Name switch
            {
                KnownMembers.Retry or KnownMembers.RetryAsync => RetryMethodKind.Immediate,
                KnownMembers.WaitAndRetry or KnownMembers.WaitAndRetryAsync => RetryMethodKind.Wait,
                KnownMembers.RetryForever or KnownMembers.RetryForeverAsync => RetryMethodKind.Forever,
                KnownMembers.WaitAndRetryForever or KnownMembers.WaitAndRetryForeverAsync => RetryMethodKind.WaitForever,
                _ => RetryMethodKind.None,
            };
            if (kind == RetryMethodKind.None)
            {
                return kind;
            }

            var type = DefinitionComparer.Of(method).ContainingType;
            foreach (var syntax in V7Syntax)
            {
                if (ReferenceEquals(_known[syntax], type))
                {
                    return kind;
                }
            }

            return RetryMethodKind.None;
        }

        /// <summary>The <c>T</c> of <c>RetryStrategyOptions&lt;T&gt;</c> when <paramref name="type"/> is or derives from it.</summary>
        public bool IsRetryStrategyOptions(ITypeSymbol? type, out ITypeSymbol? outcome)
        {
            for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
            {
                if (RetryStrategyOptionsOfT is not null && ReferenceEquals(current.OriginalDefinition, RetryStrategyOptionsOfT))
                {
                    outcome = current.TypeArguments[0];
                    return true;
                }
            }

            outcome = null;
            return false;
        }

        public bool IsHttpRetryStrategyOptions(ITypeSymbol? type) => _known.IsOrDerives(type, KnownType.HttpRetryStrategyOptions);

        /// <summary>True for the outcomes of a gateway call: an HTTP response, an HTTP or SDK exception.</summary>
        public bool IsGatewayOutcome(ITypeSymbol? type)
        {
            return type is not null
                && (_known.IsOrDerives(type, KnownType.HttpResponseMessage) || _known.IsOrDerives(type, KnownType.HttpRequestException) || _known.IsOrDerives(type, KnownType.ClientResultException));
        }

        /// <summary>True for <c>Exception</c>/<c>object</c>: outcomes that say nothing about what is retried.</summary>
        public bool IsGeneralOutcome(ITypeSymbol? type)
        {
            return type is null
                || type.SpecialType == SpecialType.System_Object
                || SymbolEqualityComparer.Default.Equals(type, _known[KnownType.Exception]);
        }

        /// <summary>
        /// An HTTP send (<c>HttpClient</c> methods and extensions), a System.ClientModel SDK client call, or a send from
        /// middleware: <c>base.SendAsync</c> in a <c>DelegatingHandler</c>, a Microsoft.Extensions.AI chat client call
        /// (<c>base.GetResponseAsync</c> in a <c>DelegatingChatClient</c>, <c>InnerClient.GetResponseAsync</c>).
        /// </summary>
        public bool IsGatewayCall(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (TypeLookup.DerivesFrom(method.ContainingType, HttpMessageInvoker) || IsMiddlewareSend(method.ContainingType))
            {
                return true;
            }

            if (method.IsExtensionMethod && method.Parameters.Length > 0
                && (TypeLookup.DerivesFrom(method.Parameters[0].Type, HttpMessageInvoker) || _known.Is(method.Parameters[0].Type, KnownType.IChatClient)))
            {
                return true;
            }

            return invocation.Instance?.Type is { } receiver && IsSdkClient(receiver);
        }

        /// <summary>
        /// <c>DelegatingHandler</c>'s sends (only reachable as <c>base.SendAsync</c> from a handler: they are protected) and
        /// the chat client abstraction's calls, through the interface or a delegating client.
        /// </summary>
        private bool IsMiddlewareSend(INamedTypeSymbol? owner)
        {
            return owner is not null
                && (_known.Is(owner, KnownType.DelegatingHandler) || _known.Is(owner, KnownType.IChatClient) || _known.Is(owner, KnownType.DelegatingChatClient));
        }

        /// <summary>A client built on a System.ClientModel pipeline (OpenAI, Azure OpenAI): it retries by itself.</summary>
        public bool IsSdkClient(ITypeSymbol type)
        {
            if (ClientPipeline is null)
            {
                return false;
            }

            return _sdkClients.GetOrAdd(type, t =>
            {
                for (var current = t; current is not null; current = current.BaseType)
                {
                    foreach (var member in current.GetMembers(KnownMembers.Pipeline))
                    {
                        if (member is IPropertySymbol property && SymbolEqualityComparer.Default.Equals(property.Type, ClientPipeline))
                        {
                            return true;
                        }
                    }
                }

                return false;
            });
        }

        public bool ContainsGatewayCall(IOperation? root, CancellationToken cancellationToken)
        {
            if (root is null)
            {
                return false;
            }

            foreach (var operation in root.DescendantsAndSelf())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (operation is IInvocationOperation invocation && IsGatewayCall(invocation))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether a retry built at <paramref name="at"/> is in scope: it handles gateway outcomes, it
        /// is attached to an <c>HttpClient</c> builder, or it handles everything and sits in code that
        /// calls a gateway.
        /// </summary>
        public bool IsInScope(IOperation at, IEnumerable<ITypeSymbol?> handled, CancellationToken cancellationToken)
        {
            var general = false;
            var any = false;
            foreach (var type in handled)
            {
                any = true;
                if (IsGatewayOutcome(type))
                {
                    return true;
                }

                general |= IsGeneralOutcome(type);
            }

            if (IsAttachedToHttpClient(at))
            {
                return true;
            }

            return (!any || general) && ContainsGatewayCall(at.EnclosingBody(), cancellationToken);
        }

        /// <summary>A Polly v7 retry call whose policy builder chain handles gateway outcomes (or sits in gateway code).</summary>
        public bool IsPolicyInScope(IInvocationOperation retry, CancellationToken cancellationToken)
            => IsInScope(retry, HandledByChain(retry.Receiver()), cancellationToken);

        /// <summary>A call that takes a retry count: in scope unless it is a Polly v7 retry whose policy is not.</summary>
        public bool IsCountInScope(IInvocationOperation call, CancellationToken cancellationToken)
            => KindOf(call.TargetMethod) == RetryMethodKind.None || IsPolicyInScope(call, cancellationToken);

        /// <summary>
        /// A retry-count property written on options: <c>RetryStrategyOptions</c> whose own <c>ShouldHandle</c> (in the same
        /// object initialiser) or outcome type says what is retried; any other catalogued property belongs to a gateway SDK.
        /// </summary>
        public bool IsOptionsInScope(IPropertyReferenceOperation target, CancellationToken cancellationToken)
        {
            var options = target.Instance?.Type;
            if (!IsRetryStrategyOptions(options, out var outcome))
            {
                return true;
            }

            var handled = new List<ITypeSymbol?> { outcome };
            if (target.Parent is ISimpleAssignmentOperation { Parent: IObjectOrCollectionInitializerOperation initializer })
            {
                handled = RetryOptionsState.Of(this, initializer, IsHttpRetryStrategyOptions(options)).Handled(outcome);
            }

            return IsInScope(target, handled, cancellationToken);
        }

        /// <summary>True when the operation is (part of) an argument to an <c>IHttpClientBuilder</c> extension.</summary>
        public bool IsAttachedToHttpClient(IOperation operation)
        {
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                if (current is IArgumentOperation { Parameter.ContainingSymbol: IMethodSymbol method }
                    && (SymbolEqualityComparer.Default.Equals(method.ContainingType, PollyHttpClientBuilderExtensions)
                        || SymbolEqualityComparer.Default.Equals(method.ContainingType, ResilienceHttpClientBuilderExtensions)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The exception and result types a Polly v7 policy builder chain handles:
        /// <c>Policy.Handle&lt;T&gt;().Or&lt;U&gt;().OrResult&lt;R&gt;(...)</c>, following receivers.
        /// </summary>
        public List<ITypeSymbol?> HandledByChain(IOperation? receiver)
        {
            var handled = new List<ITypeSymbol?>();
            for (var current = receiver?.UnwrapAwait(); current is not null;)
            {
                if (current.Type is INamedTypeSymbol { IsGenericType: true } builder
                    && _known.Is(builder, KnownType.PolicyBuilderOfT))
                {
                    handled.Add(builder.TypeArguments[0]);
                }

                if (current is not IInvocationOperation invocation)
                {
                    break;
                }

                foreach (var typeArgument in invocation.TargetMethod.TypeArguments)
                {
                    handled.Add(typeArgument);
                }

                current = invocation.Receiver()?.UnwrapAwait();
            }

            return handled;
        }
    }
}
