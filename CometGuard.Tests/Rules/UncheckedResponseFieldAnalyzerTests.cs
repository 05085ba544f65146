using System.Threading;
using System.Threading.Tasks;
using CometGuard.Analyzers.Rules;
using CometGuard.CodeFixes.Rules;
using CometGuard.Tests.Verifiers;

namespace CometGuard.Tests.Rules
{
    public class UncheckedResponseFieldAnalyzerTests
    {
        private const string Chat = """
            #nullable enable
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using OpenAI.Chat;

            """;

        private const string Responses = """
            #nullable enable
            #pragma warning disable OPENAI001
            using System;
            using System.Linq;
            using OpenAI.Responses;

            """;

        private const string Json = """
            #nullable enable
            using System;
            using System.IO;
            using System.Linq;
            using System.Net.Http;
            using System.Text.Json;
            using System.Text.Json.Nodes;
            using System.Threading.Tasks;

            """;

        private const string Extensions = """
            #nullable enable
            using System;
            using System.Linq;
            using Microsoft.Extensions.AI;

            """;

        private const string Dto = """
            #nullable enable
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Text.Json.Serialization;

            """;

        private static Task Analyze(string source)
            => Verify<UncheckedResponseFieldAnalyzer, UncheckedResponseFieldFixer>.AnalyzerAsync(source);

        // --- Read forms ---------------------------------------------------------------------

        [Fact]
        public Task ChatCompletion_Content_indexed()
            => Analyze(Chat + """
                class C { string M(ChatCompletion completion) => {|CG0006:completion.Content[0]|}.Text; }
                """);

        [Fact]
        public Task ChatCompletion_Content_through_ClientResult_Value()
            => Analyze(Chat + """
                class C { string M(ChatClient client) => {|CG0006:client.CompleteChat(new UserChatMessage("hi")).Value.Content[0]|}.Text; }
                """);

        [Fact]
        public Task ToolCalls_First_Single_Last_ElementAt()
            => Analyze(Chat + """
                class C
                {
                    void M(ChatCompletion completion)
                    {
                        Console.WriteLine({|CG0006:completion.ToolCalls.First()|}.FunctionName);
                        Console.WriteLine({|CG0006:completion.ToolCalls.Single()|}.FunctionName);
                        Console.WriteLine({|CG0006:completion.ToolCalls.Last()|}.FunctionName);
                        Console.WriteLine({|CG0006:completion.Content.ElementAt(0)|}.Text);
                    }
                }
                """);

        [Fact]
        public Task FirstOrDefault_dereferenced_without_conditional_access()
            => Analyze(Chat + """
                class C
                {
                    string M(ChatCompletion completion) => {|CG0006:completion.Content.FirstOrDefault()|}!.Text;
                }
                """);

        [Fact]
        public Task Local_alias_of_a_response_collection()
            => Analyze(Chat + """
                class C
                {
                    string M(ChatCompletion completion)
                    {
                        var parts = completion.Content;
                        return {|CG0006:parts[0]|}.Text;
                    }
                }
                """);

        [Fact]
        public Task Responses_OutputItems_and_message_content()
            => Analyze(Responses + """
                class C
                {
                    string? M(ResponseResult response)
                    {
                        var message = {|CG0006:response.OutputItems[0]|} as MessageResponseItem;
                        return message is null ? null : {|CG0006:message.Content[0]|}.Text;
                    }
                }
                """);

        [Fact]
        public Task Streaming_first_chunk_has_no_content_update()
            => Analyze(Chat + """
                using System.Threading.Tasks;
                class C
                {
                    async Task M(ChatClient client)
                    {
                        await foreach (var update in client.CompleteChatStreamingAsync(new UserChatMessage("hi")))
                        {
                            Console.Write({|CG0006:update.ContentUpdate[0]|}.Text);
                        }
                    }
                }
                """);

        [Fact]
        public Task Read_inside_a_lambda()
            => Analyze(Chat + """
                class C
                {
                    IEnumerable<string> M(IEnumerable<ChatCompletion> completions) => completions.Select(c => {|CG0006:c.Content[0]|}.Text);
                }
                """);

        [Fact]
        public Task Dto_collection_named_by_attribute()
            => Analyze(Dto + """
                class ChatResponseDto
                {
                    [JsonPropertyName("id")] public string Id { get; set; } = "";
                    [JsonPropertyName("model")] public string Model { get; set; } = "";
                    [JsonPropertyName("choices")] public ChoiceDto[] Items { get; set; } = Array.Empty<ChoiceDto>();
                }
                class ChoiceDto { [JsonPropertyName("finish_reason")] public string? FinishReason { get; set; } }
                class C { string? M(ChatResponseDto dto) => {|CG0006:dto.Items[0]|}.FinishReason; }
                """);

        [Fact]
        public Task Dto_collections_named_by_convention()
            => Analyze(Dto + """
                record Choice(int Index, string? FinishReason);
                record ChatCompletionResponse(string Object, string Model, List<Choice> Choices);
                record Embedding(float[] Vector);
                record EmbeddingList(string Object, IReadOnlyList<Embedding> Data);
                class C
                {
                    void M(ChatCompletionResponse response, EmbeddingList embeddings)
                    {
                        Console.WriteLine({|CG0006:response.Choices[0]|}.FinishReason);
                        Console.WriteLine({|CG0006:response.Choices.First()|}.Index);
                        Console.WriteLine({|CG0006:embeddings.Data[0]|}.Vector.Length);
                    }
                }
                """);

        [Fact]
        public Task JsonElement_GetProperty_chain_reports_once()
            => Analyze(Json + """
                class C
                {
                    string? M(JsonDocument doc)
                        => {|CG0006:doc.RootElement.GetProperty("choices")|}[0].GetProperty("message").GetProperty("content").GetString();

                    string? Responses(JsonElement root)
                        => {|CG0006:root.GetProperty("output")|}[0].GetProperty("content")[0].GetProperty("text").GetString();
                }
                """);

        [Fact]
        public Task JsonNode_chain_with_null_forgiving()
            => Analyze(Json + """
                class C
                {
                    string M(string body)
                    {
                        var node = JsonNode.Parse(body)!;
                        return {|CG0006:node["choices"]|}![0]!["message"]!["content"]!.GetValue<string>();
                    }
                }
                """);

        [Fact]
        public Task Common_json_name_over_an_http_body()
            => Analyze(Json + """
                class C
                {
                    async Task<int> M(HttpResponseMessage response)
                    {
                        response.EnsureSuccessStatusCode();
                        var body = await response.Content.ReadAsStringAsync();
                        using var doc = JsonDocument.Parse(body);
                        return {|CG0006:doc.RootElement.GetProperty("data")|}[0].GetProperty("embedding").GetArrayLength();
                    }
                }
                """);

        [Fact]
        public Task Extensions_AI_null_forgiving_usage_and_finish_reason()
            => Analyze(Extensions + """
                class C
                {
                    long? Tokens(ChatResponse response) => {|CG0006:response.Usage!|}.TotalTokenCount;
                    ChatFinishReason Reason(ChatResponse response) => {|CG0006:response.FinishReason!.Value|};
                    ChatFinishReason Plain(ChatResponse response) => {|CG0006:response.FinishReason.Value|};
                }
                """);

        [Fact]
        public Task Extensions_AI_forced_reads_through_parentheses_and_conditional_access()
            => Analyze(Extensions + """
                class C
                {
                    ChatFinishReason Parenthesized(ChatResponse response) => {|CG0006:(response.FinishReason).Value|};
                    ChatFinishReason? Conditional(ChatResponse? response) => response?{|CG0006:.FinishReason.Value|};
                    long? Chained(ChatResponse response) => {|CG0006:response.Usage!|}.TotalTokenCount + 1;
                    ChatFinishReason? Unforced(ChatResponse response) => response.FinishReason;
                    long? Checked(ChatResponse response) => response.Usage?.TotalTokenCount;
                }
                """);

        // --- Guards that do not guard -------------------------------------------------------

        [Fact]
        public Task Check_in_a_sibling_branch_is_not_a_guard()
            => Analyze(Chat + """
                class C
                {
                    string M(ChatCompletion completion, bool verbose)
                    {
                        if (verbose)
                        {
                            if (completion.Content.Count == 0) return "";
                        }

                        return {|CG0006:completion.Content[0]|}.Text;
                    }
                }
                """);

        [Fact]
        public Task Check_with_the_wrong_polarity_is_not_a_guard()
            => Analyze(Chat + """
                class C
                {
                    string M(ChatCompletion completion)
                    {
                        if (completion.Content.Count == 0)
                        {
                            return {|CG0006:completion.Content[0]|}.Text;
                        }

                        return "";
                    }
                }
                """);

        [Fact]
        public Task Read_in_the_else_branch_of_a_count_check_still_reports()
            => Analyze(Chat + """
                class C
                {
                    string M(ChatCompletion completion)
                    {
                        if (completion.Content.Count > 0) Console.WriteLine("has content");
                        else return {|CG0006:completion.Content[0]|}.Text;
                        return "";
                    }
                }
                """);

        [Fact]
        public Task Check_whose_branches_merge_before_the_read_is_not_a_guard()
            => Analyze(Chat + """
                class C
                {
                    string M(ChatCompletion completion)
                    {
                        if (completion.Content.Count == 0) Console.WriteLine("empty");
                        return {|CG0006:completion.Content[0]|}.Text;
                    }
                }
                """);

        [Fact]
        public Task Check_of_another_response_is_not_a_guard()
            => Analyze(Chat + """
                class C
                {
                    string M(ChatCompletion completion, ChatCompletion other)
                    {
                        if (other.Content.Count == 0) return "";
                        return {|CG0006:completion.Content[0]|}.Text;
                    }
                }
                """);

        [Fact]
        public Task Null_check_of_usage_in_a_sibling_branch_is_not_a_guard()
            => Analyze(Extensions + """
                class C
                {
                    long? M(ChatResponse response, bool log)
                    {
                        if (log && response.Usage is null) Console.WriteLine("no usage");
                        return {|CG0006:response.Usage!|}.TotalTokenCount;
                    }
                }
                """);

        [Fact]
        public async Task Early_exit_that_does_not_say_the_read_is_safe_still_reports()
        {
            await Analyze(Chat + """
                class C
                {
                    string Polarity(ChatCompletion completion)
                    {
                        if (completion.Content.Count > 0) return "";
                        return {|CG0006:completion.Content[0]|}.Text;
                    }

                    string Compound(ChatCompletion completion, bool strict)
                    {
                        if (strict && completion.Content.Count == 0) return "";
                        return {|CG0006:completion.Content[0]|}.Text;
                    }
                }
                """);
            await Analyze(Extensions + """
                class C
                {
                    long? Usage(ChatResponse response)
                    {
                        if (response.Usage is not null) throw new InvalidOperationException("unexpected");
                        return {|CG0006:response.Usage!|}.TotalTokenCount;
                    }
                }
                """);
        }

        [Fact]
        public Task Yield_return_is_not_an_early_exit()
            => Analyze(Chat + """
                class C
                {
                    IEnumerable<string> Texts(ChatCompletion completion)
                    {
                        if (completion.Content.Count == 0) yield return "";
                        yield return {|CG0006:completion.Content[0]|}.Text;
                    }

                    IEnumerable<string> Stops(ChatCompletion completion)
                    {
                        if (completion.Content.Count == 0) yield break;
                        yield return completion.Content[0].Text;
                    }
                }
                """);

        [Fact]
        public Task Label_between_an_early_exit_and_the_read_lets_a_goto_past_the_check()
            => Analyze(Chat + """
                class C
                {
                    string M(ChatCompletion completion, bool skip)
                    {
                        if (skip) goto read;
                        if (completion.Content.Count == 0) return "";
                        read:
                        Console.WriteLine("reading");
                        return {|CG0006:completion.Content[0]|}.Text;
                    }
                }
                """);

        [Fact]
        public Task Early_exit_outside_a_lambda_is_not_a_statement_of_the_lambda()
            => Analyze(Chat + """
                class C
                {
                    Func<ChatCompletion, string> M(ChatCompletion first)
                    {
                        if (first.Content.Count == 0) return c => "";
                        return c => {|CG0006:c.Content[0]|}.Text;
                    }
                }
                """);

        // --- Guards -------------------------------------------------------------------------

        [Fact]
        public Task Guarded_by_count_checks()
            => Analyze(Chat + """
                class C
                {
                    string A(ChatCompletion c) { if (c.Content.Count > 0) return c.Content[0].Text; return ""; }
                    string B(ChatCompletion c) { if (c.Content.Count == 0) return ""; return c.Content[0].Text; }
                    string D(ChatCompletion c) { if (c.Content.Count < 1) throw new InvalidOperationException("empty"); return c.Content.First().Text; }
                    string E(ChatCompletion c) => c.Content.Count != 0 ? c.Content[0].Text : "";
                    string F(ChatCompletion c) => c.Content.Count >= 1 && c.Content[0].Text.Length > 0 ? c.Content[0].Text : "";
                    string G(ChatCompletion c) { if (0 == c.Content.Count || c.ToolCalls.Count > 0) return ""; return c.Content[0].Text; }
                    string H(ChatCompletion c) { if (c.ToolCalls.Count() > 0) return c.ToolCalls[0].FunctionName; return ""; }
                }
                """);

        [Fact]
        public Task Guarded_by_Any()
            => Analyze(Chat + """
                class C
                {
                    string A(ChatCompletion c) => c.Content.Any() ? c.Content[0].Text : "";
                    string B(ChatCompletion c) { if (!c.ToolCalls.Any()) return ""; return c.ToolCalls.First().FunctionName; }
                }
                """);

        [Fact]
        public Task Guarded_by_list_and_property_patterns()
            => Analyze(Chat + """
                class C
                {
                    string A(ChatCompletion c) => c.Content is [_, ..] ? c.Content[0].Text : "";
                    string B(ChatCompletion c) { if (c.Content is []) return ""; return c.Content[0].Text; }
                    string D(ChatCompletion c) => c.Content is { Count: > 0 } ? c.Content[0].Text : "";
                    string E(ChatCompletion c) { if (c is not { Content.Count: > 0 }) return ""; return c.Content[0].Text; }
                    string F(ChatCompletion c) => c.Content is [var first, ..] ? first.Text : "";
                }
                """);

        [Fact]
        public Task Guarded_by_loop_bound()
            => Analyze(Chat + """
                class C
                {
                    void M(ChatCompletion c)
                    {
                        for (var i = 0; i < c.Content.Count; i++) Console.WriteLine(c.Content[i].Text);
                        foreach (var part in c.Content) Console.WriteLine(part.Text);
                    }
                }
                """);

        [Fact]
        public Task Guarded_by_finish_reason()
            => Analyze(Chat + """
                class C
                {
                    string A(ChatCompletion c)
                    {
                        if (c.FinishReason == ChatFinishReason.ToolCalls) return c.ToolCalls[0].FunctionName;
                        return "";
                    }

                    string B(ChatCompletion c)
                    {
                        if (c.FinishReason != ChatFinishReason.Stop) throw new InvalidOperationException(c.FinishReason.ToString());
                        return c.Content[0].Text;
                    }

                    string D(ChatCompletion c)
                    {
                        switch (c.FinishReason)
                        {
                            case ChatFinishReason.Stop: return c.Content[0].Text;
                            case ChatFinishReason.ToolCalls: return c.ToolCalls[0].FunctionName;
                            default: return "";
                        }
                    }
                }
                """);

        [Fact]
        public Task Guarded_by_responses_status()
            => Analyze(Responses + """
                class C
                {
                    ResponseItem? M(ResponseResult response)
                    {
                        if (response.Status != ResponseStatus.Completed) return null;
                        return response.OutputItems[0];
                    }

                    ResponseItem? N(ResponseResult response) => response is { Status: ResponseStatus.Completed } ? response.OutputItems.First() : null;
                }
                """);

        [Fact]
        public Task FirstOrDefault_with_a_null_check_or_conditional_access()
            => Analyze(Chat + """
                class C
                {
                    string? A(ChatCompletion c) => c.Content.FirstOrDefault()?.Text;

                    string B(ChatCompletion c)
                    {
                        var first = c.Content.FirstOrDefault();
                        if (first is null) return "";
                        return first.Text;
                    }
                }
                """);

        [Fact]
        public Task Json_guarded_by_TryGetProperty_ValueKind_or_error_check()
            => Analyze(Json + """
                class C
                {
                    string? A(JsonElement root)
                    {
                        if (!root.TryGetProperty("choices", out var choices) || choices.GetArrayLength() == 0) return null;
                        return root.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();
                    }

                    string? B(JsonElement root)
                    {
                        if (root.TryGetProperty("error", out _)) return null;
                        return root.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();
                    }

                    string? D(JsonDocument doc)
                        => doc.RootElement.TryGetProperty("output", out _) ? doc.RootElement.GetProperty("output")[0].GetProperty("id").GetString() : null;

                    string? E(JsonElement root)
                    {
                        if (root.GetProperty("status").GetString() != "completed") return null;
                        return root.GetProperty("output")[0].GetProperty("id").GetString();
                    }

                    string? F(JsonNode node) => node["choices"]?[0]?["message"]?["content"]?.GetValue<string>();

                    string? G(JsonObject node)
                    {
                        if (!node.ContainsKey("choices")) return null;
                        return node["choices"]![0]!["message"]!["content"]!.GetValue<string>();
                    }
                }
                """);

        [Fact]
        public Task Extensions_AI_guarded_by_null_checks_and_finish_reason()
            => Analyze(Extensions + """
                class C
                {
                    long? A(ChatResponse r) { if (r.Usage is null) return null; return r.Usage!.TotalTokenCount; }
                    long? B(ChatResponse r) => r.Usage != null ? r.Usage!.TotalTokenCount : null;
                    ChatFinishReason D(ChatResponse r) => r.FinishReason.HasValue ? r.FinishReason.Value : ChatFinishReason.Stop;
                    ChatFinishReason E(ChatResponse r) { if (r.FinishReason != ChatFinishReason.Stop) return ChatFinishReason.Length; return r.FinishReason!.Value; }
                    long? F(ChatResponse r) => r is { Usage: not null } ? r.Usage!.TotalTokenCount : null;
                    long? G(ChatResponse r) => r.Usage?.TotalTokenCount;
                    ChatFinishReason H(ChatResponse r) => r.FinishReason ?? ChatFinishReason.Stop;
                }
                """);

        [Fact]
        public Task Guarded_through_an_alias_a_loop_exit_and_continue()
            => Analyze(Chat + """
                class C
                {
                    string A(ChatCompletion c)
                    {
                        var parts = c.Content;
                        if (parts.Count == 0) return "";
                        return parts[0].Text;
                    }

                    void B(IEnumerable<ChatCompletion> completions)
                    {
                        foreach (var c in completions)
                        {
                            if (c.Content.Count is 0) continue;
                            Console.WriteLine(c.Content[0].Text);
                        }
                    }

                    string D(ChatClient client)
                    {
                        ChatCompletion c = client.CompleteChat(new UserChatMessage("hi"));
                        while (c.Content.Count == 0) c = client.CompleteChat(new UserChatMessage("again"));
                        return c.Content[0].Text;
                    }
                }
                """);

        [Fact]
        public Task Extensions_AI_messages_indexed()
            => Analyze(Extensions + """
                class C
                {
                    string A(ChatResponse response) => {|CG0006:response.Messages[0]|}.Text;
                    string B(ChatResponse response) => response.Messages.Count > 0 ? response.Messages[0].Text : response.Text;
                }
                """);

        [Fact]
        public Task Extensions_AI_messages_after_a_check_of_the_text_joined_from_them()
            => Analyze(Extensions + """
                class C
                {
                    ChatMessage A(ChatResponse result) => string.IsNullOrEmpty(result.Text) ? new ChatMessage() : result.Messages.First();
                    ChatMessage B(ChatResponse result)
                    {
                        if (string.IsNullOrWhiteSpace(result.Text)) throw new InvalidOperationException("empty answer");
                        return result.Messages.Last();
                    }
                    ChatMessage? C1(ChatResponse result) => result.Text is { Length: > 0 } ? result.Messages[0] : null;
                    ChatMessage? D(ChatResponse result) => result.Text.Length > 0 ? result.Messages.First() : null;
                    AIContent? E(ChatMessage message) => !string.IsNullOrEmpty(message.Text) ? message.Contents[0] : null;
                }
                """);

        [Fact]
        public Task Extensions_AI_messages_after_a_check_that_proves_nothing()
            => Analyze(Extensions + """
                class C
                {
                    ChatMessage A(ChatResponse result, ChatResponse other) => string.IsNullOrEmpty(other.Text) ? new ChatMessage() : {|CG0006:result.Messages.First()|};
                    ChatMessage? B(ChatResponse result) => result.Text != null ? {|CG0006:result.Messages.First()|} : null;
                    ChatMessage? C1(ChatResponse result) => string.IsNullOrEmpty(result.Text) ? {|CG0006:result.Messages[0]|} : null;
                }
                """);

        private const string Newtonsoft = """
            #nullable enable
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Newtonsoft.Json.Linq;

            """;

        [Fact]
        public Task Newtonsoft_lookup_chains()
            => Analyze(Newtonsoft + """
                class C
                {
                    async Task<string?> M(HttpResponseMessage response)
                    {
                        var jsonObj = JObject.Parse(await response.Content.ReadAsStringAsync());
                        return (string?){|CG0006:jsonObj["choices"]|}[0]["message"]["content"];
                    }

                    string? N(string text) => (string?){|CG0006:JObject.Parse(text)["choices"]|}[0]["message"]["content"];
                    JToken? O(JObject json) => {|CG0006:json.GetValue("choices")|}![0];
                }
                """);

        [Fact]
        public Task Newtonsoft_lookups_after_a_shape_check()
            => Analyze(Newtonsoft + """
                class C
                {
                    string? A(JObject json)
                    {
                        if (json["error"] != null) return null;
                        return (string?)json["choices"]![0]!["message"]!["content"];
                    }

                    string? B(JObject json)
                        => json.TryGetValue("choices", out var choices) ? (string?)json["choices"]![0]!["message"]!["content"] : null;

                    string? C1(JObject json) => json.ContainsKey("choices") ? (string?)json["choices"]![0] : null;
                    string? D(JObject settings) => (string?)settings["name"];
                    JToken? E(JObject json) => json["choices"];
                }
                """);

        private const string Betalgo = """
            #nullable enable
            using System;
            using System.Linq;
            using System.Threading.Tasks;
            using Betalgo.Ranul.OpenAI.Interfaces;
            using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;
            using Betalgo.Ranul.OpenAI.ObjectModels.ResponseModels;

            """;

        [Fact]
        public Task Betalgo_response_reads()
            => Analyze(Betalgo + """
                class C
                {
                    async Task<string?> Chat(IOpenAIService service, ChatCompletionCreateRequest request)
                    {
                        var result = await service.ChatCompletion.CreateCompletion(request);
                        return {|CG0006:result.Choices.First()|}.Message.Content;
                    }

                    string? Tool(ChatMessage message) => {|CG0006:message.ToolCalls!.First()|}.Id;
                    double Embedding(EmbeddingCreateResponse result) => {|CG0006:result.Data!.First()|}.Embedding[0];
                    bool Moderation(CreateModerationResponse result) => {|CG0006:result.Results.First()|}.Flagged;
                }
                """);

        [Fact]
        public Task Betalgo_reads_after_the_success_check()
            => Analyze(Betalgo + """
                class C
                {
                    async Task<string?> Chat(IOpenAIService service, ChatCompletionCreateRequest request)
                    {
                        var result = await service.ChatCompletion.CreateCompletion(request);
                        if (!result.Successful)
                        {
                            throw new InvalidOperationException(result.Error?.Message);
                        }

                        return result.Choices.First().Message.Content;
                    }

                    string? Flag(ChatCompletionCreateResponse result) => result.Successful ? result.Choices[0].Message.Content : null;
                    string? Error(ChatCompletionCreateResponse result) => result.Error == null ? result.Choices.First().Message.Content : null;
                    string? Count(ChatCompletionCreateResponse result) => result.Choices.Count > 0 ? result.Choices[0].Message.Content : null;
                }
                """);

        [Fact]
        public Task Dto_read_after_ReadFromJsonAsync_with_null_forgiving()
            => Analyze(Json + """
                using System.Collections.Generic;
                using System.Net.Http.Json;
                record Message(string Role, string Content);
                record Choice(int Index, Message Message);
                record Completion(string Id, List<Choice> Choices);
                class C
                {
                    async Task<string> M(HttpClient http, object body)
                    {
                        using var response = await http.PostAsJsonAsync("v1/chat/completions", body);
                        response.EnsureSuccessStatusCode();
                        var completion = await response.Content.ReadFromJsonAsync<Completion>();
                        return {|CG0006:completion!.Choices[0]|}.Message.Content;
                    }
                }
                """);

        [Fact]
        public Task Usage_lookup_after_a_success_status()
            => Analyze(Json + """
                class C
                {
                    async Task<int> M(HttpResponseMessage response)
                    {
                        response.EnsureSuccessStatusCode();
                        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                        return {|CG0006:doc.RootElement.GetProperty("usage")|}.GetProperty("total_tokens").GetInt32();
                    }

                    async Task<int> Guarded(HttpResponseMessage response)
                    {
                        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                        return doc.RootElement.TryGetProperty("usage", out var usage) ? usage.GetProperty("total_tokens").GetInt32() : 0;
                    }

                    int Settings(JsonElement settings) => settings.GetProperty("usage").GetProperty("limit").GetInt32();
                }
                """);

        // --- Not response collections, not gateway JSON -------------------------------------

        [Fact]
        public Task Arrays_and_lists_that_are_not_response_collections()
            => Analyze(Dto + """
                record Question(string Text, List<string> Choices);
                record Page(List<string> Data, int Total);
                class ProcessResult { public string[] Output { get; set; } = Array.Empty<string>(); public int ExitCode { get; set; } }
                class C
                {
                    void M(string[] args, Question question, Page page, ProcessResult result, List<int> numbers)
                    {
                        Console.WriteLine(args[0]);
                        Console.WriteLine(question.Choices[0]);
                        Console.WriteLine(page.Data.First());
                        Console.WriteLine(result.Output[0]);
                        Console.WriteLine(numbers.Single());
                    }
                }
                """);

        [Fact]
        public Task Json_that_is_not_a_gateway_body()
            => Analyze(Json + """
                class C
                {
                    string? Settings(string path)
                    {
                        using var doc = JsonDocument.Parse(File.ReadAllText(path));
                        Console.WriteLine(doc.RootElement.GetProperty("data")[0].GetString());
                        Console.WriteLine(doc.RootElement.GetProperty("content").GetString());
                        return doc.RootElement.GetProperty("logging").GetProperty("level").GetString();
                    }
                }
                """);

        [Fact]
        public Task Test_assertions_are_not_reported()
        {
            var test = Verify<UncheckedResponseFieldAnalyzer, UncheckedResponseFieldFixer>.Create(Chat + """
                using System.Text.Json;
                using Xunit;
                public class CompletionTests
                {
                    [Fact]
                    public void Reads_first_part(ChatCompletion completion) => Assert.Equal("hi", completion.Content[0].Text);

                    [Theory, InlineData("{}")]
                    public void Reads_json(string body) => Assert.Equal("hi", JsonDocument.Parse(body).RootElement.GetProperty("choices")[0].GetString());
                }
                """);
            test.References = References.GatewayTests;
            return test.RunAsync(CancellationToken.None);
        }
    }
}
