using System.Threading.Tasks;
using CometGuard.Analyzers.Rules;
using CometGuard.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;

namespace CometGuard.Tests.Rules
{
    public class LiteralKeyInConfigurationAnalyzerTests
    {
        private const string Source = "class C { }";

        private static Task Analyze(params (string Path, string Text)[] files) => Analyze(null, files);

        private static async Task Analyze(string? globalConfig, params (string Path, string Text)[] files)
        {
            var test = Verify<LiteralKeyInConfigurationAnalyzer, EmptyCodeFixProvider>.Create(Source);
            foreach (var file in files)
            {
                test.TestState.AdditionalFiles.Add(file);
            }

            if (globalConfig is not null)
            {
                test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + globalConfig));
            }

            await test.RunAsync();
        }

        [Fact]
        public Task Keys_in_json_values_at_any_depth_and_in_arrays()
            => Analyze(("/0/appsettings.json", $$"""
                {
                  // The gateway this service calls.
                  "Gateway": {
                    "Endpoint": "https://api.cometapi.com/v1",
                    "ApiKey": "{|CG0012:{{TestKeys.OpenAiProject}}|}",
                  },
                  "Fallbacks": [
                    { "Name": "canary", "Options": { "Secret": "{|CG0012:{{TestKeys.Generic}}|}" } },
                    /* a vendor key needs no credential name */
                    { "Name": "other", "Notes": "rotate {|CG0012:{{TestKeys.Anthropic}}|} monthly" },
                  ],
                }
                """));

        [Fact]
        public Task Launch_profiles_env_files_and_connection_strings()
            => Analyze(
                ("/0/Properties/launchSettings.json", $$"""
                    {
                      "profiles": {
                        "App": {
                          "commandName": "Project",
                          "environmentVariables": {
                            "ASPNETCORE_ENVIRONMENT": "Development",
                            "OPENAI_API_KEY": "{|CG0012:{{TestKeys.OpenAiLegacy}}|}"
                          }
                        }
                      }
                    }
                    """),
                ("/0/.env", $$"""
                    # local settings
                    export COMETAPI_API_KEY="{|CG0012:{{TestKeys.Generic}}|}"
                    GROQ={|CG0012:{{TestKeys.Groq}}|} # the fallback provider
                    COMETAPI_MODEL=gpt-4o-mini
                    """),
                ("/0/appsettings.Production.json", $$"""
                    {
                      "ConnectionStrings": {
                        "openai": "Endpoint=https://contoso.openai.azure.com/;Key={|CG0012:{{TestKeys.Hex(41, 32)}}|}",
                        "cometapi": "Endpoint=https://api.cometapi.com/v1;ApiKey='{|CG0012:{{TestKeys.Generic}}|}';Deployment=chat",
                        "insights": "InstrumentationKey=0b5e4b37-5f1c-4b8e-9a43-2c6c3c1e6f10;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/"
                      }
                    }
                    """));

        [Fact]
        public Task Placeholders_and_high_entropy_values_under_other_names_are_quiet()
            => Analyze(("/0/appsettings.Development.json", """
                {
                  "Gateway": { "ApiKey": "", "Token": "<your-token>", "Secret": "${GATEWAY_SECRET}", "Authorization": "Bearer sk-your-key-here" },
                  "OpenAI": { "ApiKey": "sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "Key": "replace-me-with-a-real-key" },
                  "Build": { "Sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "CommitId": "3f7a1c9e5b2d8f4a6c0e1b3d5f7a9c2e4b6d8f0a" },
                  "ApplicationInsights": { "InstrumentationKey": "0b5e4b37-5f1c-4b8e-9a43-2c6c3c1e6f10" },
                  "Signing": { "PublicKey": "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxKLxoS2tFczGkPLPgizskuemMghRniWaoLcyehkd3qqGElvW/VDL5AaWTg0nLVkjRo9z+40RQzuVaE8AkAFmxZzow3x+VJYKdjykkJ0iT9wCS0DRTXu269V264Vf/3jvredZiKRkgwlL9xNAwxXFg0x/XFw005UWVRIkdgcKWTjpBP2dPwVZ4WWC+9aGVd+Gyn1o0CLelf4rEjGoXbAAEgAqeGUxrcIlbjXfbcmwIDAQAB" },
                  "Cache": { "CacheKey": "profiles:v2:4f9c2a7e1b3d5a8c", "Password": "short" }
                }
                """));

        [Fact]
        public Task Names_of_secrets_and_references_to_them_are_quiet()
            => Analyze(("/0/appsettings.json", """
                {
                  "Headers": [ { "Key": "X-Correlation-Id", "Value": "from-the-gateway" } ],
                  "Identity": { "ClientSecret": "@Microsoft.KeyVault(SecretUri=https://contoso.vault.azure.net/secrets/gateway-key/)" },
                  "Vault": { "OpenAiSecret": "openai-api-key-prod", "ApiKeyFile": "/run/secrets/gateway_api_key" },
                  "Gateway": { "ApiKey": "https://vault.contoso.internal/v1/secret/data/gateway" }
                }
                """));

        [Fact]
        public Task Env_files_with_a_byte_order_mark_and_tabs()
            => Analyze(("/0/.env", "\uFEFFCOMETAPI_API_KEY={|CG0012:" + TestKeys.Generic + "|}\r\nexport\tOPENAI_API_KEY={|CG0012:" + TestKeys.OpenAiLegacy + "|}\r\n"));

        [Fact]
        public Task Only_configuration_files_are_read()
            => Analyze(
                ("/0/data/fixtures.json", $$"""{ "ApiKey": "{{TestKeys.OpenAiProject}}" }"""),
                ("/0/notes.txt", "OPENAI_API_KEY=" + TestKeys.OpenAiLegacy));

        [Fact]
        public Task Files_the_package_marks_are_read_as_json()
            => Analyze(
                "[/0/config/gateway.json]\nbuild_metadata.AdditionalFiles.CometGuardConfiguration = true\n",
                ("/0/config/gateway.json", $$"""{ "Gateway": { "ApiKey": "{|CG0012:{{TestKeys.Generic}}|}" } }"""));

        [Fact]
        public Task Broken_and_oversized_files_are_skipped()
            => Analyze(
                ("/0/appsettings.json", $$"""{ "Gateway": { "ApiKey": "{{TestKeys.OpenAiProject}}" """),
                ("/0/appsettings.Big.json", "{ \"Padding\": \"" + new string('a', 1 << 20) + "\", \"ApiKey\": \"" + TestKeys.Generic + "\" }"),
                ("/0/appsettings.Deep.json", new string('[', 5000) + "\"" + TestKeys.OpenAiProject + "\"" + new string(']', 5000)));

        [Fact]
        public Task Allowed_fingerprints_are_quiet()
            => Analyze(
                "cometguard.allowed_key_fingerprints = " + Fingerprint(TestKeys.Generic) + ", sha256:00000000\n",
                ("/0/appsettings.Test.json", $$"""
                    { "Fixture": { "ApiKey": "{{TestKeys.Generic}}" }, "Other": { "ApiKey": "{|CG0012:{{TestKeys.OpenAiLegacy}}|}" } }
                    """));

        [Fact]
        public async Task Message_shows_prefix_length_and_fingerprint_only()
        {
            var key = TestKeys.OpenAiProject;
            var test = Verify<LiteralKeyInConfigurationAnalyzer, EmptyCodeFixProvider>.Create(Source);
            test.TestState.AdditionalFiles.Add(("/0/appsettings.json", "{\n  \"Gateway\": {\n    \"ApiKey\": \"" + key + "\"\n  }\n}\n"));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("CG0012", Microsoft.CodeAnalysis.DiagnosticSeverity.Error)
                .WithSpan("/0/appsettings.json", 3, 16, 3, 16 + key.Length)
                .WithArguments("'sk-proj-…' (" + key.Length + " chars, " + Fingerprint(key) + ")", "Gateway:ApiKey", "appsettings.json", "Gateway__ApiKey"));
            await test.RunAsync();
        }

        [Fact]
        public Task Escapes_keep_the_location_exact()
        {
            // "\u0073k-…" is the key with its first letter escaped: the span covers the six characters of the escape.
            var key = TestKeys.OpenAiLegacy;
            return Analyze(("/0/appsettings.json", "{ \"Note\": \"a \\\"quoted\\\" {|CG0012:\\u0073" + key.Substring(1) + "|} \" }"));
        }

        private static string Fingerprint(string key)
        {
            var digest = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key));
            return "sha256:" + System.Convert.ToHexString(digest, 0, 4).ToLowerInvariant();
        }
    }
}
