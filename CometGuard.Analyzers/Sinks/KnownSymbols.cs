using System.Threading;

namespace CometGuard.Analyzers.Sinks
{
    /// <summary>The types the rules rely on beside the sink catalogue's rows, in one table (<see cref="KnownSymbols"/>).</summary>
    internal enum KnownType
    {
        // System, System.Net.Http, System.Text.Json
        Exception,
        DateTimeOffset,
        TimeSpan,
        TimeProvider,
        Random,
        Stopwatch,
        CancellationToken,
        Uri,
        StringDictionary,
        HttpClient,
        HttpMessageInvoker,
        HttpResponseMessage,
        HttpRequestException,
        HttpClientFactory,
        JsonElement,
        JsonNode,
        JsonObject,
        JsonValue,
        JsonPropertyNameAttribute,

        // Newtonsoft.Json
        JObject,
        JToken,
        NewtonsoftJsonPropertyAttribute,

        // System.ClientModel (OpenAI and Azure OpenAI SDKs)
        ClientResultException,
        ClientPipeline,
        ClientPipelineOptions,
        ClientRetryPolicy,
        HttpClientPipelineTransport,

        // Polly v7
        Policy,
        PolicyBuilder,
        PolicyBuilderOfT,
        IsPolicy,
        RetrySyntax,
        RetryTResultSyntax,
        AsyncRetrySyntax,
        AsyncRetryTResultSyntax,

        // Polly v8
        RetryStrategyOptionsOfT,
        PredicateBuilder,
        PredicateBuilderOfT,
        RetryPipelineBuilderExtensions,
        ResiliencePipeline,
        ResiliencePipelineOfT,

        // HttpClientFactory and its resilience integrations
        HttpRetryStrategyOptions,
        HttpClientFactoryExtensions,
        PollyHttpClientBuilderExtensions,
        ResilienceHttpClientBuilderExtensions,

        // Markers and attributes
        ModelIdAttribute,
        ApiKeyAttribute,
        LoggerMessageAttribute,
        XunitFact,
        NUnitTest,
        NUnitTestCase,
        NUnitTestCaseSource,
        MSTestTestMethod,
        TUnitTest,

        // Retry delays and middleware that resends (appended: the table's order is its index)
        Task,
        Thread,
        Math,
        DelegatingHandler,
        IChatClient,
        DelegatingChatClient,

        // System.IO
        Stream,

        // System.Net.Http: where a raw request's credential is attached (CG0009)
        HttpHeaders,
        AuthenticationHeaderValue,
        HttpRequestMessage,

        // Polly v8 predicates (CG0005)
        PredicateResult,
        OutcomeOfT,

        // Microsoft.Extensions.AI failover routing (CG0003, CG0011)
        FailoverChatClient,
        OrderedFailoverChatClient,
    }

    /// <summary>
    /// The known types of one compilation, each looked up by its metadata name the first time a rule asks and then
    /// kept: one resolution per compilation for every rule, and none for a type no rule needs there. Dropped with the
    /// compilation, like every per-compilation value.
    /// </summary>
    internal sealed class KnownSymbols
    {
        /// <summary>The metadata name of each <see cref="KnownType"/>, in the enum's order.</summary>
        public static readonly ImmutableArray<string> MetadataNames = ImmutableArray.Create(
            "System.Exception",
            "System.DateTimeOffset",
            "System.TimeSpan",
            "System.TimeProvider",
            "System.Random",
            "System.Diagnostics.Stopwatch",
            "System.Threading.CancellationToken",
            "System.Uri",
            "System.Collections.Generic.IDictionary`2",
            "System.Net.Http.HttpClient",
            "System.Net.Http.HttpMessageInvoker",
            "System.Net.Http.HttpResponseMessage",
            "System.Net.Http.HttpRequestException",
            "System.Net.Http.IHttpClientFactory",
            "System.Text.Json.JsonElement",
            "System.Text.Json.Nodes.JsonNode",
            "System.Text.Json.Nodes.JsonObject",
            "System.Text.Json.Nodes.JsonValue",
            "System.Text.Json.Serialization.JsonPropertyNameAttribute",
            "Newtonsoft.Json.Linq.JObject",
            "Newtonsoft.Json.Linq.JToken",
            "Newtonsoft.Json.JsonPropertyAttribute",
            "System.ClientModel.ClientResultException",
            "System.ClientModel.Primitives.ClientPipeline",
            "System.ClientModel.Primitives.ClientPipelineOptions",
            "System.ClientModel.Primitives.ClientRetryPolicy",
            "System.ClientModel.Primitives.HttpClientPipelineTransport",
            "Polly.Policy",
            "Polly.PolicyBuilder",
            "Polly.PolicyBuilder`1",
            "Polly.IsPolicy",
            "Polly.RetrySyntax",
            "Polly.RetryTResultSyntax",
            "Polly.AsyncRetrySyntax",
            "Polly.AsyncRetryTResultSyntax",
            "Polly.Retry.RetryStrategyOptions`1",
            "Polly.PredicateBuilder",
            "Polly.PredicateBuilder`1",
            "Polly.RetryResiliencePipelineBuilderExtensions",
            "Polly.ResiliencePipeline",
            "Polly.ResiliencePipeline`1",
            "Microsoft.Extensions.Http.Resilience.HttpRetryStrategyOptions",
            "Microsoft.Extensions.DependencyInjection.HttpClientFactoryServiceCollectionExtensions",
            "Microsoft.Extensions.DependencyInjection.PollyHttpClientBuilderExtensions",
            "Microsoft.Extensions.DependencyInjection.ResilienceHttpClientBuilderExtensions",
            "CometGuard.Annotations.ModelIdAttribute",
            "CometGuard.Annotations.ApiKeyAttribute",
            "Microsoft.Extensions.Logging.LoggerMessageAttribute",
            "Xunit.FactAttribute",
            "NUnit.Framework.TestAttribute",
            "NUnit.Framework.TestCaseAttribute",
            "NUnit.Framework.TestCaseSourceAttribute",
            "Microsoft.VisualStudio.TestTools.UnitTesting.TestMethodAttribute",
            "TUnit.Core.TestAttribute",
            "System.Threading.Tasks.Task",
            "System.Threading.Thread",
            "System.Math",
            "System.Net.Http.DelegatingHandler",
            "Microsoft.Extensions.AI.IChatClient",
            "Microsoft.Extensions.AI.DelegatingChatClient",
            "System.IO.Stream",
            "System.Net.Http.Headers.HttpHeaders",
            "System.Net.Http.Headers.AuthenticationHeaderValue",
            "System.Net.Http.HttpRequestMessage",
            "Polly.PredicateResult",
            "Polly.Outcome`1",
            "Microsoft.Extensions.AI.FailoverChatClient",
            "Microsoft.Extensions.AI.OrderedFailoverChatClient");

        /// <summary>Test-method attributes: a read that throws inside a test fails the test, which is what it wants (CG0006).</summary>
        public static readonly ImmutableArray<KnownType> TestMethodAttributes = ImmutableArray.Create(
            KnownType.XunitFact, KnownType.NUnitTest, KnownType.NUnitTestCase, KnownType.NUnitTestCaseSource, KnownType.MSTestTestMethod, KnownType.TUnitTest);

        private static readonly object Missing = new();

        private readonly Compilation _compilation;
        private readonly object?[] _types = new object?[MetadataNames.Length];
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, INamedTypeSymbol?> _byName = new(System.StringComparer.Ordinal);

        private KnownSymbols(Compilation compilation)
        {
            _compilation = compilation;
            String = compilation.GetSpecialType(SpecialType.System_String);
            DateTime = compilation.GetSpecialType(SpecialType.System_DateTime);
            Enumerable = compilation.GetSpecialType(SpecialType.System_Collections_IEnumerable);
        }

        /// <summary>The known types of <paramref name="compilation"/>, one table for all rules.</summary>
        public static KnownSymbols For(Compilation compilation) => PerCompilation<KnownSymbols>.Get(compilation, c => new KnownSymbols(c));

        /// <summary>The type, or null when the compilation does not reference it.</summary>
        public INamedTypeSymbol? this[KnownType type]
        {
            get
            {
                var slot = Volatile.Read(ref _types[(int)type]);
                if (slot is null)
                {
                    // Two threads may look up the same name at once; both find the same symbol.
                    slot = _compilation.FindType(MetadataNames[(int)type]) ?? Missing;
                    Volatile.Write(ref _types[(int)type], slot);
                }

                return slot as INamedTypeSymbol;
            }
        }

        /// <summary>Any other type by metadata name (the sink catalogue's rows), looked up once.</summary>
        public INamedTypeSymbol? Type(string metadataName) => _byName.GetOrAdd(metadataName, name => _compilation.FindType(name));

        public INamedTypeSymbol String { get; }

        public INamedTypeSymbol DateTime { get; }

        public INamedTypeSymbol Enumerable { get; }

        /// <summary>True when <paramref name="type"/> is the known type or derives from it (generic types by definition).</summary>
        public bool IsOrDerives(ITypeSymbol? type, KnownType known) => TypeLookup.DerivesFrom(type, this[known]);

        /// <summary>True when <paramref name="type"/>'s definition is the known type itself.</summary>
        public bool Is(ITypeSymbol? type, KnownType known) => type is not null && this[known] is { } symbol && ReferenceEquals(type.OriginalDefinition, symbol);
    }
}
