using System.Threading;
using System.Threading.Tasks;
using CometGuard.Analyzers.Rules;
using CometGuard.CodeFixes.Rules;
using CometGuard.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace CometGuard.Tests.Rules
{
    public class HardCodedModelIdFixerTests
    {
        private const string EnvironmentRead = "System.Environment.GetEnvironmentVariable(\"COMETAPI_MODEL\") ?? throw new System.InvalidOperationException(\"Set the COMETAPI_MODEL environment variable to the model ID.\")";
        private const string ConfigurationMissing = "throw new System.InvalidOperationException(\"Set the configuration value 'CometApi:Model' to the model ID.\")";

        private static Task Fix(string source, string fixedSource, string? editorConfig = null)
            => Verify<HardCodedModelIdAnalyzer, HardCodedModelIdFixer>.CodeFixAsync(source, fixedSource, editorConfig);

        [Fact]
        public Task Without_configuration_in_scope_reads_the_environment()
            => Fix(
                """
                using OpenAI.Chat;
                class C { ChatClient M(string key) => new ChatClient({|CG0001:"gpt-4o"|}, key); }
                """,
                $$"""
                using OpenAI.Chat;
                class C { ChatClient M(string key) => new ChatClient({{EnvironmentRead}}, key); }
                """);

        [Fact]
        public Task Environment_variable_name_is_configurable()
            => Fix(
                """
                using System;
                using OpenAI;
                class C { void M(OpenAIClient client) => client.GetChatClient({|CG0001:"gpt-4o"|}); }
                """,
                """
                using System;
                using OpenAI;
                class C { void M(OpenAIClient client) => client.GetChatClient(Environment.GetEnvironmentVariable("OPENAI_MODEL") ?? throw new InvalidOperationException("Set the OPENAI_MODEL environment variable to the model ID.")); }
                """,
                "cometguard.model_variable = OPENAI_MODEL\n");

        [Fact]
        public Task Configuration_field_is_read()
            => Fix(
                """
                using Microsoft.Extensions.Configuration;
                using OpenAI;
                class C
                {
                    private readonly IConfiguration _configuration;
                    public C(IConfiguration configuration) { _configuration = configuration; }
                    void M(OpenAIClient client) { _ = client.GetChatClient({|CG0001:"gpt-4o"|}); }
                }
                """,
                $$"""
                using Microsoft.Extensions.Configuration;
                using OpenAI;
                class C
                {
                    private readonly IConfiguration _configuration;
                    public C(IConfiguration configuration) { _configuration = configuration; }
                    void M(OpenAIClient client) { _ = client.GetChatClient(_configuration["CometApi:Model"] ?? {{ConfigurationMissing}}); }
                }
                """);

        [Fact]
        public Task Primary_constructor_configuration_with_a_configured_key()
            => Fix(
                """
                using Microsoft.Extensions.Configuration;
                using OpenAI;
                using OpenAI.Chat;
                class ChatService(IConfiguration configuration, OpenAIClient client)
                {
                    private readonly ChatClient _chat = client.GetChatClient({|CG0001:"gpt-4o"|});
                }
                """,
                """
                using Microsoft.Extensions.Configuration;
                using OpenAI;
                using OpenAI.Chat;
                class ChatService(IConfiguration configuration, OpenAIClient client)
                {
                    private readonly ChatClient _chat = client.GetChatClient(configuration["Gateway:ChatModel"] ?? throw new System.InvalidOperationException("Set the configuration value 'Gateway:ChatModel' to the model ID."));
                }
                """,
                "cometguard.model_configuration_key = Gateway:ChatModel\n");

        [Fact]
        public Task Options_with_a_model_property_are_read()
            => Fix(
                """
                using Microsoft.Extensions.AI;
                using Microsoft.Extensions.Options;
                class GatewayOptions { public string Model { get; set; } = ""; }
                class C
                {
                    ChatOptions M(IOptions<GatewayOptions> options) => new ChatOptions { ModelId = {|CG0001:"gpt-4o"|} };
                }
                """,
                """
                using Microsoft.Extensions.AI;
                using Microsoft.Extensions.Options;
                class GatewayOptions { public string Model { get; set; } = ""; }
                class C
                {
                    ChatOptions M(IOptions<GatewayOptions> options) => new ChatOptions { ModelId = options.Value.Model ?? throw new System.InvalidOperationException("Set 'CometApi:Model' to the model ID.") };
                }
                """);

        [Fact]
        public Task Options_monitor_is_preferred_over_configuration()
            => Fix(
                """
                using Microsoft.Extensions.Configuration;
                using Microsoft.Extensions.Options;
                using OpenAI;
                class GatewayOptions { public string? ModelId { get; set; } }
                class C(IConfiguration configuration, IOptionsMonitor<GatewayOptions> monitor)
                {
                    object M(OpenAIClient client) => client.GetChatClient({|CG0001:"gpt-4o"|});
                }
                """,
                """
                using Microsoft.Extensions.Configuration;
                using Microsoft.Extensions.Options;
                using OpenAI;
                class GatewayOptions { public string? ModelId { get; set; } }
                class C(IConfiguration configuration, IOptionsMonitor<GatewayOptions> monitor)
                {
                    object M(OpenAIClient client) => client.GetChatClient(monitor.CurrentValue.ModelId ?? throw new System.InvalidOperationException("Set 'CometApi:Model' to the model ID."));
                }
                """);

        [Fact]
        public Task Host_builder_configuration_is_read()
            => Fix(
                """
                using Microsoft.Extensions.Hosting;
                using OpenAI.Chat;
                static class Setup
                {
                    public static ChatClient Chat(IHostApplicationBuilder builder, string key) => new ChatClient({|CG0001:"gpt-4o"|}, key);
                }
                """,
                $$"""
                using Microsoft.Extensions.Hosting;
                using OpenAI.Chat;
                static class Setup
                {
                    public static ChatClient Chat(IHostApplicationBuilder builder, string key) => new ChatClient(builder.Configuration["CometApi:Model"] ?? {{ConfigurationMissing}}, key);
                }
                """);

        [Fact]
        public Task Static_member_cannot_use_an_instance_configuration_field()
            => Fix(
                """
                using Microsoft.Extensions.Configuration;
                using OpenAI.Chat;
                class C
                {
                    private readonly IConfiguration _configuration = null!;
                    static ChatClient Create(string key) => new ChatClient({|CG0001:"gpt-4o"|}, key);
                }
                """,
                $$"""
                using Microsoft.Extensions.Configuration;
                using OpenAI.Chat;
                class C
                {
                    private readonly IConfiguration _configuration = null!;
                    static ChatClient Create(string key) => new ChatClient({{EnvironmentRead}}, key);
                }
                """);

        [Fact]
        public Task Literal_fallback_becomes_a_clear_failure()
            => Fix(
                """
                using Microsoft.Extensions.Configuration;
                using OpenAI;
                class C
                {
                    void M(OpenAIClient client, IConfiguration configuration) => client.GetChatClient(configuration["Model"] ?? {|CG0001:"gpt-4o"|});
                }
                """,
                """
                using Microsoft.Extensions.Configuration;
                using OpenAI;
                class C
                {
                    void M(OpenAIClient client, IConfiguration configuration) => client.GetChatClient(configuration["Model"] ?? throw new System.InvalidOperationException("No model is configured: set 'CometApi:Model' or the COMETAPI_MODEL environment variable."));
                }
                """);

        [Fact]
        public async Task Gateway_bodies_and_locals_in_one_document_fix_all()
        {
            var test = Verify<HardCodedModelIdAnalyzer, HardCodedModelIdFixer>.Create(
                """
                using System.Net.Http;
                using System.Net.Http.Json;
                using System.Text.Json.Nodes;
                using System.Threading.Tasks;
                using Microsoft.Extensions.Configuration;
                using OpenAI;
                class C
                {
                    async Task M(HttpClient http, OpenAIClient client, IConfiguration configuration, string question)
                    {
                        await http.PostAsJsonAsync("v1/chat/completions", new { model = {|CG0001:"gpt-4o"|}, messages = new[] { new { role = "user", content = question } } });
                        _ = new JsonObject { ["model"] = {|CG0001:"gpt-4o-mini"|}, ["input"] = question };
                        var embeddings = {|#0:"text-embedding-3-small"|};
                        _ = client.GetEmbeddingClient({|#1:embeddings|});
                    }

                    static void S(OpenAIClient client) => client.GetChatClient({|CG0001:"gpt-4.1"|});
                }
                """,
                $$"""
                using System.Net.Http;
                using System.Net.Http.Json;
                using System.Text.Json.Nodes;
                using System.Threading.Tasks;
                using Microsoft.Extensions.Configuration;
                using OpenAI;
                class C
                {
                    async Task M(HttpClient http, OpenAIClient client, IConfiguration configuration, string question)
                    {
                        await http.PostAsJsonAsync("v1/chat/completions", new { model = configuration["CometApi:Model"] ?? {{ConfigurationMissing}}, messages = new[] { new { role = "user", content = question } } });
                        _ = new JsonObject { ["model"] = configuration["CometApi:Model"] ?? {{ConfigurationMissing}}, ["input"] = question };
                        var embeddings = configuration["CometApi:Model"] ?? {{ConfigurationMissing}};
                        _ = client.GetEmbeddingClient(embeddings);
                    }

                    static void S(OpenAIClient client) => client.GetChatClient({{EnvironmentRead}});
                }
                """);
            test.ExpectedDiagnostics.Add(new DiagnosticResult("CG0001", DiagnosticSeverity.Warning).WithLocation(1).WithLocation(0)
                .WithArguments("text-embedding-3-small", "hard-coded", "in 'OpenAIClient.GetEmbeddingClient' parameter 'model'", "COMETAPI_MODEL"));
            await test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public async Task Fix_all_across_two_documents()
        {
            var test = Verify<HardCodedModelIdAnalyzer, HardCodedModelIdFixer>.Create(string.Empty, string.Empty);
            test.TestState.Sources.Clear();
            test.FixedState.Sources.Clear();
            test.TestState.Sources.Add(("/0/Chat.cs", """
                using OpenAI;
                static class Chat { public static object Create(OpenAIClient client) => client.GetChatClient({|CG0001:"gpt-4o"|}); }
                """));
            test.TestState.Sources.Add(("/0/Embeddings.cs", """
                using OpenAI.Embeddings;
                static class Embeddings { public static EmbeddingClient Create(string key) => new EmbeddingClient({|CG0001:"text-embedding-3-small"|}, key); }
                """));
            test.FixedState.Sources.Add(("/0/Chat.cs", $$"""
                using OpenAI;
                static class Chat { public static object Create(OpenAIClient client) => client.GetChatClient({{EnvironmentRead}}); }
                """));
            test.FixedState.Sources.Add(("/0/Embeddings.cs", $$"""
                using OpenAI.Embeddings;
                static class Embeddings { public static EmbeddingClient Create(string key) => new EmbeddingClient({{EnvironmentRead}}, key); }
                """));
            await test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public async Task Const_field_use_is_replaced_and_the_const_left_alone()
        {
            var test = Verify<HardCodedModelIdAnalyzer, HardCodedModelIdFixer>.Create(
                """
                using OpenAI;
                class C
                {
                    private const string Model = {|#0:"gpt-4o"|};
                    void M(OpenAIClient client) => client.GetChatClient({|#1:Model|});
                }
                """,
                $$"""
                using OpenAI;
                class C
                {
                    private const string Model = "gpt-4o";
                    void M(OpenAIClient client) => client.GetChatClient({{EnvironmentRead}});
                }
                """);
            test.ExpectedDiagnostics.Add(new DiagnosticResult("CG0001", DiagnosticSeverity.Warning).WithLocation(1).WithLocation(0)
                .WithArguments("gpt-4o", "hard-coded", "in 'OpenAIClient.GetChatClient' parameter 'model'", "COMETAPI_MODEL"));
            await test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task No_fix_in_attribute_argument_default_value_or_json_text()
        {
            const string source = """
                using System.Net.Http;
                using CometGuard.Annotations;
                class AgentAttribute : System.Attribute { public AgentAttribute([ModelId] string model) { } }
                class C
                {
                    [Agent({|CG0001:"gpt-4o"|})] void M() { }

                    void Route([ModelId] string model = {|CG0001:"gpt-4o-mini"|}) { }
                    StringContent Body() => new StringContent({|CG0001:"{\"model\":\"gpt-4.1\",\"messages\":[]}"|});
                }
                """;
            return Fix(source, source);
        }
    }
}
