using System.Threading;
using System.Threading.Tasks;
using CometGuard.Analyzers.Rules;
using CometGuard.CodeFixes.Rules;
using CometGuard.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace CometGuard.Tests.Rules
{
    public class HardCodedModelIdAnalyzerTests
    {
        private static Task Analyze(string source, string? editorConfig = null)
            => Verify<HardCodedModelIdAnalyzer, HardCodedModelIdFixer>.AnalyzerAsync(source, editorConfig);

        // --- Placeholders and the ids that look like them ----------------------------------------

        [Theory]
        [InlineData("MODEL_NAME")]
        [InlineData("YOUR_DEPLOYMENT")]
        [InlineData("<model>")]
        [InlineData("mock-model")]
        [InlineData("test-model")]
        [InlineData("model_name_replaced")]
        [InlineData("model")]
        [InlineData("test")]
        [InlineData("placeholder")]
        public Task Placeholder_model_ids_are_not_reported(string placeholder)
            => Analyze($$"""
                using Microsoft.Extensions.AI;
                using OpenAI;
                using OpenAI.Chat;
                class C
                {
                    void M(OpenAIClient client, string key)
                    {
                        _ = client.GetChatClient("{{placeholder}}");
                        _ = new ChatClient("{{placeholder}}", key);
                        _ = new ChatOptions { ModelId = "{{placeholder}}" };
                    }
                }
                """);

        [Theory]
        [InlineData("gpt-4o")]
        [InlineData("o3-mini")]
        [InlineData("claude-3-5-sonnet-20241022")]
        [InlineData("llama-3.1-8b")]
        [InlineData("gpt-4o-2024-08-06")]
        [InlineData("chat")]
        [InlineData("summarizer")]
        public Task Real_ids_and_deployment_names_are_reported(string model)
            => Analyze($$"""
                using Azure.AI.OpenAI;
                using OpenAI.Chat;
                class C
                {
                    void M(AzureOpenAIClient azure, string key)
                    {
                        _ = azure.GetChatClient({|CG0001:"{{model}}"|});
                        _ = new ChatClient({|CG0001:"{{model}}"|}, key);
                    }
                }
                """);

        // --- Betalgo.Ranul.OpenAI -------------------------------------------------------------------

        [Fact]
        public Task Betalgo_request_models_options_and_per_call_override()
            => Analyze("""
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using Betalgo.Ranul.OpenAI;
                using Betalgo.Ranul.OpenAI.Interfaces;
                using Betalgo.Ranul.OpenAI.Managers;
                using Betalgo.Ranul.OpenAI.ObjectModels;
                using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;
                class C
                {
                    async Task M(IOpenAIService service, OpenAIService concrete, string model)
                    {
                        var request = new ChatCompletionCreateRequest
                        {
                            Messages = new List<ChatMessage> { ChatMessage.FromUser("hi") },
                            Model = {|CG0001:"gpt-4o-mini"|},
                        };
                        _ = new ChatCompletionCreateRequest { Model = {|CG0001:Models.Gpt_4o|} };
                        _ = new EmbeddingCreateRequest { Model = {|CG0001:Models.TextEmbeddingV3Small|}, Input = "x" };
                        _ = new OpenAIOptions { ApiKey = model, DefaultModelId = {|CG0001:"gpt-4.1"|} };
                        await service.ChatCompletion.CreateCompletion(request, {|CG0001:"gpt-4o"|});
                        concrete.SetDefaultModelId({|CG0001:Models.Gpt_4_1_mini|});

                        // Not hard-coded: a parameter, and a placeholder.
                        _ = new ChatCompletionCreateRequest { Model = model };
                        await service.ChatCompletion.CreateCompletion(request, "MODEL_NAME");
                    }
                }
                """);

        [Fact]
        public Task More_model_positions_semantic_kernel_settings_and_openai_options()
            => Analyze("""
                #pragma warning disable OPENAI001
                using Microsoft.SemanticKernel;
                using Microsoft.SemanticKernel.Connectors.OpenAI;
                using OpenAI.Assistants;
                class C
                {
                    void M(string key)
                    {
                        _ = new OpenAIPromptExecutionSettings { ModelId = {|CG0001:"gpt-4o"|}, Temperature = 0.2 };
                        _ = new PromptExecutionSettings { ModelId = {|CG0001:"gpt-4o-mini"|} };
                        _ = new RunCreationOptions { ModelOverride = {|CG0001:"gpt-4.1"|} };
                        _ = new AssistantModificationOptions { Model = {|CG0001:"gpt-4.1-mini"|} };
                    }
                }
                """);

        // --- OpenAI .NET SDK 2.x ------------------------------------------------------------------

        [Fact]
        public Task OpenAI_client_constructors()
            => Analyze("""
                using OpenAI.Audio;
                using OpenAI.Chat;
                using OpenAI.Embeddings;
                using OpenAI.Images;
                using OpenAI.Moderations;
                class C
                {
                    void M(string key)
                    {
                        _ = new ChatClient({|CG0001:"gpt-4o"|}, key);
                        _ = new EmbeddingClient({|CG0001:"text-embedding-3-small"|}, key);
                        _ = new AudioClient({|CG0001:"whisper-1"|}, key);
                        _ = new ImageClient({|CG0001:"dall-e-3"|}, key);
                        _ = new ModerationClient({|CG0001:"omni-moderation-latest"|}, key);
                    }
                }
                """);

        [Fact]
        public Task OpenAIClient_Get_client_methods()
            => Analyze("""
                using OpenAI;
                class C
                {
                    void M(OpenAIClient client)
                    {
                        _ = client.GetChatClient({|CG0001:"gpt-4o-mini"|});
                        _ = client.GetEmbeddingClient({|CG0001:"text-embedding-3-large"|});
                        _ = client.GetAudioClient({|CG0001:"tts-1"|});
                        _ = client.GetImageClient({|CG0001:"gpt-image-1"|});
                        _ = client.GetModerationClient(model: {|CG0001:"omni-moderation-latest"|});
                    }
                }
                """);

        [Fact]
        public Task Responses_client_per_call_model()
            => Analyze("""
                #pragma warning disable OPENAI001
                using System.Threading.Tasks;
                using OpenAI.Responses;
                class C
                {
                    async Task M(ResponsesClient client)
                    {
                        _ = await client.CreateResponseAsync({|CG0001:"gpt-5-mini"|}, "Say hello");
                        _ = client.CreateResponse(model: {|CG0001:"gpt-5"|}, userInputText: "Hi");
                        _ = new CreateResponseOptions { Model = {|CG0001:"gpt-5-nano"|} };
                    }
                }
                """);

        [Fact]
        public Task Azure_deployment_names()
            => Analyze("""
                using System;
                using Azure;
                using Azure.AI.OpenAI;
                class C
                {
                    void M(AzureKeyCredential credential)
                    {
                        var azure = new AzureOpenAIClient(new Uri("https://contoso.openai.azure.com/"), credential);
                        _ = azure.GetChatClient({|CG0001:"my-gpt4o-deployment"|});
                        _ = azure.GetEmbeddingClient(deploymentName: {|CG0001:"embeddings"|});
                    }
                }
                """);

        // --- Microsoft.Extensions.AI --------------------------------------------------------------

        [Fact]
        public Task Extensions_AI_options_and_AsIChatClient()
            => Analyze("""
                #pragma warning disable OPENAI001
                using Microsoft.Extensions.AI;
                using OpenAI.Responses;
                class C
                {
                    void M(ResponsesClient responses)
                    {
                        _ = new ChatOptions { ModelId = {|CG0001:"gpt-4o"|} };
                        _ = new EmbeddingGenerationOptions { ModelId = {|CG0001:"text-embedding-3-small"|} };
                        var options = new ChatOptions();
                        options.ModelId = {|CG0001:"gpt-4.1"|};
                        _ = responses.AsIChatClient({|CG0001:"gpt-5-mini"|});
                    }
                }
                """);

        // --- Semantic Kernel ----------------------------------------------------------------------

        [Fact]
        public Task Semantic_Kernel_connector_registration()
            => Analyze("""
                using Microsoft.SemanticKernel;
                class C
                {
                    Kernel M(string key)
                    {
                        var builder = Kernel.CreateBuilder();
                        builder.AddOpenAIChatCompletion(modelId: {|CG0001:"gpt-4o"|}, apiKey: key);
                        return builder.Build();
                    }
                }
                """);

        // --- [ModelId] annotations ----------------------------------------------------------------

        [Fact]
        public Task ModelId_annotated_parameter_property_and_default()
            => Analyze("""
                using CometGuard.Annotations;
                [System.AttributeUsage(System.AttributeTargets.Class)]
                class AgentAttribute : System.Attribute { public AgentAttribute([ModelId] string model) { } }
                [Agent({|CG0001:"gpt-4o"|})]
                class Gateway
                {
                    public void Ask([ModelId] string model, string prompt) { }
                    public void Route([ModelId] string model = {|CG0001:"gpt-4o"|}) { }
                    [ModelId] public string Model { get; set; } = {|CG0001:"gpt-4.1-mini"|};
                }
                class C
                {
                    void M(Gateway gateway)
                    {
                        gateway.Ask({|CG0001:"claude-sonnet-4"|}, "Hi");
                        gateway.Model = {|CG0001:"gemini-2.5-pro"|};
                        gateway.Route();
                    }
                }
                """);

        // --- Hard-coded forms -----------------------------------------------------------------------

        [Fact]
        public Task Interpolation_and_concatenation_of_constants()
            => Analyze("""
                using OpenAI;
                class C
                {
                    private const string Version = "4.1";
                    void M(OpenAIClient client)
                    {
                        _ = client.GetImageClient({|CG0001:$"gpt-{Version}"|});
                        _ = client.GetModerationClient({|CG0001:"omni-" + "moderation"|});
                    }
                }
                """);

        [Fact]
        public async Task Locals_are_reported_at_the_use_with_the_literal_as_additional_location()
        {
            var test = Verify<HardCodedModelIdAnalyzer, HardCodedModelIdFixer>.Create("""
                using OpenAI;
                class C
                {
                    void M(OpenAIClient client)
                    {
                        const string chat = {|#0:"gpt-4o-mini"|};
                        _ = client.GetChatClient({|#1:chat|});
                        var audio = {|#2:"whisper-1"|};
                        _ = client.GetAudioClient({|#3:audio|});
                    }
                }
                """);
            test.ExpectedDiagnostics.Add(new DiagnosticResult("CG0001", DiagnosticSeverity.Warning).WithLocation(1).WithLocation(0)
                .WithArguments("gpt-4o-mini", "hard-coded", "in 'OpenAIClient.GetChatClient' parameter 'model'", "COMETAPI_MODEL"));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("CG0001", DiagnosticSeverity.Warning).WithLocation(3).WithLocation(2)
                .WithArguments("whisper-1", "hard-coded", "in 'OpenAIClient.GetAudioClient' parameter 'model'", "COMETAPI_MODEL"));
            await test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public async Task Const_and_static_readonly_fields_are_reported_at_each_use_with_the_literal_as_additional_location()
        {
            var test = Verify<HardCodedModelIdAnalyzer, HardCodedModelIdFixer>.Create("""
                using OpenAI;
                class C
                {
                    private const string Chat = {|#0:"gpt-4o"|};
                    private static readonly string Embeddings = {|#1:"text-embedding-3-small"|};
                    void M(OpenAIClient client)
                    {
                        _ = client.GetChatClient({|#2:Chat|});
                        _ = client.GetChatClient({|#3:Chat|});
                        _ = client.GetEmbeddingClient({|#4:Embeddings|});
                    }
                }
                """);
            test.ExpectedDiagnostics.Add(new DiagnosticResult("CG0001", DiagnosticSeverity.Warning).WithLocation(2).WithLocation(0)
                .WithArguments("gpt-4o", "hard-coded", "in 'OpenAIClient.GetChatClient' parameter 'model'", "COMETAPI_MODEL"));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("CG0001", DiagnosticSeverity.Warning).WithLocation(3).WithLocation(0)
                .WithArguments("gpt-4o", "hard-coded", "in 'OpenAIClient.GetChatClient' parameter 'model'", "COMETAPI_MODEL"));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("CG0001", DiagnosticSeverity.Warning).WithLocation(4).WithLocation(1)
                .WithArguments("text-embedding-3-small", "hard-coded", "in 'OpenAIClient.GetEmbeddingClient' parameter 'model'", "COMETAPI_MODEL"));
            await test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public async Task Literal_fallback_reached_through_a_local_or_field()
        {
            var test = Verify<HardCodedModelIdAnalyzer, HardCodedModelIdFixer>.Create("""
                using System;
                using Microsoft.Extensions.Configuration;
                using OpenAI;
                class C
                {
                    private static readonly string DefaultModel = Environment.GetEnvironmentVariable("COMETAPI_MODEL") ?? {|#4:"gpt-4.1-mini"|};

                    void M(OpenAIClient client, IConfiguration configuration)
                    {
                        var model = configuration["CometApi:Model"] ?? {|#0:"gpt-4o"|};
                        _ = client.GetChatClient({|#1:model|});
                        var other = (configuration.GetValue<string>("Model") ?? {|#2:"o3-mini"|});
                        _ = client.GetChatClient({|#3:other|});
                        _ = client.GetChatClient({|#5:DefaultModel|});
                    }

                    void NotHardCoded(OpenAIClient client, IConfiguration configuration, string fromCaller)
                    {
                        var model = configuration["Model"] ?? fromCaller;
                        _ = client.GetChatClient(model);
                        var changed = configuration["Model"] ?? "gpt-4o";
                        changed = fromCaller;
                        _ = client.GetChatClient(changed);
                        var placeholder = configuration["Model"] ?? "MODEL_NAME";
                        _ = client.GetChatClient(placeholder);
                    }
                }
                """);
            foreach (var (use, literal, model) in new[] { (1, 0, "gpt-4o"), (3, 2, "o3-mini"), (5, 4, "gpt-4.1-mini") })
            {
                test.ExpectedDiagnostics.Add(new DiagnosticResult("CG0001", DiagnosticSeverity.Warning).WithLocation(use).WithLocation(literal)
                    .WithArguments(model, "the hard-coded '??' fallback", "in 'OpenAIClient.GetChatClient' parameter 'model'", "COMETAPI_MODEL"));
            }

            await test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public async Task Literal_fallback_of_coalesce_has_its_own_message()
        {
            var test = Verify<HardCodedModelIdAnalyzer, HardCodedModelIdFixer>.Create("""
                using Microsoft.Extensions.Configuration;
                using OpenAI;
                class C
                {
                    void M(OpenAIClient client, IConfiguration configuration)
                    {
                        _ = client.GetChatClient(configuration["Model"] ?? {|#0:"gpt-4o"|});
                        _ = client.GetChatClient({|#1:"gpt-4o-mini"|});
                    }
                }
                """);
            test.ExpectedDiagnostics.Add(new DiagnosticResult("CG0001", DiagnosticSeverity.Warning).WithLocation(0)
                .WithArguments("gpt-4o", "the hard-coded '??' fallback", "in 'OpenAIClient.GetChatClient' parameter 'model'", "COMETAPI_MODEL"));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("CG0001", DiagnosticSeverity.Warning).WithLocation(1)
                .WithArguments("gpt-4o-mini", "hard-coded", "in 'OpenAIClient.GetChatClient' parameter 'model'", "COMETAPI_MODEL"));
            await test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public async Task Message_names_the_configured_variable()
        {
            var test = Verify<HardCodedModelIdAnalyzer, HardCodedModelIdFixer>.Create(
                """
                using OpenAI.Chat;
                class C { ChatClient M(string key) => new ChatClient({|#0:"gpt-4o"|}, key); }
                """,
                editorConfig: "cometguard.model_variable = OPENAI_MODEL\n");
            test.ExpectedDiagnostics.Add(new DiagnosticResult("CG0001", DiagnosticSeverity.Warning).WithLocation(0)
                .WithArguments("gpt-4o", "hard-coded", "in 'ChatClient' constructor parameter 'model'", "OPENAI_MODEL"));
            await test.RunAsync(CancellationToken.None);
        }

        // --- Raw HTTP bodies --------------------------------------------------------------------------

        [Fact]
        public Task Anonymous_object_bodies()
            => Analyze("""
                using System.Net.Http;
                using System.Net.Http.Json;
                using System.Threading.Tasks;
                class C
                {
                    async Task M(HttpClient http, string question)
                    {
                        await http.PostAsJsonAsync("v1/chat/completions", new { model = {|CG0001:"gpt-4o"|}, messages = new[] { new { role = "user", content = question } } });
                        await http.PostAsJsonAsync("v1/responses", new { model = {|CG0001:"gpt-5-mini"|}, input = question });
                        var body = new { model = {|CG0001:"text-embedding-3-small"|}, dimensions = 256 };
                        await http.PostAsJsonAsync("https://api.cometapi.com/v1/embeddings", body);
                        await http.PostAsync("/v1/completions", JsonContent.Create(new { model = {|CG0001:"gpt-3.5-turbo-instruct"|}, max_tokens = 5 }));
                        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = JsonContent.Create(new { model = {|CG0001:"gpt-4o-mini"|}, temperature = 0 }) };
                        await http.SendAsync(request);
                        _ = System.BinaryData.FromString({|CG0001:"{\"model\":\"gpt-5\",\"input\":\"hi\"}"|});
                    }
                }
                """);

        [Fact]
        public Task Dto_bodies()
            => Analyze("""
                using System.Collections.Generic;
                using System.Net.Http;
                using System.Net.Http.Json;
                using System.Text.Json.Serialization;
                using System.Threading.Tasks;
                class Message { public string Role { get; set; } = ""; public string Content { get; set; } = ""; }
                class ChatRequest
                {
                    [JsonPropertyName("model")] public string Name { get; set; } = {|CG0001:"gpt-4o-mini"|};
                    [JsonPropertyName("messages")] public List<Message> Messages { get; set; } = new();
                }
                record EmbeddingRequest(string Model, string Input);
                class CompletionRequest { public string Model { get; set; } = ""; public int MaxTokens { get; set; } }
                class C
                {
                    async Task M(HttpClient http)
                    {
                        var chat = new ChatRequest { Name = {|CG0001:"gpt-4o"|} };
                        await http.PostAsJsonAsync("chat/completions", chat);
                        await http.PostAsJsonAsync("embeddings", new EmbeddingRequest({|CG0001:"text-embedding-3-small"|}, "text"));
                        await http.PostAsJsonAsync("v1/completions", new CompletionRequest { Model = {|CG0001:"babbage-002"|}, MaxTokens = 5 });
                    }
                }
                """);

        [Fact]
        public Task JsonObject_and_dictionary_payloads()
            => Analyze("""
                using System.Collections.Generic;
                using System.Text.Json.Nodes;
                class C
                {
                    void M(string question)
                    {
                        _ = new JsonObject { ["model"] = {|CG0001:"gpt-4o"|}, ["messages"] = new JsonArray() };
                        _ = new Dictionary<string, object> { { "model", {|CG0001:"gpt-4o-mini"|} }, { "input", question } };
                        _ = new Dictionary<string, object?> { ["model"] = {|CG0001:"o3-mini"|}, ["prompt"] = question };
                        var body = new JsonObject();
                        body["messages"] = new JsonArray();
                        body["model"] = {|CG0001:"gpt-4.1"|};
                        var payload = new Dictionary<string, object>();
                        payload.Add("model", {|CG0001:"gpt-4.1-nano"|});
                        payload.Add("input", question);
                    }
                }
                """);

        [Fact]
        public Task Json_text_in_regular_and_verbatim_strings()
            => Analyze("""
                using System.Net.Http;
                using System.Text;
                using System.Text.Json.Nodes;
                class C
                {
                    void M()
                    {
                        _ = new StringContent({|CG0001:"{\"model\":\"gpt-4o\",\"messages\":[]}"|}, Encoding.UTF8, "application/json");
                        _ = new StringContent({|CG0001:@"{""model"": ""gpt-4o-mini"", ""input"": ""hi""}"|});
                        _ = JsonNode.Parse({|CG0001:"{\"model\":\"o4-mini\",\"prompt\":\"x\"}"|});
                    }
                }
                """);

        [Fact]
        public async Task Json_text_in_raw_string_through_a_local()
        {
            var test = Verify<HardCodedModelIdAnalyzer, HardCodedModelIdFixer>.Create(""""
                using System.Net.Http;
                class C
                {
                    StringContent M()
                    {
                        var raw = {|#0:"""
                            { "model": "gpt-5", "messages": [ { "role": "user", "content": "hi" } ] }
                            """|};
                        return new StringContent({|#1:raw|});
                    }
                }
                """");
            test.ExpectedDiagnostics.Add(new DiagnosticResult("CG0001", DiagnosticSeverity.Warning).WithLocation(1).WithLocation(0)
                .WithArguments("gpt-5", "hard-coded", "in the JSON body of a gateway request", "COMETAPI_MODEL"));
            await test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task Json_text_in_interpolated_string()
            => Analyze(""""
                using System.Net.Http;
                class C
                {
                    StringContent M(string question)
                        => new StringContent({|CG0001:$"{{\"model\":\"gpt-4.1\",\"messages\":[{{\"role\":\"user\",\"content\":\"{question}\"}}]}}"|});
                }
                """");

        [Fact]
        public Task Json_text_built_by_concatenation()
            => Analyze("""
                using System.Net.Http;
                class C
                {
                    StringContent M(string question, string history)
                        => new StringContent({|CG0001:"{\"model\":\"gpt-4o-mini\",\"messages\":[" + history + ",{\"role\":\"user\",\"content\":\"" + question + "\"}]}"|});

                    StringContent Local(string question)
                    {
                        var body = "{\"model\":\"deepseek-chat\",\"messages\":[{\"role\":\"user\",\"content\":\"" + question + "\"}]}";
                        return new StringContent({|CG0001:body|});
                    }

                    // The model is the variable part: nothing is fixed.
                    StringContent Variable(string model, string question)
                        => new StringContent("{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + question + "\"}]}");

                    // Not a gateway request: no messages, input or prompt, and no gateway path.
                    StringContent Car(string make) => new StringContent("{\"model\":\"Corolla\",\"make\":\"" + make + "\"}");
                }
                """);

        [Fact]
        public Task Json_node_bodies_mutated_or_cloned_from_a_template()
            => Analyze("""
                using System.Net.Http;
                using System.Text;
                using System.Text.Json.Nodes;
                using System.Threading.Tasks;
                class C
                {
                    private static readonly JsonObject Template = new JsonObject { ["temperature"] = 0.2 };

                    async Task Cloned(HttpClient http, string question)
                    {
                        var body = (JsonObject)Template.DeepClone();
                        body["model"] = {|CG0001:"gpt-4o"|};
                        body["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = question });
                        await http.PostAsync("v1/chat/completions", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
                    }

                    async Task Sent(HttpClient http)
                    {
                        JsonNode body = new JsonObject();
                        body["model"] = {|CG0001:"text-embedding-3-small"|};
                        await http.PostAsync("v1/embeddings", new StringContent(body.ToJsonString()));
                    }

                    void NotGateway(JsonObject car)
                    {
                        car["model"] = "Corolla";
                        car["make"] = "Toyota";
                    }
                }
                """);

        [Fact]
        public Task Json_text_sent_to_a_gateway_path()
            => Analyze("""
                using System.Net.Http;
                using System.Threading.Tasks;
                class C
                {
                    Task<HttpResponseMessage> M(HttpClient http)
                        => http.PostAsync("v1/embeddings", new StringContent({|CG0001:"{\"model\":\"text-embedding-3-small\"}"|}));
                }
                """);

        // --- Not flagged -------------------------------------------------------------------------------

        [Fact]
        public Task Values_from_configuration_environment_options_parameters_and_calls_are_not_flagged()
            => Analyze("""
                using System;
                using Microsoft.Extensions.Configuration;
                using Microsoft.Extensions.Options;
                using OpenAI;
                using OpenAI.Chat;
                class GatewayOptions { public string Model { get; set; } = ""; }
                class C
                {
                    private readonly string _model;
                    public C(string model) { _model = model; }
                    string Pick() => "gpt-4o";
                    void M(OpenAIClient client, IConfiguration configuration, IOptions<GatewayOptions> options, string model, string key)
                    {
                        _ = client.GetChatClient(configuration["CometApi:Model"]!);
                        _ = client.GetChatClient(Environment.GetEnvironmentVariable("COMETAPI_MODEL")!);
                        _ = client.GetChatClient(options.Value.Model);
                        _ = client.GetChatClient(model);
                        _ = client.GetChatClient(_model);
                        _ = client.GetChatClient(Pick());
                        _ = client.GetChatClient(configuration["Model"] ?? Environment.GetEnvironmentVariable("MODEL")!);
                        var local = "gpt-4o";
                        local = configuration["Model"]!;
                        _ = new ChatClient(local, key);
                    }
                }
                """);

        [Fact]
        public Task Model_strings_outside_model_positions_are_not_flagged()
            => Analyze("""
                using System;
                using Microsoft.Extensions.AI;
                class C
                {
                    void M()
                    {
                        Console.WriteLine("gpt-4o");
                        var label = "gpt-4o";
                        Console.WriteLine(label);
                        _ = new ChatResponse { ModelId = "gpt-4o" };
                    }
                }
                """);

        [Fact]
        public Task Car_dealer_bodies_are_not_gateway_requests()
            => Analyze("""
                using System.Collections.Generic;
                using System.Net.Http;
                using System.Net.Http.Json;
                using System.Text.Json.Nodes;
                using System.Threading.Tasks;
                class Car { public string Model { get; set; } = ""; public string Make { get; set; } = ""; }
                record Listing(string Model, int Price);
                class C
                {
                    async Task M(HttpClient http)
                    {
                        await http.PostAsJsonAsync("api/cars", new { model = "Corolla", make = "Toyota" });
                        await http.PostAsJsonAsync("api/cars", new Car { Model = "Corolla", Make = "Toyota" });
                        await http.PostAsJsonAsync("api/listings", new Listing("Civic", 20000));
                        _ = new Dictionary<string, object> { ["model"] = "Corolla", ["year"] = 2020 };
                        _ = new JsonObject { ["model"] = "Model 3", ["make"] = "Tesla" };
                        await http.PostAsync("api/cars", new StringContent("{\"model\":\"Corolla\",\"make\":\"Toyota\"}"));
                    }
                }
                """);

        [Fact]
        public Task Json_body_with_model_from_a_hole_is_not_flagged()
            => Analyze("""
                using System.Net.Http;
                class C
                {
                    StringContent M(string model, string question)
                        => new StringContent($"{{\"model\":\"{model}\",\"messages\":[{{\"role\":\"user\",\"content\":\"{question}\"}}]}}");
                }
                """);

        [Fact]
        public Task Body_with_model_from_configuration_is_not_flagged()
            => Analyze("""
                using System.Net.Http;
                using System.Net.Http.Json;
                using System.Threading.Tasks;
                using Microsoft.Extensions.Configuration;
                class C
                {
                    Task M(HttpClient http, IConfiguration configuration, string question)
                        => http.PostAsJsonAsync("v1/chat/completions", new { model = configuration["CometApi:Model"], messages = new[] { new { role = "user", content = question } } });
                }
                """);

        [Fact]
        public async Task Incomplete_code_does_not_throw()
        {
            var test = Verify<HardCodedModelIdAnalyzer, HardCodedModelIdFixer>.Create("""
                using System.Collections.Generic;
                using System.Net.Http;
                using System.Text.Json.Nodes;
                using OpenAI;
                class C
                {
                    void M(OpenAIClient client, HttpClient http)
                    {
                        _ = client.GetChatClient(
                        _ = new JsonObject { ["model"] = , ["messages"] };
                        _ = new Dictionary<string, object> { { "model" }, { "input", } };
                        _ = new StringContent("{\"model\":\"gpt", );
                        _ = new { model = undefined, messages = };
                        var x = $"{{\"model\":\"{";
                        http.PostAsync(new StringContent(x)
                    }
                    [CometGuard.Annotations.ModelId] string P { get => ; set; } = ;
                }
                """);
            test.CompilerDiagnostics = CompilerDiagnostics.None;
            await test.RunAsync(CancellationToken.None);
        }
    }
}
