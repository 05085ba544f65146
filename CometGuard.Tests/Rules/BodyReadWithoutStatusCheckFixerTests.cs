using System.Threading;
using System.Threading.Tasks;
using CometGuard.Analyzers.Rules;
using CometGuard.CodeFixes.Rules;
using CometGuard.Tests.Verifiers;

namespace CometGuard.Tests.Rules
{
    public class BodyReadWithoutStatusCheckFixerTests
    {
        private const string Usings = """
            #nullable enable
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Text.Json;
            using System.Threading.Tasks;

            record Choice(int Index, string? FinishReason);
            record ChatCompletionDto(string Id, string Model, List<Choice> Choices);

            """;

        private static Task Fix(string source, string fixedSource)
            => Verify<BodyReadWithoutStatusCheckAnalyzer, BodyReadWithoutStatusCheckFixer>.CodeFixAsync(Usings + source, Usings + fixedSource);

        [Fact]
        public Task Inserts_EnsureSuccessStatusCode_before_the_read()
            => Fix("""
                class C
                {
                    async Task<ChatCompletionDto?> M(HttpClient http, object body)
                    {
                        using var response = await http.PostAsJsonAsync("chat/completions", body);
                        // the answer
                        var dto = await {|CG0007:response.Content.ReadFromJsonAsync<ChatCompletionDto>()|};
                        return dto;
                    }
                }
                """, """
                class C
                {
                    async Task<ChatCompletionDto?> M(HttpClient http, object body)
                    {
                        using var response = await http.PostAsJsonAsync("chat/completions", body);
                        response.EnsureSuccessStatusCode();
                        // the answer
                        var dto = await response.Content.ReadFromJsonAsync<ChatCompletionDto>();
                        return dto;
                    }
                }
                """);

        [Fact]
        public Task Text_read_gets_the_check_before_the_read_not_the_parse()
            => Fix("""
                class C
                {
                    async Task<ChatCompletionDto?> M(HttpResponseMessage response)
                    {
                        var text = await {|CG0007:response.Content.ReadAsStringAsync()|};
                        return JsonSerializer.Deserialize<ChatCompletionDto>(text);
                    }
                }
                """, """
                class C
                {
                    async Task<ChatCompletionDto?> M(HttpResponseMessage response)
                    {
                        response.EnsureSuccessStatusCode();
                        var text = await response.Content.ReadAsStringAsync();
                        return JsonSerializer.Deserialize<ChatCompletionDto>(text);
                    }
                }
                """);

        [Fact]
        public Task Expression_body_checks_inline()
            => Fix("""
                class C
                {
                    Task<ChatCompletionDto?> M(HttpResponseMessage response) => {|CG0007:response.Content.ReadFromJsonAsync<ChatCompletionDto>()|};

                    async Task<ChatCompletionDto?> N(HttpClient http, object body)
                        => await {|CG0007:(await http.PostAsJsonAsync("chat/completions", body)).Content.ReadFromJsonAsync<ChatCompletionDto>()|};
                }
                """, """
                class C
                {
                    Task<ChatCompletionDto?> M(HttpResponseMessage response) => response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<ChatCompletionDto>();

                    async Task<ChatCompletionDto?> N(HttpClient http, object body)
                        => await (await http.PostAsJsonAsync("chat/completions", body)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<ChatCompletionDto>();
                }
                """);

        [Fact]
        public Task Fix_all_inserts_once_per_response_across_two_documents()
        {
            var test = Verify<BodyReadWithoutStatusCheckAnalyzer, BodyReadWithoutStatusCheckFixer>.Create(source: "", fixedSource: "");
            test.TestState.Sources.Clear();
            test.FixedState.Sources.Clear();
            test.TestState.Sources.Add(("/0/A.cs", Usings + """
                class A
                {
                    async Task<int> M(HttpResponseMessage response)
                    {
                        var first = await {|CG0007:response.Content.ReadFromJsonAsync<ChatCompletionDto>()|};
                        var again = await {|CG0007:response.Content.ReadFromJsonAsync<ChatCompletionDto>()|};
                        return (first?.Choices.Count ?? 0) + (again?.Choices.Count ?? 0);
                    }
                }
                """));
            test.TestState.Sources.Add(("/0/B.cs", """
                #nullable enable
                using System.Net.Http;
                using System.Net.Http.Json;
                using System.Threading.Tasks;
                class B
                {
                    async Task<ChatCompletionDto?> M(HttpResponseMessage response, HttpResponseMessage other)
                    {
                        await {|CG0007:other.Content.ReadFromJsonAsync<ChatCompletionDto>()|};
                        return await {|CG0007:response.Content.ReadFromJsonAsync<ChatCompletionDto>()|};
                    }
                }
                """));
            test.FixedState.Sources.Add(("/0/A.cs", Usings + """
                class A
                {
                    async Task<int> M(HttpResponseMessage response)
                    {
                        response.EnsureSuccessStatusCode();
                        var first = await response.Content.ReadFromJsonAsync<ChatCompletionDto>();
                        var again = await response.Content.ReadFromJsonAsync<ChatCompletionDto>();
                        return (first?.Choices.Count ?? 0) + (again?.Choices.Count ?? 0);
                    }
                }
                """));
            test.FixedState.Sources.Add(("/0/B.cs", """
                #nullable enable
                using System.Net.Http;
                using System.Net.Http.Json;
                using System.Threading.Tasks;
                class B
                {
                    async Task<ChatCompletionDto?> M(HttpResponseMessage response, HttpResponseMessage other)
                    {
                        other.EnsureSuccessStatusCode();
                        await other.Content.ReadFromJsonAsync<ChatCompletionDto>();
                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadFromJsonAsync<ChatCompletionDto>();
                    }
                }
                """));
            return test.RunAsync(CancellationToken.None);
        }
    }
}
