namespace CometGuard.Analyzers.Sinks
{
    /// <summary>
    /// The declarative list of positions CometGuard's rules watch, and the wire names they know. Rules never compare
    /// type or member names themselves: they ask <see cref="ResolvedSinks"/>, built from these rows once per
    /// compilation, and the one table of other known types and members (<see cref="KnownSymbols"/>,
    /// <see cref="KnownMembers"/>). Rows whose type the compilation does not reference are dropped at resolution.
    /// </summary>
    public static class SinkCatalogue
    {
        /// <summary>
        /// JSON names of gateway response collections (CG0006): a DTO member or a JSON lookup with
        /// one of these names is a response collection. The first three are gateway-specific; the
        /// rest are common words and need more evidence (see <see cref="GatewayEnvelopeNames"/>).
        /// </summary>
        public static ImmutableArray<string> GatewayCollectionNames { get; } = ImmutableArray.Create("choices", "output", "tool_calls", "data", "content");

        /// <summary>
        /// JSON names of response members a gateway may leave out of a success body (CG0006): several omit <c>usage</c>, and
        /// streaming answers never carry it unless asked. A lookup of one is reported on JSON parsed from an HTTP body.
        /// </summary>
        public static ImmutableArray<string> GatewayOptionalFieldNames { get; } = ImmutableArray.Create("usage");

        /// <summary>Names that make a collection name gateway-specific on their own, in a JSON lookup chain.</summary>
        public static ImmutableArray<string> GatewaySpecificCollectionNames { get; } = ImmutableArray.Create("choices", "output", "tool_calls");

        /// <summary>
        /// Sibling JSON names that mark a DTO as a gateway response envelope, message or output item
        /// (Chat Completions, Responses, Embeddings). A DTO needs one of these beside its collection.
        /// </summary>
        public static ImmutableArray<string> GatewayEnvelopeNames { get; } = ImmutableArray.Create("model", "object", "usage", "created", "finish_reason", "role", "status");

        /// <summary>
        /// Classes of an SDK's model-name constants (CG0001): Betalgo's <c>Models.Gpt_4o</c> are static getters, so their values
        /// are not in metadata, but naming one is a hard-coded model choice by definition, the one value from a member read
        /// that counts as hard-coded.
        /// </summary>
        public static ImmutableArray<string> ModelNameConstantTypes { get; } = ImmutableArray.Create("Betalgo.Ranul.OpenAI.ObjectModels.Models");

        /// <summary>The request member that names the model (CG0001, CG0007).</summary>
        public const string ModelName = "model";

        /// <summary>The member of a gateway's error envelope, <c>{"error": {…}}</c>: its absence is what a success body shows.</summary>
        public const string ErrorEnvelopeName = "error";

        /// <summary>URL path endings of gateway endpoints: a request to one of these is a gateway request (CG0007).</summary>
        public static ImmutableArray<string> GatewayPaths { get; } = ImmutableArray.Create("chat/completions", "completions", "responses", "embeddings");

        /// <summary>A request body with a <c>model</c> member and one of these is gateway-shaped (CG0007).</summary>
        public static ImmutableArray<string> GatewayRequestBodyNames { get; } = ImmutableArray.Create("messages", "input", "prompt");

        /// <summary>
        /// In Microsoft.Extensions.Logging (not .Abstractions, which the OpenAI SDK brings along): a project that
        /// references it runs a logging pipeline (ASP.NET Core, a worker, a configured console app), so its
        /// console output is log output (CG0008).
        /// </summary>
        public const string LoggingPipelineAssembly = "Microsoft.Extensions.Logging";

        public const string ExceptionMessageParameter = "message";

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
            new SinkRow("OpenAI.Assistants.AssistantModificationOptions", "Model", null, SinkKind.ModelId),
            new SinkRow("OpenAI.Assistants.RunCreationOptions", "ModelOverride", null, SinkKind.ModelId),
            // Semantic Kernel's execution settings (OpenAIPromptExecutionSettings and the Azure one inherit it).
            new SinkRow("Microsoft.SemanticKernel.PromptExecutionSettings", "ModelId", null, SinkKind.ModelId),
            // Betalgo.Ranul.OpenAI, the most used community SDK: request models, the options' default, the per-call override.
            new SinkRow("Betalgo.Ranul.OpenAI.ObjectModels.RequestModels.ChatCompletionCreateRequest", "Model", null, SinkKind.ModelId),
            new SinkRow("Betalgo.Ranul.OpenAI.ObjectModels.RequestModels.EmbeddingCreateRequest", "Model", null, SinkKind.ModelId),
            new SinkRow("Betalgo.Ranul.OpenAI.ObjectModels.RequestModels.CreateModerationRequest", "Model", null, SinkKind.ModelId),
            new SinkRow("Betalgo.Ranul.OpenAI.ObjectModels.RequestModels.AudioCreateTranscriptionRequest", "Model", null, SinkKind.ModelId),
            new SinkRow("Betalgo.Ranul.OpenAI.ObjectModels.RequestModels.AudioCreateSpeechRequest", "Model", null, SinkKind.ModelId),
            new SinkRow("Betalgo.Ranul.OpenAI.ObjectModels.RequestModels.AssistantCreateRequest", "Model", null, SinkKind.ModelId),
            new SinkRow("Betalgo.Ranul.OpenAI.ObjectModels.RequestModels.AssistantModifyRequest", "Model", null, SinkKind.ModelId),
            new SinkRow("Betalgo.Ranul.OpenAI.ObjectModels.RequestModels.RunCreateRequest", "Model", null, SinkKind.ModelId),
            new SinkRow("Betalgo.Ranul.OpenAI.ObjectModels.RequestModels.CreateThreadAndRunRequest", "Model", null, SinkKind.ModelId),
            new SinkRow("Betalgo.Ranul.OpenAI.ObjectModels.RequestModels.FineTuningJobCreateRequest", "Model", null, SinkKind.ModelId),
            new SinkRow("Betalgo.Ranul.OpenAI.OpenAIOptions", "DefaultModelId", null, SinkKind.ModelId),
            new SinkRow("Betalgo.Ranul.OpenAI.Interfaces.IOpenAIService", "SetDefaultModelId", "modelId", SinkKind.ModelId),
            new SinkRow("Betalgo.Ranul.OpenAI.Managers.OpenAIService", "SetDefaultModelId", "modelId", SinkKind.ModelId),
            // Named, not any method: OpenAIService declares hundreds of members, which would open the name filter to every call.
            new SinkRow("Betalgo.Ranul.OpenAI.Interfaces.IChatCompletionService", "CreateCompletion", "modelId", SinkKind.ModelId),
            new SinkRow("Betalgo.Ranul.OpenAI.Interfaces.IChatCompletionService", "CreateCompletionAsStream", "modelId", SinkKind.ModelId),
            new SinkRow("Betalgo.Ranul.OpenAI.Interfaces.ICompletionService", "CreateCompletion", "modelId", SinkKind.ModelId),
            new SinkRow("Betalgo.Ranul.OpenAI.Interfaces.ICompletionService", "CreateCompletionAsStream", "modelId", SinkKind.ModelId),
            new SinkRow("Betalgo.Ranul.OpenAI.Managers.OpenAIService", "CreateCompletion", "modelId", SinkKind.ModelId),
            new SinkRow("Betalgo.Ranul.OpenAI.Managers.OpenAIService", "CreateCompletionAsStream", "modelId", SinkKind.ModelId),
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
            new SinkRow("System.Net.Http.Headers.HttpHeaders", "TryAddWithoutValidation", "values", SinkKind.Credential, whenArgument: "name", whenValue: "Authorization"),
            // Azure OpenAI's raw-HTTP key header, and the one Anthropic-style APIs and several gateways read.
            new SinkRow("System.Net.Http.Headers.HttpHeaders", "Add", "value", SinkKind.Credential, whenArgument: "name", whenValue: "api-key"),
            new SinkRow("System.Net.Http.Headers.HttpHeaders", "Add", "values", SinkKind.Credential, whenArgument: "name", whenValue: "api-key"),
            new SinkRow("System.Net.Http.Headers.HttpHeaders", "TryAddWithoutValidation", "value", SinkKind.Credential, whenArgument: "name", whenValue: "api-key"),
            new SinkRow("System.Net.Http.Headers.HttpHeaders", "TryAddWithoutValidation", "values", SinkKind.Credential, whenArgument: "name", whenValue: "api-key"),
            new SinkRow("System.Net.Http.Headers.HttpHeaders", "Add", "value", SinkKind.Credential, whenArgument: "name", whenValue: "x-api-key"),
            new SinkRow("System.Net.Http.Headers.HttpHeaders", "Add", "values", SinkKind.Credential, whenArgument: "name", whenValue: "x-api-key"),
            new SinkRow("System.Net.Http.Headers.HttpHeaders", "TryAddWithoutValidation", "value", SinkKind.Credential, whenArgument: "name", whenValue: "x-api-key"),
            new SinkRow("System.Net.Http.Headers.HttpHeaders", "TryAddWithoutValidation", "values", SinkKind.Credential, whenArgument: "name", whenValue: "x-api-key"),

            // Betalgo.Ranul.OpenAI: the key in its options (sent as a bearer or api-key header), and the realtime client's.
            new SinkRow("Betalgo.Ranul.OpenAI.OpenAIOptions", "ApiKey", null, SinkKind.Credential),
            new SinkRow("Betalgo.Ranul.OpenAI.Managers.OpenAIRealtimeService", SinkRow.Constructor, "apiKey", SinkKind.Credential),

            // --- Response reads (CG0006) ------------------------------------------------------
            // Collections a gateway may return empty: no choice, a tool-call-only answer (no content
            // part), a Responses output without a message item, a first streaming chunk.
            new SinkRow("OpenAI.Chat.ChatCompletion", "Content", null, SinkKind.ResponseCollection),
            new SinkRow("OpenAI.Chat.ChatCompletion", "ToolCalls", null, SinkKind.ResponseCollection),
            new SinkRow("OpenAI.Chat.StreamingChatCompletionUpdate", "ContentUpdate", null, SinkKind.ResponseCollection),
            new SinkRow("OpenAI.Chat.StreamingChatCompletionUpdate", "ToolCallUpdates", null, SinkKind.ResponseCollection),
            new SinkRow("OpenAI.Responses.ResponseResult", "OutputItems", null, SinkKind.ResponseCollection),
            new SinkRow("OpenAI.Responses.MessageResponseItem", "Content", null, SinkKind.ResponseCollection),
            new SinkRow("Microsoft.Extensions.AI.ChatResponse", "Messages", null, SinkKind.ResponseCollection),
            // Betalgo returns failures instead of throwing them: its collections are null or empty on an error response.
            new SinkRow("Betalgo.Ranul.OpenAI.ObjectModels.ResponseModels.ChatCompletionCreateResponse", "Choices", null, SinkKind.ResponseCollection),
            new SinkRow("Betalgo.Ranul.OpenAI.ObjectModels.ResponseModels.EmbeddingCreateResponse", "Data", null, SinkKind.ResponseCollection),
            new SinkRow("Betalgo.Ranul.OpenAI.ObjectModels.ResponseModels.CreateModerationResponse", "Results", null, SinkKind.ResponseCollection),
            new SinkRow("Betalgo.Ranul.OpenAI.ObjectModels.RequestModels.ChatMessage", "ToolCalls", null, SinkKind.ResponseCollection),
            new SinkRow("Betalgo.Ranul.OpenAI.Contracts.Responses.Image.ImageResponse", "Data", null, SinkKind.ResponseCollection),
            new SinkRow("Betalgo.Ranul.OpenAI.Contracts.Responses.Image.ImageResponse", "Results", null, SinkKind.ResponseCollection),
            // Fields declared nullable because gateways leave them out.
            new SinkRow("Microsoft.Extensions.AI.ChatResponse", "Usage", null, SinkKind.ResponseOptionalField),
            new SinkRow("Microsoft.Extensions.AI.ChatResponse", "FinishReason", null, SinkKind.ResponseOptionalField),
            // Finish state: checking it guards the reads that depend on it.
            new SinkRow("OpenAI.Chat.ChatCompletion", "FinishReason", null, SinkKind.ResponseState),
            new SinkRow("OpenAI.Chat.StreamingChatCompletionUpdate", "FinishReason", null, SinkKind.ResponseState),
            new SinkRow("OpenAI.Responses.ResponseResult", "Status", null, SinkKind.ResponseState),
            new SinkRow("OpenAI.Responses.MessageResponseItem", "Status", null, SinkKind.ResponseState),
            new SinkRow("Microsoft.Extensions.AI.ChatResponse", "FinishReason", null, SinkKind.ResponseState),
            // Betalgo's success flag and error: `if (!result.Successful) return;` or `result.Error == null` guards the reads.
            new SinkRow("Betalgo.Ranul.OpenAI.ObjectModels.ResponseModels.BaseResponse", "Successful", null, SinkKind.ResponseState),
            new SinkRow("Betalgo.Ranul.OpenAI.ObjectModels.ResponseModels.BaseResponse", "Error", null, SinkKind.ResponseState),
            new SinkRow("Betalgo.Ranul.OpenAI.Contracts.Responses.Base.ResponseBase", "Successful", null, SinkKind.ResponseState),
            new SinkRow("Betalgo.Ranul.OpenAI.Contracts.Responses.Base.ResponseBase", "Error", null, SinkKind.ResponseState),
            // Text joined from the owner's collection (ChatResponse.Text from Messages, ChatMessage.Text from Contents):
            // non-empty text proves an element, the same check written through what the collection computes.
            new SinkRow("Microsoft.Extensions.AI.ChatResponse", "Text", null, SinkKind.DerivedText),
            new SinkRow("Microsoft.Extensions.AI.ChatMessage", "Text", null, SinkKind.DerivedText),
            new SinkRow("Microsoft.Extensions.AI.ChatResponseUpdate", "Text", null, SinkKind.DerivedText),
            new SinkRow("System.String", "IsNullOrEmpty", "value", SinkKind.BlankTextCheck),
            new SinkRow("System.String", "IsNullOrWhiteSpace", "value", SinkKind.BlankTextCheck),
            // Element reads: the ones that throw on an empty sequence, and the ones that yield null.
            new SinkRow("System.Linq.Enumerable", "First", "source", SinkKind.ThrowingElementRead),
            new SinkRow("System.Linq.Enumerable", "Single", "source", SinkKind.ThrowingElementRead),
            new SinkRow("System.Linq.Enumerable", "Last", "source", SinkKind.ThrowingElementRead),
            new SinkRow("System.Linq.Enumerable", "ElementAt", "source", SinkKind.ThrowingElementRead),
            new SinkRow("System.Linq.Enumerable", "FirstOrDefault", "source", SinkKind.NullableElementRead),
            new SinkRow("System.Linq.Enumerable", "SingleOrDefault", "source", SinkKind.NullableElementRead),
            new SinkRow("System.Linq.Enumerable", "LastOrDefault", "source", SinkKind.NullableElementRead),
            new SinkRow("System.Linq.Enumerable", "ElementAtOrDefault", "source", SinkKind.NullableElementRead),
            new SinkRow("System.Linq.Enumerable", "Any", "source", SinkKind.NonEmptyCheck),
            new SinkRow("System.Linq.Enumerable", "Count", "source", SinkKind.CountRead),
            new SinkRow("System.Linq.Enumerable", "LongCount", "source", SinkKind.CountRead),
            // System.Text.Json lookups over a parsed body, and the checks that guard them.
            new SinkRow("System.Text.Json.JsonElement", "GetProperty", "propertyName", SinkKind.ThrowingJsonLookup),
            new SinkRow("System.Text.Json.Nodes.JsonNode", "this[]", "propertyName", SinkKind.ThrowingJsonLookup),
            new SinkRow("System.Text.Json.JsonElement", "TryGetProperty", SinkRow.Self, SinkKind.JsonShapeCheck),
            new SinkRow("System.Text.Json.JsonElement", "GetArrayLength", SinkRow.Self, SinkKind.JsonShapeCheck),
            new SinkRow("System.Text.Json.JsonElement", "ValueKind", null, SinkKind.JsonShapeCheck),
            new SinkRow("System.Text.Json.Nodes.JsonObject", "TryGetPropertyValue", SinkRow.Self, SinkKind.JsonShapeCheck),
            new SinkRow("System.Text.Json.Nodes.JsonObject", "ContainsKey", SinkRow.Self, SinkKind.JsonShapeCheck),
            new SinkRow("System.Text.Json.Nodes.JsonNode", "GetValueKind", SinkRow.Self, SinkKind.JsonShapeCheck),
            new SinkRow("Newtonsoft.Json.Linq.JObject", "this[]", "propertyName", SinkKind.ThrowingJsonLookup),
            new SinkRow("Newtonsoft.Json.Linq.JToken", "this[]", "key", SinkKind.ThrowingJsonLookup),
            new SinkRow("Newtonsoft.Json.Linq.JObject", "GetValue", "propertyName", SinkKind.ThrowingJsonLookup),
            new SinkRow("Newtonsoft.Json.Linq.JObject", "TryGetValue", SinkRow.Self, SinkKind.JsonShapeCheck),
            new SinkRow("Newtonsoft.Json.Linq.JObject", "ContainsKey", SinkRow.Self, SinkKind.JsonShapeCheck),
            new SinkRow("Newtonsoft.Json.Linq.JToken", "Type", null, SinkKind.JsonShapeCheck),
            new SinkRow("Newtonsoft.Json.Linq.JToken", "HasValues", null, SinkKind.JsonShapeCheck),
            new SinkRow("System.Text.Json.JsonDocument", "Parse", "json", SinkKind.JsonParseInput),
            new SinkRow("System.Text.Json.JsonDocument", "Parse", "utf8Json", SinkKind.JsonParseInput),
            new SinkRow("System.Text.Json.JsonDocument", "ParseAsync", "utf8Json", SinkKind.JsonParseInput),
            new SinkRow("System.Text.Json.Nodes.JsonNode", "Parse", "json", SinkKind.JsonParseInput),
            new SinkRow("System.Text.Json.Nodes.JsonNode", "Parse", "utf8Json", SinkKind.JsonParseInput),
            new SinkRow("System.Text.Json.Nodes.JsonNode", "ParseAsync", "utf8Json", SinkKind.JsonParseInput),
            new SinkRow("System.Text.Json.JsonSerializer", "Deserialize", "json", SinkKind.JsonParseInput),
            new SinkRow("System.Text.Json.JsonSerializer", "Deserialize", "utf8Json", SinkKind.JsonParseInput),
            new SinkRow("System.Text.Json.JsonSerializer", "DeserializeAsync", "utf8Json", SinkKind.JsonParseInput),
            // Newtonsoft.Json, still in a large share of .NET gateway code: JObject.Parse(text)["choices"][0]["message"].
            new SinkRow("Newtonsoft.Json.Linq.JObject", "Parse", "json", SinkKind.JsonParseInput),
            new SinkRow("Newtonsoft.Json.Linq.JToken", "Parse", "json", SinkKind.JsonParseInput),
            new SinkRow("Newtonsoft.Json.Linq.JArray", "Parse", "json", SinkKind.JsonParseInput),
            new SinkRow("Newtonsoft.Json.JsonConvert", "DeserializeObject", "value", SinkKind.JsonParseInput),
            new SinkRow("Newtonsoft.Json.JsonConvert", "DeserializeAnonymousType", "value", SinkKind.JsonParseInput),

            // --- Response bodies (CG0007) -----------------------------------------------------
            new SinkRow("System.Net.Http.HttpContent", "ReadAsStreamAsync", SinkRow.Self, SinkKind.HttpBodyRead),
            new SinkRow("System.Net.Http.Json.HttpContentJsonExtensions", "ReadFromJsonAsync", "content", SinkKind.HttpBodyRead),
            new SinkRow("System.Net.Http.Json.HttpContentJsonExtensions", "ReadFromJsonAsAsyncEnumerable", "content", SinkKind.HttpBodyRead),
            new SinkRow("System.Net.Http.HttpContent", "ReadAsStringAsync", SinkRow.Self, SinkKind.HttpTextRead),
            new SinkRow("System.Net.Http.HttpContent", "ReadAsByteArrayAsync", SinkRow.Self, SinkKind.HttpTextRead),
            new SinkRow("System.Net.Http.HttpResponseMessage", "Content", null, SinkKind.HttpResponseBody),
            new SinkRow("System.Net.Http.HttpResponseMessage", "IsSuccessStatusCode", null, SinkKind.HttpStatusCheck),
            new SinkRow("System.Net.Http.HttpResponseMessage", "StatusCode", null, SinkKind.HttpStatusCheck),
            new SinkRow("System.Net.Http.HttpResponseMessage", "EnsureSuccessStatusCode", SinkRow.Self, SinkKind.HttpStatusCheck),

            // --- Retry attempt counts (CG0003) --------------------------------------------------
            // Polly v7: Retry(n), WaitAndRetry(n, ...) and their async / TResult forms.
            new SinkRow("Polly.RetrySyntax", SinkRow.AnyMethod, "retryCount", SinkKind.RetryCount),
            new SinkRow("Polly.RetryTResultSyntax", SinkRow.AnyMethod, "retryCount", SinkKind.RetryCount),
            new SinkRow("Polly.AsyncRetrySyntax", SinkRow.AnyMethod, "retryCount", SinkKind.RetryCount),
            new SinkRow("Polly.AsyncRetryTResultSyntax", SinkRow.AnyMethod, "retryCount", SinkKind.RetryCount),
            // Polly.Contrib.WaitAndRetry: the sleep-duration sequence passed to WaitAndRetry(IEnumerable<TimeSpan>) has one entry per retry.
            new SinkRow("Polly.Contrib.WaitAndRetry.Backoff", SinkRow.AnyMethod, "retryCount", SinkKind.RetryCount),
            // Its sequences without jitter (the DecorrelatedJitter ones have it).
            new SinkRow("Polly.Contrib.WaitAndRetry.Backoff", "ExponentialBackoff", SinkRow.Self, SinkKind.UnjitteredBackoff),
            new SinkRow("Polly.Contrib.WaitAndRetry.Backoff", "LinearBackoff", SinkRow.Self, SinkKind.UnjitteredBackoff),
            new SinkRow("Polly.Contrib.WaitAndRetry.Backoff", "ConstantBackoff", SinkRow.Self, SinkKind.UnjitteredBackoff),
            // Polly v8: RetryStrategyOptions<T>.MaxRetryAttempts, which RetryStrategyOptions and
            // Microsoft.Extensions.Http.Resilience's HttpRetryStrategyOptions inherit.
            new SinkRow("Polly.Retry.RetryStrategyOptions`1", "MaxRetryAttempts", null, SinkKind.RetryCount),
            // System.ClientModel (OpenAI, Azure OpenAI SDKs): new ClientRetryPolicy(maxRetries: n).
            new SinkRow("System.ClientModel.Primitives.ClientRetryPolicy", SinkRow.Constructor, "maxRetries", SinkKind.RetryCount),
            new SinkRow("System.Net.Http.Headers.HttpRequestHeaders", "Authorization", null, SinkKind.Credential),

            // --- Endpoints (CG0009, CG0010) ---------------------------------------------------
            // SDK clients send their credential to these, always.
            new SinkRow("OpenAI.OpenAIClientOptions", "Endpoint", null, SinkKind.AuthenticatedEndpoint),
            new SinkRow("OpenAI.Responses.ResponsesClientOptions", "Endpoint", null, SinkKind.AuthenticatedEndpoint),
            new SinkRow("Azure.AI.OpenAI.AzureOpenAIClient", SinkRow.Constructor, "endpoint", SinkKind.AuthenticatedEndpoint),
            // The per-area options of the OpenAI SDK, which do not derive from OpenAIClientOptions.
            new SinkRow("OpenAI.Assistants.AssistantClientOptions", "Endpoint", null, SinkKind.AuthenticatedEndpoint),
            new SinkRow("OpenAI.Batch.BatchClientOptions", "Endpoint", null, SinkKind.AuthenticatedEndpoint),
            new SinkRow("OpenAI.Conversations.ConversationClientOptions", "Endpoint", null, SinkKind.AuthenticatedEndpoint),
            new SinkRow("OpenAI.FineTuning.FineTuningClientOptions", "Endpoint", null, SinkKind.AuthenticatedEndpoint),
            new SinkRow("OpenAI.Realtime.RealtimeClientOptions", "Endpoint", null, SinkKind.AuthenticatedEndpoint),
            new SinkRow("OpenAI.VectorStores.VectorStoreClientOptions", "Endpoint", null, SinkKind.AuthenticatedEndpoint),
            // Semantic Kernel's OpenAI and Azure OpenAI registrations and services: the key (or token) goes to `endpoint`.
            // Named, not any method: these classes declare many methods, which would open the endpoint name filter to every
            // call; the chat registrations only, as the embedding, audio and image names alone fill the filter past its bound.
            new SinkRow("Microsoft.SemanticKernel.OpenAIKernelBuilderExtensions", "AddOpenAIChatCompletion", "endpoint", SinkKind.AuthenticatedEndpoint),
            new SinkRow("Microsoft.SemanticKernel.OpenAIServiceCollectionExtensions", "AddOpenAIChatCompletion", "endpoint", SinkKind.AuthenticatedEndpoint),
            new SinkRow("Microsoft.SemanticKernel.OpenAIChatClientKernelBuilderExtensions", "AddOpenAIChatClient", "endpoint", SinkKind.AuthenticatedEndpoint),
            new SinkRow("Microsoft.Extensions.DependencyInjection.OpenAIServiceCollectionExtensions", "AddOpenAIChatClient", "endpoint", SinkKind.AuthenticatedEndpoint),
            new SinkRow("Microsoft.SemanticKernel.AzureOpenAIKernelBuilderExtensions", "AddAzureOpenAIChatCompletion", "endpoint", SinkKind.AuthenticatedEndpoint),
            new SinkRow("Microsoft.SemanticKernel.AzureOpenAIKernelBuilderExtensions", "AddAzureOpenAIChatClient", "endpoint", SinkKind.AuthenticatedEndpoint),
            new SinkRow("Microsoft.SemanticKernel.AzureOpenAIServiceCollectionExtensions", "AddAzureOpenAIChatCompletion", "endpoint", SinkKind.AuthenticatedEndpoint),
            new SinkRow("Microsoft.Extensions.DependencyInjection.AzureOpenAIServiceCollectionExtensions", "AddAzureOpenAIChatClient", "endpoint", SinkKind.AuthenticatedEndpoint),
            new SinkRow("Microsoft.SemanticKernel.Connectors.OpenAI.OpenAIChatCompletionService", SinkRow.Constructor, "endpoint", SinkKind.AuthenticatedEndpoint),
            new SinkRow("Microsoft.SemanticKernel.Connectors.OpenAI.OpenAIFileService", SinkRow.Constructor, "endpoint", SinkKind.AuthenticatedEndpoint),
            new SinkRow("Microsoft.SemanticKernel.Connectors.AzureOpenAI.AzureOpenAIChatCompletionService", SinkRow.Constructor, "endpoint", SinkKind.AuthenticatedEndpoint),
            new SinkRow("Microsoft.SemanticKernel.Connectors.AzureOpenAI.AzureOpenAITextEmbeddingGenerationService", SinkRow.Constructor, "endpoint", SinkKind.AuthenticatedEndpoint),
            new SinkRow("Microsoft.SemanticKernel.Connectors.AzureOpenAI.AzureOpenAIAudioToTextService", SinkRow.Constructor, "endpoint", SinkKind.AuthenticatedEndpoint),
            new SinkRow("Microsoft.SemanticKernel.Connectors.AzureOpenAI.AzureOpenAITextToAudioService", SinkRow.Constructor, "endpoint", SinkKind.AuthenticatedEndpoint),
            new SinkRow("Microsoft.SemanticKernel.Connectors.AzureOpenAI.AzureOpenAITextToImageService", SinkRow.Constructor, "endpoint", SinkKind.AuthenticatedEndpoint),
            // Raw HTTP: a credential goes along when the same type sets an Authorization header.
            new SinkRow("System.Net.Http.HttpClient", "BaseAddress", null, SinkKind.Endpoint),
            new SinkRow("System.Net.Http.HttpClient", SinkRow.AnyMethod, "requestUri", SinkKind.Endpoint),
            new SinkRow("System.Net.Http.HttpRequestMessage", SinkRow.Constructor, "requestUri", SinkKind.Endpoint),
            new SinkRow("System.Net.Http.HttpRequestMessage", "RequestUri", null, SinkKind.Endpoint),
            new SinkRow("System.Net.Http.Json.HttpClientJsonExtensions", SinkRow.AnyMethod, "requestUri", SinkKind.Endpoint),

            // --- Logs (CG0008) ----------------------------------------------------------------
            // Microsoft.Extensions.Logging: Log*/BeginScope templates and their arguments; [LoggerMessage] methods are marked.
            new SinkRow("Microsoft.Extensions.Logging.LoggerExtensions", SinkRow.AnyMethod, "message", SinkKind.Log),
            new SinkRow("Microsoft.Extensions.Logging.LoggerExtensions", SinkRow.AnyMethod, "messageFormat", SinkKind.Log),
            new SinkRow("Microsoft.Extensions.Logging.LoggerExtensions", SinkRow.AnyMethod, "args", SinkKind.Log),
            new SinkRow("Microsoft.Extensions.Logging.ILogger", "Log", "state", SinkKind.Log),
            new SinkRow("Microsoft.Extensions.Logging.ILogger", "BeginScope", "state", SinkKind.Log),
            new SinkRow("System.Console", "Write", SinkRow.AnyParameter, SinkKind.ConsoleOutput),
            new SinkRow("System.Console", "WriteLine", SinkRow.AnyParameter, SinkKind.ConsoleOutput),
            new SinkRow("System.Diagnostics.Debug", SinkRow.AnyMethod, SinkRow.AnyParameter, SinkKind.Log),
            new SinkRow("System.Diagnostics.Trace", SinkRow.AnyMethod, SinkRow.AnyParameter, SinkKind.Log),
            new SinkRow("System.Diagnostics.Activity", "SetTag", "value", SinkKind.Log),
            new SinkRow("System.Diagnostics.Activity", "AddTag", "value", SinkKind.Log),
            new SinkRow("System.Diagnostics.Activity", "SetBaggage", "value", SinkKind.Log),
            new SinkRow("System.Diagnostics.Activity", "AddBaggage", "value", SinkKind.Log),

            // --- Sensitive values (CG0008) ----------------------------------------------------
            // Generated text: chat content parts (completion.Content[0].Text, streaming ContentUpdate), refusals, Responses output, MEAI.
            new SinkRow("OpenAI.Chat.ChatMessageContentPart", "Text", null, SinkKind.SensitiveValue),
            new SinkRow("OpenAI.Chat.ChatCompletion", "Refusal", null, SinkKind.SensitiveValue),
            new SinkRow("OpenAI.Chat.StreamingChatCompletionUpdate", "RefusalUpdate", null, SinkKind.SensitiveValue),
            new SinkRow("OpenAI.Responses.ResponseResult", "GetOutputText", null, SinkKind.SensitiveValue),
            new SinkRow("OpenAI.Responses.StreamingResponseOutputTextDeltaUpdate", "Delta", null, SinkKind.SensitiveValue),
            new SinkRow("Microsoft.Extensions.AI.ChatResponse", "Text", null, SinkKind.SensitiveValue),
            new SinkRow("Microsoft.Extensions.AI.ChatResponseUpdate", "Text", null, SinkKind.SensitiveValue),
            new SinkRow("Microsoft.Extensions.AI.ChatMessage", "Text", null, SinkKind.SensitiveValue),
            new SinkRow("Microsoft.Extensions.AI.TextContent", "Text", null, SinkKind.SensitiveValue),
            // Whole message collections, request or response: a log formats each element, text included.
            new SinkRow("OpenAI.Chat.ChatCompletion", "Content", null, SinkKind.SensitiveValue),
            new SinkRow("OpenAI.Chat.StreamingChatCompletionUpdate", "ContentUpdate", null, SinkKind.SensitiveValue),
            new SinkRow("OpenAI.Responses.ResponseResult", "OutputItems", null, SinkKind.SensitiveValue),
            new SinkRow("Microsoft.Extensions.AI.ChatResponse", "Messages", null, SinkKind.SensitiveValue),
            new SinkRow("Microsoft.Extensions.AI.ChatMessage", "Contents", null, SinkKind.SensitiveValue),
            new SinkRow("Betalgo.Ranul.OpenAI.ObjectModels.ResponseModels.ChatCompletionCreateResponse", "Choices", null, SinkKind.SensitiveValue),
            new SinkRow("Betalgo.Ranul.OpenAI.ObjectModels.RequestModels.ChatCompletionCreateRequest", "Messages", null, SinkKind.SensitiveValue),
            new SinkRow("Betalgo.Ranul.OpenAI.ObjectModels.RequestModels.ChatMessage", "Content", null, SinkKind.SensitiveValue),
            new SinkRow("Betalgo.Ranul.OpenAI.ObjectModels.SharedModels.ChatChoiceResponse", "Message", null, SinkKind.SensitiveValue),
            // Types whose ToString() is their text: logging the object itself (`{Response}`) writes the text.
            new SinkRow("Microsoft.Extensions.AI.ChatResponse", "ToString", null, SinkKind.SensitiveValue),
            new SinkRow("Microsoft.Extensions.AI.ChatResponseUpdate", "ToString", null, SinkKind.SensitiveValue),
            new SinkRow("Microsoft.Extensions.AI.ChatMessage", "ToString", null, SinkKind.SensitiveValue),
            new SinkRow("Microsoft.Extensions.AI.TextContent", "ToString", null, SinkKind.SensitiveValue),
            // Response and request bodies as strings.
            new SinkRow("System.Net.Http.HttpContent", "ReadAsStringAsync", null, SinkKind.SensitiveValue),
            // Authorization header values.
            new SinkRow("System.Net.Http.Headers.HttpRequestHeaders", "Authorization", null, SinkKind.SensitiveValue),
            new SinkRow("System.Net.Http.Headers.AuthenticationHeaderValue", "Parameter", null, SinkKind.SensitiveValue),
            // Secret sources: a constant argument that names a secret.
            new SinkRow("System.Environment", "GetEnvironmentVariable", "variable", SinkKind.SecretName),
            new SinkRow("Microsoft.Extensions.Configuration.IConfiguration", "this[]", "key", SinkKind.SecretName),
            new SinkRow("Microsoft.Extensions.Configuration.ConfigurationBinder", SinkRow.AnyMethod, "key", SinkKind.SecretName),
            // Prompts: whatever flows into these is request messages or input.
            new SinkRow("OpenAI.Chat.ChatClient", SinkRow.AnyMethod, "messages", SinkKind.Prompt),
            new SinkRow("OpenAI.Responses.ResponsesClient", SinkRow.AnyMethod, "userInputText", SinkKind.Prompt),
            new SinkRow("OpenAI.Responses.ResponsesClient", SinkRow.AnyMethod, "inputItems", SinkKind.Prompt),
            new SinkRow("OpenAI.Chat.ChatMessage", SinkRow.AnyMethod, "content", SinkKind.Prompt),
            new SinkRow("OpenAI.Chat.UserChatMessage", SinkRow.Constructor, "content", SinkKind.Prompt),
            new SinkRow("OpenAI.Chat.SystemChatMessage", SinkRow.Constructor, "content", SinkKind.Prompt),
            new SinkRow("OpenAI.Chat.DeveloperChatMessage", SinkRow.Constructor, "content", SinkKind.Prompt),
            new SinkRow("Microsoft.Extensions.AI.IChatClient", SinkRow.AnyMethod, "messages", SinkKind.Prompt),
            new SinkRow("Microsoft.Extensions.AI.ChatClientExtensions", SinkRow.AnyMethod, "chatMessage", SinkKind.Prompt),
            new SinkRow("Microsoft.Extensions.AI.ChatClientExtensions", SinkRow.AnyMethod, "messages", SinkKind.Prompt),

            // --- Endpoint families (CG0010) ---------------------------------------------------
            new SinkRow("OpenAI.Chat.ChatClient", SinkRow.Constructor, "options", SinkKind.ChatCompletionsClientOptions),
            new SinkRow("OpenAI.Responses.ResponsesClient", SinkRow.Constructor, "options", SinkKind.ResponsesClientOptions),
            new SinkRow("System.Net.Http.HttpClient", SinkRow.AnyMethod, "content", SinkKind.RequestPayload),
            new SinkRow("System.Net.Http.HttpRequestMessage", "Content", null, SinkKind.RequestPayload),
            new SinkRow("System.Net.Http.Json.HttpClientJsonExtensions", SinkRow.AnyMethod, "value", SinkKind.RequestPayload),
            // Wrappers that carry a body through: the body is their argument.
            new SinkRow("System.Net.Http.Json.JsonContent", "Create", "inputValue", SinkKind.RequestPayload),
            new SinkRow("System.Net.Http.StringContent", SinkRow.Constructor, "content", SinkKind.RequestPayload),
            new SinkRow("System.Text.Json.JsonSerializer", "Serialize", "value", SinkKind.RequestPayload));
    }
}
