using System.Threading.Tasks;
using CometGuard.Analyzers.Rules;
using CometGuard.Tests.Verifiers;

namespace CometGuard.Tests.Rules
{
    public class StackedRetriesAnalyzerTests
    {
        private const string Usings = """
            using System;
            using System.ClientModel;
            using System.ClientModel.Primitives;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Http.Resilience;
            using OpenAI;
            using OpenAI.Chat;
            using Polly;
            using Polly.Extensions.Http;
            using Polly.Retry;

            """;

        private static Task Analyze(string source)
            => Verify<StackedRetriesAnalyzer>.AnalyzerAsync(Usings + source);

        [Fact]
        public Task Ordered_failover_over_clients_that_retry_by_themselves()
            => Analyze("""
                #pragma warning disable MEAI001
                using Microsoft.Extensions.AI;

                class C
                {
                    IChatClient Inline(OpenAIClient primary, OpenAIClient comet)
                        => new {|CG0011:OrderedFailoverChatClient|}(new[] { primary.GetChatClient("primary").AsIChatClient(), comet.GetChatClient("canary").AsIChatClient() });

                    IChatClient Locals(OpenAIClient primary, OpenAIClient comet)
                    {
                        IChatClient first = primary.GetChatClient("primary").AsIChatClient();
                        IChatClient second = comet.GetChatClient("canary").AsIChatClient();
                        IChatClient[] chain = [first, second];
                        return new {|CG0011:OrderedFailoverChatClient|}(chain);
                    }

                    IChatClient NoSdkRetries(OpenAIClient comet)
                    {
                        var options = new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0) };
                        var quiet = new OpenAIClient(new ApiKeyCredential(System.Environment.GetEnvironmentVariable("COMETAPI_API_KEY")!), options);
                        return new OrderedFailoverChatClient(new[] { quiet.GetChatClient("primary").AsIChatClient(), quiet.GetChatClient("canary").AsIChatClient() });
                    }

                    IChatClient One(OpenAIClient primary)
                        => new OrderedFailoverChatClient(new[] { primary.GetChatClient("primary").AsIChatClient() });

                    IChatClient Injected(IChatClient a, IChatClient b)
                        => new OrderedFailoverChatClient(new[] { a, b });
                }
                """);

        [Fact]
        public async Task Ordered_failover_message_counts_the_calls()
        {
            var test = Verify<StackedRetriesAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>.Create(Usings + """
                #pragma warning disable MEAI001
                using Microsoft.Extensions.AI;

                class C
                {
                    IChatClient M(OpenAIClient primary, OpenAIClient comet)
                        => new {|#0:OrderedFailoverChatClient|}(new[] { primary.GetChatClient("primary").AsIChatClient(), comet.GetChatClient("canary").AsIChatClient() }) { MaximumAttemptsPerRequest = 3 };
                }
                """);
            test.ExpectedDiagnostics.Add(new Microsoft.CodeAnalysis.Testing.DiagnosticResult("CG0011", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning)
                .WithLocation(0)
                .WithArguments("This OrderedFailoverChatClient fails over across 2 clients, 2 of which retry by themselves (ClientRetryPolicy, up to 3 retries each)", "8"));
            await test.RunAsync();
        }

        [Fact]
        public Task Standard_handler_on_the_named_client_the_sdk_uses()
            => Analyze("""
                static class Setup
                {
                    public static void Register(IServiceCollection services)
                        => services.AddHttpClient("gateway").{|CG0011:AddStandardResilienceHandler|}();
                }

                class Gateway
                {
                    public ChatClient Create(IHttpClientFactory factory, string model, string key)
                        => new ChatClient(model, new ApiKeyCredential(key), new OpenAIClientOptions
                        {
                            Transport = new HttpClientPipelineTransport(factory.CreateClient("gateway")),
                        });
                }
                """);

        [Fact]
        public Task Policy_handler_on_a_typed_client_the_sdk_uses()
            => Analyze("""
                static class Setup
                {
                    public static void Register(IServiceCollection services)
                        => services.AddHttpClient<Gateway>().{|CG0011:AddTransientHttpErrorPolicy|}(p => p.WaitAndRetryAsync(3, n => TimeSpan.FromSeconds(n)));
                }

                class Gateway
                {
                    private readonly OpenAIClient _client;
                    public Gateway(HttpClient http, string key)
                    {
                        var options = new OpenAIClientOptions();
                        options.Transport = new HttpClientPipelineTransport(http);
                        _client = new OpenAIClient(new ApiKeyCredential(key), options);
                    }
                }
                """);

        [Fact]
        public async Task Message_says_how_many_calls_one_request_becomes()
        {
            var test = Verify<StackedRetriesAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>.Create(Usings + """
                class Setup
                {
                    void Register(IServiceCollection services)
                        => services.AddHttpClient("gateway").{|#0:AddStandardResilienceHandler|}(o => o.Retry.MaxRetryAttempts = 2);

                    OpenAIClient Create(IHttpClientFactory factory, string key)
                        => new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions { Transport = new HttpClientPipelineTransport(factory.CreateClient("gateway")) });
                }
                """);
            test.ExpectedDiagnostics.Add(new Microsoft.CodeAnalysis.Testing.DiagnosticResult("CG0011", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning)
                .WithLocation(0)
                .WithArguments("'AddStandardResilienceHandler' retries HttpClient 'gateway', which an OpenAI/Azure client uses through HttpClientPipelineTransport while keeping its ClientRetryPolicy (3 retries)", "12"));
            await test.RunAsync();
        }

        [Fact]
        public Task Resilience_handler_with_a_retry_on_the_client_the_sdk_uses()
            => Analyze("""
                class Setup
                {
                    void Register(IServiceCollection services)
                    {
                        var builder = services.AddHttpClient("gateway");
                        builder.{|CG0011:AddResilienceHandler|}("retry", b => b.AddRetry(new HttpRetryStrategyOptions { MaxRetryAttempts = 2 }));
                    }

                    AzureOpenAIClient Create(IHttpClientFactory factory, Uri endpoint, string key)
                    {
                        var options = new AzureOpenAIClientOptions { Transport = new HttpClientPipelineTransport(factory.CreateClient("gateway")) };
                        return new AzureOpenAIClient(endpoint, new ApiKeyCredential(key), options);
                    }
                }
                """.Replace("AzureOpenAIClient", "Azure.AI.OpenAI.AzureOpenAIClient"));

        [Fact]
        public Task Sdk_retries_disabled_is_silent()
            => Analyze("""
                static class Setup
                {
                    public static void Register(IServiceCollection services)
                        => services.AddHttpClient("gateway").AddStandardResilienceHandler();
                }

                class Gateway
                {
                    public ChatClient Create(IHttpClientFactory factory, string model, string key)
                        => new ChatClient(model, new ApiKeyCredential(key), new OpenAIClientOptions
                        {
                            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                            Transport = new HttpClientPipelineTransport(factory.CreateClient("gateway")),
                        });

                    public HttpClient Other(IHttpClientFactory factory) => factory.CreateClient("other");
                }
                """);

        [Fact]
        public Task Two_resilience_handlers_on_one_client()
            => Analyze("""
                class Setup
                {
                    void Register(IServiceCollection services)
                    {
                        var retry = HttpPolicyExtensions.HandleTransientHttpError().WaitAndRetryAsync(3, n => TimeSpan.FromSeconds(n));
                        services.AddHttpClient("gateway")
                            .AddPolicyHandler(retry)
                            .{|CG0011:AddStandardResilienceHandler|}();
                        services.AddHttpClient("single").AddStandardResilienceHandler();
                        services.AddHttpClient("timeout").AddPolicyHandler(Policy.TimeoutAsync<HttpResponseMessage>(10))
                            .AddResilienceHandler("pipeline", b => b.AddRetry(new HttpRetryStrategyOptions()));
                    }
                }
                """);

        [Fact]
        public Task Retry_pipeline_around_a_self_retrying_sdk_call()
            => Analyze("""
                class Gateway
                {
                    async Task<ChatCompletion> Ask(ChatClient chat, string prompt)
                    {
                        var pipeline = new ResiliencePipelineBuilder()
                            .AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 3 })
                            .Build();
                        return await pipeline.ExecuteAsync(async ct => (ChatCompletion)await {|CG0011:chat.CompleteChatAsync(new ChatMessage[] { prompt }, cancellationToken: ct)|});
                    }

                    async Task<ChatCompletion> Policy7(ChatClient chat, string prompt)
                    {
                        var policy = Policy.Handle<ClientResultException>().WaitAndRetryAsync(2, n => TimeSpan.FromSeconds(n));
                        return await policy.ExecuteAsync(async () => (ChatCompletion)await {|CG0011:chat.CompleteChatAsync(prompt)|});
                    }
                }
                """);

        [Fact]
        public Task Pipeline_around_sdk_without_own_retries_or_without_retry_is_silent()
            => Analyze("""
                class Gateway
                {
                    async Task<ChatCompletion> Ask(string prompt, string key)
                    {
                        var chat = new ChatClient("m", new ApiKeyCredential(key), new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0) });
                        var pipeline = new ResiliencePipelineBuilder()
                            .AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 3 })
                            .Build();
                        return await pipeline.ExecuteAsync(async ct => (ChatCompletion)await chat.CompleteChatAsync(new ChatMessage[] { prompt }, cancellationToken: ct));
                    }

                    async Task<ChatCompletion> TimeoutOnly(ChatClient chat, string prompt)
                    {
                        var pipeline = new ResiliencePipelineBuilder().AddTimeout(TimeSpan.FromSeconds(30)).Build();
                        return await pipeline.ExecuteAsync(async ct => (ChatCompletion)await chat.CompleteChatAsync(new ChatMessage[] { prompt }, cancellationToken: ct));
                    }
                }
                """);

        [Fact]
        public Task Resend_loops_around_a_client_that_retries_itself()
            => Analyze("""
                using Microsoft.Extensions.AI;

                static class Setup
                {
                    public static void Register(IServiceCollection services)
                        => services.AddHttpClient("gateway").AddStandardResilienceHandler();
                }

                class Gateway
                {
                    private readonly ChatClient _chat;

                    public Gateway(ChatClient chat) => _chat = chat;

                    public async Task<ChatCompletion> Sdk(string question)
                    {
                        while (true)
                        {
                            try
                            {
                                return await {|CG0011:_chat.CompleteChatAsync(question)|};
                            }
                            catch (ClientResultException e) when (e.Status == 429)
                            {
                                await Task.Delay(1000);
                            }
                        }
                    }

                    public async Task<ChatCompletion> Bounded(string model, string key, string question)
                    {
                        var chat = new OpenAIClient(new ApiKeyCredential(key)).GetChatClient(model);
                        for (var attempt = 1; ; attempt++)
                        {
                            try
                            {
                                return await {|CG0011:chat.CompleteChatAsync(question)|};
                            }
                            catch (ClientResultException) when (attempt < 3)
                            {
                                await Task.Delay(TimeSpan.FromSeconds(attempt));
                            }
                        }
                    }

                    public async Task<ChatResponse> Adapter(string model, string key, string question)
                    {
                        var client = new ChatClient(model, new ApiKeyCredential(key)).AsIChatClient();
                        while (true)
                        {
                            try
                            {
                                return await {|CG0011:client.GetResponseAsync(question)|};
                            }
                            catch (ClientResultException e) when (e.Status == 429)
                            {
                                await Task.Delay(1000);
                            }
                        }
                    }

                    public async Task<string> Http(IHttpClientFactory factory)
                    {
                        var http = factory.CreateClient("gateway");
                        while (true)
                        {
                            try
                            {
                                return await {|CG0011:http.GetStringAsync("https://api.cometapi.com/v1/models")|};
                            }
                            catch (HttpRequestException)
                            {
                                await Task.Delay(1000);
                            }
                        }
                    }
                }
                """);

        [Fact]
        public Task Resend_loops_around_clients_that_do_not_retry_are_silent()
            => Analyze("""
                static class Setup
                {
                    public static void Register(IServiceCollection services)
                    {
                        services.AddHttpClient("plain");
                        services.AddHttpClient("gateway").AddStandardResilienceHandler();
                    }
                }

                class Gateway
                {
                    public async Task<ChatCompletion> NoSdkRetries(string model, string key, string question)
                    {
                        var chat = new ChatClient(model, new ApiKeyCredential(key), new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0) });
                        while (true)
                        {
                            try
                            {
                                return await chat.CompleteChatAsync(question);
                            }
                            catch (ClientResultException e) when (e.Status == 429)
                            {
                                await Task.Delay(1000);
                            }
                        }
                    }

                    public async Task<string> PlainHttp()
                    {
                        using var http = new HttpClient();
                        while (true)
                        {
                            try
                            {
                                return await http.GetStringAsync("https://api.cometapi.com/v1/models");
                            }
                            catch (HttpRequestException)
                            {
                                await Task.Delay(1000);
                            }
                        }
                    }

                    public async Task<string> FactoryClientWithoutHandler(IHttpClientFactory factory)
                    {
                        var http = factory.CreateClient("plain");
                        while (true)
                        {
                            try
                            {
                                return await http.GetStringAsync("https://api.cometapi.com/v1/models");
                            }
                            catch (HttpRequestException)
                            {
                                await Task.Delay(1000);
                            }
                        }
                    }

                    public async Task Items(ChatClient chat, IHttpClientFactory factory, string[] questions)
                    {
                        var http = factory.CreateClient("gateway");
                        foreach (var question in questions)
                        {
                            Console.WriteLine((await chat.CompleteChatAsync(question)).Value.Content[0].Text);
                            Console.WriteLine(await http.GetStringAsync("https://api.cometapi.com/v1/models"));
                        }

                        while (true)
                        {
                            var line = Console.ReadLine();
                            if (line is null) break;
                            Console.WriteLine((await chat.CompleteChatAsync(line)).Value.Content[0].Text);
                        }
                    }
                }
                """);
    }
}
