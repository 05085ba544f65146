using System.Threading.Tasks;
using CometGuard.Analyzers.Rules;
using CometGuard.CodeFixes.Rules;
using CometGuard.Tests.Verifiers;

namespace CometGuard.Tests.Rules
{
    public class LiteralApiKeyFixerTests
    {
        private static readonly string Key = TestKeys.OpenAiLegacy;
        private static readonly string Generic = TestKeys.Generic;

        private const string Lookup = """Environment.GetEnvironmentVariable("COMETAPI_API_KEY") ?? throw new InvalidOperationException("Set the COMETAPI_API_KEY environment variable to the gateway API key.")""";

        private static Task Fix(string source, string fixedSource, string? editorConfig = null)
            => Verify<LiteralApiKeyAnalyzer, LiteralApiKeyFixer>.CodeFixAsync(source, fixedSource, editorConfig);

        [Fact]
        public Task Replaces_a_key_argument_with_an_environment_lookup()
            => Fix($$"""
                using System;
                using OpenAI;
                class C { OpenAIClient M() => new OpenAIClient({|CG0002:"{{Key}}"|}); }
                """, $$"""
                using System;
                using OpenAI;
                class C { OpenAIClient M() => new OpenAIClient({{Lookup}}); }
                """);

        [Fact]
        public Task Qualifies_System_when_there_is_no_using()
            => Fix($$"""
                using System.ClientModel;
                class C { ApiKeyCredential M() => new ApiKeyCredential({|CG0002:"{{Generic}}"|}); }
                """, """
                using System.ClientModel;
                class C { ApiKeyCredential M() => new ApiKeyCredential(System.Environment.GetEnvironmentVariable("COMETAPI_API_KEY") ?? throw new System.InvalidOperationException("Set the COMETAPI_API_KEY environment variable to the gateway API key.")); }
                """);

        [Fact]
        public Task Keeps_the_Bearer_scheme_of_a_header_value()
            => Fix($$"""
                using System;
                using System.Net.Http;
                class C { void M(HttpClient http) => http.DefaultRequestHeaders.Add("Authorization", {|CG0002:"Bearer {{Generic}}"|}); }
                """, $$"""
                using System;
                using System.Net.Http;
                class C { void M(HttpClient http) => http.DefaultRequestHeaders.Add("Authorization", "Bearer " + ({{Lookup}})); }
                """);

        [Fact]
        public Task Rewrites_a_static_readonly_initialiser_and_honours_the_configured_variable()
            => Fix($$"""
                using System;
                using OpenAI;
                class C
                {
                    private static readonly string Key = "{{Generic}}";
                    OpenAIClient M() => new OpenAIClient({|CG0002:Key|});
                    OpenAIClient N() => new OpenAIClient({|CG0002:Key|});
                }
                """, """
                using System;
                using OpenAI;
                class C
                {
                    private static readonly string Key = Environment.GetEnvironmentVariable("GATEWAY_KEY") ?? throw new InvalidOperationException("Set the GATEWAY_KEY environment variable to the gateway API key.");
                    OpenAIClient M() => new OpenAIClient(Key);
                    OpenAIClient N() => new OpenAIClient(Key);
                }
                """, "cometguard.api_key_variable = GATEWAY_KEY");

        [Fact]
        public Task Parenthesises_inside_a_larger_expression()
            => Fix($$"""
                using System;
                class C { string M() => "prefix:" + {|CG0002:"{{Key}}"|}; }
                """, $$"""
                using System;
                class C { string M() => "prefix:" + ({{Lookup}}); }
                """);

        [Fact]
        public Task Fix_all_rewrites_every_key_in_the_document()
            => Fix($$"""
                using System;
                using System.ClientModel;
                using System.Net.Http.Headers;
                using OpenAI;
                class C
                {
                    OpenAIClient A() => new OpenAIClient({|CG0002:"{{Key}}"|});
                    ApiKeyCredential B() => new ApiKeyCredential({|CG0002:"{{Generic}}"|});
                    AuthenticationHeaderValue D() => new AuthenticationHeaderValue("Bearer", {|CG0002:"{{TestKeys.Random(21, 40)}}"|});
                }
                """, $$"""
                using System;
                using System.ClientModel;
                using System.Net.Http.Headers;
                using OpenAI;
                class C
                {
                    OpenAIClient A() => new OpenAIClient({{Lookup}});
                    ApiKeyCredential B() => new ApiKeyCredential({{Lookup}});
                    AuthenticationHeaderValue D() => new AuthenticationHeaderValue("Bearer", {{Lookup}});
                }
                """);

        [Fact]
        public async Task Fix_all_across_documents_of_a_project()
        {
            var test = Verify<LiteralApiKeyAnalyzer, LiteralApiKeyFixer>.Create($$"""
                using System;
                using OpenAI;
                class A { OpenAIClient M() => new OpenAIClient({|CG0002:"{{Key}}"|}); }
                """, $$"""
                using System;
                using OpenAI;
                class A { OpenAIClient M() => new OpenAIClient({{Lookup}}); }
                """);
            test.TestState.Sources.Add($$"""
                using System;
                using System.ClientModel;
                class B { ApiKeyCredential M() => new ApiKeyCredential({|CG0002:"{{Generic}}"|}); }
                """);
            test.FixedState.Sources.Add($$"""
                using System;
                using System.ClientModel;
                class B { ApiKeyCredential M() => new ApiKeyCredential({{Lookup}}); }
                """);
            await test.RunAsync();
        }

        [Fact]
        public Task No_fix_for_a_const_or_a_key_inside_a_larger_string()
        {
            var source = $$"""
                using OpenAI;
                class C
                {
                    private const string Key = "{{Generic}}";
                    OpenAIClient M() => new OpenAIClient({|CG0002:Key|});
                    string Json => {|CG0002:"{\"key\":\"{{Key}}\"}"|};
                }
                """;
            return Fix(source, source);
        }
    }
}
