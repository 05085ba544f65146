using System.Collections.Generic;

namespace CometGuard.Analyzers.Manifest
{
    /// <summary>How a response collection's element reads map to the wire.</summary>
    internal enum WireElements
    {
        /// <summary>Not a collection the map follows into.</summary>
        None,

        /// <summary>Element <c>k</c> is <c>[k]</c> on the wire (<c>tool_calls[0]</c>, <c>output[1]</c>).</summary>
        Indexed,

        /// <summary>Everything below is the member's own path (<c>Content[0].Text</c> is <c>choices[0].message.content</c>).</summary>
        Terminal,

        /// <summary>The collection stands for one wire object: <c>ChatResponse.Messages[0]</c> is <c>choices[0].message</c>.</summary>
        Absorbed,
    }

    /// <summary>One SDK member and the wire path it reads, relative to its owner's.</summary>
    internal readonly struct WireMember
    {
        public WireMember(string path, WireElements elements)
        {
            Path = path;
            Elements = elements;
        }

        public string Path { get; }

        public WireElements Elements { get; }
    }

    /// <summary>
    /// The SDK response types whose members map to the gateway's wire names: OpenAI 2.x chat completions and
    /// responses, and Microsoft.Extensions.AI's <c>ChatResponse</c> over the OpenAI chat adapter.
    /// </summary>
    internal static class WireMap
    {
        public const string ChatCompletions = "chat_completions";
        public const string Responses = "responses";

        /// <summary>A path that reads the same in both families (<c>id</c>, <c>model</c>, <c>usage.total_tokens</c>).</summary>
        public const string AnyFamily = "any";

        /// <summary>Each type by metadata name: the family it is the root of (or null), and its members.</summary>
        public static readonly IReadOnlyList<(string Type, string? RootOf, (string Member, string Path, WireElements Elements)[] Members)> Types = new[]
        {
            ("OpenAI.Chat.ChatCompletion", (string?)ChatCompletions, new[]
            {
                ("Id", "id", WireElements.None),
                ("Object", "object", WireElements.None),
                ("Model", "model", WireElements.None),
                ("CreatedAt", "created", WireElements.None),
                ("SystemFingerprint", "system_fingerprint", WireElements.None),
                ("ServiceTier", "service_tier", WireElements.None),
                ("FinishReason", "choices[0].finish_reason", WireElements.None),
                ("Role", "choices[0].message.role", WireElements.None),
                ("Content", "choices[0].message.content", WireElements.Terminal),
                ("Refusal", "choices[0].message.refusal", WireElements.None),
                ("ToolCalls", "choices[0].message.tool_calls", WireElements.Indexed),
                ("FunctionCall", "choices[0].message.function_call", WireElements.Terminal),
                ("OutputAudio", "choices[0].message.audio", WireElements.Terminal),
                ("Annotations", "choices[0].message.annotations", WireElements.Terminal),
                ("ContentTokenLogProbabilities", "choices[0].logprobs.content", WireElements.Terminal),
                ("RefusalTokenLogProbabilities", "choices[0].logprobs.refusal", WireElements.Terminal),
                ("Usage", "usage", WireElements.None),
            }),
            ("OpenAI.Chat.ChatTokenUsage", null, new[]
            {
                ("InputTokenCount", "prompt_tokens", WireElements.None),
                ("OutputTokenCount", "completion_tokens", WireElements.None),
                ("TotalTokenCount", "total_tokens", WireElements.None),
                ("InputTokenDetails", "prompt_tokens_details", WireElements.None),
                ("OutputTokenDetails", "completion_tokens_details", WireElements.None),
            }),
            ("OpenAI.Chat.ChatInputTokenUsageDetails", null, new[]
            {
                ("CachedTokenCount", "cached_tokens", WireElements.None),
                ("AudioTokenCount", "audio_tokens", WireElements.None),
            }),
            ("OpenAI.Chat.ChatOutputTokenUsageDetails", null, new[]
            {
                ("ReasoningTokenCount", "reasoning_tokens", WireElements.None),
                ("AudioTokenCount", "audio_tokens", WireElements.None),
            }),
            ("OpenAI.Chat.ChatToolCall", null, new[]
            {
                ("Id", "id", WireElements.None),
                ("Kind", "type", WireElements.None),
                ("FunctionName", "function.name", WireElements.None),
                ("FunctionArguments", "function.arguments", WireElements.None),
            }),
            ("OpenAI.Responses.ResponseResult", Responses, new[]
            {
                ("Id", "id", WireElements.None),
                ("Object", "object", WireElements.None),
                ("Model", "model", WireElements.None),
                ("Status", "status", WireElements.None),
                ("CreatedAt", "created_at", WireElements.None),
                ("Error", "error", WireElements.None),
                ("IncompleteStatusDetails", "incomplete_details", WireElements.Terminal),
                ("OutputItems", "output", WireElements.Indexed),
                ("Usage", "usage", WireElements.None),
                ("ServiceTier", "service_tier", WireElements.None),
                ("PreviousResponseId", "previous_response_id", WireElements.None),
                // The SDK's text of the first message item: output[0].content[0].text on a plain answer.
                ("GetOutputText", "output[0].content[0].text", WireElements.None),
            }),
            ("OpenAI.Responses.ResponseTokenUsage", null, new[]
            {
                ("InputTokenCount", "input_tokens", WireElements.None),
                ("OutputTokenCount", "output_tokens", WireElements.None),
                ("TotalTokenCount", "total_tokens", WireElements.None),
                ("InputTokenDetails", "input_tokens_details", WireElements.None),
                ("OutputTokenDetails", "output_tokens_details", WireElements.None),
            }),
            ("OpenAI.Responses.ResponseInputTokenUsageDetails", null, new[] { ("CachedTokenCount", "cached_tokens", WireElements.None) }),
            ("OpenAI.Responses.ResponseOutputTokenUsageDetails", null, new[] { ("ReasoningTokenCount", "reasoning_tokens", WireElements.None) }),
            ("OpenAI.Responses.ResponseItem", null, new[]
            {
                ("Id", "id", WireElements.None),
                ("Kind", "type", WireElements.None),
            }),
            ("OpenAI.Responses.MessageResponseItem", null, new[]
            {
                ("Role", "role", WireElements.None),
                ("Status", "status", WireElements.None),
                ("Content", "content", WireElements.Indexed),
            }),
            ("OpenAI.Responses.FunctionCallResponseItem", null, new[]
            {
                ("Status", "status", WireElements.None),
                ("CallId", "call_id", WireElements.None),
                ("FunctionName", "name", WireElements.None),
                ("FunctionArguments", "arguments", WireElements.None),
            }),
            ("OpenAI.Responses.ResponseContentPart", null, new[]
            {
                ("Kind", "type", WireElements.None),
                ("Text", "text", WireElements.None),
                ("Refusal", "refusal", WireElements.None),
                ("OutputTextAnnotations", "annotations", WireElements.Terminal),
            }),
            ("OpenAI.Responses.ResponseError", null, new[]
            {
                ("Code", "code", WireElements.None),
                ("Message", "message", WireElements.None),
            }),
            // Microsoft.Extensions.AI over the OpenAI chat-completions adapter (AsIChatClient on a ChatClient).
            ("Microsoft.Extensions.AI.ChatResponse", ChatCompletions, new[]
            {
                ("Text", "choices[0].message.content", WireElements.None),
                ("Messages", "choices[0].message", WireElements.Absorbed),
                ("ResponseId", "id", WireElements.None),
                ("ModelId", "model", WireElements.None),
                ("CreatedAt", "created", WireElements.None),
                ("FinishReason", "choices[0].finish_reason", WireElements.None),
                ("Usage", "usage", WireElements.None),
            }),
            ("Microsoft.Extensions.AI.ChatMessage", null, new[]
            {
                ("Text", "content", WireElements.None),
                ("Contents", "content", WireElements.Terminal),
                ("Role", "role", WireElements.None),
            }),
            ("Microsoft.Extensions.AI.UsageDetails", null, new[]
            {
                ("InputTokenCount", "prompt_tokens", WireElements.None),
                ("OutputTokenCount", "completion_tokens", WireElements.None),
                ("TotalTokenCount", "total_tokens", WireElements.None),
                ("CachedInputTokenCount", "prompt_tokens_details.cached_tokens", WireElements.None),
                ("ReasoningTokenCount", "completion_tokens_details.reasoning_tokens", WireElements.None),
            }),
        };

        /// <summary>The JSON calls a read chain goes through: a property by name.</summary>
        public static readonly string[] JsonPropertyCalls = { "GetProperty", "TryGetProperty" };

        /// <summary>Calls that pick one element of a collection (the index argument, when there is one, is the element).</summary>
        public static readonly string[] ElementCalls = { "First", "FirstOrDefault", "Single", "SingleOrDefault", "Last", "LastOrDefault", "ElementAt", "ElementAtOrDefault" };

        /// <summary>Calls that leave the collection as it is, for the map (filters and views).</summary>
        public static readonly string[] PassThroughCalls = { "OfType", "Cast", "Where", "EnumerateArray", "ToList", "ToArray", "AsEnumerable" };

        /// <summary>Root wire names a JSON read may start with and that read alike in both families.</summary>
        public static readonly string[] SharedRootNames = { "id", "object", "model", "usage" };

        /// <summary>Wire names only one family has, which settle a JSON read's family.</summary>
        public static readonly (string Name, string Family)[] FamilyNames =
        {
            ("choices", ChatCompletions), ("created", ChatCompletions), ("system_fingerprint", ChatCompletions),
            ("prompt_tokens", ChatCompletions), ("completion_tokens", ChatCompletions),
            ("output", Responses), ("output_text", Responses), ("created_at", Responses), ("status", Responses),
            ("input_tokens", Responses), ("output_tokens", Responses), ("incomplete_details", Responses),
        };

        /// <summary>
        /// Member names a read chain can end with: every mapped SDK member, the C# spelling of common wire names (DTO
        /// properties), and the JSON calls. The generator's syntax filter: a member access named otherwise is never bound.
        /// </summary>
        public static readonly HashSet<string> CandidateNames = BuildCandidateNames();

        private static HashSet<string> BuildCandidateNames()
        {
            var names = new HashSet<string>(System.StringComparer.Ordinal)
            {
                "GetProperty", "TryGetProperty", "Choices", "Message", "Delta", "Index", "PromptTokens", "CompletionTokens",
                "TotalTokens", "InputTokens", "OutputTokens", "OutputText", "Function", "Name", "Arguments", "Type", "Created",
                "Output", "Content", "Text", "Usage", "FinishReason", "ToolCalls", "Id", "Model", "Status", "Error",
            };
            foreach (var type in Types)
            {
                foreach (var member in type.Members)
                {
                    names.Add(member.Member);
                }
            }

            return names;
        }
    }
}
