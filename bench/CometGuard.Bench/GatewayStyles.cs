using System;
using System.Collections.Generic;
using System.Globalization;

namespace CometGuard.Bench
{
    /// <summary>Per-file state of a gateway file: its number, names and seeded choices.</summary>
    internal sealed class GatewayContext
    {
        private static readonly string[] Models = { "gpt-4o-mini", "gpt-4.1", "gpt-5-mini", "claude-sonnet-4-5", "deepseek-chat", "gemini-2.5-flash" };
        private int _keys;

        public GatewayContext(Random random, int index)
        {
            Random = random;
            Index = index;
            N = index.ToString("D3", CultureInfo.InvariantCulture);
        }

        public Random Random { get; }

        public int Index { get; }

        /// <summary>The file's number, a suffix that keeps type names unique.</summary>
        public string N { get; }

        public string Model() => Models[Random.Next(Models.Length)];

        public string Key() => Keys.Make(Random, Index + _keys++);

        public string VendorKey() => Keys.Vendor(Random, Index + _keys++);

        public string HexKey() => Keys.Hex(Random, 32);

        public bool Coin() => Random.Next(2) == 0;
    }

    /// <summary>One style of gateway client code: a file writer that mixes clean methods with planted problems.</summary>
    internal sealed record GatewayStyle(string Name, Action<CodeWriter, GatewayContext> Write);

    /// <summary>
    /// Gateway client code in every style the rules cover. Every file of a style holds the clean
    /// code and every planted problem of that style, so even the smallest project plants each rule.
    /// Plants are minimal: each one is otherwise clean code, and <c>also</c> lists the rules that
    /// may rightly report the same lines.
    /// </summary>
    internal static class GatewayStyles
    {
        private const string Env = "Environment.GetEnvironmentVariable(\"COMETAPI_API_KEY\") ?? throw new InvalidOperationException(\"COMETAPI_API_KEY is not set.\")";
        private const string Backoff = "attempt => TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, attempt))) + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 250))";
        private const string Transient = "r => r.StatusCode == HttpStatusCode.TooManyRequests || (int)r.StatusCode >= 500";

        public static readonly IReadOnlyList<GatewayStyle> All = new[]
        {
            new GatewayStyle("OpenAiChat", OpenAiChat),
            new GatewayStyle("RawHttp", RawHttp),
            new GatewayStyle("PollyV7", PollyV7),
            new GatewayStyle("PollyV8", PollyV8),
            new GatewayStyle("Resilience", Resilience),
            new GatewayStyle("ExtensionsAi", ExtensionsAi),
            new GatewayStyle("Responses", Responses),
            new GatewayStyle("Diagnostics", Diagnostics),
        };

        public static int Count => All.Count;

        private static void Usings(CodeWriter w, params string[] extra)
        {
            foreach (var u in new[]
            {
                "System", "System.ClientModel", "System.ClientModel.Primitives", "System.Collections.Generic", "System.Net",
                "System.Net.Http", "System.Net.Http.Headers", "System.Net.Http.Json", "System.Text.Json", "System.Text.Json.Serialization",
                "System.Threading", "System.Threading.Tasks", "Microsoft.Extensions.Configuration", "Microsoft.Extensions.Logging",
            })
            {
                w.Line("using " + u + ";");
            }

            foreach (var u in extra)
            {
                w.Line("using " + u + ";");
            }

            w.Line();
        }

        private static void OpenAiChat(CodeWriter w, GatewayContext c)
        {
            var type = "ChatGateway" + c.N;
            Usings(w, "OpenAI", "OpenAI.Chat");
            w.Open("namespace Contoso.Gateway.Chat" + c.N);
            w.Line("/// <summary>Summaries and classification through an OpenAI-compatible gateway.</summary>");
            w.Open("public sealed class " + type);
            w.Line("private readonly ChatClient _chat;");
            w.Line("private readonly ILogger<" + type + "> _logger;");
            w.Line();
            w.Open("public " + type + "(IConfiguration configuration, ILogger<" + type + "> logger)");
            w.Line("var model = configuration[\"Gateway:Model\"] ?? throw new InvalidOperationException(\"Gateway:Model is not configured.\");");
            w.Line("var key = " + Env + ";");
            w.Line("_chat = new ChatClient(model, new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = new Uri(\"https://api.cometapi.com/v1\") });");
            w.Line("_logger = logger;");
            w.Close();
            w.Line();
            w.Open("public async Task<string?> SummarizeAsync(string text, CancellationToken cancellationToken)");
            w.Line("var messages = new List<ChatMessage> { new SystemChatMessage(\"Summarize the text in one sentence.\"), new UserChatMessage(text) };");
            w.Line("ChatCompletion completion = await _chat.CompleteChatAsync(messages, cancellationToken: cancellationToken);");
            w.Open("if (completion.FinishReason != ChatFinishReason.Stop || completion.Content.Count == 0)");
            w.Line("_logger.LogWarning(\"Summary incomplete: {FinishReason}\", completion.FinishReason);");
            w.Line("return null;");
            w.Close();
            w.Line();
            w.Line("_logger.LogInformation(\"Summary received with {Tokens} output tokens\", completion.Usage?.OutputTokenCount);");
            w.Line("return completion.Content[0].Text;");
            w.Close();
            w.Line();

            w.BeginPlant("CG0001", "hard-coded model in the ChatClient constructor");
            w.Open("public static ChatClient CreateDefault(string apiKey)");
            w.Line("return new ChatClient(\"" + c.Model() + "\", new ApiKeyCredential(apiKey));");
            w.Close();
            w.EndPlant();
            w.Line();

            w.BeginPlant("CG0002", "literal key in ApiKeyCredential");
            w.Open("public static ChatClient CreateForSmokeTest(string model)");
            w.Line("return new ChatClient(model, new ApiKeyCredential(\"" + c.Key() + "\"));");
            w.Close();
            w.EndPlant();
            w.Line();

            w.BeginPlant("CG0006", "Content[0] read without a check");
            w.Open("public async Task<string> ClassifyAsync(string text, CancellationToken cancellationToken)");
            w.Line("ChatCompletion completion = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(\"Classify the ticket: \" + text) }, cancellationToken: cancellationToken);");
            w.Line("return completion.Content[0].Text;");
            w.Close();
            w.EndPlant();
            w.Line();

            w.BeginPlant("CG0009", "key sent to a plain http:// endpoint");
            w.Open("public static ChatClient CreateInternal(string model)");
            w.Line("var key = " + Env + ";");
            w.Line("return new ChatClient(model, new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = new Uri(\"http://llm-gateway.contoso.net:8080/v1\") });");
            w.Close();
            w.EndPlant();
            w.Line();

            w.BeginPlant("CG0008", "completion text written to the log");
            w.Open("public async Task<string?> AnswerAsync(string question, CancellationToken cancellationToken)");
            w.Line("ChatCompletion completion = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(question) }, cancellationToken: cancellationToken);");
            w.Open("if (completion.Content.Count == 0)");
            w.Line("return null;");
            w.Close();
            w.Line();
            w.Line("_logger.LogInformation(\"Gateway answered: {Answer}\", completion.Content[0].Text);");
            w.Line("return completion.Content[0].Text;");
            w.Close();
            w.EndPlant();
            w.Line();

            w.BeginPlant("CG0001", "literal model fallback reached through a local");
            w.Open("public static ChatClient CreateConfigured(IConfiguration configuration, string apiKey)");
            w.Line("var model = configuration[\"Gateway:FallbackModel\"] ?? \"" + c.Model() + "\";");
            w.Line("return new ChatClient(model, new ApiKeyCredential(apiKey));");
            w.Close();
            w.EndPlant();
            w.Line();

            w.BeginPlant("CG0002", "literal key fallback reached through a local");
            w.Open("public static ChatClient CreateFromEnvironment(string model)");
            w.Line("var key = Environment.GetEnvironmentVariable(\"COMETAPI_API_KEY\") ?? \"" + c.Key() + "\";");
            w.Line("return new ChatClient(model, new ApiKeyCredential(key));");
            w.Close();
            w.EndPlant();
            w.Line();

            w.BeginPlant("CG0002", "another provider's key in a constant");
            w.Line("private const string SecondaryProviderKey = \"" + c.VendorKey() + "\";");
            w.EndPlant();
            w.Line();

            w.BeginPlant("CG0008", "every content part of a completion written to the log");
            w.Open("public async Task<int> ReplyPartsAsync(string text, CancellationToken cancellationToken)");
            w.Line("ChatCompletion completion = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(text) }, cancellationToken: cancellationToken);");
            w.Line("_logger.LogDebug(\"Reply parts: {Parts}\", completion.Content);");
            w.Line("return completion.Content.Count;");
            w.Close();
            w.EndPlant();
            w.Close();
            w.Close();
        }

        private static void RawHttp(CodeWriter w, GatewayContext c)
        {
            var type = "HttpGateway" + c.N;
            var reply = "ChatReply" + c.N;
            var completion = "Completion" + c.N;
            Usings(w, "System.Text", "System.Text.Json.Nodes");
            w.Open("namespace Contoso.Gateway.Http" + c.N);
            w.Line("public sealed record " + reply + "([property: JsonPropertyName(\"id\")] string? Id, [property: JsonPropertyName(\"object\")] string? Object);");
            w.Line("public sealed record " + completion + "Message([property: JsonPropertyName(\"content\")] string? Content);");
            w.Line("public sealed record " + completion + "Choice([property: JsonPropertyName(\"message\")] " + completion + "Message Message);");
            w.Line("public sealed record " + completion + "([property: JsonPropertyName(\"choices\")] List<" + completion + "Choice> Choices);");
            w.Line();
            w.Line("/// <summary>Chat Completions over raw HttpClient, as many gateway integrations are written.</summary>");
            w.Open("public sealed class " + type);
            w.Line("private const string BaseUrl = \"https://api.cometapi.com\";");
            w.Line("private readonly HttpClient _http;");
            w.Line("private readonly string _apiKey;");
            w.Line("private readonly string _model;");
            w.Line();
            w.Open("public " + type + "(HttpClient http, IConfiguration configuration)");
            w.Line("_http = http;");
            w.Line("_apiKey = " + Env + ";");
            w.Line("_model = configuration[\"Gateway:Model\"] ?? throw new InvalidOperationException(\"Gateway:Model is not configured.\");");
            w.Close();
            w.Line();
            w.Open("public async Task<string?> CompleteAsync(string prompt, CancellationToken cancellationToken)");
            w.Line("using var request = new HttpRequestMessage(HttpMethod.Post, BaseUrl + \"/v1/chat/completions\");");
            w.Line("request.Headers.Authorization = new AuthenticationHeaderValue(\"Bearer\", _apiKey);");
            w.Line("request.Content = JsonContent.Create(new { model = _model, messages = new[] { new { role = \"user\", content = prompt } } });");
            w.Line("using var response = await _http.SendAsync(request, cancellationToken);");
            w.Line("response.EnsureSuccessStatusCode();");
            w.Line("using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));");
            w.Open("if (!document.RootElement.TryGetProperty(\"choices\", out var choices) || choices.GetArrayLength() == 0)");
            w.Line("return null;");
            w.Close();
            w.Line();
            w.Line("return choices[0].TryGetProperty(\"message\", out var message) && message.TryGetProperty(\"content\", out var content) ? content.GetString() : null;");
            w.Close();
            w.Line();

            w.BeginPlant("CG0002", "literal bearer token");
            w.Open("public async Task<string> ListModelsAsync(CancellationToken cancellationToken)");
            w.Line("using var request = new HttpRequestMessage(HttpMethod.Get, BaseUrl + \"/v1/models\");");
            w.Line("request.Headers.Authorization = new AuthenticationHeaderValue(\"Bearer\", \"" + c.Key() + "\");");
            w.Line("using var response = await _http.SendAsync(request, cancellationToken);");
            w.Line("response.EnsureSuccessStatusCode();");
            w.Line("return await response.Content.ReadAsStringAsync(cancellationToken);");
            w.Close();
            w.EndPlant();
            w.Line();

            w.BeginPlant("CG0002", "literal Authorization header value");
            w.Open("public static HttpClient CreateClient()");
            w.Line("var http = new HttpClient { BaseAddress = new Uri(BaseUrl) };");
            w.Line("http.DefaultRequestHeaders.TryAddWithoutValidation(\"Authorization\", \"Bearer " + c.Key() + "\");");
            w.Line("return http;");
            w.Close();
            w.EndPlant();
            w.Line();

            w.BeginPlant("CG0007", "response body read without a status check");
            w.Open("public async Task<string?> QuickAnswerIdAsync(string prompt, CancellationToken cancellationToken)");
            w.Line("using var request = new HttpRequestMessage(HttpMethod.Post, BaseUrl + \"/v1/chat/completions\");");
            w.Line("request.Headers.Authorization = new AuthenticationHeaderValue(\"Bearer\", _apiKey);");
            w.Line("request.Content = JsonContent.Create(new { model = _model, messages = new[] { new { role = \"user\", content = prompt } } });");
            w.Line("using var response = await _http.SendAsync(request, cancellationToken);");
            w.Line("var reply = await response.Content.ReadFromJsonAsync<" + reply + ">(cancellationToken: cancellationToken);");
            w.Line("return reply?.Id;");
            w.Close();
            w.EndPlant();
            w.Line();

            w.BeginPlant("CG0010", "Responses body sent to the Chat Completions URL");
            w.Open("public async Task<string> DraftAsync(string prompt, CancellationToken cancellationToken)");
            w.Line("using var request = new HttpRequestMessage(HttpMethod.Post, BaseUrl + \"/v1/chat/completions\");");
            w.Line("request.Headers.Authorization = new AuthenticationHeaderValue(\"Bearer\", _apiKey);");
            w.Line("request.Content = JsonContent.Create(new { model = _model, input = prompt });");
            w.Line("using var response = await _http.SendAsync(request, cancellationToken);");
            w.Line("response.EnsureSuccessStatusCode();");
            w.Line("return await response.Content.ReadAsStringAsync(cancellationToken);");
            w.Close();
            w.EndPlant();
            w.Line();

            w.BeginPlant("CG0010", "Chat Completions body sent to the Responses URL");
            w.Open("public async Task<string> RespondAsync(string prompt, CancellationToken cancellationToken)");
            w.Line("using var request = new HttpRequestMessage(HttpMethod.Post, BaseUrl + \"/v1/responses\");");
            w.Line("request.Headers.Authorization = new AuthenticationHeaderValue(\"Bearer\", _apiKey);");
            w.Line("request.Content = JsonContent.Create(new { model = _model, messages = new[] { new { role = \"user\", content = prompt } } });");
            w.Line("using var response = await _http.SendAsync(request, cancellationToken);");
            w.Line("response.EnsureSuccessStatusCode();");
            w.Line("return await response.Content.ReadAsStringAsync(cancellationToken);");
            w.Close();
            w.EndPlant();
            w.Line();

            w.BeginPlant("CG0009", "bearer token over plain http://");
            w.Open("public async Task<string> CompleteInternalAsync(string prompt, CancellationToken cancellationToken)");
            w.Line("using var request = new HttpRequestMessage(HttpMethod.Post, \"http://api.cometapi.com/v1/chat/completions\");");
            w.Line("request.Headers.Authorization = new AuthenticationHeaderValue(\"Bearer\", _apiKey);");
            w.Line("request.Content = JsonContent.Create(new { model = _model, messages = new[] { new { role = \"user\", content = prompt } } });");
            w.Line("using var response = await _http.SendAsync(request, cancellationToken);");
            w.Line("response.EnsureSuccessStatusCode();");
            w.Line("return await response.Content.ReadAsStringAsync(cancellationToken);");
            w.Close();
            w.EndPlant();
            w.Line();

            w.BeginPlant("CG0001", "hard-coded model in the JSON body");
            w.Open("public async Task<string> TranslateAsync(string text, CancellationToken cancellationToken)");
            w.Line("using var request = new HttpRequestMessage(HttpMethod.Post, BaseUrl + \"/v1/chat/completions\");");
            w.Line("request.Headers.Authorization = new AuthenticationHeaderValue(\"Bearer\", _apiKey);");
            w.Line("request.Content = JsonContent.Create(new { model = \"" + c.Model() + "\", messages = new[] { new { role = \"user\", content = \"Translate to French: \" + text } } });");
            w.Line("using var response = await _http.SendAsync(request, cancellationToken);");
            w.Line("response.EnsureSuccessStatusCode();");
            w.Line("return await response.Content.ReadAsStringAsync(cancellationToken);");
            w.Close();
            w.EndPlant();
            w.Line();

            w.BeginPlant("CG0006", "choices[0] read from the JSON document without a check");
            w.Open("public async Task<string?> FirstChoiceAsync(string prompt, CancellationToken cancellationToken)");
            w.Line("using var request = new HttpRequestMessage(HttpMethod.Post, BaseUrl + \"/v1/chat/completions\");");
            w.Line("request.Headers.Authorization = new AuthenticationHeaderValue(\"Bearer\", _apiKey);");
            w.Line("request.Content = JsonContent.Create(new { model = _model, messages = new[] { new { role = \"user\", content = prompt } } });");
            w.Line("using var response = await _http.SendAsync(request, cancellationToken);");
            w.Line("response.EnsureSuccessStatusCode();");
            w.Line("using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));");
            w.Line("return document.RootElement.GetProperty(\"choices\")[0].GetProperty(\"message\").GetProperty(\"content\").GetString();");
            w.Close();
            w.EndPlant();
            w.Line();

            w.BeginPlant("CG0002", "literal key in an api-key header");
            w.Open("public static HttpClient CreateAzureClient()");
            w.Line("var http = new HttpClient { BaseAddress = new Uri(\"https://contoso-" + c.N + ".openai.azure.com/\") };");
            w.Line("http.DefaultRequestHeaders.Add(\"api-key\", \"" + c.HexKey() + "\");");
            w.Line("return http;");
            w.Close();
            w.EndPlant();
            w.Line();

            w.BeginPlant("CG0002", "literal key in an x-api-key header");
            w.Open("public async Task<string> ListModelsWithHeaderAsync(CancellationToken cancellationToken)");
            w.Line("using var request = new HttpRequestMessage(HttpMethod.Get, BaseUrl + \"/v1/models\");");
            w.Line("request.Headers.TryAddWithoutValidation(\"x-api-key\", \"" + c.Key() + "\");");
            w.Line("using var response = await _http.SendAsync(request, cancellationToken);");
            w.Line("response.EnsureSuccessStatusCode();");
            w.Line("return await response.Content.ReadAsStringAsync(cancellationToken);");
            w.Close();
            w.EndPlant();
            w.Line();

            w.BeginPlant("CG0001", "hard-coded model written into a JSON node body");
            w.Open("public async Task<string> ClassifyAsync(string text, CancellationToken cancellationToken)");
            w.Line("var body = new JsonObject { [\"messages\"] = new JsonArray(new JsonObject { [\"role\"] = \"user\", [\"content\"] = \"Classify: \" + text }) };");
            w.Line("body[\"model\"] = \"" + c.Model() + "\";");
            w.Line("using var request = new HttpRequestMessage(HttpMethod.Post, BaseUrl + \"/v1/chat/completions\");");
            w.Line("request.Headers.Authorization = new AuthenticationHeaderValue(\"Bearer\", _apiKey);");
            w.Line("request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, \"application/json\");");
            w.Line("using var response = await _http.SendAsync(request, cancellationToken);");
            w.Line("response.EnsureSuccessStatusCode();");
            w.Line("return await response.Content.ReadAsStringAsync(cancellationToken);");
            w.Close();
            w.EndPlant();
            w.Line();

            w.BeginPlant("CG0006", "choices[0] of a DTO read with a null-forgiving !");
            w.Open("public async Task<string?> FirstChoiceTypedAsync(string prompt, CancellationToken cancellationToken)");
            w.Line("using var request = new HttpRequestMessage(HttpMethod.Post, BaseUrl + \"/v1/chat/completions\");");
            w.Line("request.Headers.Authorization = new AuthenticationHeaderValue(\"Bearer\", _apiKey);");
            w.Line("request.Content = JsonContent.Create(new { model = _model, messages = new[] { new { role = \"user\", content = prompt } } });");
            w.Line("using var response = await _http.SendAsync(request, cancellationToken);");
            w.Line("response.EnsureSuccessStatusCode();");
            w.Line("var completion = await response.Content.ReadFromJsonAsync<" + completion + ">(cancellationToken: cancellationToken);");
            w.Line("return completion!.Choices[0].Message.Content;");
            w.Close();
            w.EndPlant();
            w.Line();

            w.BeginPlant("CG0006", "usage read after a success status");
            w.Open("public async Task<int> CountTokensAsync(string prompt, CancellationToken cancellationToken)");
            w.Line("using var request = new HttpRequestMessage(HttpMethod.Post, BaseUrl + \"/v1/chat/completions\");");
            w.Line("request.Headers.Authorization = new AuthenticationHeaderValue(\"Bearer\", _apiKey);");
            w.Line("request.Content = JsonContent.Create(new { model = _model, messages = new[] { new { role = \"user\", content = prompt } } });");
            w.Line("using var response = await _http.SendAsync(request, cancellationToken);");
            w.Line("response.EnsureSuccessStatusCode();");
            w.Line("using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));");
            w.Line("return document.RootElement.GetProperty(\"usage\").GetProperty(\"total_tokens\").GetInt32();");
            w.Close();
            w.EndPlant();
            w.Line();

            w.BeginPlant("CG0003", "resend loop building each request from a factory, with no attempt limit");
            w.Open("public async Task<HttpResponseMessage> SendUntilAcceptedAsync(Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken)");
            w.Open("while (true)");
            w.Line("var response = await _http.SendAsync(createRequest(), cancellationToken);");
            w.Open("if ((int)response.StatusCode is 429 or >= 500)");
            w.Line("response.Dispose();");
            w.Line("await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(250, 1000)), cancellationToken);");
            w.Line("continue;");
            w.Close();
            w.Line();
            w.Line("return response;");
            w.Close();
            w.Close();
            w.EndPlant();
            w.Close();
            w.Close();
        }

        private static void PollyV7(CodeWriter w, GatewayContext c)
        {
            var type = "RetryingGateway" + c.N;
            Usings(w, "Microsoft.Extensions.DependencyInjection", "Polly", "Polly.Contrib.WaitAndRetry", "Polly.Extensions.Http", "Polly.Retry");
            w.Open("namespace Contoso.Gateway.Retries" + c.N);
            w.Line("/// <summary>Gateway calls behind Polly v7 policies.</summary>");
            w.Open("public sealed class " + type);
            w.Line("private static readonly AsyncRetryPolicy<HttpResponseMessage> Transient = Policy<HttpResponseMessage>");
            w.Line("    .Handle<HttpRequestException>()");
            w.Line("    .OrResult(" + Transient + ")");
            w.Line("    .WaitAndRetryAsync(3, " + Backoff + ");");
            w.Line();
            w.Line("private readonly HttpClient _http;");
            w.Line();
            w.Open("public " + type + "(HttpClient http)");
            w.Line("_http = http;");
            w.Close();
            w.Line();
            w.Open("public Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken)");
            w.Line("return Transient.ExecuteAsync(token => _http.SendAsync(createRequest(), token), cancellationToken);");
            w.Close();
            w.Line();

            w.BeginPlant("CG0003", "WaitAndRetryForeverAsync");
            w.Open("public static AsyncRetryPolicy<HttpResponseMessage> Patient()");
            w.Line("return Policy<HttpResponseMessage>");
            w.Line("    .Handle<HttpRequestException>()");
            w.Line("    .OrResult(" + Transient + ")");
            w.Line("    .WaitAndRetryForeverAsync(" + Backoff + ");");
            w.Close();
            w.EndPlant();
            w.Line();

            w.BeginPlant("CG0003", "more attempts than the retry budget");
            w.Open("public static AsyncRetryPolicy<HttpResponseMessage> Stubborn()");
            w.Line("return Policy<HttpResponseMessage>");
            w.Line("    .Handle<HttpRequestException>()");
            w.Line("    .OrResult(" + Transient + ")");
            w.Line("    .WaitAndRetryAsync(" + (6 + c.Random.Next(10)) + ", " + Backoff + ");");
            w.Close();
            w.EndPlant();
            w.Line();

            w.BeginPlant("CG0004", "immediate retries");
            w.Open("public static AsyncRetryPolicy<HttpResponseMessage> Eager()");
            w.Line("return Policy<HttpResponseMessage>");
            w.Line("    .Handle<HttpRequestException>()");
            w.Line("    .OrResult(" + Transient + ")");
            w.Line("    .RetryAsync(3);");
            w.Close();
            w.EndPlant();
            w.Line();

            w.BeginPlant("CG0005", "retries every non-success status, 4xx included");
            w.Open("public static AsyncRetryPolicy<HttpResponseMessage> Indiscriminate()");
            w.Line("return Policy<HttpResponseMessage>");
            w.Line("    .Handle<HttpRequestException>()");
            w.Line("    .OrResult(r => !r.IsSuccessStatusCode)");
            w.Line("    .WaitAndRetryAsync(3, " + Backoff + ");");
            w.Close();
            w.EndPlant();
            w.Line();

            w.BeginPlant("CG0005", "a broad test narrowed by one exclusion still retries 400, 401 and 403");
            w.Open("public static AsyncRetryPolicy<HttpResponseMessage> AllButNotFound()");
            w.Line("return Policy<HttpResponseMessage>");
            w.Line("    .Handle<HttpRequestException>()");
            w.Line("    .OrResult(r => !r.IsSuccessStatusCode && r.StatusCode != HttpStatusCode.NotFound)");
            w.Line("    .WaitAndRetryAsync(3, " + Backoff + ");");
            w.Close();
            w.EndPlant();
            w.Line();

            w.BeginPlant("CG0003", "a Backoff helper's retryCount over the budget");
            w.Open("public static AsyncRetryPolicy<HttpResponseMessage> LongJitter()");
            w.Line("return HttpPolicyExtensions.HandleTransientHttpError()");
            w.Line("    .WaitAndRetryAsync(Backoff.DecorrelatedJitterBackoffV2(TimeSpan.FromSeconds(1), retryCount: " + (6 + c.Random.Next(10)) + "));");
            w.Close();
            w.EndPlant();
            w.Line();

            w.BeginPlant("CG0004", "an exponential Backoff sequence without jitter");
            w.Open("public static AsyncRetryPolicy<HttpResponseMessage> Exponential()");
            w.Line("return HttpPolicyExtensions.HandleTransientHttpError()");
            w.Line("    .WaitAndRetryAsync(Backoff.ExponentialBackoff(TimeSpan.FromMilliseconds(" + (200 + c.Random.Next(800)) + "), retryCount: 3));");
            w.Close();
            w.EndPlant();
            w.Line();

            w.BeginPlant("CG0003", "a factory client's transient-error policy that retries forever");
            w.Open("public static IServiceCollection AddPatientGateway(IServiceCollection services)");
            w.Line("services.AddHttpClient(\"patient-" + c.N + "\")");
            w.Line("    .AddTransientHttpErrorPolicy(policy => policy.WaitAndRetryForeverAsync(" + Backoff + "));");
            w.Line("return services;");
            w.Close();
            w.EndPlant();
            w.Close();
            w.Close();
        }

        private static void PollyV8(CodeWriter w, GatewayContext c)
        {
            var type = "PipelineFactory" + c.N;
            Usings(w, "Polly", "Polly.Retry");
            w.Open("namespace Contoso.Gateway.Pipelines" + c.N);
            w.Line("/// <summary>Polly v8 resilience pipelines for gateway calls.</summary>");
            w.Open("public static class " + type);
            w.Open("public static ResiliencePipeline<HttpResponseMessage> Create()");
            w.Line("return new ResiliencePipelineBuilder<HttpResponseMessage>()");
            w.Line("    .AddRetry(new RetryStrategyOptions<HttpResponseMessage>");
            w.Line("    {");
            w.Line("        MaxRetryAttempts = 3,");
            w.Line("        BackoffType = DelayBackoffType.Exponential,");
            w.Line("        UseJitter = true,");
            w.Line("        Delay = TimeSpan.FromMilliseconds(" + (200 + c.Random.Next(800)) + "),");
            w.Line("        ShouldHandle = new PredicateBuilder<HttpResponseMessage>()");
            w.Line("            .Handle<HttpRequestException>()");
            w.Line("            .HandleResult(" + Transient + "),");
            w.Line("    })");
            w.Line("    .AddTimeout(TimeSpan.FromSeconds(30))");
            w.Line("    .Build();");
            w.Close();
            w.Line();
            w.Open("public static async Task<HttpResponseMessage> SendAsync(HttpClient http, Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken)");
            w.Line("var pipeline = Create();");
            w.Line("return await pipeline.ExecuteAsync(async token => await http.SendAsync(createRequest(), token), cancellationToken);");
            w.Close();
            w.Line();

            w.BeginPlant("CG0003", "MaxRetryAttempts = int.MaxValue");
            w.Open("public static ResiliencePipeline CreateForever()");
            w.Line("return new ResiliencePipelineBuilder()");
            w.Line("    .AddRetry(new RetryStrategyOptions");
            w.Line("    {");
            w.Line("        MaxRetryAttempts = int.MaxValue,");
            w.Line("        BackoffType = DelayBackoffType.Exponential,");
            w.Line("        UseJitter = true,");
            w.Line("        ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>(),");
            w.Line("    })");
            w.Line("    .Build();");
            w.Close();
            w.EndPlant();
            w.Line();

            w.BeginPlant("CG0003", "MaxRetryAttempts over the budget");
            w.Open("public static ResiliencePipeline CreateStubborn()");
            w.Line("return new ResiliencePipelineBuilder()");
            w.Line("    .AddRetry(new RetryStrategyOptions");
            w.Line("    {");
            w.Line("        MaxRetryAttempts = " + (6 + c.Random.Next(10)) + ",");
            w.Line("        BackoffType = DelayBackoffType.Exponential,");
            w.Line("        UseJitter = true,");
            w.Line("        ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>(),");
            w.Line("    })");
            w.Line("    .Build();");
            w.Close();
            w.EndPlant();
            w.Line();

            w.BeginPlant("CG0004", "constant delay without jitter");
            w.Open("public static ResiliencePipeline CreateConstant()");
            w.Line("return new ResiliencePipelineBuilder()");
            w.Line("    .AddRetry(new RetryStrategyOptions");
            w.Line("    {");
            w.Line("        MaxRetryAttempts = 3,");
            w.Line("        BackoffType = DelayBackoffType.Constant,");
            w.Line("        UseJitter = false,");
            w.Line("        Delay = TimeSpan.FromSeconds(2),");
            w.Line("        ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>(),");
            w.Line("    })");
            w.Line("    .Build();");
            w.Close();
            w.EndPlant();
            w.Line();

            w.BeginPlant("CG0004", "zero delay");
            w.Open("public static ResiliencePipeline CreateImmediate()");
            w.Line("return new ResiliencePipelineBuilder()");
            w.Line("    .AddRetry(new RetryStrategyOptions");
            w.Line("    {");
            w.Line("        MaxRetryAttempts = 2,");
            w.Line("        Delay = TimeSpan.Zero,");
            w.Line("        ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>(),");
            w.Line("    })");
            w.Line("    .Build();");
            w.Close();
            w.EndPlant();
            w.Line();

            w.BeginPlant("CG0005", "retries every status from 400 up");
            w.Open("public static ResiliencePipeline<HttpResponseMessage> CreateIndiscriminate()");
            w.Line("return new ResiliencePipelineBuilder<HttpResponseMessage>()");
            w.Line("    .AddRetry(new RetryStrategyOptions<HttpResponseMessage>");
            w.Line("    {");
            w.Line("        MaxRetryAttempts = 3,");
            w.Line("        BackoffType = DelayBackoffType.Exponential,");
            w.Line("        UseJitter = true,");
            w.Line("        ShouldHandle = new PredicateBuilder<HttpResponseMessage>()");
            w.Line("            .Handle<HttpRequestException>()");
            w.Line("            .HandleResult(r => (int)r.StatusCode >= 400),");
            w.Line("    })");
            w.Line("    .Build();");
            w.Close();
            w.EndPlant();
            w.Line();

            w.BeginPlant("CG0005", "a switch arm retries every non-success result after one exclusion");
            w.Open("public static ResiliencePipeline<HttpResponseMessage> CreateSwitch()");
            w.Line("return new ResiliencePipelineBuilder<HttpResponseMessage>()");
            w.Line("    .AddRetry(new RetryStrategyOptions<HttpResponseMessage>");
            w.Line("    {");
            w.Line("        MaxRetryAttempts = 3,");
            w.Line("        BackoffType = DelayBackoffType.Exponential,");
            w.Line("        UseJitter = true,");
            w.Line("        ShouldHandle = args => args.Outcome switch");
            w.Line("        {");
            w.Line("            { Exception: HttpRequestException } => PredicateResult.True(),");
            w.Line("            { Result.StatusCode: HttpStatusCode.NotFound } => PredicateResult.False(),");
            w.Line("            { Result.IsSuccessStatusCode: false } => PredicateResult.True(),");
            w.Line("            _ => PredicateResult.False(),");
            w.Line("        },");
            w.Line("    })");
            w.Line("    .Build();");
            w.Close();
            w.EndPlant();
            w.Line();

            w.BeginPlant("CG0005", "a predicate held in a method group");
            w.Open("public static ResiliencePipeline<HttpResponseMessage> CreateWithPredicate()");
            w.Line("return new ResiliencePipelineBuilder<HttpResponseMessage>()");
            w.Line("    .AddRetry(new RetryStrategyOptions<HttpResponseMessage> { MaxRetryAttempts = 3, BackoffType = DelayBackoffType.Exponential, UseJitter = true, ShouldHandle = ShouldRetry })");
            w.Line("    .Build();");
            w.Close();
            w.Line();
            w.Line("private static ValueTask<bool> ShouldRetry(RetryPredicateArguments<HttpResponseMessage> args)");
            w.Line("    => ValueTask.FromResult(args.Outcome.Exception is HttpRequestException || args.Outcome.Result?.IsSuccessStatusCode == false);");
            w.EndPlant();
            w.Close();
            w.Close();
        }

        private static void Resilience(CodeWriter w, GatewayContext c)
        {
            var type = "GatewayServices" + c.N;
            Usings(w, "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Http.Resilience", "OpenAI", "OpenAI.Chat", "Polly", "Polly.Retry");
            w.Open("namespace Contoso.Gateway.Registration" + c.N);
            w.Line("/// <summary>HttpClient and SDK client registration with Microsoft.Extensions.Http.Resilience.</summary>");
            w.Open("public static class " + type);
            w.Open("public static IServiceCollection AddGatewayHttp(this IServiceCollection services)");
            w.Line("services.AddHttpClient(\"gateway-" + c.N + "\", client => client.BaseAddress = new Uri(\"https://api.cometapi.com/\"))");
            w.Line("    .AddStandardResilienceHandler(options =>");
            w.Line("    {");
            w.Line("        options.Retry.MaxRetryAttempts = 3;");
            w.Line("        options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(60);");
            w.Line("    });");
            w.Line("return services;");
            w.Close();
            w.Line();
            w.Open("public static IServiceCollection AddSdkOverResilientHttp(this IServiceCollection services, string model)");
            w.Line("services.AddHttpClient(\"sdk-" + c.N + "\").AddStandardResilienceHandler();");
            w.Line("services.AddSingleton(provider =>");
            w.Line("{");
            w.Line("    var key = " + Env + ";");
            w.Line("    var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(\"sdk-" + c.N + "\");");
            w.Line("    // The handler retries; the SDK must not retry again.");
            w.Line("    return new ChatClient(model, new ApiKeyCredential(key), new OpenAIClientOptions { Transport = new HttpClientPipelineTransport(http), RetryPolicy = new ClientRetryPolicy(0) });");
            w.Line("});");
            w.Line("return services;");
            w.Close();
            w.Line();

            w.BeginPlant("CG0011", "resilience handler under an SDK client that keeps its default retries");
            w.Open("public static IServiceCollection AddChatClient(this IServiceCollection services, string model)");
            w.Line("services.AddHttpClient(\"openai-" + c.N + "\").AddStandardResilienceHandler();");
            w.Line("services.AddSingleton(provider =>");
            w.Line("{");
            w.Line("    var key = " + Env + ";");
            w.Line("    var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(\"openai-" + c.N + "\");");
            w.Line("    return new ChatClient(model, new ApiKeyCredential(key), new OpenAIClientOptions { Transport = new HttpClientPipelineTransport(http) });");
            w.Line("});");
            w.Line("return services;");
            w.Close();
            w.EndPlant();
            w.Line();

            w.BeginPlant("CG0011", "two resilience handlers on one client");
            w.Open("public static IServiceCollection AddStackedGateway(this IServiceCollection services)");
            w.Line("var builder = services.AddHttpClient(\"stacked-" + c.N + "\");");
            w.Line("builder.AddStandardResilienceHandler();");
            w.Line("builder.AddResilienceHandler(\"extra-retry-" + c.N + "\", pipeline => pipeline.AddRetry(new HttpRetryStrategyOptions { MaxRetryAttempts = 2, BackoffType = DelayBackoffType.Exponential, UseJitter = true }));");
            w.Line("return services;");
            w.Close();
            w.EndPlant();
            w.Line();

            w.BeginPlant("CG0011", "retry pipeline around an SDK call that retries itself");
            w.Open("public static async Task<ChatCompletion> CompleteWithRetryAsync(ChatClient chat, string prompt, CancellationToken cancellationToken)");
            w.Line("var pipeline = new ResiliencePipelineBuilder()");
            w.Line("    .AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 3, BackoffType = DelayBackoffType.Exponential, UseJitter = true })");
            w.Line("    .Build();");
            w.Line("return await pipeline.ExecuteAsync(async token => (await chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(prompt) }, cancellationToken: token)).Value, cancellationToken);");
            w.Close();
            w.EndPlant();
            w.Line();

            w.BeginPlant("CG0003", "standard handler retry over the budget");
            w.Open("public static IServiceCollection AddImpatientGateway(this IServiceCollection services)");
            w.Line("services.AddHttpClient(\"impatient-" + c.N + "\")");
            w.Line("    .AddStandardResilienceHandler(options => options.Retry.MaxRetryAttempts = " + (6 + c.Random.Next(10)) + ");");
            w.Line("return services;");
            w.Close();
            w.EndPlant();
            w.Close();
            w.Close();
        }

        private static void ExtensionsAi(CodeWriter w, GatewayContext c)
        {
            var type = "AssistantGateway" + c.N;
            var failover = "RoundRobinChat" + c.N;
            w.Line("#pragma warning disable MEAI001 // failover routing is experimental in Microsoft.Extensions.AI 10.11");
            Usings(w, "Microsoft.Extensions.AI");
            w.Open("namespace Contoso.Gateway.Assistant" + c.N);
            w.Line("/// <summary>Spreads requests over several chat clients, moving to the next one after a failure.</summary>");
            w.Open("public sealed class " + failover + " : FailoverChatClient");
            w.Line("private readonly IReadOnlyList<IChatClient> _clients;");
            w.Line("private int _next;");
            w.Line();
            w.Line("public " + failover + "(IReadOnlyList<IChatClient> clients) => _clients = clients;");
            w.Line();
            w.Line("protected override ValueTask<IChatClient> SelectClientAsync(RoutingContext context, CancellationToken cancellationToken)");
            w.Line("    => new(_clients[(int)((uint)Interlocked.Increment(ref _next) % (uint)_clients.Count)]);");
            w.Close();
            w.Line();
            w.Line("/// <summary>Microsoft.Extensions.AI over the OpenAI SDK.</summary>");
            w.Open("public sealed class " + type);
            w.Line("private readonly IChatClient _client;");
            w.Line("private readonly string _model;");
            w.Line("private readonly ILogger<" + type + "> _logger;");
            w.Line();
            w.Open("public " + type + "(IConfiguration configuration, ILogger<" + type + "> logger)");
            w.Line("_model = configuration[\"Gateway:Model\"] ?? throw new InvalidOperationException(\"Gateway:Model is not configured.\");");
            w.Line("var key = " + Env + ";");
            w.Line("_client = new OpenAI.Chat.ChatClient(_model, new ApiKeyCredential(key), new OpenAI.OpenAIClientOptions { Endpoint = new Uri(\"https://api.cometapi.com/v1\") }).AsIChatClient();");
            w.Line("_logger = logger;");
            w.Close();
            w.Line();
            w.Open("public async Task<string?> AskAsync(string question, CancellationToken cancellationToken)");
            w.Line("ChatResponse response = await _client.GetResponseAsync(question, new ChatOptions { ModelId = _model, Temperature = 0.2f, MaxOutputTokens = 400 }, cancellationToken);");
            w.Open("if (response.FinishReason != ChatFinishReason.Stop)");
            w.Line("_logger.LogWarning(\"Answer incomplete: {Reason}\", response.FinishReason);");
            w.Line("return null;");
            w.Close();
            w.Line();
            w.Line("_logger.LogInformation(\"Answer received ({Tokens} output tokens)\", response.Usage?.OutputTokenCount);");
            w.Line("return response.Text;");
            w.Close();
            w.Line();

            w.BeginPlant("CG0001", "hard-coded ChatOptions.ModelId");
            w.Open("public async Task<string> TitleAsync(string text, CancellationToken cancellationToken)");
            w.Line("ChatResponse response = await _client.GetResponseAsync(\"Suggest a title for: \" + text, new ChatOptions { ModelId = \"" + c.Model() + "\" }, cancellationToken);");
            w.Line("return response.Text;");
            w.Close();
            w.EndPlant();
            w.Line();

            w.BeginPlant("CG0001", "hard-coded model in the SDK client under AsIChatClient");
            w.Open("public static IChatClient CreateFast(string apiKey)");
            w.Line("return new OpenAI.Chat.ChatClient(\"" + c.Model() + "\", new ApiKeyCredential(apiKey)).AsIChatClient();");
            w.Close();
            w.EndPlant();
            w.Line();

            w.BeginPlant("CG0008", "generated text written to the log");
            w.Open("public async Task<string> ExplainAsync(string topic, CancellationToken cancellationToken)");
            w.Line("ChatResponse response = await _client.GetResponseAsync(\"Explain briefly: \" + topic, new ChatOptions { ModelId = _model }, cancellationToken);");
            w.Line("_logger.LogInformation(\"Assistant said: {Text}\", response.Text);");
            w.Line("return response.Text;");
            w.Close();
            w.EndPlant();
            w.Line();

            w.BeginPlant("CG0008", "the whole conversation written to the log");
            w.Open("public async Task<int> ConverseAsync(string topic, CancellationToken cancellationToken)");
            w.Line("ChatResponse response = await _client.GetResponseAsync(\"Discuss: \" + topic, new ChatOptions { ModelId = _model }, cancellationToken);");
            w.Line("_logger.LogDebug(\"Conversation: {Messages}\", response.Messages);");
            w.Line("return response.Messages.Count;");
            w.Close();
            w.EndPlant();
            w.Line();

            w.BeginPlant("CG0003", "a failover client whose selection repeats, with no attempt limit");
            w.Open("public static IChatClient CreateRoundRobin(IChatClient primary, IChatClient secondary)");
            w.Line("return new " + failover + "(new[] { primary, secondary });");
            w.Close();
            w.EndPlant();
            w.Line();

            w.BeginPlant("CG0011", "ordered failover over SDK clients that keep their own retries");
            w.Open("public static IChatClient CreateFailover(string primaryModel, string canaryModel)");
            w.Line("var key = new ApiKeyCredential(" + Env + ");");
            w.Line("var options = new OpenAI.OpenAIClientOptions { Endpoint = new Uri(\"https://api.cometapi.com/v1\") };");
            w.Line("return new OrderedFailoverChatClient(new[] { new OpenAI.Chat.ChatClient(primaryModel, key).AsIChatClient(), new OpenAI.Chat.ChatClient(canaryModel, key, options).AsIChatClient() });");
            w.Close();
            w.EndPlant();
            w.Close();
            w.Close();
        }

        private static void Responses(CodeWriter w, GatewayContext c)
        {
            var type = "ResponsesGateway" + c.N;
            Usings(w, "OpenAI", "OpenAI.Responses");
            w.Open("namespace Contoso.Gateway.Responses" + c.N);
            w.Line("/// <summary>The Responses endpoint family through the OpenAI SDK.</summary>");
            w.Open("public sealed class " + type);
            w.Line("private readonly ResponsesClient _responses;");
            w.Line("private readonly string _model;");
            w.Line();
            w.Open("public " + type + "(IConfiguration configuration)");
            w.Line("_model = configuration[\"Gateway:ResponsesModel\"] ?? throw new InvalidOperationException(\"Gateway:ResponsesModel is not configured.\");");
            w.Line("var key = " + Env + ";");
            w.Line("_responses = new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = new Uri(\"https://api.cometapi.com/v1\") }).GetResponsesClient();");
            w.Close();
            w.Line();
            w.Open("public async Task<string> DraftAsync(string brief, CancellationToken cancellationToken)");
            w.Line("ResponseResult response = await _responses.CreateResponseAsync(_model, brief, cancellationToken: cancellationToken);");
            w.Line("return response.GetOutputText();");
            w.Close();
            w.Line();

            w.BeginPlant("CG0001", "hard-coded model passed per call");
            w.Open("public async Task<string> OutlineAsync(string brief, CancellationToken cancellationToken)");
            w.Line("ResponseResult response = await _responses.CreateResponseAsync(\"" + c.Model() + "\", \"Outline: \" + brief, cancellationToken: cancellationToken);");
            w.Line("return response.GetOutputText();");
            w.Close();
            w.EndPlant();
            w.Line();

            w.BeginPlant("CG0002", "literal key in the OpenAIClient constructor");
            w.Open("public static ResponsesClient CreateLocal()");
            w.Line("return new OpenAIClient(\"" + c.Key() + "\").GetResponsesClient();");
            w.Close();
            w.EndPlant();
            w.Close();
            w.Close();
        }

        private static void Diagnostics(CodeWriter w, GatewayContext c)
        {
            var type = "GatewayDiagnostics" + c.N;
            Usings(w, "System.Diagnostics");
            w.Open("namespace Contoso.Gateway.Diagnostics" + c.N);
            w.Line("/// <summary>Request construction and logging around gateway calls.</summary>");
            w.Open("public sealed class " + type);
            w.Line("private readonly HttpClient _http;");
            w.Line("private readonly ILogger<" + type + "> _logger;");
            w.Line();
            w.Open("public " + type + "(HttpClient http, ILogger<" + type + "> logger)");
            w.Line("_http = http;");
            w.Line("_logger = logger;");
            w.Close();
            w.Line();
            w.Open("public async Task<int> ProbeAsync(CancellationToken cancellationToken)");
            w.Line("var apiKey = " + Env + ";");
            w.Line("using var request = new HttpRequestMessage(HttpMethod.Get, \"https://api.cometapi.com/v1/models\");");
            w.Line("request.Headers.Authorization = new AuthenticationHeaderValue(\"Bearer\", apiKey);");
            w.Line("var stopwatch = Stopwatch.StartNew();");
            w.Line("using var response = await _http.SendAsync(request, cancellationToken);");
            w.Line("_logger.LogInformation(\"Gateway probe finished with status {Status} in {Elapsed} ms\", (int)response.StatusCode, stopwatch.ElapsedMilliseconds);");
            w.Line("return (int)response.StatusCode / 100;");
            w.Close();
            w.Line();
            w.Open("public async Task<string> ScrapeMetricsAsync(CancellationToken cancellationToken)");
            w.Line("using var request = new HttpRequestMessage(HttpMethod.Get, \"http://localhost:9090/metrics\");");
            w.Line("using var response = await _http.SendAsync(request, cancellationToken);");
            w.Line("response.EnsureSuccessStatusCode();");
            w.Line("return await response.Content.ReadAsStringAsync(cancellationToken);");
            w.Close();
            w.Line();

            w.BeginPlant("CG0008", "API key written to the log");
            w.Open("public HttpRequestMessage CreateRequest(string path)");
            w.Line("var apiKey = " + Env + ";");
            w.Line("_logger.LogDebug(\"Calling the gateway with key {ApiKey}\", apiKey);");
            w.Line("var request = new HttpRequestMessage(HttpMethod.Get, \"https://api.cometapi.com\" + path);");
            w.Line("request.Headers.Authorization = new AuthenticationHeaderValue(\"Bearer\", apiKey);");
            w.Line("return request;");
            w.Close();
            w.EndPlant();
            w.Line();

            w.BeginPlant("CG0008", "Authorization header written to the console");
            w.Open("public static void Dump(HttpRequestMessage request)");
            w.Line("Console.WriteLine(\"Authorization: \" + request.Headers.Authorization);");
            w.Close();
            w.EndPlant();
            w.Line();

            w.BeginPlant("CG0008", "API key in an exception message");
            w.Open("public async Task EnsureAccessAsync(CancellationToken cancellationToken)");
            w.Line("var apiKey = " + Env + ";");
            w.Line("using var request = new HttpRequestMessage(HttpMethod.Get, \"https://api.cometapi.com/v1/models\");");
            w.Line("request.Headers.Authorization = new AuthenticationHeaderValue(\"Bearer\", apiKey);");
            w.Line("using var response = await _http.SendAsync(request, cancellationToken);");
            w.Open("if (response.StatusCode == HttpStatusCode.Unauthorized)");
            w.Line("throw new InvalidOperationException(\"The gateway rejected key \" + apiKey);");
            w.Close();
            w.Close();
            w.EndPlant();
            w.Close();
            w.Close();
        }
    }
}
