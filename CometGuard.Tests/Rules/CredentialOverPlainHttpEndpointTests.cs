using System.Threading.Tasks;
using CometGuard.Analyzers.Rules;
using CometGuard.CodeFixes.Rules;
using CometGuard.Tests.Verifiers;

namespace CometGuard.Tests.Rules
{
    /// <summary>CG0009 recall: endpoints given to Semantic Kernel, to the OpenAI options, and through Microsoft.Extensions.AI.</summary>
    public class CredentialOverPlainHttpEndpointTests
    {
        private static Task Analyze(string source, string? editorConfig = null)
            => Verify<CredentialOverPlainHttpAnalyzer, CredentialOverPlainHttpFixer>.AnalyzerAsync(source, editorConfig);

        private static Task Fix(string source, string fixedSource)
            => Verify<CredentialOverPlainHttpAnalyzer, CredentialOverPlainHttpFixer>.CodeFixAsync(source, fixedSource);

        [Fact]
        public Task Kernel_builder_chat_completion_with_uri_endpoint()
            => Analyze("""
                using System;
                using Microsoft.SemanticKernel;
                class C
                {
                    Kernel M(string key)
                        => Kernel.CreateBuilder()
                            .AddOpenAIChatCompletion("gpt-4o", new Uri({|CG0009:"http://llm-gateway.contoso.net:8080/v1"|}), key)
                            .Build();
                }
                """);

        [Fact]
        public Task Kernel_builder_named_endpoint_argument()
            => Analyze("""
                using System;
                using Microsoft.SemanticKernel;
                class C
                {
                    void M(IKernelBuilder builder, string key)
                        => builder.AddOpenAIChatCompletion(modelId: "gpt-4o", apiKey: key, endpoint: new Uri({|CG0009:"http://gateway.corp/v1"|}));
                }
                """);

        [Fact]
        public Task Service_collection_chat_completion_with_endpoint_in_a_local()
            => Analyze("""
                using System;
                using Microsoft.Extensions.DependencyInjection;
                using Microsoft.SemanticKernel;
                class C
                {
                    void M(IServiceCollection services, string key)
                    {
                        var endpoint = new Uri({|CG0009:"http://10.1.2.3:4000/v1"|});
                        services.AddOpenAIChatCompletion("gpt-4o", endpoint, key);
                    }
                }
                """);

        [Fact]
        public Task Kernel_builder_chat_client_with_uri_endpoint()
            => Analyze("""
                using System;
                using Microsoft.SemanticKernel;
                #pragma warning disable SKEXP0010
                class C
                {
                    void M(IKernelBuilder builder, string key)
                        => builder.AddOpenAIChatClient("gpt-4o", new Uri({|CG0009:"http://gateway.corp/v1"|}), key);
                }
                """);

        [Fact]
        public Task Chat_completion_service_constructor_with_endpoint()
            => Analyze("""
                using System;
                using Microsoft.SemanticKernel.Connectors.OpenAI;
                #pragma warning disable SKEXP0010
                class C
                {
                    OpenAIChatCompletionService M(string key) => new OpenAIChatCompletionService("gpt-4o", new Uri({|CG0009:"http://gateway.corp/v1"|}), key);
                }
                """);

        [Fact]
        public Task Endpoint_from_a_static_readonly_field_is_reported_where_it_is_registered()
            => Analyze("""
                using System;
                using Microsoft.SemanticKernel;
                class C
                {
                    private static readonly Uri Gateway = new Uri("http://gateway.corp/v1");
                    void M(IKernelBuilder builder, string key) => builder.AddOpenAIChatCompletion("gpt-4o", {|CG0009:Gateway|}, key);
                }
                """);

        [Theory]
        [InlineData("http://localhost:11434/v1")]
        [InlineData("http://127.0.0.1:4000/v1")]
        [InlineData("https://gateway.corp/v1")]
        public Task Kernel_builder_loopback_and_https_are_quiet(string endpoint)
            => Analyze($$"""
                using System;
                using Microsoft.SemanticKernel;
                class C
                {
                    void M(IKernelBuilder builder, string key) => builder.AddOpenAIChatCompletion("gpt-4o", new Uri("{{endpoint}}"), key);
                }
                """);

        [Fact]
        public Task Kernel_builder_allowed_host_is_quiet()
            => Analyze("""
                using System;
                using Microsoft.SemanticKernel;
                class C
                {
                    void M(IKernelBuilder builder, string key) => builder.AddOpenAIChatCompletion("gpt-4o", new Uri("http://litellm:4000/v1"), key);
                }
                """,
                "cometguard.allowed_http_hosts = litellm\n");

        [Fact]
        public Task Kernel_builder_endpoint_from_configuration_is_quiet()
            => Analyze("""
                using System;
                using Microsoft.SemanticKernel;
                class C
                {
                    void M(IKernelBuilder builder, string key, string url) => builder.AddOpenAIChatCompletion("gpt-4o", new Uri(url), key);
                }
                """);

        [Fact]
        public Task Options_endpoint_assigned_after_creation()
            => Analyze("""
                using System;
                using OpenAI;
                class C
                {
                    OpenAIClientOptions M()
                    {
                        var options = new OpenAIClientOptions();
                        options.Endpoint = new Uri({|CG0009:"http://gateway.corp/v1"|});
                        return options;
                    }
                }
                """);

        [Fact]
        public Task Microsoft_Extensions_AI_chat_client_over_options_endpoint()
            => Analyze("""
                using System;
                using System.ClientModel;
                using Microsoft.Extensions.AI;
                using OpenAI;
                class C
                {
                    IChatClient M(string key)
                        => new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = new Uri({|CG0009:"http://gateway.corp/v1"|}) })
                            .GetChatClient("gpt-4o")
                            .AsIChatClient();
                }
                """);

        [Fact]
        public Task Microsoft_Extensions_AI_embedding_generator_over_options_endpoint()
            => Analyze("""
                using System;
                using System.ClientModel;
                using Microsoft.Extensions.AI;
                using OpenAI;
                using OpenAI.Embeddings;
                class C
                {
                    IEmbeddingGenerator<string, Embedding<float>> M(string key)
                    {
                        var options = new OpenAIClientOptions { Endpoint = new Uri({|CG0009:"http://gateway.corp/v1"|}) };
                        return new EmbeddingClient("text-embedding-3-small", new ApiKeyCredential(key), options).AsIEmbeddingGenerator();
                    }
                }
                """);

        [Fact]
        public Task Microsoft_Extensions_AI_loopback_is_quiet()
            => Analyze("""
                using System;
                using System.ClientModel;
                using Microsoft.Extensions.AI;
                using OpenAI;
                class C
                {
                    IChatClient M(string key)
                        => new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = new Uri("http://localhost:11434/v1") })
                            .GetChatClient("llama3")
                            .AsIChatClient();
                }
                """);

        [Fact]
        public Task Kernel_builder_endpoint_is_fixed()
            => Fix(
                """
                using System;
                using Microsoft.SemanticKernel;
                class C
                {
                    void M(IKernelBuilder builder, string key) => builder.AddOpenAIChatCompletion("gpt-4o", new Uri({|CG0009:"http://gateway.corp/v1"|}), key);
                }
                """,
                """
                using System;
                using Microsoft.SemanticKernel;
                class C
                {
                    void M(IKernelBuilder builder, string key) => builder.AddOpenAIChatCompletion("gpt-4o", new Uri("https://gateway.corp/v1"), key);
                }
                """);
    }
}
