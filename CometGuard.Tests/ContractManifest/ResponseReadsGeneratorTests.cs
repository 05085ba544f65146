using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using CometGuard.Analyzers.Manifest;
using CometGuard.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace CometGuard.Tests.ContractManifest
{
    /// <summary>The contract manifest: which response fields a project reads, compiled against the real SDK packages.</summary>
    public class ResponseReadsGeneratorTests
    {
        private const string ProjectDir = "/src/App/";

        [Fact]
        public void Chat_completion_reads_map_to_their_wire_paths()
        {
            var reads = Manifest(@"
using System.Linq;
using System.Threading.Tasks;
using OpenAI.Chat;
class ChatService
{
    async Task<string?> SummariseAsync(ChatClient chat)
    {
        ChatCompletion completion = await chat.CompleteChatAsync(new UserChatMessage(""hi""));
        if (completion.FinishReason != ChatFinishReason.Stop || completion.Content.Count == 0) return null;
        System.Console.WriteLine(completion.Id + completion.Usage?.TotalTokenCount);
        var usage = completion.Usage;
        System.Console.WriteLine(usage.OutputTokenDetails.ReasoningTokenCount);
        foreach (var call in completion.ToolCalls) System.Console.WriteLine(call.FunctionName);
        return completion.Content.FirstOrDefault()?.Text;
    }
}");
            Assert.Equal(
                new[]
                {
                    "chat_completions|choices[0].finish_reason|Chat.cs: ChatService.SummariseAsync",
                    "chat_completions|choices[0].message.content|Chat.cs: ChatService.SummariseAsync",
                    "chat_completions|choices[0].message.tool_calls[0].function.name|Chat.cs: ChatService.SummariseAsync",
                    "chat_completions|id|Chat.cs: ChatService.SummariseAsync",
                    "chat_completions|usage.completion_tokens_details.reasoning_tokens|Chat.cs: ChatService.SummariseAsync",
                    "chat_completions|usage.total_tokens|Chat.cs: ChatService.SummariseAsync",
                },
                reads);
        }

        [Fact]
        public void Responses_reads_follow_output_items_and_their_content()
        {
            var reads = Manifest(@"
#pragma warning disable OPENAI001
using OpenAI.Responses;
class Answers
{
    string Read(ResponseResult response)
    {
        if (response.OutputItems[0] is MessageResponseItem message)
        {
            System.Console.WriteLine(message.Content[0].Text + response.Usage.InputTokenCount + response.Status);
        }

        return response.GetOutputText();
    }
}");
            Assert.Equal(
                new[]
                {
                    "responses|output[0].content[0].text|Chat.cs: Answers.Read",
                    "responses|status|Chat.cs: Answers.Read",
                    "responses|usage.input_tokens|Chat.cs: Answers.Read",
                },
                reads);
        }

        [Fact]
        public void Chat_response_of_Microsoft_Extensions_AI_maps_to_chat_completions()
        {
            var reads = Manifest(@"
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
class Assistant
{
    async Task<string> AskAsync(IChatClient client)
    {
        ChatResponse response = await client.GetResponseAsync(""hi"");
        System.Console.WriteLine(response.Usage?.InputTokenCount + "" "" + response.ModelId + response.Messages[0].Role);
        return response.Text;
    }
}");
            Assert.Equal(
                new[]
                {
                    "chat_completions|choices[0].message.content|Chat.cs: Assistant.AskAsync",
                    "chat_completions|choices[0].message.role|Chat.cs: Assistant.AskAsync",
                    "chat_completions|model|Chat.cs: Assistant.AskAsync",
                    "chat_completions|usage.prompt_tokens|Chat.cs: Assistant.AskAsync",
                },
                reads);
        }

        [Fact]
        public void Json_read_from_an_http_body_keeps_its_names_and_a_prefix_read_by_the_same_member_folds_in()
        {
            var reads = Manifest(@"
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
class Raw
{
    async Task<string?> AskAsync(HttpClient http)
    {
        using var response = await http.PostAsync(""chat/completions"", null);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        if (document.RootElement.TryGetProperty(""choices"", out var choices)
            && choices.GetArrayLength() > 0
            && choices[0].TryGetProperty(""message"", out var message)
            && message.TryGetProperty(""content"", out var content))
        {
            System.Console.WriteLine(document.RootElement.GetProperty(""usage"").GetProperty(""total_tokens"").GetInt32());
            return content.GetString();
        }

        return null;
    }
}");
            Assert.Equal(
                new[]
                {
                    "any|usage.total_tokens|Chat.cs: Raw.AskAsync",
                    "chat_completions|choices[0].message.content|Chat.cs: Raw.AskAsync",
                },
                reads);
        }

        [Fact]
        public void Json_that_is_not_a_gateway_answer_and_request_building_are_not_reads()
        {
            var reads = Manifest(@"
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using OpenAI.Chat;
class Other
{
    async Task<string?> RepoAsync(HttpClient http, JsonElement settings)
    {
        var options = new ChatCompletionOptions();
        options.MaxOutputTokenCount = 10;
        System.Console.WriteLine(settings.GetProperty(""choices"").GetString());
        using var document = JsonDocument.Parse(await http.GetStringAsync(""https://example.com/repo""));
        return document.RootElement.GetProperty(""full_name"").GetString();
    }
}");
            Assert.Empty(reads);
        }

        [Fact]
        public void Nothing_is_generated_without_reads_or_when_turned_off()
        {
            Assert.Null(Generated(@"class Plain { int Id => 1; string M(Plain p) => p.Id.ToString(); }", enabled: null));
            Assert.Null(Generated(@"using OpenAI.Chat; class C { string M(ChatCompletion c) => c.Id; }", enabled: "false"));
            Assert.NotNull(Generated(@"using OpenAI.Chat; class C { string M(ChatCompletion c) => c.Id; }", enabled: "true"));

            // The probe reads the key the generator writes: the two assemblies share no code, so the test holds them together.
            Assert.Equal(ResponseReadsGenerator.MetadataKey, CometGuard.Probe.ReadManifest.MetadataKey);
        }

        [Fact]
        public void An_edit_to_a_method_that_reads_no_response_reruns_nothing_downstream()
        {
            const string Reader = @"using OpenAI.Chat; class C { string M(ChatCompletion c) => c.Content[0].Text; }";
            const string Other = @"class D { int N() { return 1; } }";
            var compilation = Compile(Reader, Other);
            var driver = (GeneratorDriver)CSharpGeneratorDriver.Create(
                new[] { new ResponseReadsGenerator().AsSourceGenerator() },
                optionsProvider: new Options(null),
                driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
            driver = driver.RunGenerators(compilation);

            var edited = compilation.ReplaceSyntaxTree(
                compilation.SyntaxTrees.Last(),
                CSharpSyntaxTree.ParseText(@"class D { int N() { var x = 2; return x; } }", compilation.SyntaxTrees.First().Options as CSharpParseOptions, compilation.SyntaxTrees.Last().FilePath));
            driver = driver.RunGenerators(edited);

            var run = driver.GetRunResult().Results.Single();
            var manifest = run.TrackedSteps[ResponseReadsGenerator.TrackingNames.Manifest].Single();
            Assert.All(manifest.Outputs, output => Assert.Contains(output.Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
            Assert.All(run.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(step => step.Outputs), output => Assert.Contains(output.Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
            Assert.All(run.TrackedSteps[ResponseReadsGenerator.TrackingNames.Reads].SelectMany(step => step.Outputs), output => Assert.NotEqual(IncrementalStepRunReason.New, output.Reason));
        }

        private static string[] Manifest(string source)
            => Generated(source, enabled: null) is { } text
                ? Regex.Matches(text, @"AssemblyMetadataAttribute\(""CometGuard\.ResponseRead"", ""([^""]*)""\)").Select(m => m.Groups[1].Value).ToArray()
                : System.Array.Empty<string>();

        private static string? Generated(string source, string? enabled)
        {
            var compilation = Compile(source);
            var driver = CSharpGeneratorDriver.Create(new[] { new ResponseReadsGenerator().AsSourceGenerator() }, optionsProvider: new Options(enabled));
            driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
            Assert.Empty(diagnostics);
            Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            var generated = driver.RunGenerators(compilation).GetRunResult().GeneratedTrees;
            return generated.IsEmpty ? null : generated[0].ToString();
        }

        private static CSharpCompilation Compile(params string[] sources)
            => CSharpCompilation.Create(
                "App",
                sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(LanguageVersion.Latest), ProjectDir + (i == 0 ? "Chat.cs" : "Other" + i + ".cs"))),
                References.Gateway,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        private sealed class Options : AnalyzerConfigOptionsProvider
        {
            private readonly Values _global;

            public Options(string? enabled) => _global = new Values(enabled);

            public override AnalyzerConfigOptions GlobalOptions => _global;

            public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _global;

            public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _global;

            private sealed class Values : AnalyzerConfigOptions
            {
                private readonly Dictionary<string, string> _values = new();

                public Values(string? enabled)
                {
                    _values["build_property.ProjectDir"] = ProjectDir;
                    if (enabled is not null)
                    {
                        _values[ResponseReadsGenerator.EnabledProperty] = enabled;
                    }
                }

                public override bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value!);
            }
        }
    }
}
