using System.Threading.Tasks;
using CometGuard.Analyzers.Rules;
using CometGuard.CodeFixes.Rules;
using CometGuard.Tests.Verifiers;

namespace CometGuard.Tests.Rules
{
    public class LiteralApiKeyAnalyzerTests
    {
        private static readonly string Project = TestKeys.OpenAiProject;
        private static readonly string Legacy = TestKeys.OpenAiLegacy;
        private static readonly string Generic = TestKeys.Generic;

        private static Task Analyze(string source, string? editorConfig = null)
            => Verify<LiteralApiKeyAnalyzer, LiteralApiKeyFixer>.AnalyzerAsync(source, editorConfig);

        [Fact]
        public Task OpenAIClient_string_key()
            => Analyze($$"""
                using OpenAI;
                class C { OpenAIClient M() => new OpenAIClient({|CG0002:"{{Legacy}}"|}); }
                """);

        [Fact]
        public Task ApiKeyCredential_generic_token_in_credential_position()
            => Analyze($$"""
                using System.ClientModel;
                class C { ApiKeyCredential M() => new ApiKeyCredential({|CG0002:"{{Generic}}"|}); }
                """);

        [Fact]
        public Task ChatClient_api_key_argument()
            => Analyze($$"""
                using OpenAI.Chat;
                class C { ChatClient M(string model) => new ChatClient(model, {|CG0002:"{{Project}}"|}); }
                """);

        [Fact]
        public Task AzureKeyCredential_literal()
            => Analyze($$"""
                using System;
                using Azure;
                using Azure.AI.OpenAI;
                class C
                {
                    AzureOpenAIClient M() => new AzureOpenAIClient(new Uri("https://contoso.openai.azure.com/"), new AzureKeyCredential({|CG0002:"{{Generic}}"|}));
                }
                """);

        [Fact]
        public Task Const_field_is_reported_where_the_credential_is_used()
            => Analyze($$"""
                using System.ClientModel;
                class C
                {
                    private const string Key = "{{Generic}}";
                    ApiKeyCredential M() => new ApiKeyCredential({|CG0002:Key|});
                }
                """);

        [Fact]
        public Task Key_shaped_const_is_reported_once_at_its_declaration()
            => Analyze($$"""
                using OpenAI;
                class C
                {
                    private const string Key = {|CG0002:"{{Legacy}}"|};
                    OpenAIClient M() => new OpenAIClient(Key);
                    OpenAIClient N() => new OpenAIClient(Key);
                }
                """);

        [Fact]
        public Task Static_readonly_field_initialised_from_literal()
            => Analyze($$"""
                using OpenAI;
                class C
                {
                    private static readonly string Key = "{{Generic}}";
                    OpenAIClient M() => new OpenAIClient({|CG0002:Key|});
                }
                """);

        [Fact]
        public Task Local_initialised_from_literal()
            => Analyze($$"""
                using OpenAI;
                class C
                {
                    OpenAIClient M()
                    {
                        var key = "{{Generic}}";
                        return new OpenAIClient({|CG0002:key|});
                    }
                }
                """);

        [Fact]
        public Task Bearer_AuthenticationHeaderValue()
            => Analyze($$"""
                using System.Net.Http;
                using System.Net.Http.Headers;
                class C
                {
                    void M(HttpClient http) => http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", {|CG0002:"{{Generic}}"|});
                }
                """);

        [Fact]
        public Task Authorization_header_added_by_name()
            => Analyze($$"""
                using System.Net.Http;
                class C
                {
                    void M(HttpRequestMessage request, HttpClient http)
                    {
                        request.Headers.Add("Authorization", {|CG0002:"Bearer {{Generic}}"|});
                        http.DefaultRequestHeaders.TryAddWithoutValidation("authorization", {|CG0002:"Bearer {{TestKeys.Random(3, 40)}}"|});
                    }
                }
                """);

        [Fact]
        public Task Literal_fallback_key_reached_through_a_local()
            => Analyze($$"""
                using System;
                using System.ClientModel;
                class C
                {
                    void M()
                    {
                        var key = Environment.GetEnvironmentVariable("COMETAPI_API_KEY") ?? {|#0:"{{Generic}}"|};
                        _ = new ApiKeyCredential({|CG0002:key|});
                        var placeholder = Environment.GetEnvironmentVariable("COMETAPI_API_KEY") ?? "<your-key>";
                        _ = new ApiKeyCredential(placeholder);
                    }
                }
                """);

        [Fact]
        public Task Api_key_headers_added_by_name()
            => Analyze($$"""
                using System.Collections.Generic;
                using System.Net.Http;
                class C
                {
                    void M(HttpRequestMessage request, HttpClient http)
                    {
                        // Azure OpenAI over raw HTTP: a 32-hex key in the api-key header.
                        request.Headers.Add("api-key", {|CG0002:"{{TestKeys.Hex(21, 32)}}"|});
                        http.DefaultRequestHeaders.TryAddWithoutValidation("API-Key", {|CG0002:"{{TestKeys.Hex(22, 32)}}"|});
                        // Anthropic-style and gateway keys in x-api-key.
                        http.DefaultRequestHeaders.Add("x-api-key", {|CG0002:"{{TestKeys.Random(23, 40)}}"|});
                        request.Headers.TryAddWithoutValidation("X-API-KEY", new List<string> { {|CG0002:"{{TestKeys.Random(24, 40)}}"|} });
                    }
                }
                """);

        [Fact]
        public Task Api_key_headers_with_placeholders_or_secret_sources_and_other_headers()
            => Analyze($$"""
                using System;
                using System.Net.Http;
                class C
                {
                    void M(HttpRequestMessage request, HttpClient http, string key)
                    {
                        request.Headers.Add("api-key", "<your-azure-openai-key>");
                        request.Headers.Add("api-key", Environment.GetEnvironmentVariable("AZURE_OPENAI_API_KEY"));
                        http.DefaultRequestHeaders.Add("x-api-key", key);
                        http.DefaultRequestHeaders.Add("x-api-key", "YOUR_API_KEY");
                        // Not credential headers: a correlation id and a version are random-looking by design.
                        http.DefaultRequestHeaders.Add("x-request-id", "{{TestKeys.Random(25, 40)}}");
                        http.DefaultRequestHeaders.Add("api-version", "2024-10-21");
                    }
                }
                """);

        [Fact]
        public Task Interpolation_of_a_constant_into_a_bearer_header()
            => Analyze($$"""
                using System.Net.Http;
                class C
                {
                    private const string Key = "{{Generic}}";
                    void M(HttpClient http) => http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", {|CG0002:$"Bearer {Key}"|});
                }
                """);

        [Fact]
        public Task ApiKey_annotated_user_parameter_and_property()
            => Analyze($$"""
                using CometGuard.Annotations;
                class GatewayOptions { [ApiKey] public string Key { get; set; } = ""; }
                class Gateway { public Gateway([ApiKey] string key) { } }
                class C
                {
                    void M()
                    {
                        _ = new Gateway({|CG0002:"{{Generic}}"|});
                        _ = new GatewayOptions { Key = {|CG0002:"{{TestKeys.Random(4, 40)}}"|} };
                    }
                }
                """);

        [Fact]
        public Task Key_shaped_literals_anywhere()
            => Analyze($$"""
                class C
                {
                    string Json => {|CG0002:"{\"api_key\": \"{{Project}}\"}"|};
                    string Anthropic => {|CG0002:"{{TestKeys.Anthropic}}"|};
                    string ServiceAccount => {|CG0002:@"{{TestKeys.OpenAiServiceAccount}}"|};
                    string Interpolated(int n) => $"id={n}{|CG0002: key={{Legacy}}|}";
                }
                """);

        [Fact]
        public Task Other_providers_key_shapes_anywhere()
            => Analyze($$"""
                class C
                {
                    const string Gemini = {|CG0002:"{{TestKeys.Google}}"|};
                    string Groq => {|CG0002:"{{TestKeys.Groq}}"|};
                    string XAi => {|CG0002:"{{TestKeys.XAi}}"|};
                    string Hf => {|CG0002:"token={{TestKeys.HuggingFace}}"|};
                    string Pplx => {|CG0002:"{{TestKeys.Perplexity}}"|};
                    string Replicate => {|CG0002:"{{TestKeys.Replicate}}"|};
                    string OpenRouter => {|CG0002:"{\"key\": \"{{TestKeys.OpenRouter}}\"}"|};
                }
                """);

        [Fact]
        public Task Look_alikes_of_provider_key_shapes()
            => Analyze($$"""
                class C
                {
                    // Identifiers and names that start like a key, placeholders, wrong lengths, blobs, GUIDs and hashes.
                    string A => "hf_requiredCharacteristicTypesForDisplayMetadata";
                    string B => "api_org_controller_for_the_tenant_settings_page";
                    string C1 => "pplx-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
                    string D => "AIzaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
                    string E => "gsk_{{TestKeys.Random(41, 20)}}";
                    string F => "{{TestKeys.Random(42, 60)}}==";
                    string G => "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
                    string H => "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
                    string I => "xai-{{TestKeys.Random(43, 40)}}";
                    string J => "chf_{{TestKeys.Random(44, 34)}}";
                }
                """);

        [Fact]
        public Task Betalgo_options_and_realtime_key()
            => Analyze($$"""
                using Betalgo.Ranul.OpenAI;
                using Betalgo.Ranul.OpenAI.Managers;
                class C
                {
                    void M(string key)
                    {
                        _ = new OpenAIOptions { ApiKey = {|CG0002:"{{Generic}}"|} };
                        _ = new OpenAIRealtimeService({|CG0002:"{{Generic}}"|});
                        _ = new OpenAIOptions { ApiKey = key };
                        _ = new OpenAIOptions { ApiKey = "sk-not-a-real-key" };
                    }
                }
                """);

        [Fact]
        public Task Key_in_raw_string_literal()
            => Analyze($$""""
                class C
                {
                    string Raw => {|CG0002:"""
                        key={{Project}}
                        """|};
                }
                """");

        [Theory]
        [InlineData("<API_KEY_PLACEHOLDER>")]
        [InlineData("<your key>")]
        [InlineData("YOUR_API_KEY")]
        [InlineData("your-api-key-here")]
        [InlineData("sk-...")]
        [InlineData("sk-xxxx")]
        [InlineData("sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
        [InlineData("")]
        [InlineData("   ")]
        [InlineData("${OPENAI_API_KEY}")]
        [InlineData("$(COMETAPI_API_KEY)")]
        [InlineData("{{api_key}}")]
        [InlineData("%OPENAI_API_KEY%")]
        [InlineData("test-key")]
        [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
        [InlineData("abcdefghijklmnopqrstuvwxyzabcdef")]
        [InlineData("sk-not-a-real-key")]
        [InlineData("sk-not-a-real-credential")]
        [InlineData("not-a-real-key-used-only-in-tests-0042")]
        [InlineData("sk-fake-0123456789abcdefghijklmnopqrstuvwxyz")]
        [InlineData("sk-invalid-key-for-tests-0001")]
        public Task Placeholders_are_not_keys(string placeholder)
            => Analyze($$"""
                using System.ClientModel;
                using System.Net.Http;
                using OpenAI;
                class C
                {
                    void M(HttpClient http)
                    {
                        _ = new OpenAIClient("{{placeholder}}");
                        _ = new ApiKeyCredential("{{placeholder}}");
                        http.DefaultRequestHeaders.Add("Authorization", "Bearer {{placeholder}}");
                    }
                }
                """);

        [Fact]
        public Task Keys_from_secret_sources_are_not_reported()
            => Analyze("""
                using System;
                using System.ClientModel;
                using System.Net.Http;
                using System.Net.Http.Headers;
                using OpenAI;
                class C
                {
                    private readonly string _key;
                    C(string key) { _key = key; }
                    void M(HttpClient http, Func<string> secret)
                    {
                        _ = new OpenAIClient(Environment.GetEnvironmentVariable("COMETAPI_API_KEY")!);
                        _ = new ApiKeyCredential(_key);
                        _ = new ApiKeyCredential(secret());
                        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _key);
                        var local = "placeholder-value";
                        local = Environment.GetEnvironmentVariable("KEY")!;
                        _ = new OpenAIClient(local);
                    }
                }
                """);

        [Fact]
        public Task Non_credential_positions_and_ordinary_strings_are_quiet()
            => Analyze($$"""
                using System.Net.Http;
                using System.Net.Http.Headers;
                class C
                {
                    void M(HttpClient http)
                    {
                        http.DefaultRequestHeaders.Add("X-Request-Id", "{{Generic}}");
                        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "{{TestKeys.Random(5, 40)}}");
                        var disk = "disk-usage-report-2024-quarterly-summary-final-version";
                        var sku = "sk-learn";
                        var sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
                    }
                }
                """);

        [Fact]
        public Task Generated_code_is_skipped()
            => Analyze($$"""
                // <auto-generated/>
                using OpenAI;
                class C { OpenAIClient M() => new OpenAIClient("{{Legacy}}"); }
                """);
    }
}
