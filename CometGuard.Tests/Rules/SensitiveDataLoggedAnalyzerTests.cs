using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using CometGuard.Analyzers.Rules;
using CometGuard.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;

namespace CometGuard.Tests.Rules
{
    public class SensitiveDataLoggedAnalyzerTests
    {
        private static Task Analyze(string source, string? editorConfig = null)
            => Verify<SensitiveDataLoggedAnalyzer>.AnalyzerAsync(source, editorConfig);

        [Fact]
        public Task Completion_text_in_structured_template()
            => Analyze("""
                using Microsoft.Extensions.Logging;
                using OpenAI.Chat;
                class C
                {
                    void M(ILogger logger, ChatCompletion completion)
                    {
                        logger.LogInformation("Reply {Reply} for {Id}", {|CG0008:completion.Content[0].Text|}, completion.Id);
                    }
                }
                """);

        [Fact]
        public Task Completion_text_interpolated_into_message()
            => Analyze("""
                using Microsoft.Extensions.Logging;
                using OpenAI.Chat;
                class C
                {
                    void M(ILogger logger, ChatCompletion completion)
                    {
                        logger.LogDebug($"Model said: {{|CG0008:completion.Content[0].Text|}}");
                        logger.Log(LogLevel.Warning, "Refused: {Refusal}", {|CG0008:completion.Refusal|});
                    }
                }
                """);

        [Fact]
        public Task Responses_output_text_through_local()
            => Analyze("""
                #pragma warning disable OPENAI001
                using Microsoft.Extensions.Logging;
                using OpenAI.Responses;
                class C
                {
                    void M(ILogger<C> logger, ResponseResult response)
                    {
                        var text = response.GetOutputText();
                        logger.LogInformation("Output {Text}", {|CG0008:text|});
                    }
                }
                """);

        [Fact]
        public Task Error_body_in_exception_message_is_not_reported()
            => Analyze("""
                using System;
                using System.Net;
                using System.Net.Http;
                using System.Threading.Tasks;
                using Microsoft.Extensions.Logging;
                class C
                {
                    async Task M(HttpResponseMessage response, ILogger logger)
                    {
                        var body = await response.Content.ReadAsStringAsync();
                        if (!response.IsSuccessStatusCode)
                        {
                            throw new InvalidOperationException($"Gateway returned {(int)response.StatusCode}: {body}");
                        }
                    }

                    async Task ReadInside(HttpResponseMessage response)
                    {
                        if (!response.IsSuccessStatusCode)
                        {
                            var error = await response.Content.ReadAsStringAsync();
                            throw new HttpRequestException("Gateway error: " + error);
                        }
                    }

                    async Task<string> PastSuccessReturn(HttpResponseMessage response, ILogger logger)
                    {
                        if (response.IsSuccessStatusCode)
                        {
                            return "ok";
                        }

                        logger.LogError("Gateway failed: {Body}", await response.Content.ReadAsStringAsync());
                        return "failed";
                    }

                    async Task Comparisons(HttpResponseMessage response, ILogger logger)
                    {
                        var text = await response.Content.ReadAsStringAsync();
                        if (response.StatusCode != HttpStatusCode.OK)
                        {
                            logger.LogWarning("Status {Status}: {Body}", response.StatusCode, text);
                        }

                        if ((int)response.StatusCode >= 400)
                        {
                            throw new InvalidOperationException(text);
                        }
                    }
                }
                """);

        [Fact]
        public Task Body_of_unknown_or_success_status_is_reported()
            => Analyze("""
                using System;
                using System.Net;
                using System.Net.Http;
                using System.Threading.Tasks;
                using Microsoft.Extensions.Logging;
                class C
                {
                    async Task Unknown(HttpResponseMessage response, ILogger logger)
                    {
                        var body = await response.Content.ReadAsStringAsync();
                        logger.LogInformation("Gateway said {Body}", {|CG0008:body|});
                    }

                    async Task Success(HttpResponseMessage response, ILogger logger)
                    {
                        var body = await response.Content.ReadAsStringAsync();
                        if (response.IsSuccessStatusCode)
                        {
                            logger.LogInformation("Answer {Body}", {|CG0008:body|});
                        }

                        if (response.StatusCode == HttpStatusCode.OK)
                        {
                            throw new InvalidOperationException({|CG0008:body|});
                        }
                    }

                    async Task OtherResponse(HttpResponseMessage first, HttpResponseMessage second, ILogger logger)
                    {
                        if (!first.IsSuccessStatusCode)
                        {
                            logger.LogError("Second said {Body}", {|CG0008:await second.Content.ReadAsStringAsync()|});
                        }
                    }
                }
                """);

        [Fact]
        public Task Message_collections_logged_whole()
            => Analyze("""
                using System.Linq;
                using Microsoft.Extensions.AI;
                using Microsoft.Extensions.Logging;
                using OpenAI.Chat;
                using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;
                using Betalgo.Ranul.OpenAI.ObjectModels.ResponseModels;
                class C
                {
                    void M(ILogger logger, ChatCompletion completion, ChatResponse response, ChatCompletionCreateRequest request, ChatCompletionCreateResponse result)
                    {
                        logger.LogDebug("Content {Content}", {|CG0008:completion.Content|});
                        logger.LogDebug("Messages {Messages}", {|CG0008:response.Messages|});
                        logger.LogDebug("Request {Messages}", {|CG0008:request.Messages|});
                        logger.LogDebug("Choices {Choices}", {|CG0008:result.Choices|});
                        logger.LogDebug("First {Text}", {|CG0008:result.Choices.First().Message.Content|});

                        // Structure, not text: counts, ids, finish reasons.
                        logger.LogDebug("{Count} parts, {Messages} messages, {Choices} choices", completion.Content.Count, response.Messages.Count, result.Choices.Count);
                        logger.LogDebug("Finish {Reason}", result.Choices.First().FinishReason);
                    }
                }
                """);

        [Fact]
        public Task Api_key_variable_passed_to_credential_and_logged()
            => Analyze("""
                using System;
                using System.ClientModel;
                using Microsoft.Extensions.Logging;
                using OpenAI.Chat;
                class C
                {
                    ChatClient M(ILogger logger, string k)
                    {
                        logger.LogInformation("Using {K}", {|CG0008:k|});
                        return new ChatClient("gpt-4o", new ApiKeyCredential(k));
                    }
                }
                """);

        [Fact]
        public Task Field_passed_to_credential_in_another_part_of_a_partial_type()
        {
            var test = Verify<SensitiveDataLoggedAnalyzer, EmptyCodeFixProvider>.Create("""
                using Microsoft.Extensions.Logging;
                partial class Gateway
                {
                    private readonly ILogger _logger;
                    private readonly string _value;
                    void Describe() => _logger.LogInformation("Using {Value}", {|CG0008:_value|});
                }
                """);
            test.TestState.Sources.Add(("Client.cs", """
                using System.ClientModel;
                using OpenAI.Chat;
                partial class Gateway
                {
                    ChatClient Client() => new ChatClient("gpt-4o", new ApiKeyCredential(_value));
                }
                """));
            return test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task Field_of_the_same_name_in_another_type_is_quiet()
            => Analyze("""
                using System.ClientModel;
                using Microsoft.Extensions.Logging;
                using OpenAI.Chat;
                class Gateway
                {
                    private readonly string _value = "";
                    ChatClient Client() => new ChatClient("gpt-4o", new ApiKeyCredential(_value));
                }

                class Report
                {
                    private readonly string _value = "";
                    void Describe(ILogger logger) => logger.LogInformation("Using {Value}", _value);
                }
                """);

        [Fact]
        public Task Secret_read_from_environment_written_to_console()
            => Analyze("""
                using System;
                class C
                {
                    void M()
                    {
                        Console.WriteLine("key: " + {|CG0008:Environment.GetEnvironmentVariable("COMETAPI_API_KEY")|});
                        var apiKey = Environment.GetEnvironmentVariable("GATEWAY_KEY_NAME_IS_NEUTRAL");
                        Console.WriteLine($"key: {{|CG0008:apiKey|}}");
                    }
                }
                """,
                "cometguard.console_is_log = true\n");

        [Fact]
        public Task Authorization_header_to_debug_and_trace()
            => Analyze("""
                using System.Diagnostics;
                using System.Net.Http;
                class C
                {
                    void M(HttpRequestMessage request)
                    {
                        Debug.WriteLine({|CG0008:request.Headers.Authorization|});
                        Trace.TraceInformation("auth {0}", {|CG0008:request.Headers.Authorization?.Parameter|});
                    }
                }
                """);

        [Fact]
        public Task Prompt_sent_to_chat_and_tagged_on_activity()
            => Analyze("""
                using System.Diagnostics;
                using System.Threading.Tasks;
                using OpenAI.Chat;
                class C
                {
                    async Task M(ChatClient client, string question, Activity? activity)
                    {
                        activity?.SetTag("gen_ai.prompt", {|CG0008:question|});
                        var completion = await client.CompleteChatAsync(new UserChatMessage(question));
                        activity?.SetTag("gen_ai.response.id", completion.Value.Id);
                        activity?.SetTag("gen_ai.usage.output_tokens", completion.Value.Usage.OutputTokenCount);
                    }
                }
                """);

        [Fact]
        public Task Streaming_content_update_to_logger()
            => Analyze("""
                using Microsoft.Extensions.Logging;
                using OpenAI.Chat;
                class C
                {
                    void M(ILogger logger, ChatClient client)
                    {
                        foreach (var update in client.CompleteChatStreaming(new UserChatMessage("Hello")))
                        {
                            foreach (var part in update.ContentUpdate)
                            {
                                logger.LogTrace("delta {Delta}", {|CG0008:part.Text|});
                            }
                        }
                    }
                }
                """);

        [Fact]
        public Task LoggerMessage_generated_method_with_real_generator()
            => Verify<SensitiveDataLoggedAnalyzer, EmptyCodeFixProvider>.Create("""
                using Microsoft.Extensions.Logging;
                using OpenAI.Chat;
                partial class Gateway
                {
                    private readonly ILogger<Gateway> _logger;
                    Gateway(ILogger<Gateway> logger) => _logger = logger;

                    [LoggerMessage(Level = LogLevel.Information, Message = "Completion {Id} finished with {FinishReason}: {Text}")]
                    private partial void LogCompletion(string id, ChatFinishReason finishReason, string text);

                    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Completion {Id} used {Tokens} tokens")]
                    private static partial void LogUsage(ILogger logger, string id, int tokens);

                    void M(ChatCompletion completion)
                    {
                        LogCompletion(completion.Id, completion.FinishReason, {|CG0008:completion.Content[0].Text|});
                        LogUsage(_logger, completion.Id, completion.Usage.TotalTokenCount);
                    }
                }
                """).WithLoggerMessageGenerator().RunAsync(CancellationToken.None);

        [Fact]
        public Task LoggerMessage_extension_method_with_real_generator()
            => Verify<SensitiveDataLoggedAnalyzer, EmptyCodeFixProvider>.Create("""
                #pragma warning disable OPENAI001
                using Microsoft.Extensions.Logging;
                using OpenAI.Responses;
                static partial class Log
                {
                    [LoggerMessage(Level = LogLevel.Information, Message = "Response {Output}")]
                    public static partial void ResponseText(this ILogger logger, string output);
                }

                class C
                {
                    void M(ILogger logger, ResponseResult response) => logger.ResponseText({|CG0008:response.GetOutputText()|});
                }
                """).WithLoggerMessageGenerator().RunAsync(CancellationToken.None);

        [Fact]
        public Task Structural_fields_only_are_quiet()
            => Analyze("""
                using System;
                using System.Diagnostics;
                using System.Net.Http;
                using Microsoft.Extensions.Logging;
                using OpenAI.Chat;
                class C
                {
                    void M(ILogger logger, ChatCompletion completion, HttpResponseMessage response, Stopwatch watch, Activity activity)
                    {
                        logger.LogInformation("Completion {Id} {Model} finished {FinishReason} in {Elapsed} ms", completion.Id, completion.Model, completion.FinishReason, watch.ElapsedMilliseconds);
                        logger.LogInformation("Tokens in {In} out {Out} total {Total}", completion.Usage.InputTokenCount, completion.Usage.OutputTokenCount, completion.Usage.TotalTokenCount);
                        logger.LogWarning("Gateway status {Status} ({Code})", response.StatusCode, (int)response.StatusCode);
                        logger.LogInformation("Reply length {Length}, parts {Parts}", completion.Content[0].Text.Length, completion.Content.Count);
                        Console.WriteLine($"done {completion.Id} after {watch.Elapsed}");
                        activity.SetTag("gen_ai.response.finish_reasons", completion.FinishReason.ToString());
                        var maxTokens = 256;
                        var tokenCount = completion.Usage.TotalTokenCount;
                        logger.LogDebug("Budget {Max} used {Used}", maxTokens, tokenCount);
                        throw new InvalidOperationException($"Gateway returned {(int)response.StatusCode} for {completion.Id}");
                    }
                }
                """);

        [Fact]
        public Task Redacted_and_hashed_values_are_quiet()
            => Analyze("""
                using System.ClientModel;
                using Microsoft.Extensions.Logging;
                using OpenAI.Chat;
                class C
                {
                    static string Fingerprint(string value) => value.Length.ToString();
                    ChatClient M(ILogger logger, string apiKey, ChatCompletion completion)
                    {
                        logger.LogInformation("Key fingerprint {Fingerprint}", Fingerprint(apiKey));
                        logger.LogInformation("Reply has {Length} chars", completion.Content[0].Text.Length);
                        return new ChatClient("gpt-4o", new ApiKeyCredential(apiKey));
                    }
                }
                """);

        [Fact]
        public Task Prompt_collection_used_for_count_only_is_quiet()
            => Analyze("""
                using System.Collections.Generic;
                using Microsoft.Extensions.Logging;
                using OpenAI.Chat;
                class C
                {
                    void M(ILogger logger, ChatClient client, List<ChatMessage> messages)
                    {
                        logger.LogInformation("Sending {Count} messages", messages.Count);
                        client.CompleteChat(messages);
                        logger.LogDebug("Sending {Messages}", {|CG0008:messages|});
                    }
                }
                """);

        [Fact]
        public Task Extra_logger_types_and_sensitive_names_options()
            => Analyze("""
                namespace Acme
                {
                    public class AuditLog
                    {
                        public void Write(string text) { }
                        public void Count(int n) { }
                    }

                    class C
                    {
                        void M(AuditLog audit, System.Net.Http.HttpRequestMessage request, string customerEmail)
                        {
                            audit.Write({|CG0008:customerEmail|});
                            audit.Write(request.Method.Method);
                            audit.Count(customerEmail.Length);
                        }
                    }
                }
                """,
                "cometguard.logger_types = Acme.AuditLog\ncometguard.sensitive_member_names = customer_email\n");

        [Fact]
        public Task Non_secret_configuration_reads_are_quiet()
            => Analyze("""
                using System;
                using Microsoft.Extensions.Logging;
                class C
                {
                    void M(ILogger logger)
                    {
                        logger.LogInformation("Base URL {Url}", Environment.GetEnvironmentVariable("COMETAPI_BASE_URL"));
                        logger.LogInformation("Model {Model}", Environment.GetEnvironmentVariable("COMETAPI_MODEL"));
                    }
                }
                """);

        [Fact]
        public Task Microsoft_Extensions_AI_response_text_and_prompt()
            => Analyze("""
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                using Microsoft.Extensions.Logging;
                class C
                {
                    async Task M(IChatClient chat, ILogger logger, string question)
                    {
                        ChatResponse response = await chat.GetResponseAsync(question);
                        logger.LogInformation("Answer {Answer}", {|CG0008:response.Text|});
                        logger.LogInformation("Question {Question}", {|CG0008:question|});
                        logger.LogInformation("Response {Id} finished {Reason}, {Tokens} tokens", response.ResponseId, response.FinishReason, response.Usage?.TotalTokenCount);
                        logger.LogDebug("Response {Response}", {|CG0008:response|});
                        logger.LogDebug($"Last message: {{|CG0008:response.Messages[^1]|}}");
                        logger.LogDebug("Messages {Count}", response.Messages.Count);
                        logger.LogDebug("Second opinion {Answer}", {|CG0008:await chat.GetResponseAsync("Are you sure?")|});
                    }
                }
                """);

        [Fact]
        public Task Configuration_secret_is_reported_and_other_keys_are_quiet()
            => Analyze("""
                using Microsoft.Extensions.Configuration;
                using Microsoft.Extensions.Logging;
                class C
                {
                    void M(IConfiguration configuration, ILogger logger)
                    {
                        logger.LogDebug("Key {Key}", {|CG0008:configuration["CometApi:ApiKey"]|});
                        logger.LogDebug("Azure key {Key}", {|CG0008:configuration["AZURE_OPENAI__SUBSCRIPTION_KEY"]|});
                        logger.LogDebug("Model {Model} at {Url}", configuration["CometApi:Model"], configuration["CometApi:BaseUrl"]);
                    }
                }
                """);

        private const string ConsoleChat = """
            using System;
            using OpenAI.Chat;
            class Program
            {
                static void Main()
                {
                    var client = new ChatClient("gpt-4o", Environment.GetEnvironmentVariable("COMETAPI_API_KEY")!);
                    ChatCompletion completion = client.CompleteChat("Hello");
                    Console.WriteLine(MARK);
                }
            }
            """;

        [Fact]
        public Task Console_is_the_user_interface_of_a_tool_without_a_logging_pipeline()
        {
            // The shared gateway set brings Microsoft.Extensions.Logging through the resilience packages;
            // a console tool references the SDK alone.
            var test = Verify<SensitiveDataLoggedAnalyzer, EmptyCodeFixProvider>.Create(ConsoleChat.Replace("MARK", "completion.Content[0].Text"));
            test.References = References.OpenAIOnly;
            return test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task Console_is_not_a_log_by_default_even_with_a_logging_pipeline()
        {
            // The gateway set brings Microsoft.Extensions.Logging itself, through the resilience packages: a console chat
            // that references it still prints its answer to its user.
            var test = Verify<SensitiveDataLoggedAnalyzer, EmptyCodeFixProvider>.Create(ConsoleChat.Replace("MARK", "completion.Content[0].Text"));
            return test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task Console_is_a_log_with_auto_in_a_project_with_a_logging_pipeline()
            => Analyze(ConsoleChat.Replace("MARK", "{|CG0008:completion.Content[0].Text|}"), "cometguard.console_is_log = auto\n");

        [Fact]
        public Task Console_is_not_a_log_with_auto_in_a_tool_without_a_logging_pipeline()
        {
            var test = Verify<SensitiveDataLoggedAnalyzer, EmptyCodeFixProvider>.Create(ConsoleChat.Replace("MARK", "completion.Content[0].Text"), editorConfig: "cometguard.console_is_log = auto\n");
            test.References = References.OpenAIOnly;
            return test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task Console_is_a_log_when_configured()
            => Analyze(ConsoleChat.Replace("MARK", "{|CG0008:completion.Content[0].Text|}"), "cometguard.console_is_log = true\n");

        [Fact]
        public Task Console_is_not_a_log_when_configured_off()
            => Analyze(ConsoleChat.Replace("MARK", "completion.Content[0].Text"), "cometguard.console_is_log = false\n");

        [Fact]
        public Task Broken_code_does_not_throw()
            => Verify<SensitiveDataLoggedAnalyzer, EmptyCodeFixProvider>.Create("""
                using Microsoft.Extensions.Logging;
                using OpenAI.Chat;
                class C
                {
                    void M(ILogger logger, ChatCompletion completion)
                    {
                        logger.LogInformation("{X}", completion.Content[0].Text, 
                        logger.LogInformation(undefined.Text);
                """).WithoutCompilerDiagnostics().RunAsync(CancellationToken.None);
    }
}
