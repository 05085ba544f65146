using System.Threading;
using System.Threading.Tasks;
using CometGuard.Analyzers.Rules;
using CometGuard.CodeFixes.Rules;
using CometGuard.Tests.Verifiers;

namespace CometGuard.Tests.Rules
{
    public class CredentialOverPlainHttpFixerTests
    {
        private static Task Fix(string source, string fixedSource)
            => Verify<CredentialOverPlainHttpAnalyzer, CredentialOverPlainHttpFixer>.CodeFixAsync(source, fixedSource);

        [Fact]
        public Task Switches_scheme_of_uri_literal()
            => Fix(
                """
                using System;
                using OpenAI;
                class C
                {
                    OpenAIClientOptions M() => new OpenAIClientOptions { Endpoint = new Uri({|CG0009:"http://api.cometapi.com/v1"|}) };
                }
                """,
                """
                using System;
                using OpenAI;
                class C
                {
                    OpenAIClientOptions M() => new OpenAIClientOptions { Endpoint = new Uri("https://api.cometapi.com/v1") };
                }
                """);

        [Fact]
        public Task Switches_scheme_in_verbatim_interpolated_and_concatenated_literals_fix_all()
            => Fix(
                """"
                using System;
                using System.Net.Http;
                using System.Net.Http.Headers;
                class Gateway
                {
                    private const string Host = "gw.corp";
                    private const string Path = "/v1/chat/completions";
                    Gateway(HttpClient http, string key)
                    {
                        http.BaseAddress = new Uri({|CG0009:@"http://api.cometapi.com/"|});
                        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
                    }

                    HttpRequestMessage A() => new HttpRequestMessage(HttpMethod.Post, {|CG0009:$"http://{Host}/v1/responses"|});
                    HttpRequestMessage B() => new HttpRequestMessage(HttpMethod.Post, {|CG0009:"HTTP://gw2.corp" + Path|});
                    HttpRequestMessage R() => new HttpRequestMessage(HttpMethod.Post, {|CG0009:"""http://gw3.corp/v1/responses"""|});
                }
                """",
                """"
                using System;
                using System.Net.Http;
                using System.Net.Http.Headers;
                class Gateway
                {
                    private const string Host = "gw.corp";
                    private const string Path = "/v1/chat/completions";
                    Gateway(HttpClient http, string key)
                    {
                        http.BaseAddress = new Uri(@"https://api.cometapi.com/");
                        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
                    }

                    HttpRequestMessage A() => new HttpRequestMessage(HttpMethod.Post, $"https://{Host}/v1/responses");
                    HttpRequestMessage B() => new HttpRequestMessage(HttpMethod.Post, "HTTPS://gw2.corp" + Path);
                    HttpRequestMessage R() => new HttpRequestMessage(HttpMethod.Post, """https://gw3.corp/v1/responses""");
                }
                """");

        [Fact]
        public Task Fix_all_across_two_documents()
        {
            var test = Verify<CredentialOverPlainHttpAnalyzer, CredentialOverPlainHttpFixer>.Create(
                """
                using System;
                using OpenAI;
                static class Endpoints
                {
                    public static readonly Uri Gateway = new Uri("http://api.cometapi.com/v1");
                    public static OpenAIClientOptions Options() => new OpenAIClientOptions { Endpoint = {|CG0009:Gateway|} };
                }
                """,
                """
                using System;
                using OpenAI;
                static class Endpoints
                {
                    public static readonly Uri Gateway = new Uri("https://api.cometapi.com/v1");
                    public static OpenAIClientOptions Options() => new OpenAIClientOptions { Endpoint = Gateway };
                }
                """);
            test.TestState.Sources.Add(("Second.cs", """
                using System;
                using OpenAI;
                class Factory
                {
                    OpenAIClientOptions A() => new OpenAIClientOptions { Endpoint = new Uri({|CG0009:"http://gw.corp:8080/v1"|}) };
                    OpenAIClientOptions B() => new OpenAIClientOptions { Endpoint = Endpoints.Gateway };
                }
                """));
            test.FixedState.Sources.Add(("Second.cs", """
                using System;
                using OpenAI;
                class Factory
                {
                    OpenAIClientOptions A() => new OpenAIClientOptions { Endpoint = new Uri("https://gw.corp:8080/v1") };
                    OpenAIClientOptions B() => new OpenAIClientOptions { Endpoint = Endpoints.Gateway };
                }
                """));
            return test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task Fixes_the_constant_declared_in_another_document()
        {
            var test = Verify<CredentialOverPlainHttpAnalyzer, CredentialOverPlainHttpFixer>.Create(
                """
                using System;
                using OpenAI;
                class Factory
                {
                    OpenAIClientOptions Options() => new OpenAIClientOptions { Endpoint = {|CG0009:new Uri(Endpoints.Gateway)|} };
                }
                """,
                """
                using System;
                using OpenAI;
                class Factory
                {
                    OpenAIClientOptions Options() => new OpenAIClientOptions { Endpoint = new Uri(Endpoints.Gateway) };
                }
                """);
            test.TestState.Sources.Add(("Endpoints.cs", """
                static class Endpoints
                {
                    public const string Gateway = "http://api.cometapi.com/v1";
                }
                """));
            test.FixedState.Sources.Add(("Endpoints.cs", """
                static class Endpoints
                {
                    public const string Gateway = "https://api.cometapi.com/v1";
                }
                """));
            return test.RunAsync(CancellationToken.None);
        }
    }
}
