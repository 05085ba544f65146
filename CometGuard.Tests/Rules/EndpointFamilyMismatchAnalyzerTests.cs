using System.Threading;
using System.Threading.Tasks;
using CometGuard.Analyzers.Rules;
using CometGuard.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;

namespace CometGuard.Tests.Rules
{
    public class EndpointFamilyMismatchAnalyzerTests
    {
        private static Task Analyze(string source)
            => Verify<EndpointFamilyMismatchAnalyzer>.AnalyzerAsync(source);

        [Fact]
        public Task Chat_completions_url_with_responses_anonymous_body()
            => Analyze("""
                using System.Net.Http;
                using System.Net.Http.Json;
                using System.Threading.Tasks;
                class C
                {
                    Task<HttpResponseMessage> M(HttpClient http, string model, string text)
                        => http.PostAsJsonAsync({|CG0010:"https://api.cometapi.com/v1/chat/completions"|}, new { model, input = text, max_output_tokens = 200 });
                }
                """);

        [Fact]
        public Task Responses_url_with_messages_body_in_local()
            => Analyze("""
                using System.Net.Http;
                using System.Net.Http.Json;
                using System.Threading.Tasks;
                class C
                {
                    Task<HttpResponseMessage> M(HttpClient http, string text)
                    {
                        var body = new { model = "gpt-4o", messages = new[] { new { role = "user", content = text } } };
                        return http.PostAsJsonAsync({|CG0010:"v1/responses"|}, body);
                    }
                }
                """);

        [Fact]
        public Task Request_message_with_json_content_assigned_later()
            => Analyze("""
                using System.Net.Http;
                using System.Net.Http.Json;
                using System.Threading.Tasks;
                class C
                {
                    async Task<HttpResponseMessage> M(HttpClient http, string text)
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Post, {|CG0010:"/v1/chat/completions"|});
                        request.Content = JsonContent.Create(new { model = "gpt-4o", instructions = "Be brief.", input = text });
                        return await http.SendAsync(request);
                    }
                }
                """);

        [Fact]
        public Task Json_string_literal_body()
            => Analyze(""""
                using System.Net.Http;
                using System.Text;
                using System.Threading.Tasks;
                class C
                {
                    Task<HttpResponseMessage> M(HttpClient http)
                    {
                        const string Json = """{"model":"gpt-4o","input":[{"role":"user","content":"hi"}],"max_output_tokens":50}""";
                        return http.PostAsync({|CG0010:"https://api.cometapi.com/v1/chat/completions?x=1"|}, new StringContent(Json, Encoding.UTF8, "application/json"));
                    }
                }
                """");

        [Fact]
        public Task Dto_with_json_property_names_and_dictionary_body()
            => Analyze("""
                using System.Collections.Generic;
                using System.Net.Http;
                using System.Net.Http.Json;
                using System.Text.Json.Serialization;
                using System.Threading.Tasks;
                class ResponsesRequest
                {
                    [JsonPropertyName("model")] public string Model { get; set; } = "";
                    [JsonPropertyName("input")] public string Input { get; set; } = "";
                    [JsonPropertyName("max_output_tokens")] public int MaxOutputTokens { get; set; }
                }

                class C
                {
                    Task<HttpResponseMessage> A(HttpClient http) => http.PostAsJsonAsync({|CG0010:"v1/chat/completions"|}, new ResponsesRequest { Input = "hi" });
                    Task<HttpResponseMessage> B(HttpClient http) => http.PostAsJsonAsync({|CG0010:"v1/responses"|}, new Dictionary<string, object> { ["model"] = "gpt-4o", ["messages"] = new object[0] });
                }
                """);

        [Fact]
        public Task Matching_families_are_quiet()
            => Analyze("""
                using System.Net.Http;
                using System.Net.Http.Json;
                using System.Threading.Tasks;
                class C
                {
                    Task<HttpResponseMessage> A(HttpClient http, string text)
                        => http.PostAsJsonAsync("v1/chat/completions", new { model = "gpt-4o", messages = new[] { new { role = "user", content = text } }, max_tokens = 200 });
                    Task<HttpResponseMessage> B(HttpClient http, string text)
                        => http.PostAsJsonAsync("v1/responses", new { model = "gpt-4o", input = text, instructions = "Be brief.", max_output_tokens = 200 });
                    Task<HttpResponseMessage> D(HttpClient http, object unknown)
                        => http.PostAsJsonAsync("v1/responses", unknown);
                    Task<HttpResponseMessage> E(HttpClient http, string text)
                        => http.PostAsJsonAsync("v1/embeddings", new { model = "text-embedding-3-small", input = text });
                    Task<HttpResponseMessage> F(HttpClient http, string text)
                        => http.PostAsJsonAsync("v1/responses", new { model = "gpt-4o", input = text, messages = new object[0] });
                }
                """);

        [Fact]
        public Task Sdk_client_given_the_other_familys_endpoint()
            => Analyze("""
                #pragma warning disable OPENAI001
                using System;
                using System.ClientModel;
                using OpenAI;
                using OpenAI.Chat;
                using OpenAI.Responses;
                class C
                {
                    ChatClient A(ApiKeyCredential key) => new ChatClient("gpt-4o", key, new OpenAIClientOptions { Endpoint = new Uri({|CG0010:"https://api.cometapi.com/v1/responses"|}) });
                    ResponsesClient B(ApiKeyCredential key)
                    {
                        var options = new ResponsesClientOptions { Endpoint = new Uri({|CG0010:"https://api.cometapi.com/v1/chat/completions"|}) };
                        return new ResponsesClient(key, options);
                    }

                    ChatClient Ok(ApiKeyCredential key) => new ChatClient("gpt-4o", key, new OpenAIClientOptions { Endpoint = new Uri("https://api.cometapi.com/v1") });
                    ResponsesClient Ok2(ApiKeyCredential key) => new ResponsesClient(key, new ResponsesClientOptions { Endpoint = new Uri("https://api.cometapi.com/v1") });
                }
                """);

        [Fact]
        public Task Broken_code_does_not_throw()
            => Verify<EndpointFamilyMismatchAnalyzer, EmptyCodeFixProvider>.Create("""
                using System.Net.Http;
                using System.Net.Http.Json;
                class C
                {
                    void M(HttpClient http) => http.PostAsJsonAsync({|CG0010:"v1/chat/completions"|}, new { input = , 
                """).WithoutCompilerDiagnostics().RunAsync(CancellationToken.None);
    }
}
