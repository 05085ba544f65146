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
            // --- Model IDs (CG0001) -----------------------------------------------------------
            // OpenAI .NET SDK 2.x: model per client, or per call for the Responses client (2.8+).
            new SinkRow("OpenAI.OpenAIClient", "GetChatClient", "model", SinkKind.ModelId),
            new SinkRow("OpenAI.OpenAIClient", "GetEmbeddingClient", "model", SinkKind.ModelId),
            new SinkRow("OpenAI.OpenAIClient", "GetAudioClient", "model", SinkKind.ModelId),
            new SinkRow("OpenAI.OpenAIClient", "GetImageClient", "model", SinkKind.ModelId),
            new SinkRow("OpenAI.OpenAIClient", "GetModerationClient", "model", SinkKind.ModelId),
            new SinkRow("OpenAI.Chat.ChatClient", SinkRow.Constructor, "model", SinkKind.ModelId),
            new SinkRow("OpenAI.Embeddings.EmbeddingClient", SinkRow.Constructor, "model", SinkKind.ModelId),
            new SinkRow("OpenAI.Audio.AudioClient", SinkRow.Constructor, "model", SinkKind.ModelId),
            new SinkRow("OpenAI.Images.ImageClient", SinkRow.Constructor, "model", SinkKind.ModelId),
            new SinkRow("OpenAI.Moderations.ModerationClient", SinkRow.Constructor, "model", SinkKind.ModelId),
            new SinkRow("OpenAI.Responses.ResponsesClient", "CreateResponse", "model", SinkKind.ModelId),
            new SinkRow("OpenAI.Responses.ResponsesClient", "CreateResponseAsync", "model", SinkKind.ModelId),
            new SinkRow("OpenAI.Responses.ResponsesClient", "CreateResponseStreamingAsync", "model", SinkKind.ModelId),
            new SinkRow("OpenAI.Responses.ResponsesClient", SinkRow.Constructor, "model", SinkKind.ModelId),
            new SinkRow("OpenAI.Responses.OpenAIResponseClient", SinkRow.Constructor, "model", SinkKind.ModelId),
            new SinkRow("OpenAI.Responses.CreateResponseOptions", SinkRow.Constructor, "model", SinkKind.ModelId),
            new SinkRow("OpenAI.Responses.CreateResponseOptions", "Model", null, SinkKind.ModelId),
            new SinkRow("OpenAI.Assistants.AssistantClient", "CreateAssistant", "model", SinkKind.ModelId),
            new SinkRow("OpenAI.Assistants.AssistantClient", "CreateAssistantAsync", "model", SinkKind.ModelId),
            new SinkRow("OpenAI.Realtime.RealtimeClient", "StartConversationSessionAsync", "model", SinkKind.ModelId),
            new SinkRow("OpenAI.Chat.ChatClientSettings", "Model", null, SinkKind.ModelId),
            new SinkRow("OpenAI.Embeddings.EmbeddingClientSettings", "Model", null, SinkKind.ModelId),
            new SinkRow("OpenAI.Audio.AudioClientSettings", "Model", null, SinkKind.ModelId),
            new SinkRow("OpenAI.Images.ImageClientSettings", "Model", null, SinkKind.ModelId),
            // Azure.AI.OpenAI 2.x: deployment names stand for the model.
            new SinkRow("Azure.AI.OpenAI.AzureOpenAIClient", "GetChatClient", "deploymentName", SinkKind.ModelId),
            new SinkRow("Azure.AI.OpenAI.AzureOpenAIClient", "GetEmbeddingClient", "deploymentName", SinkKind.ModelId),
            new SinkRow("Azure.AI.OpenAI.AzureOpenAIClient", "GetAudioClient", "deploymentName", SinkKind.ModelId),
            new SinkRow("Azure.AI.OpenAI.AzureOpenAIClient", "GetImageClient", "deploymentName", SinkKind.ModelId),
            // Microsoft.Extensions.AI
            new SinkRow("Microsoft.Extensions.AI.ChatOptions", "ModelId", null, SinkKind.ModelId),
            new SinkRow("Microsoft.Extensions.AI.EmbeddingGenerationOptions", "ModelId", null, SinkKind.ModelId),
            new SinkRow("Microsoft.Extensions.AI.ImageGenerationOptions", "ModelId", null, SinkKind.ModelId),
            new SinkRow("Microsoft.Extensions.AI.SpeechToTextOptions", "ModelId", null, SinkKind.ModelId),
            new SinkRow("Microsoft.Extensions.AI.TextToSpeechOptions", "ModelId", null, SinkKind.ModelId),
            new SinkRow("Microsoft.Extensions.AI.OpenAIClientExtensions", "AsIChatClient", "defaultModelId", SinkKind.ModelId),
            // Semantic Kernel connector registration and services
            new SinkRow("Microsoft.SemanticKernel.OpenAIKernelBuilderExtensions", SinkRow.AnyMethod, "modelId", SinkKind.ModelId),
            new SinkRow("Microsoft.SemanticKernel.OpenAIServiceCollectionExtensions", SinkRow.AnyMethod, "modelId", SinkKind.ModelId),
            new SinkRow("Microsoft.SemanticKernel.OpenAIChatClientKernelBuilderExtensions", SinkRow.AnyMethod, "modelId", SinkKind.ModelId),
            new SinkRow("Microsoft.Extensions.DependencyInjection.OpenAIServiceCollectionExtensions", SinkRow.AnyMethod, "modelId", SinkKind.ModelId),
            new SinkRow("Microsoft.SemanticKernel.AzureOpenAIKernelBuilderExtensions", SinkRow.AnyMethod, "deploymentName", SinkKind.ModelId),
            new SinkRow("Microsoft.SemanticKernel.AzureOpenAIKernelBuilderExtensions", SinkRow.AnyMethod, "modelId", SinkKind.ModelId),
            new SinkRow("Microsoft.SemanticKernel.AzureOpenAIServiceCollectionExtensions", SinkRow.AnyMethod, "deploymentName", SinkKind.ModelId),
            new SinkRow("Microsoft.SemanticKernel.AzureOpenAIServiceCollectionExtensions", SinkRow.AnyMethod, "modelId", SinkKind.ModelId),
            new SinkRow("Microsoft.Extensions.DependencyInjection.AzureOpenAIServiceCollectionExtensions", SinkRow.AnyMethod, "deploymentName", SinkKind.ModelId),
            new SinkRow("Microsoft.Extensions.DependencyInjection.AzureOpenAIServiceCollectionExtensions", SinkRow.AnyMethod, "modelId", SinkKind.ModelId),
            new SinkRow("Microsoft.SemanticKernel.Connectors.OpenAI.OpenAIChatCompletionService", SinkRow.Constructor, "modelId", SinkKind.ModelId),
            new SinkRow("Microsoft.SemanticKernel.Connectors.OpenAI.OpenAITextEmbeddingGenerationService", SinkRow.Constructor, "modelId", SinkKind.ModelId),
            new SinkRow("Microsoft.SemanticKernel.Connectors.AzureOpenAI.AzureOpenAIChatCompletionService", SinkRow.Constructor, "deploymentName", SinkKind.ModelId),
            new SinkRow("Microsoft.SemanticKernel.Connectors.AzureOpenAI.AzureOpenAIChatCompletionService", SinkRow.Constructor, "modelId", SinkKind.ModelId),
            // JSON text that becomes a request body; a gateway request in it is checked for its model.
            new SinkRow("System.Net.Http.StringContent", SinkRow.Constructor, "content", SinkKind.RequestBody),
            new SinkRow("System.BinaryData", "FromString", "data", SinkKind.RequestBody),
            new SinkRow("System.BinaryData", SinkRow.Constructor, "data", SinkKind.RequestBody),
            new SinkRow("System.Text.Json.Nodes.JsonNode", "Parse", "json", SinkKind.RequestBody),
            new SinkRow("System.Text.Json.JsonDocument", "Parse", "json", SinkKind.RequestBody),
            new SinkRow("Newtonsoft.Json.Linq.JObject", "Parse", "json", SinkKind.RequestBody),

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
            new SinkRow("System.Net.Http.Headers.HttpHeaders", "TryAddWithoutValidation", "values", SinkKind.Credential, whenArgument: "name", whenValue: "Authorization"));
    }
}
