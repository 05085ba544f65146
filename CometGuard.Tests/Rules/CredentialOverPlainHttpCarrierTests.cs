using System.Threading.Tasks;
using CometGuard.Analyzers.Rules;
using CometGuard.CodeFixes.Rules;
using CometGuard.Tests.Verifiers;

namespace CometGuard.Tests.Rules
{
    /// <summary>CG0009 precision: a raw HTTP address is reported only when a credential is attached to its client or request, or may be.</summary>
    public class CredentialOverPlainHttpCarrierTests
    {
        private static Task Analyze(string source)
            => Verify<CredentialOverPlainHttpAnalyzer, CredentialOverPlainHttpFixer>.AnalyzerAsync(source);

        [Fact]
        public Task Metrics_client_beside_an_authenticated_gateway_client_is_quiet()
            => Analyze("""
                using System;
                using System.Net.Http;
                using System.Net.Http.Headers;
                using System.Threading.Tasks;
                class Gateway
                {
                    private readonly HttpClient _gateway = new HttpClient { BaseAddress = new Uri("https://api.cometapi.com/") };
                    private readonly HttpClient _metrics = new HttpClient { BaseAddress = new Uri("http://prometheus.internal:9090/") };
                    Gateway(string key) => _gateway.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
                    Task<string> Scrape() => _metrics.GetStringAsync("http://prometheus.internal:9090/metrics");
                }
                """);

        [Fact]
        public Task Health_check_with_a_new_client_beside_an_sdk_client_is_quiet()
            => Analyze("""
                using System;
                using System.ClientModel;
                using System.Net.Http;
                using System.Threading.Tasks;
                using OpenAI;
                using OpenAI.Chat;
                class Gateway
                {
                    private readonly ChatClient _chat;
                    Gateway(string key) => _chat = new OpenAIClient(new ApiKeyCredential(key)).GetChatClient("gpt-4o");
                    async Task<bool> HealthyAsync()
                    {
                        using var http = new HttpClient();
                        using var response = await http.GetAsync("http://gateway.internal:4000/health");
                        return response.IsSuccessStatusCode;
                    }
                }
                """);

        [Fact]
        public Task Health_request_without_authorization_sent_by_a_bare_client_is_quiet()
            => Analyze("""
                using System.Net.Http;
                using System.Threading.Tasks;
                class Gateway
                {
                    private readonly HttpClient _gateway = new HttpClient();
                    private readonly HttpClient _health = new HttpClient();
                    Gateway(string key) => _gateway.DefaultRequestHeaders.Add("Authorization", "Bearer " + key);
                    async Task<bool> HealthyAsync()
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Get, "http://gateway.internal:4000/health");
                        using var response = await _health.SendAsync(request);
                        return response.IsSuccessStatusCode;
                    }

                    Task<HttpResponseMessage> Ping() => _health.SendAsync(new HttpRequestMessage(HttpMethod.Head, "http://gateway.internal:4000/"));
                }
                """);

        [Fact]
        public Task Bearer_value_kept_in_a_local_attaches_only_where_it_is_set()
            => Analyze("""
                using System;
                using System.Net.Http;
                using System.Net.Http.Headers;
                class Gateway
                {
                    private readonly HttpClient _gateway = new HttpClient();
                    private readonly HttpClient _status = new HttpClient();
                    Gateway(string key)
                    {
                        var auth = new AuthenticationHeaderValue("Bearer", key);
                        _gateway.DefaultRequestHeaders.Authorization = auth;
                        _gateway.BaseAddress = new Uri({|CG0009:"http://api.cometapi.com/"|});
                        _status.BaseAddress = new Uri("http://status.cometapi.com/");
                    }
                }
                """);

        [Fact]
        public Task Keyless_semantic_kernel_registration_is_quiet()
            => Analyze("""
                using System;
                using Microsoft.SemanticKernel;
                class C
                {
                    void M(IKernelBuilder builder) => builder.AddOpenAIChatCompletion("llama3", new Uri("http://ollama.lan:11434/v1"), apiKey: null);
                }
                """);

        [Fact]
        public Task Authorization_set_on_the_request_in_its_initializer()
            => Analyze("""
                using System.Net.Http;
                using System.Net.Http.Headers;
                class Gateway
                {
                    private readonly HttpClient _status = new HttpClient();
                    HttpRequestMessage Create(string key) => new HttpRequestMessage(HttpMethod.Post, {|CG0009:"http://api.cometapi.com/v1/chat/completions"|})
                    {
                        Headers = { Authorization = new AuthenticationHeaderValue("Bearer", key) },
                    };
                }
                """);

        [Fact]
        public Task Authorization_set_on_the_client_in_its_initializer()
            => Analyze("""
                using System;
                using System.Net.Http;
                using System.Net.Http.Headers;
                class Gateway
                {
                    HttpClient Create(string key) => new HttpClient
                    {
                        BaseAddress = new Uri({|CG0009:"http://api.cometapi.com/"|}),
                        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", key) },
                    };
                }
                """);

        [Fact]
        public Task Bare_request_sent_by_a_client_with_default_authorization()
            => Analyze("""
                using System.Net.Http;
                using System.Net.Http.Headers;
                using System.Threading.Tasks;
                class Gateway
                {
                    private readonly HttpClient _http = new HttpClient();
                    private readonly HttpClient _status = new HttpClient();
                    Gateway(string key) => _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
                    async Task<HttpResponseMessage> Send(HttpContent body)
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Post, {|CG0009:"http://api.cometapi.com/v1/responses"|}) { Content = body };
                        return await _http.SendAsync(request);
                    }

                    Task<HttpResponseMessage> Post(HttpContent body) => _http.SendAsync(new HttpRequestMessage(HttpMethod.Post, {|CG0009:"http://api.cometapi.com/v1/embeddings"|}) { Content = body });
                }
                """);

        [Fact]
        public Task Client_handed_to_semantic_kernel_with_a_key_carries_it_to_its_base_address()
            => Analyze("""
                using System;
                using System.Net.Http;
                using Microsoft.SemanticKernel;
                class C
                {
                    void M(IKernelBuilder builder, string key)
                    {
                        var http = new HttpClient { BaseAddress = new Uri({|CG0009:"http://gateway.corp/v1/"|}) };
                        builder.AddOpenAIChatCompletion("gpt-4o", key, httpClient: http);
                    }
                }
                """);

        [Fact]
        public Task Client_parameter_may_be_the_authenticated_client()
            => Analyze("""
                using System.Net.Http;
                using System.Net.Http.Headers;
                using System.Threading.Tasks;
                class Gateway
                {
                    private readonly HttpClient _http = new HttpClient();
                    Gateway(string key) => _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
                    Task<HttpResponseMessage> Send(HttpClient http, HttpContent body) => http.PostAsync({|CG0009:"http://api.cometapi.com/v1/chat/completions"|}, body);
                }
                """);

        [Fact]
        public Task Authorization_set_on_a_parameter_counts_for_every_client()
            => Analyze("""
                using System.Net.Http;
                using System.Net.Http.Headers;
                using System.Threading.Tasks;
                class Gateway
                {
                    private readonly HttpClient _http = new HttpClient();
                    static void Authenticate(HttpClient client, string key) => client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
                    Task<HttpResponseMessage> Send(HttpContent body) => _http.PostAsync({|CG0009:"http://api.cometapi.com/v1/chat/completions"|}, body);
                }
                """);

        [Fact]
        public Task Sdk_key_alone_does_not_reach_a_raw_client()
            => Analyze("""
                using System;
                using System.ClientModel;
                using System.Net.Http;
                using OpenAI;
                class Gateway
                {
                    private readonly OpenAIClient _client;
                    private readonly HttpClient _status = new HttpClient { BaseAddress = new Uri("http://status.cometapi.com/") };
                    Gateway(string key) => _client = new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = new Uri({|CG0009:"http://api.cometapi.com/v1"|}) });
                }
                """);

        [Fact]
        public Task Request_built_by_a_helper_may_be_sent_by_the_authenticated_client()
            => Analyze("""
                using System.Net.Http;
                using System.Net.Http.Headers;
                using System.Threading.Tasks;
                class Gateway
                {
                    private readonly HttpClient _http = new HttpClient();
                    Gateway(string key) => _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
                    static HttpRequestMessage Create() => new HttpRequestMessage(HttpMethod.Post, {|CG0009:"http://api.cometapi.com/v1/responses"|});
                    Task<HttpResponseMessage> Send() => _http.SendAsync(Create());
                }
                """);
    }
}
