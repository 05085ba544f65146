using System.Threading.Tasks;
using CometGuard.Analyzers.Rules;
using CometGuard.CodeFixes.Rules;
using CometGuard.Tests.Verifiers;

namespace CometGuard.Tests.Rules
{
    public class RetryOnClientErrorFixerTests
    {
        private const string Usings = RetryOnClientErrorAnalyzerTests.Usings;

        private static Task Fix(string source, string fixedSource)
            => Verify<RetryOnClientErrorAnalyzer, RetryOnClientErrorFixer>.CodeFixAsync(Usings + source, Usings + fixedSource);

        [Fact]
        public Task Predicates_fix_all()
            => Fix("""
                class C
                {
                    void M()
                    {
                        var a = Policy.HandleResult<HttpResponseMessage>(r => {|CG0005:!r.IsSuccessStatusCode|}).WaitAndRetryAsync(3, n => TimeSpan.FromSeconds(n));
                        var b = Policy.Handle<HttpRequestException>().OrResult<HttpResponseMessage>(r => {|CG0005:(int)r.StatusCode >= 400|}).RetryAsync(2);
                        var c = Policy.HandleResult<HttpResponseMessage>(r => r.StatusCode == HttpStatusCode.RequestTimeout || {|CG0005:r.StatusCode >= HttpStatusCode.BadRequest|}).Retry(2);
                        var d = new RetryStrategyOptions<HttpResponseMessage>
                        {
                            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is HttpRequestException || {|CG0005:(int)args.Outcome.Result!.StatusCode >= 400|}),
                        };
                        var e = Policy.{|CG0005:Handle<ClientResultException>|}().WaitAndRetryAsync(3, n => TimeSpan.FromSeconds(n));
                    }
                }
                """, """
                class C
                {
                    void M()
                    {
                        var a = HttpPolicyExtensions.HandleTransientHttpError().WaitAndRetryAsync(3, n => TimeSpan.FromSeconds(n));
                        var b = Policy.Handle<HttpRequestException>().OrResult<HttpResponseMessage>(r => (int)r.StatusCode is 408 or 429 or >= 500).RetryAsync(2);
                        var c = Policy.HandleResult<HttpResponseMessage>(r => r.StatusCode == HttpStatusCode.RequestTimeout || ((int)r.StatusCode is 408 or 429 or >= 500)).Retry(2);
                        var d = new RetryStrategyOptions<HttpResponseMessage>
                        {
                            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is HttpRequestException || ((int)args.Outcome.Result!.StatusCode is 408 or 429 or >= 500)),
                        };
                        var e = Policy.Handle<ClientResultException>(e => e.Status is 408 or 429 or >= 500).WaitAndRetryAsync(3, n => TimeSpan.FromSeconds(n));
                    }
                }
                """);

        [Fact]
        public Task Narrowed_conditional_and_pattern_tests_fix_all()
            => Fix("""
                class C
                {
                    void M()
                    {
                        var a = Policy.Handle<HttpRequestException>().OrResult<HttpResponseMessage>(r => {|CG0005:!r.IsSuccessStatusCode && r.StatusCode != HttpStatusCode.NotFound|}).Retry(2);
                        var b = new RetryStrategyOptions<HttpResponseMessage>
                        {
                            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is HttpRequestException || {|CG0005:args.Outcome.Result?.IsSuccessStatusCode == false|}),
                        };
                        var c = Policy.Handle<HttpRequestException>().OrResult<HttpResponseMessage>(r => {|CG0005:r is { IsSuccessStatusCode: false }|}).RetryAsync(2);
                        var d = Policy.HandleResult<HttpResponseMessage>(r => {|CG0005:r.StatusCode == HttpStatusCode.Unauthorized|} || (int)r.StatusCode >= 500).RetryAsync(2);
                    }
                }
                """, """
                class C
                {
                    void M()
                    {
                        var a = Policy.Handle<HttpRequestException>().OrResult<HttpResponseMessage>(r => (int)r.StatusCode is 408 or 429 or >= 500).Retry(2);
                        var b = new RetryStrategyOptions<HttpResponseMessage>
                        {
                            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is HttpRequestException || ((int?)args.Outcome.Result?.StatusCode is 408 or 429 or >= 500)),
                        };
                        var c = Policy.Handle<HttpRequestException>().OrResult<HttpResponseMessage>(r => (int)r.StatusCode is 408 or 429 or >= 500).RetryAsync(2);
                        var d = Policy.HandleResult<HttpResponseMessage>(r => ((int)r.StatusCode is 408 or 429 or >= 500) || (int)r.StatusCode >= 500).RetryAsync(2);
                    }
                }
                """);

        [Fact]
        public Task Tests_that_read_more_than_one_status_are_reported_without_a_fix()
            => Fix("""
                class C
                {
                    void M(HttpResponseMessage last)
                    {
                        var a = Policy.HandleResult<HttpResponseMessage>(r => {|CG0005:!r.IsSuccessStatusCode && last.StatusCode != HttpStatusCode.NotFound|}).Retry(2);
                        var b = new RetryStrategyOptions<HttpResponseMessage>
                        {
                            ShouldHandle = args => args.Outcome switch
                            {
                                {|CG0005:{ Result.IsSuccessStatusCode: false }|} => PredicateResult.True(),
                                _ => PredicateResult.False(),
                            },
                        };
                    }
                }
                """, """
                class C
                {
                    void M(HttpResponseMessage last)
                    {
                        var a = Policy.HandleResult<HttpResponseMessage>(r => {|CG0005:!r.IsSuccessStatusCode && last.StatusCode != HttpStatusCode.NotFound|}).Retry(2);
                        var b = new RetryStrategyOptions<HttpResponseMessage>
                        {
                            ShouldHandle = args => args.Outcome switch
                            {
                                {|CG0005:{ Result.IsSuccessStatusCode: false }|} => PredicateResult.True(),
                                _ => PredicateResult.False(),
                            },
                        };
                    }
                }
                """);

        [Fact]
        public async Task Fix_all_across_two_documents()
        {
            var test = Verify<RetryOnClientErrorAnalyzer, RetryOnClientErrorFixer>.Create(
                Usings + "class A { object M() => Policy.HandleResult<HttpResponseMessage>(r => {|CG0005:!r.IsSuccessStatusCode|}).RetryAsync(2); }",
                Usings + "class A { object M() => HttpPolicyExtensions.HandleTransientHttpError().RetryAsync(2); }");
            test.TestState.Sources.Add(("/0/Test1.cs", Usings + "class B { object M() => Policy.Handle<HttpRequestException>().OrResult<HttpResponseMessage>(r => {|CG0005:(int)r.StatusCode > 399|}).Retry(1); }"));
            test.FixedState.Sources.Add(("/0/Test1.cs", Usings + "class B { object M() => Policy.Handle<HttpRequestException>().OrResult<HttpResponseMessage>(r => (int)r.StatusCode is 408 or 429 or >= 500).Retry(1); }"));
            await test.RunAsync();
        }
    }
}
