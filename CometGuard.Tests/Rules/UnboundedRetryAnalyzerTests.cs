using System.Threading.Tasks;
using CometGuard.Analyzers.Rules;
using CometGuard.CodeFixes.Rules;
using CometGuard.Tests.Verifiers;

namespace CometGuard.Tests.Rules
{
    public class UnboundedRetryAnalyzerTests
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
            using Polly;
            using Polly.Extensions.Http;
            using Polly.Retry;

            """;

        private static Task Analyze(string source, string? editorConfig = null)
            => Verify<UnboundedRetryAnalyzer, UnboundedRetryFixer>.AnalyzerAsync(Usings + source, editorConfig);

        [Fact]
        public Task Polly_v7_forever_forms_on_http()
            => Analyze("""
                class C
                {
                    void M()
                    {
                        var a = Policy.Handle<HttpRequestException>().{|CG0003:RetryForever|}();
                        var b = Policy.Handle<HttpRequestException>().{|CG0003:RetryForeverAsync|}();
                        var c = Policy.HandleResult<HttpResponseMessage>(r => (int)r.StatusCode == 503).{|CG0003:WaitAndRetryForever|}(n => TimeSpan.FromSeconds(n));
                        var d = HttpPolicyExtensions.HandleTransientHttpError().{|CG0003:WaitAndRetryForeverAsync|}(n => TimeSpan.FromSeconds(n));
                    }
                }
                """);

        [Fact]
        public Task Polly_v7_inside_HttpClientFactory_registrations()
            => Analyze("""
                class C
                {
                    void M(IServiceCollection services)
                    {
                        services.AddHttpClient("gateway")
                            .AddTransientHttpErrorPolicy(p => p.{|CG0003:RetryForeverAsync|}());
                        services.AddHttpClient("other")
                            .AddTransientHttpErrorPolicy(p => p.WaitAndRetryAsync({|CG0003:8|}, n => TimeSpan.FromSeconds(n)));
                        services.AddHttpClient("third")
                            .AddPolicyHandler(Policy<HttpResponseMessage>.Handle<HttpRequestException>().{|CG0003:WaitAndRetryForeverAsync|}(n => TimeSpan.FromSeconds(n)));
                        services.AddHttpClient("fine")
                            .AddTransientHttpErrorPolicy(p => p.WaitAndRetryAsync(3, n => TimeSpan.FromSeconds(n)));
                    }
                }
                """);

        [Fact]
        public Task Polly_contrib_backoff_helpers_carry_the_retry_count()
            => Analyze("""
                using Polly.Contrib.WaitAndRetry;
                class C
                {
                    void M()
                    {
                        var a = Policy.Handle<HttpRequestException>().WaitAndRetryAsync(Backoff.DecorrelatedJitterBackoffV2(TimeSpan.FromSeconds(1), retryCount: {|CG0003:10|}));
                        var b = HttpPolicyExtensions.HandleTransientHttpError().WaitAndRetryAsync(Backoff.ExponentialBackoff(TimeSpan.FromMilliseconds(200), {|CG0003:6|}));
                        var c = Policy.Handle<HttpRequestException>().WaitAndRetry(Backoff.LinearBackoff(TimeSpan.FromSeconds(1), retryCount: {|CG0003:5|}));
                        var fine = Policy.Handle<HttpRequestException>().WaitAndRetryAsync(Backoff.DecorrelatedJitterBackoffV2(TimeSpan.FromSeconds(1), retryCount: 3));
                    }
                }
                """);

        [Fact]
        public Task Polly_v7_counts_above_budget()
            => Analyze("""
                class C
                {
                    const int Many = 10;
                    void M()
                    {
                        var a = Policy.Handle<HttpRequestException>().WaitAndRetry({|CG0003:5|}, n => TimeSpan.FromSeconds(n));
                        var b = HttpPolicyExtensions.HandleTransientHttpError().WaitAndRetryAsync({|CG0003:Many|}, n => TimeSpan.FromSeconds(n));
                        var c = Policy.Handle<HttpRequestException>().Retry({|CG0003:int.MaxValue|});
                    }
                }
                """);

        [Fact]
        public Task Polly_v7_within_budget_is_silent()
            => Analyze("""
                class C
                {
                    void M(int configured)
                    {
                        var a = Policy.Handle<HttpRequestException>().WaitAndRetry(3, n => TimeSpan.FromSeconds(n));
                        var b = HttpPolicyExtensions.HandleTransientHttpError().WaitAndRetryAsync(2, n => TimeSpan.FromSeconds(n));
                        var c = Policy.Handle<HttpRequestException>().Retry();
                        var d = Policy.Handle<HttpRequestException>().Retry(configured);
                    }
                }
                """);

        [Fact]
        public Task Non_http_retries_are_silent()
            => Analyze("""
                class C
                {
                    void M()
                    {
                        var a = Policy.Handle<System.IO.IOException>().RetryForever();
                        var b = Policy.Handle<TimeoutException>().WaitAndRetry(10, n => TimeSpan.FromSeconds(n));
                        var c = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 10 }).Build();
                        var d = Policy.Handle<Exception>().RetryForever();
                        System.IO.File.ReadAllText("x");
                    }
                }
                """);

        [Fact]
        public Task General_exception_retry_in_gateway_code_is_reported()
            => Analyze("""
                class C
                {
                    async Task<string> M(HttpClient http)
                    {
                        var policy = Policy.Handle<Exception>().{|CG0003:RetryForeverAsync|}();
                        return await policy.ExecuteAsync(() => http.GetStringAsync("https://api.cometapi.com/v1/models"));
                    }
                }
                """);

        [Fact]
        public Task Polly_v8_options_initialiser_and_later_assignment()
            => Analyze("""
                class C
                {
                    void M()
                    {
                        var a = new RetryStrategyOptions<HttpResponseMessage> { MaxRetryAttempts = {|CG0003:int.MaxValue|} };
                        var b = new HttpRetryStrategyOptions { MaxRetryAttempts = {|CG0003:6|} };
                        var c = new HttpRetryStrategyOptions();
                        c.MaxRetryAttempts = {|CG0003:4|};
                        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
                            .AddRetry(new HttpRetryStrategyOptions { MaxRetryAttempts = {|CG0003:8|} })
                            .Build();
                    }
                }
                """);

        [Fact]
        public Task Non_generic_options_whose_predicate_handles_HTTP_failures()
            => Analyze("""
                class C
                {
                    ResiliencePipeline M() => new ResiliencePipelineBuilder()
                        .AddRetry(new RetryStrategyOptions
                        {
                            MaxRetryAttempts = {|CG0003:int.MaxValue|},
                            BackoffType = DelayBackoffType.Exponential,
                            UseJitter = true,
                            ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>(),
                        })
                        .Build();

                    ResiliencePipeline Files() => new ResiliencePipelineBuilder()
                        .AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 10, ShouldHandle = new PredicateBuilder().Handle<System.IO.IOException>() })
                        .Build();
                }
                """);

        [Fact]
        public Task Polly_v8_within_budget_is_silent()
            => Analyze("""
                class C
                {
                    void M(int n)
                    {
                        var a = new RetryStrategyOptions<HttpResponseMessage> { MaxRetryAttempts = 3 };
                        var b = new HttpRetryStrategyOptions { MaxRetryAttempts = n };
                        var c = new HttpRetryStrategyOptions();
                    }
                }
                """);

        [Fact]
        public Task Standard_resilience_handler_callback()
            => Analyze("""
                class C
                {
                    void M(IServiceCollection services)
                    {
                        services.AddHttpClient("gateway").AddStandardResilienceHandler(o => o.Retry.MaxRetryAttempts = {|CG0003:10|});
                        services.AddHttpClient("other").AddStandardResilienceHandler(o =>
                        {
                            o.Retry.MaxRetryAttempts = 2;
                        });
                    }
                }
                """);

        [Fact]
        public Task ClientRetryPolicy_max_retries()
            => Analyze("""
                class C
                {
                    OpenAIClientOptions M() => new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(maxRetries: {|CG0003:7|}) };
                    OpenAIClientOptions Fine() => new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(maxRetries: 2) };
                    OpenAIClientOptions Default() => new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy() };
                }
                """);

        [Fact]
        public Task Budget_is_configurable()
            => Analyze("""
                class C
                {
                    void M()
                    {
                        var a = Policy.Handle<HttpRequestException>().WaitAndRetry(5, n => TimeSpan.FromSeconds(n));
                        var b = Policy.Handle<HttpRequestException>().WaitAndRetry({|CG0003:6|}, n => TimeSpan.FromSeconds(n));
                    }
                }
                """, "cometguard.max_retry_attempts = 5");

        [Fact]
        public Task Endless_resend_loops()
            => Analyze("""
                class C
                {
                    async Task<string> While(HttpClient http)
                    {
                        {|CG0003:while|} (true)
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

                    async Task<HttpResponseMessage> For(HttpClient http)
                    {
                        {|CG0003:for|} (;;)
                        {
                            var response = await http.GetAsync("https://api.cometapi.com/v1/models");
                            if (response.IsSuccessStatusCode)
                            {
                                return response;
                            }
                        }
                    }

                    async Task<HttpResponseMessage> RateLimited(HttpClient http)
                    {
                        {|CG0003:while|} (true)
                        {
                            var response = await http.GetAsync("https://api.cometapi.com/v1/models");
                            if ((int)response.StatusCode == 429)
                            {
                                await Task.Delay(1000);
                                continue;
                            }

                            return response;
                        }
                    }

                    async Task<string> Do(HttpClient http)
                    {
                        string? body = null;
                        {|CG0003:do|}
                        {
                            try { body = await http.GetStringAsync("https://api.cometapi.com/v1/models"); break; }
                            catch (HttpRequestException) { }
                        }
                        while (true);
                        return body;
                    }
                }
                """);

        [Fact]
        public Task Resend_loops_that_build_each_request_from_a_factory()
            => Analyze("""
                class C
                {
                    private const string Url = "https://api.cometapi.com/v1/chat/completions";

                    async Task<HttpResponseMessage> Delegate(HttpClient http, Func<HttpRequestMessage> createRequest, System.Threading.CancellationToken cancellationToken)
                    {
                        {|CG0003:while|} (true)
                        {
                            using var request = createRequest();
                            var response = await http.SendAsync(request, cancellationToken);
                            if (response.IsSuccessStatusCode)
                            {
                                return response;
                            }

                            await Task.Delay(1000, cancellationToken);
                        }
                    }

                    async Task<string> LocalFunction(HttpClient http, string body)
                    {
                        HttpRequestMessage Build() => new(HttpMethod.Post, Url) { Content = new StringContent(body) };

                        {|CG0003:while|} (true)
                        {
                            try
                            {
                                var response = await http.SendAsync(Build());
                                response.EnsureSuccessStatusCode();
                                return await response.Content.ReadAsStringAsync();
                            }
                            catch (HttpRequestException)
                            {
                                await Task.Delay(TimeSpan.FromSeconds(2));
                            }
                        }
                    }

                    async Task<HttpResponseMessage> Method(HttpClient http, string body)
                    {
                        {|CG0003:for|} (;;)
                        {
                            var response = await http.SendAsync(CreateRequest(body));
                            if ((int)response.StatusCode is 429 or >= 500)
                            {
                                await Task.Delay(1000);
                                continue;
                            }

                            return response;
                        }
                    }

                    async Task<HttpResponseMessage> Factory(IHttpClientFactory factory, Func<Task<HttpRequestMessage>> nextRequest)
                    {
                        var http = factory.CreateClient("gateway");
                        {|CG0003:while|} (true)
                        {
                            var request = await nextRequest();
                            var response = await http.SendAsync(request);
                            if (response.IsSuccessStatusCode) return response;
                        }
                    }

                    private static HttpRequestMessage CreateRequest(string body)
                        => new(HttpMethod.Post, Url) { Content = new StringContent(body) };
                }
                """);

        [Fact]
        public Task Resend_loops_that_send_through_a_delegate_or_a_helper()
            => Analyze("""
                class C
                {
                    private readonly HttpClient _http = new();

                    async Task<HttpResponseMessage> Delegate(Func<Task<HttpResponseMessage>> send)
                    {
                        {|CG0003:while|} (true)
                        {
                            var response = await send();
                            if (response.IsSuccessStatusCode) return response;
                            await Task.Delay(500);
                        }
                    }

                    async Task<HttpResponseMessage> LocalFunction(string body)
                    {
                        async Task<HttpResponseMessage> SendOnce() => await _http.PostAsync("https://api.cometapi.com/v1/chat/completions", new StringContent(body));

                        {|CG0003:while|} (true)
                        {
                            try
                            {
                                var response = await SendOnce();
                                response.EnsureSuccessStatusCode();
                                return response;
                            }
                            catch (HttpRequestException)
                            {
                                await Task.Delay(500);
                            }
                        }
                    }

                    async Task<HttpResponseMessage> Helper(string body)
                    {
                        {|CG0003:for|} (;;)
                        {
                            var response = await SendOnceAsync(body);
                            if (response.IsSuccessStatusCode) return response;
                            await Task.Delay(500);
                        }
                    }

                    async Task<T> Generic<T>(Func<Task<T>> operation)
                    {
                        while (true)
                        {
                            try { return await operation(); }
                            catch (InvalidOperationException) { await Task.Delay(500); }
                        }
                    }

                    async Task<HttpResponseMessage> NotASend(string body)
                    {
                        while (true)
                        {
                            var response = Fake(body);
                            if (response.IsSuccessStatusCode) return response;
                            await Task.Delay(500);
                        }
                    }

                    private Task<HttpResponseMessage> SendOnceAsync(string body)
                        => _http.PostAsync("https://api.cometapi.com/v1/chat/completions", new StringContent(body));

                    private static HttpResponseMessage Fake(string body) => new(System.Net.HttpStatusCode.OK) { Content = new StringContent(body) };
                }
                """);

        [Fact]
        public Task Failover_clients_whose_selection_can_repeat_a_client()
            => Analyze("""
                #pragma warning disable MEAI001
                using System.Collections.Generic;
                using System.Threading;
                using Microsoft.Extensions.AI;

                sealed class RoundRobin : FailoverChatClient
                {
                    private readonly IReadOnlyList<IChatClient> _clients;
                    private int _next;

                    public RoundRobin(IReadOnlyList<IChatClient> clients) => _clients = clients;

                    protected override ValueTask<IChatClient> SelectClientAsync(RoutingContext context, CancellationToken cancellationToken)
                        => new(_clients[Interlocked.Increment(ref _next) % _clients.Count]);
                }

                sealed class Limited : FailoverChatClient
                {
                    private readonly IReadOnlyList<IChatClient> _clients;
                    private int _next;

                    public Limited(IReadOnlyList<IChatClient> clients)
                    {
                        _clients = clients;
                        MaximumAttemptsPerRequest = clients.Count;
                    }

                    protected override ValueTask<IChatClient> SelectClientAsync(RoutingContext context, CancellationToken cancellationToken)
                        => new(_clients[Interlocked.Increment(ref _next) % _clients.Count]);
                }

                sealed class HelperDecides : FailoverChatClient
                {
                    private readonly Queue<IChatClient> _clients = new();

                    protected override ValueTask<IChatClient> SelectClientAsync(RoutingContext context, CancellationToken cancellationToken) => NextOrThrow();

                    private ValueTask<IChatClient> NextOrThrow() => _clients.TryDequeue(out var client) ? new(client) : throw new InvalidOperationException("spent");
                }

                sealed class Exhausting : FailoverChatClient
                {
                    private readonly Queue<IChatClient> _clients;

                    public Exhausting(IEnumerable<IChatClient> clients) => _clients = new(clients);

                    protected override ValueTask<IChatClient> SelectClientAsync(RoutingContext context, CancellationToken cancellationToken)
                        => _clients.TryDequeue(out var client) ? new(client) : throw new InvalidOperationException("every client has failed");
                }

                class C
                {
                    IChatClient Unlimited(IChatClient a, IChatClient b) => new {|CG0003:RoundRobin|}(new[] { a, b });

                    IChatClient InInitialiser(IChatClient a, IChatClient b) => new RoundRobin(new[] { a, b }) { MaximumAttemptsPerRequest = 2 };

                    IChatClient Later(IChatClient a, IChatClient b)
                    {
                        var failover = new RoundRobin(new[] { a, b });
                        failover.MaximumAttemptsPerRequest = 4;
                        return failover;
                    }

                    IChatClient SetByClass(IChatClient a, IChatClient b) => new Limited(new[] { a, b });

                    IChatClient BoundedBySelection(IChatClient a, IChatClient b) => new Exhausting(new[] { a, b });

                    IChatClient Ordered(IChatClient a, IChatClient b) => new OrderedFailoverChatClient(new[] { a, b });

                    IChatClient Helper() => new HelperDecides();
                }
                """);

        [Fact]
        public Task Bounded_loops_are_silent()
            => Analyze("""
                class C
                {
                    async Task<string> Counter(HttpClient http)
                    {
                        var attempt = 0;
                        while (true)
                        {
                            try
                            {
                                return await http.GetStringAsync("https://api.cometapi.com/v1/models");
                            }
                            catch (HttpRequestException) when (attempt < 3)
                            {
                                attempt++;
                            }
                        }
                    }

                    async Task<HttpResponseMessage> Deadline(HttpClient http)
                    {
                        var deadline = DateTime.UtcNow.AddSeconds(30);
                        for (;;)
                        {
                            var response = await http.GetAsync("https://api.cometapi.com/v1/models");
                            if (response.IsSuccessStatusCode || DateTime.UtcNow > deadline)
                            {
                                return response;
                            }
                        }
                    }

                    async Task Chat(HttpClient http)
                    {
                        while (true)
                        {
                            var line = Console.ReadLine();
                            if (line is null) break;
                            Console.WriteLine(await http.GetStringAsync("https://api.cometapi.com/v1/models"));
                        }
                    }

                    async Task Repl(HttpClient http)
                    {
                        while (true)
                        {
                            var line = Console.ReadLine();
                            if (line is null) break;
                            var response = await http.PostAsync("https://api.cometapi.com/v1/chat/completions", new StringContent(line));
                            if (!response.IsSuccessStatusCode)
                            {
                                Console.WriteLine("failed");
                                continue;
                            }

                            Console.WriteLine(await response.Content.ReadAsStringAsync());
                        }
                    }

                    async Task Stream(HttpClient http)
                    {
                        while (true)
                        {
                            try { Console.WriteLine(await http.GetStringAsync("https://api.cometapi.com/v1/models")); }
                            catch (HttpRequestException) { Console.WriteLine("failed"); }
                            var line = Console.ReadLine();
                            if (line is null) return;
                        }
                    }

                    void File()
                    {
                        while (true)
                        {
                            try { System.IO.File.ReadAllText("x"); return; }
                            catch (System.IO.IOException) { }
                        }
                    }
                }
                """);

        [Fact]
        public Task Iterators_leave_by_yield_break_only()
            => Analyze("""
                class C
                {
                    async System.Collections.Generic.IAsyncEnumerable<string> Once(HttpClient http)
                    {
                        {|CG0003:while|} (true)
                        {
                            var response = await http.GetAsync("https://api.cometapi.com/v1/models");
                            if (response.IsSuccessStatusCode)
                            {
                                yield return await response.Content.ReadAsStringAsync();
                                yield break;
                            }
                        }
                    }

                    // Polling producers: `yield return` hands out a result and the loop goes on either way.
                    async System.Collections.Generic.IAsyncEnumerable<string> Poll(HttpClient http)
                    {
                        while (true)
                        {
                            var response = await http.GetAsync("https://api.cometapi.com/v1/models");
                            if (response.IsSuccessStatusCode)
                            {
                                yield return await response.Content.ReadAsStringAsync();
                            }

                            await Task.Delay(TimeSpan.FromMinutes(1));
                        }
                    }

                    async System.Collections.Generic.IAsyncEnumerable<string> PollSkippingFailures(HttpClient http)
                    {
                        while (true)
                        {
                            await Task.Delay(TimeSpan.FromMinutes(1));
                            var response = await http.GetAsync("https://api.cometapi.com/v1/models");
                            if (!response.IsSuccessStatusCode)
                            {
                                continue;
                            }

                            yield return await response.Content.ReadAsStringAsync();
                        }
                    }
                }
                """);

        [Fact]
        public Task Exits_of_inner_loops_lambdas_and_switches_do_not_leave_the_loop()
            => Analyze("""
                class C
                {
                    async Task Monitor(HttpClient http, System.Collections.Generic.List<Action<string>> handlers)
                    {
                        while (true)
                        {
                            try
                            {
                                var models = await http.GetStringAsync("https://api.cometapi.com/v1/models");
                                foreach (var line in models.Split('\n'))
                                {
                                    if (line.Length == 0) break;
                                    handlers.ForEach(h => { if (h is null) return; h(line); });
                                }
                            }
                            catch (HttpRequestException)
                            {
                            }

                            await Task.Delay(TimeSpan.FromMinutes(1));
                        }
                    }

                    async Task Watch(HttpClient http)
                    {
                        while (true)
                        {
                            var response = await http.GetAsync("https://api.cometapi.com/v1/models");
                            if (response.IsSuccessStatusCode)
                            {
                                switch (await response.Content.ReadAsStringAsync())
                                {
                                    case "": break;
                                    case var body: Console.WriteLine(body); break;
                                }
                            }

                            await Task.Delay(TimeSpan.FromMinutes(1));
                        }
                    }

                    async Task<string> Leaves(HttpClient http)
                    {
                        {|CG0003:while|} (true)
                        {
                            try
                            {
                                foreach (var attempt in new[] { 1 })
                                {
                                    return await http.GetStringAsync("https://api.cometapi.com/v1/models");
                                }
                            }
                            catch (HttpRequestException)
                            {
                            }
                        }
                    }
                }
                """);

        [Fact]
        public Task Middleware_resend_loops()
            => Analyze("""
                using Microsoft.Extensions.AI;
                class RateLimitHandler : DelegatingHandler
                {
                    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, System.Threading.CancellationToken cancellationToken)
                    {
                        {|CG0003:while|} (true)
                        {
                            var response = await base.SendAsync(request, cancellationToken);
                            if ((int)response.StatusCode != 429)
                            {
                                return response;
                            }

                            await Task.Delay(3000, cancellationToken);
                        }
                    }
                }

                class RetryingChatClient : Microsoft.Extensions.AI.DelegatingChatClient
                {
                    public RetryingChatClient(Microsoft.Extensions.AI.IChatClient inner) : base(inner) { }

                    public override async Task<Microsoft.Extensions.AI.ChatResponse> GetResponseAsync(System.Collections.Generic.IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, Microsoft.Extensions.AI.ChatOptions? options = null, System.Threading.CancellationToken cancellationToken = default)
                    {
                        {|CG0003:while|} (true)
                        {
                            try
                            {
                                return await base.GetResponseAsync(messages, options, cancellationToken);
                            }
                            catch (ClientResultException e) when (e.Status == 429)
                            {
                                await Task.Delay(3000, cancellationToken);
                            }
                        }
                    }
                }

                class InnerClientRetry
                {
                    public async Task<Microsoft.Extensions.AI.ChatResponse> Ask(Microsoft.Extensions.AI.IChatClient client, string question)
                    {
                        {|CG0003:for|} (;;)
                        {
                            try
                            {
                                return await client.GetResponseAsync(question);
                            }
                            catch (HttpRequestException e) when (e.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
                            {
                                await Task.Delay(3000);
                            }
                        }
                    }
                }
                """);

        [Fact]
        public Task Middleware_that_bounds_or_does_not_resend_is_silent()
            => Analyze("""
                class BoundedHandler : DelegatingHandler
                {
                    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, System.Threading.CancellationToken cancellationToken)
                    {
                        for (var attempt = 1; ; attempt++)
                        {
                            var response = await base.SendAsync(request, cancellationToken);
                            if ((int)response.StatusCode != 429 || attempt >= 3)
                            {
                                return response;
                            }

                            await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt)) + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 500)), cancellationToken);
                        }
                    }
                }

                class LoggingHandler : DelegatingHandler
                {
                    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, System.Threading.CancellationToken cancellationToken)
                    {
                        var response = await base.SendAsync(request, cancellationToken);
                        Console.WriteLine((int)response.StatusCode);
                        return response;
                    }
                }

                class CancellableChatClient : Microsoft.Extensions.AI.DelegatingChatClient
                {
                    public CancellableChatClient(Microsoft.Extensions.AI.IChatClient inner) : base(inner) { }

                    public override async Task<Microsoft.Extensions.AI.ChatResponse> GetResponseAsync(System.Collections.Generic.IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, Microsoft.Extensions.AI.ChatOptions? options = null, System.Threading.CancellationToken cancellationToken = default)
                    {
                        while (true)
                        {
                            cancellationToken.ThrowIfCancellationRequested();
                            try
                            {
                                return await base.GetResponseAsync(messages, options, cancellationToken);
                            }
                            catch (ClientResultException e) when (e.Status == 429)
                            {
                                await Task.Delay(3000, cancellationToken);
                            }
                        }
                    }
                }
                """);
    }
}
