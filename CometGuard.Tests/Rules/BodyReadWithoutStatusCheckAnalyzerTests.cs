using System.Threading.Tasks;
using CometGuard.Analyzers.Rules;
using CometGuard.CodeFixes.Rules;
using CometGuard.Tests.Verifiers;

namespace CometGuard.Tests.Rules
{
    public class BodyReadWithoutStatusCheckAnalyzerTests
    {
        private const string Usings = """
            #nullable enable
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Net;
            using System.Net.Http;
            using System.Net.Http.Headers;
            using System.Net.Http.Json;
            using System.Text.Json;
            using System.Threading.Tasks;

            record Message(string Role, string Content);
            record Choice(int Index, Message Message);
            record ChatCompletionDto(string Id, string Model, List<Choice> Choices);
            record ErrorEnvelope(string? Message);
            record Weather(double Temperature);

            """;

        private static Task Analyze(string source)
            => Verify<BodyReadWithoutStatusCheckAnalyzer, BodyReadWithoutStatusCheckFixer>.AnalyzerAsync(Usings + source);

        [Fact]
        public Task Stream_read_before_the_check_and_used_only_behind_it()
            => Analyze("""
                class C
                {
                    async Task<string> M(HttpClient http, HttpRequestMessage request)
                    {
                        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "x");
                        using var response = await http.SendAsync(request);
                        var contentStream = await response.Content.ReadAsStreamAsync();
                        if (!response.IsSuccessStatusCode)
                        {
                            var error = await new StreamReader(contentStream).ReadToEndAsync();
                            return "failed: " + error;
                        }

                        using var doc = await JsonDocument.ParseAsync(contentStream);
                        return doc.RootElement.GetProperty("id").GetString() ?? "";
                    }
                }
                """);

        [Fact]
        public Task Stream_used_before_the_check()
            => Analyze("""
                class C
                {
                    async Task<string> M(HttpClient http, HttpRequestMessage request)
                    {
                        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "x");
                        using var response = await http.SendAsync(request);
                        var stream = await {|CG0007:response.Content.ReadAsStreamAsync()|};
                        using var doc = await JsonDocument.ParseAsync(stream);
                        if (!response.IsSuccessStatusCode) return "failed";
                        return doc.RootElement.GetProperty("id").GetString() ?? "";
                    }
                }
                """);

        // --- Newtonsoft.Json ------------------------------------------------------------------

        [Fact]
        public Task Newtonsoft_parse_of_an_unchecked_body()
            => Analyze("""
                class C
                {
                    async Task<string?> Parse(HttpClient http, string key)
                    {
                        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
                        var response = await http.PostAsync("https://openrouter.ai/api/v1/chat/completions", new StringContent("{}"));
                        var json = Newtonsoft.Json.Linq.JObject.Parse(await {|CG0007:response.Content.ReadAsStringAsync()|});
                        return (string?)json["choices"]?[0]?["message"]?["content"];
                    }

                    async Task<ChatCompletionDto?> Deserialize(HttpResponseMessage response)
                    {
                        var body = await {|CG0007:response.Content.ReadAsStringAsync()|};
                        return Newtonsoft.Json.JsonConvert.DeserializeObject<ChatCompletionDto>(body);
                    }

                    async Task<ChatCompletionDto?> Checked(HttpResponseMessage response)
                    {
                        var body = await response.Content.ReadAsStringAsync();
                        if (!response.IsSuccessStatusCode) throw new HttpRequestException(body);
                        return Newtonsoft.Json.JsonConvert.DeserializeObject<ChatCompletionDto>(body);
                    }

                    async Task<Weather?> NotGateway(HttpResponseMessage response)
                        => Newtonsoft.Json.JsonConvert.DeserializeObject<Weather>(await response.Content.ReadAsStringAsync());
                }
                """);

        // --- Status checks in a helper ---------------------------------------------------------

        [Fact]
        public Task Helper_in_source_that_checks_and_throws_is_the_check()
            => Analyze("""
                static class ResponseChecks
                {
                    public static async Task CheckResponseAsync(this HttpResponseMessage response)
                    {
                        if (!response.IsSuccessStatusCode)
                        {
                            var error = await response.Content.ReadAsStringAsync();
                            throw new HttpRequestException($"{(int)response.StatusCode}: {error}");
                        }
                    }

                    public static void EnsureOk(HttpResponseMessage r) => r.EnsureSuccessStatusCode();

                    public static void Verify(HttpResponseMessage r)
                    {
                        if (r.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException("gateway failed");
                    }
                }

                class C
                {
                    async Task<ChatCompletionDto?> Extension(HttpResponseMessage response)
                    {
                        await response.CheckResponseAsync();
                        return await response.Content.ReadFromJsonAsync<ChatCompletionDto>();
                    }

                    async Task<ChatCompletionDto?> Static(HttpResponseMessage response)
                    {
                        ResponseChecks.EnsureOk(response);
                        return await response.Content.ReadFromJsonAsync<ChatCompletionDto>();
                    }

                    async Task<ChatCompletionDto?> AnyName(HttpResponseMessage response)
                    {
                        ResponseChecks.Verify(response);
                        return await response.Content.ReadFromJsonAsync<ChatCompletionDto>();
                    }
                }
                """);

        [Fact]
        public Task Helper_that_does_not_throw_or_checks_another_response_is_no_check()
            => Analyze("""
                static class ResponseChecks
                {
                    public static void LogStatus(this HttpResponseMessage response)
                    {
                        if (!response.IsSuccessStatusCode) Console.Error.WriteLine("failed");
                    }

                    public static void EnsureNothing(HttpResponseMessage response, HttpResponseMessage other)
                    {
                        if (!other.IsSuccessStatusCode) throw new InvalidOperationException();
                    }
                }

                class C
                {
                    async Task<ChatCompletionDto?> Logs(HttpResponseMessage response)
                    {
                        response.LogStatus();
                        return await {|CG0007:response.Content.ReadFromJsonAsync<ChatCompletionDto>()|};
                    }

                    async Task<ChatCompletionDto?> Other(HttpResponseMessage response, HttpResponseMessage first)
                    {
                        ResponseChecks.EnsureNothing(response, first);
                        return await {|CG0007:response.Content.ReadFromJsonAsync<ChatCompletionDto>()|};
                    }

                    async Task<ChatCompletionDto?> CheckedBefore(HttpResponseMessage response, HttpResponseMessage first)
                    {
                        ResponseChecks.EnsureNothing(first, first);
                        return await {|CG0007:response.Content.ReadFromJsonAsync<ChatCompletionDto>()|};
                    }
                }
                """);

        [Fact]
        public Task Helper_from_a_library_is_a_check_by_its_name()
        {
            // Compiled to metadata, as a NuGet helper is: its body is not in source, so its name speaks for it.
            var library = MetadataLibrary.Compile("Gateway.Helpers", """
                namespace Gateway.Helpers
                {
                    public static class Responses
                    {
                        public static void EnsureGatewaySuccess(this System.Net.Http.HttpResponseMessage response) => response.EnsureSuccessStatusCode();
                        public static void Describe(this System.Net.Http.HttpResponseMessage response) { }
                    }
                }
                """);
            var test = Verify<BodyReadWithoutStatusCheckAnalyzer, BodyReadWithoutStatusCheckFixer>.Create("using Gateway.Helpers;\n" + Usings + """
                class C
                {
                    async Task<ChatCompletionDto?> Named(HttpResponseMessage response)
                    {
                        response.EnsureGatewaySuccess();
                        return await response.Content.ReadFromJsonAsync<ChatCompletionDto>();
                    }

                    async Task<ChatCompletionDto?> Unnamed(HttpResponseMessage response)
                    {
                        response.Describe();
                        return await {|CG0007:response.Content.ReadFromJsonAsync<ChatCompletionDto>()|};
                    }
                }
                """);
            test.TestState.AdditionalReferences.Add(library);
            return test.RunAsync(System.Threading.CancellationToken.None);
        }

        // --- Read forms ---------------------------------------------------------------------

        [Fact]
        public Task ReadFromJsonAsync_into_a_gateway_dto()
            => Analyze("""
                class C
                {
                    async Task<ChatCompletionDto?> M(HttpResponseMessage response)
                        => await {|CG0007:response.Content.ReadFromJsonAsync<ChatCompletionDto>()|};
                }
                """);

        [Fact]
        public Task ReadFromJsonAsync_after_posting_to_chat_completions()
            => Analyze("""
                class C
                {
                    async Task<JsonElement> M(HttpClient http, string model)
                    {
                        using var response = await http.PostAsJsonAsync("chat/completions", new { model, messages = new[] { new { role = "user", content = "hi" } } });
                        return await {|CG0007:response.Content.ReadFromJsonAsync<JsonElement>()|};
                    }
                }
                """);

        [Fact]
        public Task ReadAsStringAsync_parsed_with_JsonDocument_on_a_bearer_request()
            => Analyze("""
                class C
                {
                    async Task<string?> M(HttpClient http, HttpRequestMessage request, string key)
                    {
                        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
                        using var response = await http.SendAsync(request);
                        var body = await {|CG0007:response.Content.ReadAsStringAsync()|};
                        using var doc = JsonDocument.Parse(body);
                        return doc.RootElement.GetProperty("id").GetString();
                    }
                }
                """);

        [Fact]
        public Task ReadAsStringAsync_passed_straight_to_JsonSerializer()
            => Analyze("""
                class C
                {
                    async Task<ChatCompletionDto?> M(HttpResponseMessage response)
                        => JsonSerializer.Deserialize<ChatCompletionDto>(await {|CG0007:response.Content.ReadAsStringAsync()|});
                }
                """);

        [Fact]
        public Task ReadAsStreamAsync_from_the_responses_endpoint()
            => Analyze("""
                class C
                {
                    async Task<JsonDocument> M(HttpClient http, HttpContent body)
                    {
                        var response = await http.PostAsync("https://api.cometapi.com/v1/responses", body);
                        var stream = await {|CG0007:response.Content.ReadAsStreamAsync()|};
                        return await JsonDocument.ParseAsync(stream);
                    }
                }
                """);

        [Fact]
        public Task Content_through_a_local()
            => Analyze("""
                class C
                {
                    async Task<ChatCompletionDto?> M(HttpResponseMessage response)
                    {
                        var content = response.Content;
                        return await {|CG0007:content.ReadFromJsonAsync<ChatCompletionDto>()|};
                    }
                }
                """);

        [Fact]
        public Task Bearer_default_header_and_json_literal_body_are_gateway_evidence()
            => Analyze("""
                class C
                {
                    async Task<JsonElement> A(HttpClient http, string key, Uri endpoint)
                    {
                        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
                        using var response = await http.GetAsync(endpoint);
                        return await {|CG0007:response.Content.ReadFromJsonAsync<JsonElement>()|};
                    }

                    async Task<JsonElement> B(HttpClient http, Uri endpoint)
                    {
                        using var content = new StringContent("{\"model\":\"m\",\"input\":\"hi\"}");
                        using var response = await http.PostAsync(endpoint, content);
                        var bytes = await {|CG0007:response.Content.ReadAsByteArrayAsync()|};
                        return JsonSerializer.Deserialize<JsonElement>(bytes);
                    }

                    async Task D(HttpResponseMessage response)
                    {
                        await foreach (var chunk in {|CG0007:response.Content.ReadFromJsonAsAsyncEnumerable<ChatCompletionDto>()|})
                        {
                            Console.WriteLine(chunk?.Id);
                        }
                    }
                }
                """);

        // --- Checks that are not guards -----------------------------------------------------

        [Fact]
        public Task Status_check_in_a_sibling_branch_still_reports()
            => Analyze("""
                class C
                {
                    async Task<ChatCompletionDto?> M(HttpResponseMessage response, bool strict)
                    {
                        if (strict)
                        {
                            if (!response.IsSuccessStatusCode) return null;
                        }

                        return await {|CG0007:response.Content.ReadFromJsonAsync<ChatCompletionDto>()|};
                    }
                }
                """);

        [Fact]
        public Task Status_check_whose_branches_merge_still_reports()
            => Analyze("""
                class C
                {
                    async Task<ChatCompletionDto?> M(HttpResponseMessage response)
                    {
                        if (response.StatusCode == HttpStatusCode.TooManyRequests) Console.WriteLine("rate limited");
                        return await {|CG0007:response.Content.ReadFromJsonAsync<ChatCompletionDto>()|};
                    }
                }
                """);

        [Fact]
        public Task Status_check_of_another_response_still_reports()
            => Analyze("""
                class C
                {
                    async Task<ChatCompletionDto?> M(HttpResponseMessage response, HttpResponseMessage probe)
                    {
                        probe.EnsureSuccessStatusCode();
                        return await {|CG0007:response.Content.ReadFromJsonAsync<ChatCompletionDto>()|};
                    }
                }
                """);

        [Fact]
        public Task Check_after_the_read_still_reports()
            => Analyze("""
                class C
                {
                    async Task<ChatCompletionDto?> M(HttpResponseMessage response)
                    {
                        var dto = await {|CG0007:response.Content.ReadFromJsonAsync<ChatCompletionDto>()|};
                        response.EnsureSuccessStatusCode();
                        return dto;
                    }
                }
                """);

        // --- Guards -------------------------------------------------------------------------

        [Fact]
        public Task Guarded_by_EnsureSuccessStatusCode()
            => Analyze("""
                class C
                {
                    async Task<ChatCompletionDto?> A(HttpResponseMessage response)
                    {
                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadFromJsonAsync<ChatCompletionDto>();
                    }

                    async Task<ChatCompletionDto?> B(HttpClient http, object body)
                        => await (await http.PostAsJsonAsync("chat/completions", body)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<ChatCompletionDto>();

                    async Task<ChatCompletionDto?> D(HttpClient http, object body)
                    {
                        using var response = (await http.PostAsJsonAsync("chat/completions", body)).EnsureSuccessStatusCode();
                        return await response.Content.ReadFromJsonAsync<ChatCompletionDto>();
                    }
                }
                """);

        [Fact]
        public Task Guarded_by_an_earlier_statement_of_an_enclosing_block()
            => Analyze("""
                class C
                {
                    async Task<List<ChatCompletionDto?>> A(HttpResponseMessage response, int times)
                    {
                        var results = new List<ChatCompletionDto?>();
                        response.EnsureSuccessStatusCode();
                        for (var i = 0; i < times; i++)
                        {
                            try
                            {
                                results.Add(await response.Content.ReadFromJsonAsync<ChatCompletionDto>());
                            }
                            catch (JsonException)
                            {
                            }
                        }

                        return results;
                    }

                    async Task<ChatCompletionDto?> B(HttpResponseMessage response)
                    {
                        var checkedResponse = response.EnsureSuccessStatusCode();
                        return await checkedResponse.Content.ReadFromJsonAsync<ChatCompletionDto>();
                    }
                }
                """);

        [Fact]
        public Task Yield_return_after_a_status_check_is_not_an_early_exit()
            => Analyze("""
                class C
                {
                    async IAsyncEnumerable<ChatCompletionDto?> Pages(HttpResponseMessage response)
                    {
                        if (!response.IsSuccessStatusCode) yield return null;
                        yield return await {|CG0007:response.Content.ReadFromJsonAsync<ChatCompletionDto>()|};
                    }

                    async IAsyncEnumerable<ChatCompletionDto?> Stops(HttpResponseMessage response)
                    {
                        if (!response.IsSuccessStatusCode) yield break;
                        yield return await response.Content.ReadFromJsonAsync<ChatCompletionDto>();
                    }
                }
                """);

        [Fact]
        public Task A_goto_past_the_check_still_reports()
            => Analyze("""
                class C
                {
                    async Task<ChatCompletionDto?> A(HttpResponseMessage response, bool cached)
                    {
                        if (cached) goto Read;
                        response.EnsureSuccessStatusCode();
                    Read:
                        return await {|CG0007:response.Content.ReadFromJsonAsync<ChatCompletionDto>()|};
                    }

                    async Task<ChatCompletionDto?> B(HttpResponseMessage response, bool cached)
                    {
                        if (cached) goto Read;
                        response.EnsureSuccessStatusCode();
                    Read:
                        Console.WriteLine("reading");
                        var dto = await {|CG0007:response.Content.ReadFromJsonAsync<ChatCompletionDto>()|};
                        return dto;
                    }
                }
                """);

        [Fact]
        public Task Early_exit_on_a_compound_condition_past_a_label_or_on_another_response_still_reports()
            => Analyze("""
                class C
                {
                    async Task<ChatCompletionDto?> A(HttpResponseMessage response, bool strict)
                    {
                        if (!response.IsSuccessStatusCode && strict) return null;
                        return await {|CG0007:response.Content.ReadFromJsonAsync<ChatCompletionDto>()|};
                    }

                    async Task<ChatCompletionDto?> B(HttpResponseMessage response, bool cached)
                    {
                        if (cached) goto Read;
                        if (!response.IsSuccessStatusCode) { return null; }
                    Read:
                        return await {|CG0007:response.Content.ReadFromJsonAsync<ChatCompletionDto>()|};
                    }

                    async Task<ChatCompletionDto?> D(HttpResponseMessage response, HttpResponseMessage probe)
                    {
                        if (!probe.IsSuccessStatusCode) throw new HttpRequestException("probe failed");
                        return await {|CG0007:response.Content.ReadFromJsonAsync<ChatCompletionDto>()|};
                    }

                    async Task<ChatCompletionDto?> E(HttpResponseMessage response)
                    {
                        if (response.StatusCode == HttpStatusCode.TooManyRequests) { Console.WriteLine("rate limited"); }
                        return await {|CG0007:response.Content.ReadFromJsonAsync<ChatCompletionDto>()|};
                    }
                }
                """);

        [Fact]
        public Task Early_exits_on_the_status_are_guards()
            => Analyze("""
                class C
                {
                    async Task<ChatCompletionDto?> A(HttpResponseMessage response)
                    {
                        if (!response.IsSuccessStatusCode)
                        {
                            Console.WriteLine("gateway said " + (int)response.StatusCode);
                            return null;
                        }

                        return await response.Content.ReadFromJsonAsync<ChatCompletionDto>();
                    }

                    async Task<ChatCompletionDto?> B(HttpResponseMessage response)
                    {
                        if ((int)response.StatusCode >= 400) throw new HttpRequestException("failed");
                        var dto = await response.Content.ReadFromJsonAsync<ChatCompletionDto>();
                        return dto;
                    }

                    async Task<ChatCompletionDto?> D(HttpResponseMessage response, bool strict)
                    {
                        if (!response.IsSuccessStatusCode || strict) return null;
                        return await response.Content.ReadFromJsonAsync<ChatCompletionDto>();
                    }
                }
                """);

        [Fact]
        public Task A_check_in_a_lambda_or_a_skipped_try_is_not_a_check()
            => Analyze("""
                class C
                {
                    async Task<ChatCompletionDto?> A(HttpResponseMessage response)
                    {
                        Action check = () => response.EnsureSuccessStatusCode();
                        return await {|CG0007:response.Content.ReadFromJsonAsync<ChatCompletionDto>()|};
                    }

                    async Task<ChatCompletionDto?> B(HttpResponseMessage response)
                    {
                        try
                        {
                            response.EnsureSuccessStatusCode();
                        }
                        catch (HttpRequestException)
                        {
                        }

                        return await {|CG0007:response.Content.ReadFromJsonAsync<ChatCompletionDto>()|};
                    }
                }
                """);

        [Fact]
        public Task Guarded_by_IsSuccessStatusCode()
            => Analyze("""
                class C
                {
                    async Task<ChatCompletionDto?> A(HttpResponseMessage response)
                    {
                        if (!response.IsSuccessStatusCode) throw new HttpRequestException("gateway said " + (int)response.StatusCode);
                        return await response.Content.ReadFromJsonAsync<ChatCompletionDto>();
                    }

                    async Task<ChatCompletionDto?> B(HttpResponseMessage response)
                        => response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<ChatCompletionDto>() : null;

                    async Task<ChatCompletionDto?> D(HttpResponseMessage response)
                    {
                        var ok = response.IsSuccessStatusCode;
                        if (!ok) return null;
                        return await response.Content.ReadFromJsonAsync<ChatCompletionDto>();
                    }

                    async Task<ChatCompletionDto?> E(HttpResponseMessage response)
                    {
                        if (response is { IsSuccessStatusCode: false }) return null;
                        return await response.Content.ReadFromJsonAsync<ChatCompletionDto>();
                    }
                }
                """);

        [Fact]
        public Task Guarded_by_StatusCode_comparisons_and_switch()
            => Analyze("""
                class C
                {
                    async Task<ChatCompletionDto?> A(HttpResponseMessage response)
                    {
                        if (response.StatusCode != HttpStatusCode.OK) return null;
                        return await response.Content.ReadFromJsonAsync<ChatCompletionDto>();
                    }

                    async Task<ChatCompletionDto?> B(HttpResponseMessage response)
                    {
                        if ((int)response.StatusCode >= 400) return null;
                        return await response.Content.ReadFromJsonAsync<ChatCompletionDto>();
                    }

                    async Task<ChatCompletionDto?> D(HttpResponseMessage response)
                    {
                        switch (response.StatusCode)
                        {
                            case HttpStatusCode.OK: return await response.Content.ReadFromJsonAsync<ChatCompletionDto>();
                            default: return null;
                        }
                    }

                    async Task<ChatCompletionDto?> E(HttpResponseMessage response)
                        => response.StatusCode switch
                        {
                            HttpStatusCode.OK => await response.Content.ReadFromJsonAsync<ChatCompletionDto>(),
                            _ => null,
                        };
                }
                """);

        [Fact]
        public Task Error_envelope_read_after_a_failed_status_is_fine()
            => Analyze("""
                class C
                {
                    async Task<ChatCompletionDto?> M(HttpResponseMessage response)
                    {
                        if (!response.IsSuccessStatusCode)
                        {
                            var error = await response.Content.ReadFromJsonAsync<ErrorEnvelope>();
                            throw new HttpRequestException(error?.Message);
                        }

                        return await response.Content.ReadFromJsonAsync<ChatCompletionDto>();
                    }
                }
                """);

        // --- Not gateway reads --------------------------------------------------------------

        [Fact]
        public Task Text_read_for_a_log_line_is_not_a_parse()
            => Analyze("""
                class C
                {
                    async Task M(HttpClient http, string model)
                    {
                        using var response = await http.PostAsJsonAsync("chat/completions", new { model, messages = Array.Empty<object>() });
                        var text = await response.Content.ReadAsStringAsync();
                        Console.WriteLine(text.Length);
                    }
                }
                """);

        [Fact]
        public Task Non_gateway_api_is_not_reported()
            => Analyze("""
                class C
                {
                    async Task<Weather?> M(HttpClient http)
                    {
                        using var response = await http.GetAsync("https://weather.example/forecast?city=Oslo");
                        return await response.Content.ReadFromJsonAsync<Weather>();
                    }
                }
                """);

        [Fact]
        public Task GetFromJsonAsync_checks_the_status_itself_and_request_content_is_not_a_response()
            => Analyze("""
                class C
                {
                    async Task<ChatCompletionDto?> A(HttpClient http) => await http.GetFromJsonAsync<ChatCompletionDto>("chat/completions");

                    async Task<string> B(HttpRequestMessage request, string key)
                    {
                        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
                        var body = await request.Content!.ReadAsStringAsync();
                        using var doc = JsonDocument.Parse(body);
                        return doc.RootElement.GetRawText();
                    }
                }
                """);
    }
}
