using System.Threading;
using System.Threading.Tasks;
using CometGuard.Analyzers.Rules;
using CometGuard.CodeFixes.Rules;
using CometGuard.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;

namespace CometGuard.Tests.Rules
{
    public class UncheckedResponseFieldFixerTests
    {
        private static Task Fix(string source, string fixedSource)
            => Verify<UncheckedResponseFieldAnalyzer, UncheckedResponseFieldFixer>.CodeFixAsync(source, fixedSource);

        /// <summary>A fix test whose fixed code still marks the reads the fix does not rewrite.</summary>
        private static Task FixLeavingSome(string source, string fixedSource)
        {
            var test = Verify<UncheckedResponseFieldAnalyzer, UncheckedResponseFieldFixer>.Create(source, fixedSource);
            test.FixedState.MarkupHandling = MarkupMode.Allow;
            return test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task Non_nullable_string_return_gets_an_empty_fallback()
            => Fix("""
                #nullable enable
                using System.Linq;
                using OpenAI.Chat;
                class C { string M(ChatCompletion completion) => {|CG0006:completion.Content[0]|}.Text; }
                """, """
                #nullable enable
                using System.Linq;
                using OpenAI.Chat;
                class C { string M(ChatCompletion completion) => completion.Content.FirstOrDefault()?.Text ?? string.Empty; }
                """);

        [Fact]
        public Task Typed_local_property_and_async_return_get_the_fallback_where_non_nullable()
            => FixLeavingSome("""
                #nullable enable
                using System.Linq;
                using System.Threading.Tasks;
                using OpenAI.Chat;
                class C
                {
                    public string Answer { get; set; } = "";
                    public string? Maybe { get; set; }

                    async Task<string> M(ChatClient client)
                    {
                        ChatCompletion completion = await client.CompleteChatAsync(new UserChatMessage("hi"));
                        string text = {|CG0006:completion.Content[0]|}.Text;
                        Answer = {|CG0006:completion.Content[0]|}.Text;
                        Maybe = {|CG0006:completion.Content[0]|}.Text;
                        return text + {|CG0006:completion.ToolCalls[0]|}.FunctionName.Length;
                    }

                    async Task<string> N(ChatClient client)
                    {
                        ChatCompletion completion = await client.CompleteChatAsync(new UserChatMessage("hi"));
                        return {|CG0006:completion.Content[0]|}.Text;
                    }
                }
                """, """
                #nullable enable
                using System.Linq;
                using System.Threading.Tasks;
                using OpenAI.Chat;
                class C
                {
                    public string Answer { get; set; } = "";
                    public string? Maybe { get; set; }

                    async Task<string> M(ChatClient client)
                    {
                        ChatCompletion completion = await client.CompleteChatAsync(new UserChatMessage("hi"));
                        string text = completion.Content.FirstOrDefault()?.Text ?? string.Empty;
                        Answer = completion.Content.FirstOrDefault()?.Text ?? string.Empty;
                        Maybe = completion.Content.FirstOrDefault()?.Text;
                        return text + {|CG0006:completion.ToolCalls[0]|}.FunctionName.Length;
                    }

                    async Task<string> N(ChatClient client)
                    {
                        ChatCompletion completion = await client.CompleteChatAsync(new UserChatMessage("hi"));
                        return completion.Content.FirstOrDefault()?.Text ?? string.Empty;
                    }
                }
                """);

        [Fact]
        public Task Var_local_and_nullable_parameter_keep_the_null()
            => Fix("""
                #nullable enable
                using System;
                using System.Linq;
                using OpenAI.Chat;
                class C
                {
                    void M(ChatCompletion completion)
                    {
                        var text = {|CG0006:completion.Content[0]|}.Text;
                        Console.WriteLine({|CG0006:completion.ToolCalls.First()|}.FunctionName);
                        Console.WriteLine(text);
                    }
                }
                """, """
                #nullable enable
                using System;
                using System.Linq;
                using OpenAI.Chat;
                class C
                {
                    void M(ChatCompletion completion)
                    {
                        var text = completion.Content.FirstOrDefault()?.Text;
                        Console.WriteLine(completion.ToolCalls.FirstOrDefault()?.FunctionName);
                        Console.WriteLine(text);
                    }
                }
                """);

        [Fact]
        public Task Adds_using_System_Linq_when_missing()
            => Fix("""
                using System;
                using OpenAI.Chat;
                class C { string M(ChatCompletion completion) => {|CG0006:completion.Content[0]|}.Text.Trim(); }
                """, """
                using System;
                using System.Linq;
                using OpenAI.Chat;
                class C { string M(ChatCompletion completion) => completion.Content.FirstOrDefault()?.Text.Trim(); }
                """);

        [Fact]
        public Task ElementAt_Last_and_null_forgiving_FirstOrDefault()
            => Fix("""
                #nullable enable
                using System.Linq;
                using OpenAI.Chat;
                class C
                {
                    string? A(ChatCompletion c) => {|CG0006:c.Content.ElementAt(1)|}.Text;
                    string? B(ChatCompletion c) => {|CG0006:c.Content[2]|}.Text;
                    string? D(ChatCompletion c) => {|CG0006:c.ToolCalls.Last()|}.Id;
                    string? E(ChatCompletion c) => {|CG0006:c.Content.FirstOrDefault()|}!.Text;
                }
                """, """
                #nullable enable
                using System.Linq;
                using OpenAI.Chat;
                class C
                {
                    string? A(ChatCompletion c) => c.Content.ElementAtOrDefault(1)?.Text;
                    string? B(ChatCompletion c) => c.Content.ElementAtOrDefault(2)?.Text;
                    string? D(ChatCompletion c) => c.ToolCalls.LastOrDefault()?.Id;
                    string? E(ChatCompletion c) => c.Content.FirstOrDefault()?.Text;
                }
                """);

        [Fact]
        public Task Dto_array_in_an_expression()
            => Fix("""
                #nullable enable
                using System;
                using System.Linq;
                record Message(string Role, string Content);
                record Choice(int Index, Message Message);
                record ChatCompletionResponse(string Model, Choice[] Choices);
                class C { string M(ChatCompletionResponse r) => "answer: " + {|CG0006:r.Choices[0]|}.Message.Content; }
                """, """
                #nullable enable
                using System;
                using System.Linq;
                record Message(string Role, string Content);
                record Choice(int Index, Message Message);
                record ChatCompletionResponse(string Model, Choice[] Choices);
                class C { string M(ChatCompletionResponse r) => "answer: " + r.Choices.FirstOrDefault()?.Message.Content; }
                """);

        [Fact]
        public Task Fix_all_across_two_documents_adds_one_using_each()
        {
            var test = Verify<UncheckedResponseFieldAnalyzer, UncheckedResponseFieldFixer>.Create(source: "", fixedSource: "");
            test.TestState.Sources.Clear();
            test.FixedState.Sources.Clear();
            test.TestState.Sources.Add(("/0/A.cs", """
                using System;
                using OpenAI.Chat;
                class A
                {
                    void M(ChatCompletion c)
                    {
                        Console.WriteLine({|CG0006:c.Content[0]|}.Text);
                        Console.WriteLine({|CG0006:c.ToolCalls[0]|}.FunctionName);
                    }
                }
                """));
            test.TestState.Sources.Add(("/0/B.cs", """
                using OpenAI.Chat;
                class B { string M(ChatCompletion c) => {|CG0006:c.Content[0]|}.Text + {|CG0006:c.Content[1]|}.Text; }
                """));
            test.FixedState.Sources.Add(("/0/A.cs", """
                using System;
                using System.Linq;
                using OpenAI.Chat;
                class A
                {
                    void M(ChatCompletion c)
                    {
                        Console.WriteLine(c.Content.FirstOrDefault()?.Text);
                        Console.WriteLine(c.ToolCalls.FirstOrDefault()?.FunctionName);
                    }
                }
                """));
            test.FixedState.Sources.Add(("/0/B.cs", """
                using System.Linq;
                using OpenAI.Chat;
                class B { string M(ChatCompletion c) => c.Content.FirstOrDefault()?.Text + c.Content.ElementAtOrDefault(1)?.Text; }
                """));
            return test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task No_fix_where_the_guarded_form_would_not_compile_cleanly()
        {
            const string source = """
                #nullable enable
                using System.Linq;
                using System.Text.Json;
                using OpenAI.Chat;
                class C
                {
                    ChatMessageContentPart Part(ChatCompletion c) => {|CG0006:c.Content[0]|};
                    int Length(ChatCompletion c) => {|CG0006:c.Content[0]|}.Text.Length;
                    ChatToolCall Call(ChatCompletion c) => {|CG0006:c.ToolCalls.First(t => t.FunctionName == "f")|};
                    string? Json(JsonElement root) => {|CG0006:root.GetProperty("choices")|}[0].GetString();
                }
                """;
            return Verify<UncheckedResponseFieldAnalyzer, UncheckedResponseFieldFixer>.CodeFixAsync(source, source);
        }
    }
}
