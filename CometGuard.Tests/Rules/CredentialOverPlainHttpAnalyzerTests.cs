using System.Threading;
using System.Threading.Tasks;
using CometGuard.Analyzers.Rules;
using CometGuard.CodeFixes.Rules;
using CometGuard.Tests.Verifiers;

namespace CometGuard.Tests.Rules
{
    public class CredentialOverPlainHttpAnalyzerTests
    {
        private static Task Analyze(string source, string? editorConfig = null)
            => Verify<CredentialOverPlainHttpAnalyzer, CredentialOverPlainHttpFixer>.AnalyzerAsync(source, editorConfig);

        [Fact]
        public Task OpenAIClientOptions_endpoint_over_http()
            => Analyze("""
                using System;
                using System.ClientModel;
                using OpenAI;
                class C
                {
                    OpenAIClient M(string key) => new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = new Uri({|CG0009:"http://api.cometapi.com/v1"|}) });
                }
                """);

        [Fact]
        public Task Endpoint_in_static_readonly_field_is_reported_where_it_is_sent()
            => Analyze("""
                using System;
                using OpenAI;
                class C
                {
                    private static readonly Uri Gateway = new Uri("http://gateway.internal:4000/v1");
                    OpenAIClientOptions M() => new OpenAIClientOptions { Endpoint = {|CG0009:Gateway|} };
                }
                """);

        [Fact]
        public Task Endpoint_in_local_uri()
            => Analyze("""
                using System;
                using OpenAI;
                class C
                {
                    void M()
                    {
                        var endpoint = new Uri({|CG0009:"http://10.0.0.5:8080/v1"|});
                        var options = new OpenAIClientOptions();
                        options.Endpoint = endpoint;
                    }
                }
                """);

        [Fact]
        public Task ChatClient_with_http_endpoint_in_top_level_statements()
            => Verify<CredentialOverPlainHttpAnalyzer, CredentialOverPlainHttpFixer>.Create("""
                using System;
                using System.ClientModel;
                using OpenAI;
                using OpenAI.Chat;
                var options = new OpenAIClientOptions { Endpoint = new Uri({|CG0009:"http://litellm.example.net/v1"|}) };
                var chat = new ChatClient("gpt-4o", new ApiKeyCredential(Environment.GetEnvironmentVariable("COMETAPI_API_KEY")!), options);
                """).AsProgram().RunAsync(CancellationToken.None);

        [Fact]
        public Task AzureOpenAIClient_endpoint_over_http()
            => Analyze("""
                using System;
                using Azure;
                using Azure.AI.OpenAI;
                class C
                {
                    AzureOpenAIClient M(string key) => new AzureOpenAIClient(new Uri({|CG0009:"http://contoso.openai.azure.com/"|}), new AzureKeyCredential(key));
                }
                """);

        [Fact]
        public Task HttpClient_base_address_with_bearer_header()
            => Analyze("""
                using System;
                using System.Net.Http;
                using System.Net.Http.Headers;
                class Gateway
                {
                    private readonly HttpClient _http = new HttpClient();
                    Gateway(string key)
                    {
                        _http.BaseAddress = new Uri({|CG0009:"http://api.cometapi.com/"|});
                        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
                    }
                }
                """);

        [Fact]
        public Task Request_uri_with_authorization_header_added()
            => Analyze("""
                using System.Net.Http;
                using System.Threading.Tasks;
                class Gateway
                {
                    async Task<HttpResponseMessage> M(HttpClient http, string key, HttpContent body)
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Post, {|CG0009:"http://api.cometapi.com/v1/chat/completions"|}) { Content = body };
                        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
                        return await http.SendAsync(request);
                    }
                }
                """);

        [Fact]
        public Task PostAsJsonAsync_with_credential_set_elsewhere_in_the_type()
            => Analyze("""
                using System.Net.Http;
                using System.Net.Http.Headers;
                using System.Net.Http.Json;
                using System.Threading.Tasks;
                class Gateway
                {
                    private readonly HttpClient _http;
                    Gateway(HttpClient http, string key)
                    {
                        _http = http;
                        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
                    }

                    Task<HttpResponseMessage> Send(object body) => _http.PostAsJsonAsync({|CG0009:"http://api.cometapi.com/v1/responses"|}, body);
                }
                """);

        [Fact]
        public Task Interpolated_endpoint_with_constant_host()
            => Analyze("""
                using System;
                using OpenAI;
                class C
                {
                    private const string Host = "gateway.corp";
                    OpenAIClientOptions M() => new OpenAIClientOptions { Endpoint = new Uri({|CG0009:$"http://{Host}/v1"|}) };
                }
                """);

        [Theory]
        [InlineData("http://localhost:4000/v1")]
        [InlineData("http://LOCALHOST/v1")]
        [InlineData("http://127.0.0.1:11434/v1")]
        [InlineData("http://127.10.20.30/v1")]
        [InlineData("http://[::1]:8080/v1")]
        [InlineData("http://api.localhost/v1")]
        [InlineData("https://api.cometapi.com/v1")]
        [InlineData("https://127.0.0.1/v1")]
        [InlineData("/v1/chat/completions")]
        public Task Loopback_and_https_are_quiet(string endpoint)
            => Analyze($$"""
                using System;
                using System.ClientModel;
                using System.Net.Http;
                using System.Net.Http.Headers;
                using OpenAI;
                class C
                {
                    OpenAIClientOptions M() => new OpenAIClientOptions { Endpoint = new Uri("{{endpoint}}", UriKind.RelativeOrAbsolute) };
                    void N(HttpClient http, string key)
                    {
                        http.BaseAddress = new Uri("{{endpoint}}", UriKind.RelativeOrAbsolute);
                        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
                    }
                }
                """);

        [Fact]
        public Task Http_base_address_without_credential_is_quiet()
            => Analyze("""
                using System;
                using System.Net.Http;
                class C
                {
                    HttpClient M() => new HttpClient { BaseAddress = new Uri("http://status.example.com/") };
                }
                """);

        [Fact]
        public Task Endpoint_from_configuration_is_quiet()
            => Analyze("""
                using System;
                using OpenAI;
                class C
                {
                    OpenAIClientOptions M() => new OpenAIClientOptions { Endpoint = new Uri(Environment.GetEnvironmentVariable("COMETAPI_BASE_URL")!) };
                }
                """);

        [Fact]
        public Task Lookalike_host_starting_with_127_is_reported()
            => Analyze("""
                using System;
                using OpenAI;
                class C
                {
                    OpenAIClientOptions M() => new OpenAIClientOptions { Endpoint = new Uri({|CG0009:"http://127.0.0.1.attacker.example/v1"|}) };
                }
                """);

        [Fact]
        public Task Allowed_hosts_option()
            => Analyze("""
                using System;
                using OpenAI;
                class C
                {
                    OpenAIClientOptions A() => new OpenAIClientOptions { Endpoint = new Uri("http://litellm:4000/v1") };
                    OpenAIClientOptions B() => new OpenAIClientOptions { Endpoint = new Uri("http://gw.mesh.internal/v1") };
                    OpenAIClientOptions C2() => new OpenAIClientOptions { Endpoint = new Uri({|CG0009:"http://mesh.internal.example.com/v1"|}) };
                }
                """,
                "cometguard.allowed_http_hosts = litellm, *.mesh.internal\n");

        [Fact]
        public Task Credential_set_in_another_part_of_a_partial_type()
        {
            var test = Verify<CredentialOverPlainHttpAnalyzer, CredentialOverPlainHttpFixer>.Create("""
                using System;
                using System.Net.Http;
                partial class Gateway
                {
                    private readonly HttpClient _http = new HttpClient();
                    void Route() => _http.BaseAddress = new Uri({|CG0009:"http://api.cometapi.com/"|});
                }
                """);
            test.TestState.Sources.Add(("Auth.cs", """
                using System.Net.Http.Headers;
                partial class Gateway
                {
                    void Authenticate(string key) => _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
                }
                """));
            return test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task Credential_set_in_a_nested_type_counts_for_the_enclosing_type()
            => Analyze("""
                using System;
                using System.Net.Http;
                using System.Net.Http.Headers;
                class Gateway
                {
                    void Route(HttpClient http) => http.BaseAddress = new Uri({|CG0009:"http://api.cometapi.com/"|});

                    class Auth
                    {
                        void Set(HttpClient http, string key) => http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
                    }
                }
                """);

        [Fact]
        public Task Credential_set_in_another_type_is_quiet()
        {
            var test = Verify<CredentialOverPlainHttpAnalyzer, CredentialOverPlainHttpFixer>.Create("""
                using System;
                using System.Net.Http;
                class Gateway
                {
                    void Route(HttpClient http) => http.BaseAddress = new Uri("http://api.cometapi.com/");
                }
                """);
            test.TestState.Sources.Add(("Auth.cs", """
                using System.Net.Http;
                using System.Net.Http.Headers;
                class Auth
                {
                    void Set(HttpClient http, string key) => http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
                }
                """));
            return test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task Endpoint_constant_from_another_file_is_reported_where_it_is_sent()
        {
            var test = Verify<CredentialOverPlainHttpAnalyzer, CredentialOverPlainHttpFixer>.Create("""
                static class Endpoints
                {
                    public const string Gateway = "http://api.cometapi.com/v1";
                }
                """);
            test.TestState.Sources.Add(("Factory.cs", """
                using System;
                using OpenAI;
                class Factory
                {
                    OpenAIClientOptions Options() => new OpenAIClientOptions { Endpoint = {|CG0009:new Uri(Endpoints.Gateway)|} };
                }
                """));
            return test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task Broken_code_does_not_throw()
            => Verify<CredentialOverPlainHttpAnalyzer, CredentialOverPlainHttpFixer>.Create("""
                using System;
                using OpenAI;
                class C
                {
                    OpenAIClientOptions M() => new OpenAIClientOptions { Endpoint = new Uri({|CG0009:"http://x|}
                }
                """).WithoutCompilerDiagnostics().RunAsync(CancellationToken.None);
    }
}
