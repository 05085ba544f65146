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
        // Polly v7's retry syntax types; their methods are classified by name when called, never listed: the four
        // hold hundreds of overloads a compilation would otherwise decode from metadata at start.
        private readonly INamedTypeSymbol[] _v7Syntax;
        private readonly ConcurrentDictionary<ITypeSymbol, bool> _sdkClients = new(SymbolEqualityComparer.Default);

        private RetryApis(Compilation compilation, ResolvedSinks sinks)
        {
            Sinks = sinks;
            HttpResponseMessage = compilation.FindType("System.Net.Http.HttpResponseMessage");
            HttpRequestException = compilation.FindType("System.Net.Http.HttpRequestException");
            HttpMessageInvoker = compilation.FindType("System.Net.Http.HttpMessageInvoker");
            HttpClient = compilation.FindType("System.Net.Http.HttpClient");
            ClientResultException = compilation.FindType("System.ClientModel.ClientResultException");
            ClientPipeline = compilation.FindType("System.ClientModel.Primitives.ClientPipeline");
            ClientRetryPolicy = compilation.FindType("System.ClientModel.Primitives.ClientRetryPolicy");
            ClientPipelineOptions = compilation.FindType("System.ClientModel.Primitives.ClientPipelineOptions");
            HttpClientPipelineTransport = compilation.FindType("System.ClientModel.Primitives.HttpClientPipelineTransport");

            PolicyBuilder = compilation.FindType("Polly.PolicyBuilder");
            PolicyBuilderOfT = compilation.FindType("Polly.PolicyBuilder`1");
            Policy = compilation.FindType("Polly.Policy");
            HttpPolicyExtensions = compilation.FindType("Polly.Extensions.Http.HttpPolicyExtensions");
            var syntaxTypes = new List<INamedTypeSymbol>();
            foreach (var syntax in new[] { "Polly.RetrySyntax", "Polly.RetryTResultSyntax", "Polly.AsyncRetrySyntax", "Polly.AsyncRetryTResultSyntax" })
            {
                if (compilation.FindType(syntax) is { } type)
                {
                    syntaxTypes.Add(type);
                }
            }

            _v7Syntax = syntaxTypes.ToArray();

            RetryStrategyOptionsOfT = compilation.FindType("Polly.Retry.RetryStrategyOptions`1");
            DelayBackoffType = compilation.FindType("Polly.DelayBackoffType");
            PredicateBuilder = compilation.FindType("Polly.PredicateBuilder");
            PredicateBuilderOfT = compilation.FindType("Polly.PredicateBuilder`1");
            HttpRetryStrategyOptions = compilation.FindType("Microsoft.Extensions.Http.Resilience.HttpRetryStrategyOptions");
            PollyHttpClientBuilderExtensions = compilation.FindType("Microsoft.Extensions.DependencyInjection.PollyHttpClientBuilderExtensions");
            ResilienceHttpClientBuilderExtensions = compilation.FindType("Microsoft.Extensions.DependencyInjection.ResilienceHttpClientBuilderExtensions");
            RetryPipelineBuilderExtensions = compilation.FindType("Polly.RetryResiliencePipelineBuilderExtensions");
            ResiliencePipeline = compilation.FindType("Polly.ResiliencePipeline");
            ResiliencePipelineOfT = compilation.FindType("Polly.ResiliencePipeline`1");
            HttpClientBuilder = compilation.FindType("Microsoft.Extensions.DependencyInjection.IHttpClientBuilder");
            HttpClientFactoryExtensions = compilation.FindType("Microsoft.Extensions.DependencyInjection.HttpClientFactoryServiceCollectionExtensions");
            HttpClientFactory = compilation.FindType("System.Net.Http.IHttpClientFactory");
            IsPollyExecutable = compilation.FindType("Polly.IsPolicy");

            Exception = compilation.FindType("System.Exception");
            DateTime = compilation.GetSpecialType(SpecialType.System_DateTime);
            DateTimeOffset = compilation.FindType("System.DateTimeOffset");
            Stopwatch = compilation.FindType("System.Diagnostics.Stopwatch");
            CancellationToken = compilation.FindType("System.Threading.CancellationToken");
            TimeProvider = compilation.FindType("System.TimeProvider");
            Random = compilation.FindType("System.Random");
            TimeSpan = compilation.FindType("System.TimeSpan");
        }

        public ResolvedSinks Sinks { get; }

        public INamedTypeSymbol? HttpResponseMessage { get; }
        public INamedTypeSymbol? HttpRequestException { get; }
        public INamedTypeSymbol? HttpMessageInvoker { get; }
        public INamedTypeSymbol? HttpClient { get; }
        public INamedTypeSymbol? ClientResultException { get; }
        public INamedTypeSymbol? ClientPipeline { get; }
        public INamedTypeSymbol? ClientRetryPolicy { get; }
        public INamedTypeSymbol? ClientPipelineOptions { get; }
        public INamedTypeSymbol? HttpClientPipelineTransport { get; }
        public INamedTypeSymbol? PolicyBuilder { get; }
        public INamedTypeSymbol? PolicyBuilderOfT { get; }
        public INamedTypeSymbol? Policy { get; }
        public INamedTypeSymbol? HttpPolicyExtensions { get; }
        public INamedTypeSymbol? RetryStrategyOptionsOfT { get; }
        public INamedTypeSymbol? DelayBackoffType { get; }
        public INamedTypeSymbol? PredicateBuilder { get; }
        public INamedTypeSymbol? PredicateBuilderOfT { get; }
        public INamedTypeSymbol? HttpRetryStrategyOptions { get; }
        public INamedTypeSymbol? PollyHttpClientBuilderExtensions { get; }
        public INamedTypeSymbol? ResilienceHttpClientBuilderExtensions { get; }
        public INamedTypeSymbol? RetryPipelineBuilderExtensions { get; }
        public INamedTypeSymbol? ResiliencePipeline { get; }
        public INamedTypeSymbol? ResiliencePipelineOfT { get; }
        public INamedTypeSymbol? HttpClientBuilder { get; }
        public INamedTypeSymbol? HttpClientFactoryExtensions { get; }
        public INamedTypeSymbol? HttpClientFactory { get; }
        public INamedTypeSymbol? IsPollyExecutable { get; }
        public INamedTypeSymbol? Exception { get; }
        public INamedTypeSymbol DateTime { get; }
        public INamedTypeSymbol? DateTimeOffset { get; }
        public INamedTypeSymbol? Stopwatch { get; }
        public INamedTypeSymbol? CancellationToken { get; }
        public INamedTypeSymbol? TimeProvider { get; }
        public INamedTypeSymbol? Random { get; }
        public INamedTypeSymbol? TimeSpan { get; }

        /// <summary>True when Polly v7, Polly v8 or the resilience handler is referenced.</summary>
        public bool HasRetryLibrary => _v7Syntax.Length > 0 || RetryStrategyOptionsOfT is not null;

        /// <summary>True when any retry API or gateway transport is referenced (the retry rules' bail-out test).</summary>
        public bool HasAny => HasRetryLibrary || ClientRetryPolicy is not null || HttpClient is not null;

        /// <summary>The retry APIs of <paramref name="compilation"/>, resolved once for all retry rules.</summary>
        public static RetryApis Create(Compilation compilation) => PerCompilation<RetryApis>.Get(compilation, c => new RetryApis(c, ResolvedSinks.Create(c)));

        /// <summary>What a Polly v7 retry method (<c>Retry</c>, <c>WaitAndRetryForever</c>, …) does between attempts; None for any other method.</summary>
        public RetryMethodKind KindOf(IMethodSymbol method)
        {
            // The name first: the retry rules ask this of every call, and the name is one hop from it.
            var kind = method.Name switch
            {
                "Retry" or "RetryAsync" => RetryMethodKind.Immediate,
                "WaitAndRetry" or "WaitAndRetryAsync" => RetryMethodKind.Wait,
                "RetryForever" or "RetryForeverAsync" => RetryMethodKind.Forever,
                "WaitAndRetryForever" or "WaitAndRetryForeverAsync" => RetryMethodKind.WaitForever,
                _ => RetryMethodKind.None,
            };
            if (kind == RetryMethodKind.None)
            {
                return kind;
            }

            var type = DefinitionComparer.Of(method).ContainingType;
            foreach (var syntax in _v7Syntax)
            {
                if (ReferenceEquals(syntax, type))
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

        public bool IsHttpRetryStrategyOptions(ITypeSymbol? type) => TypeLookup.DerivesFrom(type, HttpRetryStrategyOptions);

        /// <summary>True for the outcomes of a gateway call: an HTTP response, an HTTP or SDK exception.</summary>
        public bool IsGatewayOutcome(ITypeSymbol? type)
        {
            return type is not null
                && (TypeLookup.DerivesFrom(type, HttpResponseMessage) || TypeLookup.DerivesFrom(type, HttpRequestException) || TypeLookup.DerivesFrom(type, ClientResultException));
        }

        /// <summary>True for <c>Exception</c>/<c>object</c>: outcomes that say nothing about what is retried.</summary>
        public bool IsGeneralOutcome(ITypeSymbol? type)
        {
            return type is null
                || type.SpecialType == SpecialType.System_Object
                || SymbolEqualityComparer.Default.Equals(type, Exception);
        }

        /// <summary>An HTTP send (<c>HttpClient</c> methods and extensions) or a System.ClientModel SDK client call.</summary>
        public bool IsGatewayCall(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (TypeLookup.DerivesFrom(method.ContainingType, HttpMessageInvoker))
            {
                return true;
            }

            if (method.IsExtensionMethod && method.Parameters.Length > 0 && TypeLookup.DerivesFrom(method.Parameters[0].Type, HttpMessageInvoker))
            {
                return true;
            }

            return invocation.Instance?.Type is { } receiver && IsSdkClient(receiver);
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
                    foreach (var member in current.GetMembers("Pipeline"))
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
            for (var current = Unwrap(receiver); current is not null;)
            {
                if (current.Type is INamedTypeSymbol { IsGenericType: true } builder
                    && SymbolEqualityComparer.Default.Equals(builder.OriginalDefinition, PolicyBuilderOfT))
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

                current = Unwrap(Receiver(invocation));
            }

            return handled;
        }

        /// <summary>The receiver of a call, whether an instance call or an extension call in reduced form.</summary>
        public static IOperation? Receiver(IInvocationOperation invocation)
        {
            if (invocation.Instance is not null)
            {
                return invocation.Instance;
            }

            return invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0
                ? invocation.Arguments[0].Value
                : null;
        }

        public static IOperation? Unwrap(IOperation? operation)
        {
            while (true)
            {
                switch (operation)
                {
                    case IConversionOperation conversion when conversion.OperatorMethod is null:
                        operation = conversion.Operand;
                        continue;
                    case IParenthesizedOperation parenthesized:
                        operation = parenthesized.Operand;
                        continue;
                    case IAwaitOperation awaited:
                        operation = awaited.Operation;
                        continue;
                    default:
                        return operation;
                }
            }
        }
    }
}
