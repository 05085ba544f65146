namespace CometGuard.Analyzers.Sinks
{
    /// <summary>
    /// The member and parameter names the rules rely on beside the sink catalogue's rows, in one table, grouped by the
    /// API that declares them: rules and domains compare a symbol's name only with these.
    /// </summary>
    internal static class KnownMembers
    {
        // Polly v7: the retry syntax methods and the policy builder chain.
        public const string Retry = "Retry";
        public const string RetryAsync = "RetryAsync";
        public const string WaitAndRetry = "WaitAndRetry";
        public const string WaitAndRetryAsync = "WaitAndRetryAsync";
        public const string RetryForever = "RetryForever";
        public const string RetryForeverAsync = "RetryForeverAsync";
        public const string WaitAndRetryForever = "WaitAndRetryForever";
        public const string WaitAndRetryForeverAsync = "WaitAndRetryForeverAsync";
        public const string RetryCountParameter = "retryCount";
        public const string Handle = "Handle";
        public const string Or = "Or";
        public const string HandleResult = "HandleResult";
        public const string OrResult = "OrResult";

        // Polly v8: RetryStrategyOptions<T>, pipelines.
        public const string MaxRetryAttempts = "MaxRetryAttempts";
        public const string BackoffType = "BackoffType";
        public const string UseJitter = "UseJitter";
        public const string Delay = "Delay";
        public const string DelayGenerator = "DelayGenerator";
        public const string ShouldHandle = "ShouldHandle";
        public const string PredicateTrue = "True";
        public const string PredicateFalse = "False";

        // Microsoft.Extensions.AI failover routing.
        public const string MaximumAttemptsPerRequest = "MaximumAttemptsPerRequest";
        public const string SelectClientAsync = "SelectClientAsync";
        public const string ExecutePrefix = "Execute";

        // HttpClientFactory and its resilience integrations.
        public const string AddHttpClient = "AddHttpClient";
        public const string AddStandardResilienceHandler = "AddStandardResilienceHandler";
        public const string AddResilienceHandler = "AddResilienceHandler";
        public const string AddPolicyHandler = "AddPolicyHandler";
        public const string AddTransientHttpErrorPolicy = "AddTransientHttpErrorPolicy";
        public const string CreateClient = "CreateClient";
        public const string NameParameter = "name";

        // System.ClientModel.
        public const string Pipeline = "Pipeline";
        public const string RetryPolicy = "RetryPolicy";
        public const string Status = "Status";

        // System.Net.Http.HttpResponseMessage.
        public const string IsSuccessStatusCode = "IsSuccessStatusCode";
        public const string StatusCode = "StatusCode";
        public const string EnsureSuccessStatusCode = "EnsureSuccessStatusCode";

        /// <summary>Name starts of a helper that throws on a failed response when its body is not in source (CG0007).</summary>
        public static ImmutableArray<string> StatusHelperPrefixes { get; } = ImmutableArray.Create("Ensure", "Check", "Validate", "ThrowIf");

        // System.Threading.CancellationToken.
        public const string IsCancellationRequested = "IsCancellationRequested";
        public const string ThrowIfCancellationRequested = "ThrowIfCancellationRequested";

        // The base class library.
        public const string Zero = "Zero";
        public const string Value = "Value";
        public const string HasValue = "HasValue";
        public const string Count = "Count";
        public const string Length = "Length";
        public const string Add = "Add";
        public const string Create = "Create";
        public const string ToStringMethod = "ToString";
        public const string ElementAt = "ElementAt";
        public const string FirstOrDefault = "FirstOrDefault";
        public const string ElementAtOrDefault = "ElementAtOrDefault";
        public const string OrDefaultSuffix = "OrDefault";
        public const string AsyncSuffix = "Async";

        // Serialisation attributes: Newtonsoft's [JsonProperty(PropertyName = …)].
        public const string PropertyName = "PropertyName";

        // Waits between attempts: Task.Delay, Thread.Sleep, and Math.Pow in a computed backoff.
        public const string TaskDelay = "Delay";
        public const string Sleep = "Sleep";
        public const string Pow = "Pow";
    }
}
