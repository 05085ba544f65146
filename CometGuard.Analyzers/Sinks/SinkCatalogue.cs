using System.Collections.Immutable;

namespace CometGuard.Analyzers.Sinks
{
    /// <summary>
    /// The declarative list of positions CometGuard's rules watch. Rules never compare type or
    /// member names themselves; they ask <see cref="ResolvedSinks"/>, built from these rows once per
    /// compilation. Rows whose type the compilation does not reference are dropped at resolution.
    /// </summary>
    public static class SinkCatalogue
    {
        public const string ModelIdAttribute = "CometGuard.Annotations.ModelIdAttribute";
        public const string ApiKeyAttribute = "CometGuard.Annotations.ApiKeyAttribute";

        public static ImmutableArray<SinkRow> Rows { get; } = ImmutableArray.Create(
            // --- Credentials (CG0002) ---------------------------------------------------------
            // System.ClientModel / OpenAI .NET SDK 2.x
            new SinkRow("System.ClientModel.ApiKeyCredential", SinkRow.Constructor, "key", SinkKind.Credential),
            new SinkRow("System.ClientModel.ApiKeyCredential", "Update", "key", SinkKind.Credential),
            new SinkRow("OpenAI.OpenAIClient", SinkRow.Constructor, "apiKey", SinkKind.Credential),
            new SinkRow("OpenAI.Chat.ChatClient", SinkRow.Constructor, "apiKey", SinkKind.Credential),
            new SinkRow("OpenAI.Embeddings.EmbeddingClient", SinkRow.Constructor, "apiKey", SinkKind.Credential),
            new SinkRow("OpenAI.Images.ImageClient", SinkRow.Constructor, "apiKey", SinkKind.Credential),
            new SinkRow("OpenAI.Audio.AudioClient", SinkRow.Constructor, "apiKey", SinkKind.Credential),
            new SinkRow("OpenAI.Moderations.ModerationClient", SinkRow.Constructor, "apiKey", SinkKind.Credential),
            new SinkRow("OpenAI.Responses.ResponsesClient", SinkRow.Constructor, "apiKey", SinkKind.Credential),
            new SinkRow("OpenAI.Responses.OpenAIResponseClient", SinkRow.Constructor, "apiKey", SinkKind.Credential),
            // Azure.Core / Azure.AI.OpenAI 2.x
            new SinkRow("Azure.AzureKeyCredential", SinkRow.Constructor, "key", SinkKind.Credential),
            new SinkRow("Azure.AzureKeyCredential", "Update", "key", SinkKind.Credential),
            // Semantic Kernel connector registration
            new SinkRow("Microsoft.SemanticKernel.OpenAIKernelBuilderExtensions", SinkRow.AnyMethod, "apiKey", SinkKind.Credential),
            new SinkRow("Microsoft.SemanticKernel.OpenAIServiceCollectionExtensions", SinkRow.AnyMethod, "apiKey", SinkKind.Credential),
            new SinkRow("Microsoft.SemanticKernel.AzureOpenAIKernelBuilderExtensions", SinkRow.AnyMethod, "apiKey", SinkKind.Credential),
            new SinkRow("Microsoft.SemanticKernel.AzureOpenAIServiceCollectionExtensions", SinkRow.AnyMethod, "apiKey", SinkKind.Credential),
            // Raw HTTP
            new SinkRow("System.Net.Http.Headers.AuthenticationHeaderValue", SinkRow.Constructor, "parameter", SinkKind.Credential, whenArgument: "scheme", whenValue: "Bearer"),
            new SinkRow("System.Net.Http.Headers.HttpHeaders", "Add", "value", SinkKind.Credential, whenArgument: "name", whenValue: "Authorization"),
            new SinkRow("System.Net.Http.Headers.HttpHeaders", "Add", "values", SinkKind.Credential, whenArgument: "name", whenValue: "Authorization"),
            new SinkRow("System.Net.Http.Headers.HttpHeaders", "TryAddWithoutValidation", "value", SinkKind.Credential, whenArgument: "name", whenValue: "Authorization"),
            new SinkRow("System.Net.Http.Headers.HttpHeaders", "TryAddWithoutValidation", "values", SinkKind.Credential, whenArgument: "name", whenValue: "Authorization"),

            // --- Retry attempt counts (CG0003) --------------------------------------------------
            // Polly v7: Retry(n), WaitAndRetry(n, ...) and their async / TResult forms.
            new SinkRow("Polly.RetrySyntax", SinkRow.AnyMethod, "retryCount", SinkKind.RetryCount),
            new SinkRow("Polly.RetryTResultSyntax", SinkRow.AnyMethod, "retryCount", SinkKind.RetryCount),
            new SinkRow("Polly.AsyncRetrySyntax", SinkRow.AnyMethod, "retryCount", SinkKind.RetryCount),
            new SinkRow("Polly.AsyncRetryTResultSyntax", SinkRow.AnyMethod, "retryCount", SinkKind.RetryCount),
            // Polly v8: RetryStrategyOptions<T>.MaxRetryAttempts, which RetryStrategyOptions and
            // Microsoft.Extensions.Http.Resilience's HttpRetryStrategyOptions inherit.
            new SinkRow("Polly.Retry.RetryStrategyOptions`1", "MaxRetryAttempts", null, SinkKind.RetryCount),
            // System.ClientModel (OpenAI, Azure OpenAI SDKs): new ClientRetryPolicy(maxRetries: n).
            new SinkRow("System.ClientModel.Primitives.ClientRetryPolicy", SinkRow.Constructor, "maxRetries", SinkKind.RetryCount));
    }
}
