using System.Threading.Tasks;
using CometGuard.Analyzers.Rules;
using CometGuard.CodeFixes.Rules;
using CometGuard.Tests.Verifiers;

namespace CometGuard.Tests.Rules
{
    public class RetryOnClientErrorAnalyzerTests
    {
        internal const string Usings = """
            using System;
            using System.ClientModel;
            using System.Net;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Polly;
            using Polly.Extensions.Http;
            using Polly.Retry;

            """;

        private static Task Analyze(string source)
            => Verify<RetryOnClientErrorAnalyzer, RetryOnClientErrorFixer>.AnalyzerAsync(Usings + source);

        [Fact]
        public Task Polly_v7_broad_result_predicates()
            => Analyze("""
                class C
                {
                    void M()
                    {
                        var a = Policy.HandleResult<HttpResponseMessage>(r => {|CG0005:!r.IsSuccessStatusCode|}).WaitAndRetryAsync(3, n => TimeSpan.FromSeconds(n));
                        var b = Policy.Handle<HttpRequestException>().OrResult<HttpResponseMessage>(r => {|CG0005:(int)r.StatusCode >= 400|}).RetryAsync(2);
                        var c = Policy.HandleResult<HttpResponseMessage>(r => r.StatusCode == HttpStatusCode.RequestTimeout || {|CG0005:r.StatusCode >= HttpStatusCode.BadRequest|}).Retry(2);
                        var d = Policy.HandleResult<HttpResponseMessage>(r => {|CG0005:r.StatusCode != HttpStatusCode.OK|}).Retry(2);
                    }
                }
                """);

        [Fact]
        public Task Transient_predicates_and_non_retry_policies_are_silent()
            => Analyze("""
                class C
                {
                    void M()
                    {
                        var a = HttpPolicyExtensions.HandleTransientHttpError().WaitAndRetryAsync(3, n => TimeSpan.FromSeconds(n));
                        var b = Policy.HandleResult<HttpResponseMessage>(r => (int)r.StatusCode >= 500 || r.StatusCode == HttpStatusCode.TooManyRequests).Retry(2);
                        var c = Policy.HandleResult<HttpResponseMessage>(r => !r.IsSuccessStatusCode).CircuitBreaker(5, TimeSpan.FromSeconds(30));
                        var d = Policy.HandleResult<HttpResponseMessage>(r => !r.IsSuccessStatusCode && (int)r.StatusCode is not (>= 400 and < 500) || r.StatusCode == HttpStatusCode.TooManyRequests).Retry(2);
                        var e = Policy.Handle<ClientResultException>(ex => ex.Status == 429 || ex.Status >= 500).Retry(2);
                    }
                }
                """);

        [Fact]
        public Task Polly_v8_should_handle()
            => Analyze("""
                class C
                {
                    void M()
                    {
                        var a = new RetryStrategyOptions<HttpResponseMessage>
                        {
                            ShouldHandle = new PredicateBuilder<HttpResponseMessage>().Handle<HttpRequestException>().HandleResult(r => {|CG0005:!r.IsSuccessStatusCode|}),
                        };
                        var b = new RetryStrategyOptions<HttpResponseMessage>
                        {
                            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is HttpRequestException || {|CG0005:(int)args.Outcome.Result!.StatusCode >= 400|}),
                        };
                        var c = new RetryStrategyOptions<HttpResponseMessage>
                        {
                            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { } r && (int)r.StatusCode >= 500),
                        };
                    }
                }
                """);

        [Fact]
        public Task Predicates_whose_status_set_holds_client_errors()
            => Analyze("""
                class C
                {
                    void M()
                    {
                        var a = Policy.HandleResult<HttpResponseMessage>(r => {|CG0005:!r.IsSuccessStatusCode && r.StatusCode != HttpStatusCode.NotFound|}).Retry(2);
                        var b = Policy.Handle<HttpRequestException>().OrResult<HttpResponseMessage>(r => {|CG0005:r.StatusCode == HttpStatusCode.Unauthorized|}).RetryAsync(2);
                        var c = Policy.HandleResult<HttpResponseMessage>(r => {|CG0005:r is { IsSuccessStatusCode: false }|}).RetryAsync(2);
                        var d = Policy.HandleResult<HttpResponseMessage>(r => {|CG0005:r is { StatusCode: >= HttpStatusCode.BadRequest and not HttpStatusCode.TooManyRequests }|}).RetryAsync(2);
                        var e = Policy.HandleResult<HttpResponseMessage>(r => {|CG0005:(int)r.StatusCode is 404 or >= 500|}).RetryAsync(2);
                        var f = new RetryStrategyOptions<HttpResponseMessage>
                        {
                            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is HttpRequestException || {|CG0005:args.Outcome.Result?.IsSuccessStatusCode == false|}),
                        };
                        var g = new RetryStrategyOptions<HttpResponseMessage>
                        {
                            ShouldHandle = args => args.Outcome switch
                            {
                                { Exception: HttpRequestException } => PredicateResult.True(),
                                { Result.StatusCode: HttpStatusCode.NotFound } => PredicateResult.False(),
                                {|CG0005:{ Result.IsSuccessStatusCode: false }|} => PredicateResult.True(),
                                _ => PredicateResult.False(),
                            },
                        };
                        var h = new RetryStrategyOptions<HttpResponseMessage>
                        {
                            ShouldHandle = args =>
                            {
                                if (args.Outcome.Result is null)
                                {
                                    return PredicateResult.False();
                                }

                                if (args.Outcome.Result.StatusCode == HttpStatusCode.NotFound)
                                {
                                    return PredicateResult.False();
                                }

                                return ValueTask.FromResult({|CG0005:!args.Outcome.Result.IsSuccessStatusCode|});
                            },
                        };
                        var i = new RetryStrategyOptions
                        {
                            ShouldHandle = args => ValueTask.FromResult({|CG0005:args.Outcome.Exception is ClientResultException { Status: >= 400 }|}),
                        };
                    }
                }
                """);

        [Fact]
        public Task Predicates_held_in_locals_fields_and_methods()
            => Analyze("""
                class C
                {
                    private static readonly Func<HttpResponseMessage, bool> Broad = r => {|CG0005:!r.IsSuccessStatusCode|};

                    void M()
                    {
                        Func<HttpResponseMessage, bool> retryable = r => {|CG0005:(int)r.StatusCode >= 400|};
                        var a = Policy.HandleResult(retryable).RetryAsync(2);
                        var b = Policy.HandleResult(Broad).RetryAsync(2);
                        var c = Policy.HandleResult<HttpResponseMessage>(IsFailure).RetryAsync(2);
                        var d = Policy.HandleResult<HttpResponseMessage>(r => {|CG0005:IsFailure(r)|}).RetryAsync(2);
                        var e = new RetryStrategyOptions<HttpResponseMessage> { ShouldHandle = ShouldRetry };
                    }

                    static bool IsFailure(HttpResponseMessage response)
                    {
                        if (response.StatusCode == HttpStatusCode.NotFound)
                        {
                            return false;
                        }

                        return {|CG0005:!response.IsSuccessStatusCode|};
                    }

                    static ValueTask<bool> ShouldRetry(RetryPredicateArguments<HttpResponseMessage> args)
                        => ValueTask.FromResult(args.Outcome.Exception is not null || {|CG0005:args.Outcome.Result.StatusCode != HttpStatusCode.OK|});
                }
                """);

        [Fact]
        public Task Predicates_whose_status_set_is_transient_are_silent()
            => Analyze("""
                class C
                {
                    private bool _retryEverything;

                    void M()
                    {
                        var a = Policy.HandleResult<HttpResponseMessage>(r => r.StatusCode == HttpStatusCode.TooManyRequests || r.StatusCode == HttpStatusCode.RequestTimeout).Retry(2);
                        var b = Policy.HandleResult<HttpResponseMessage>(r => r is { StatusCode: HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout }).Retry(2);
                        var c = Policy.HandleResult<HttpResponseMessage>(r => !r.IsSuccessStatusCode && ((int)r.StatusCode >= 500 || r.StatusCode == HttpStatusCode.TooManyRequests)).Retry(2);
                        var d = new RetryStrategyOptions<HttpResponseMessage>
                        {
                            ShouldHandle = args => args.Outcome switch
                            {
                                { Exception: HttpRequestException } => PredicateResult.True(),
                                { Result.StatusCode: HttpStatusCode.TooManyRequests } => PredicateResult.True(),
                                { Result.StatusCode: >= HttpStatusCode.InternalServerError } => PredicateResult.True(),
                                _ => PredicateResult.False(),
                            },
                        };
                        var e = new RetryStrategyOptions<HttpResponseMessage>
                        {
                            ShouldHandle = args =>
                            {
                                var status = args.Outcome.Result?.StatusCode;
                                if (args.Outcome.Result is { } r && (int)r.StatusCode is >= 400 and < 500 and not 408 and not 429)
                                {
                                    return PredicateResult.False();
                                }

                                return ValueTask.FromResult(args.Outcome.Result is { IsSuccessStatusCode: false });
                            },
                        };
                        var f = new RetryStrategyOptions<HttpResponseMessage> { ShouldHandle = _ => ValueTask.FromResult(_retryEverything) };
                        var g = new RetryStrategyOptions { ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is ClientResultException { Status: 429 or >= 500 }) };
                        var h = Policy.HandleResult<HttpResponseMessage>(IsFailure).CircuitBreakerAsync(5, TimeSpan.FromSeconds(30));
                        Func<HttpResponseMessage, bool> transient = r => (int)r.StatusCode is 408 or 429 or >= 500;
                        var i = Policy.HandleResult(transient).RetryAsync(2);
                    }

                    static bool IsFailure(HttpResponseMessage response) => !response.IsSuccessStatusCode;
                }
                """);

        [Fact]
        public Task Switch_statements_ternaries_and_recursive_helpers()
            => Analyze("""
                class C
                {
                    void M()
                    {
                        var a = Policy.HandleResult<HttpResponseMessage>(Transient).RetryAsync(2);
                        var b = Policy.HandleResult<HttpResponseMessage>(Broad).RetryAsync(2);
                        var c = Policy.HandleResult<HttpResponseMessage>(InAList).RetryAsync(2);
                        var d = Policy.HandleResult<HttpResponseMessage>(r => Recursive(r, 3)).RetryAsync(2);
                        var e = Policy.HandleResult<HttpResponseMessage>(r => Even(r, 4)).RetryAsync(2);
                        var f = new RetryStrategyOptions<HttpResponseMessage>
                        {
                            ShouldHandle = args => {|CG0005:args.Outcome.Result is { IsSuccessStatusCode: true }|} ? PredicateResult.False() : PredicateResult.True(),
                        };
                        var g = new RetryStrategyOptions<HttpResponseMessage>
                        {
                            ShouldHandle = args => args.Outcome.Result is { StatusCode: HttpStatusCode.ServiceUnavailable } ? PredicateResult.True() : PredicateResult.False(),
                        };
                    }

                    static bool Transient(HttpResponseMessage r)
                    {
                        switch (r.StatusCode)
                        {
                            case HttpStatusCode.ServiceUnavailable:
                            case HttpStatusCode.GatewayTimeout:
                                return true;
                            default:
                                return false;
                        }
                    }

                    static bool Broad(HttpResponseMessage r)
                    {
                        switch (r.StatusCode)
                        {
                            case HttpStatusCode.OK:
                                return false;
                            {|CG0005:case HttpStatusCode.Unauthorized:|}
                                return true;
                            default:
                                return (int)r.StatusCode >= 500;
                        }
                    }

                    private static readonly HttpStatusCode[] Retried = { HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable };

                    static bool InAList(HttpResponseMessage r)
                    {
                        foreach (var status in Retried)
                        {
                            if (r.StatusCode == status) return true;
                        }

                        return false;
                    }

                    static bool Recursive(HttpResponseMessage r, int hop) => hop switch { 0 => (int)r.StatusCode >= 500, _ => Recursive(r, hop - 1) };

                    static bool Even(HttpResponseMessage r, int n) => n == 0 ? (int)r.StatusCode >= 500 : Odd(r, n - 1);

                    static bool Odd(HttpResponseMessage r, int n) => n != 0 && Even(r, n - 1);
                }
                """);

        [Fact]
        public Task ClientResultException_without_status()
            => Analyze("""
                class C
                {
                    void M()
                    {
                        var a = Policy.{|CG0005:Handle<ClientResultException>|}().WaitAndRetryAsync(3, n => TimeSpan.FromSeconds(n));
                        var b = new RetryStrategyOptions { ShouldHandle = new PredicateBuilder().{|CG0005:Handle<ClientResultException>|}() };
                        var c = new RetryStrategyOptions { ShouldHandle = args => ValueTask.FromResult({|CG0005:args.Outcome.Exception is ClientResultException|}) };
                        var d = new RetryStrategyOptions { ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is ClientResultException ex && ex.Status >= 500) };
                    }
                }
                """);

        [Fact]
        public Task Resend_loops_on_client_errors()
            => Analyze("""
                class C
                {
                    async Task<string> NotOk(HttpClient http, HttpContent content)
                    {
                        HttpResponseMessage response;
                        for (;;)
                        {
                            response = await http.PostAsync("https://api.cometapi.com/v1/chat/completions", content);
                            if ({|CG0005:response.StatusCode != HttpStatusCode.OK|}) continue;
                            break;
                        }

                        return await response.Content.ReadAsStringAsync();
                    }

                    async Task<HttpResponseMessage> UntilSuccess(HttpClient http)
                    {
                        while (true)
                        {
                            var response = await http.GetAsync("https://api.cometapi.com/v1/models");
                            if ({|CG0005:response.IsSuccessStatusCode|})
                            {
                                return response;
                            }

                            await Task.Delay(TimeSpan.FromSeconds(1));
                        }
                    }

                    async Task<HttpResponseMessage> Broad(HttpClient http)
                    {
                        for (var attempt = 1; ; attempt++)
                        {
                            var response = await http.GetAsync("https://api.cometapi.com/v1/models");
                            if (({|CG0005:!response.IsSuccessStatusCode|} || {|CG0005:(int)response.StatusCode >= 400|}) && attempt < 3)
                            {
                                await Task.Delay(TimeSpan.FromSeconds(attempt));
                                continue;
                            }

                            return response;
                        }
                    }
                }
                """);

        [Fact]
        public Task Resend_loops_whose_exits_leave_client_errors_behind()
            => Analyze("""
                class C
                {
                    async Task<HttpResponseMessage?> NotFoundLeaves(HttpClient http)
                    {
                        while (true)
                        {
                            var response = await http.GetAsync("https://api.cometapi.com/v1/models");
                            if (response.StatusCode == HttpStatusCode.NotFound)
                            {
                                return null;
                            }

                            if ({|CG0005:!response.IsSuccessStatusCode|})
                            {
                                await Task.Delay(TimeSpan.FromSeconds(1));
                                continue;
                            }

                            return response;
                        }
                    }

                    async Task<HttpResponseMessage> SuccessOrNotFoundLeaves(HttpClient http)
                    {
                        while (true)
                        {
                            var response = await http.GetAsync("https://api.cometapi.com/v1/models");
                            if ({|CG0005:response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotFound|})
                            {
                                return response;
                            }

                            await Task.Delay(TimeSpan.FromSeconds(1));
                        }
                    }
                }
                """);

        [Fact]
        public Task Resend_loops_on_transient_statuses_only_are_silent()
            => Analyze("""
                class C
                {
                    async Task<HttpResponseMessage> RateLimited(HttpClient http)
                    {
                        while (true)
                        {
                            var response = await http.GetAsync("https://api.cometapi.com/v1/models");
                            if (response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
                            {
                                await Task.Delay(TimeSpan.FromSeconds(1));
                                continue;
                            }

                            return response;
                        }
                    }

                    async Task<HttpResponseMessage> UntilNotRateLimited(HttpClient http)
                    {
                        while (true)
                        {
                            var response = await http.GetAsync("https://api.cometapi.com/v1/models");
                            if (response.StatusCode != HttpStatusCode.TooManyRequests)
                            {
                                return response;
                            }

                            await Task.Delay(TimeSpan.FromSeconds(1));
                        }
                    }

                    async Task<HttpResponseMessage> ClientErrorsLeave(HttpClient http)
                    {
                        while (true)
                        {
                            var response = await http.GetAsync("https://api.cometapi.com/v1/models");
                            if (response.IsSuccessStatusCode)
                            {
                                return response;
                            }

                            if ((int)response.StatusCode < 500 && response.StatusCode != HttpStatusCode.TooManyRequests)
                            {
                                throw new HttpRequestException("gateway refused the request", null, response.StatusCode);
                            }

                            await Task.Delay(TimeSpan.FromSeconds(1));
                        }
                    }

                    async Task<HttpResponseMessage> Narrowed(HttpClient http)
                    {
                        while (true)
                        {
                            var response = await http.GetAsync("https://api.cometapi.com/v1/models");
                            if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.BadRequest && (int)response.StatusCode >= 500)
                            {
                                continue;
                            }

                            return response;
                        }
                    }

                    async Task Items(HttpClient http, string[] prompts)
                    {
                        foreach (var prompt in prompts)
                        {
                            var response = await http.PostAsync("https://api.cometapi.com/v1/chat/completions", new StringContent(prompt));
                            if (!response.IsSuccessStatusCode)
                            {
                                continue;
                            }

                            Console.WriteLine(await response.Content.ReadAsStringAsync());
                        }
                    }

                    async Task Pages(HttpClient http)
                    {
                        var url = "https://api.cometapi.com/v1/files";
                        while (true)
                        {
                            var response = await http.GetAsync(url);
                            if (!response.IsSuccessStatusCode)
                            {
                                Console.WriteLine("failed");
                                continue;
                            }

                            Console.WriteLine(await response.Content.ReadAsStringAsync());
                            var line = Console.ReadLine();
                            if (line is null) return;
                        }
                    }
                }
                """);
    }
}
