using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CometGuard.Analyzers.Rules;
using CometGuard.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CometGuard.Tests.Rules
{
    /// <summary>DESIGN §2.3: a message identifies a key by prefix, length and fingerprint only.</summary>
    public class LiteralApiKeyMessageTests
    {
        [Fact]
        public async Task Messages_show_a_fingerprint_and_never_any_part_of_the_key()
        {
            var keys = TestKeys.All;
            var source = "using System.ClientModel; using OpenAI; using System.Net.Http; class C { void M(HttpClient h) {\n"
                + string.Join("\n", keys.Select((k, i) => $"_ = new ApiKeyCredential(\"{k}\"); _ = new OpenAIClient(\"Bearer {k}\"); h.DefaultRequestHeaders.Add(\"Authorization\", \"Bearer {k}\"); var s{i} = \"{{\\\"key\\\":\\\"{k}\\\"}}\";"))
                + "\n} }";
            var diagnostics = await AnalyzeAsync(source);

            Assert.True(diagnostics.Length >= keys.Length * 3, "expected every credential position to be reported, got " + diagnostics.Length);
            foreach (var diagnostic in diagnostics)
            {
                var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
                Assert.Matches(@"\(\d+ chars, sha256:[0-9a-f]{8}\)", message);
                foreach (var key in keys)
                {
                    // No run of 6 characters of a key's secret part may appear (the public prefix may).
                    var prefix = new[] { "sk-ant-api03-", "sk-proj-", "sk-svcacct-", "sk-" }.FirstOrDefault(p => key.StartsWith(p, System.StringComparison.Ordinal)) ?? string.Empty;
                    var secretPart = key.Substring(prefix.Length);
                    for (var i = 0; i + 6 <= secretPart.Length; i++)
                    {
                        Assert.DoesNotContain(secretPart.Substring(i, 6), message.Replace("sha256:", string.Empty));
                    }
                }
            }
        }

        [Fact]
        public async Task The_same_key_has_the_same_fingerprint_and_different_keys_differ()
        {
            var a = TestKeys.OpenAiLegacy;
            var b = TestKeys.OpenAiProject;
            var diagnostics = await AnalyzeAsync($"class C {{ string A = \"{a}\"; string A2 = \"{a}\"; string B = \"{b}\"; }}");
            var messages = diagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(d => d.GetMessage()).ToArray();

            Assert.Equal(3, messages.Length);
            Assert.Equal(messages[0], messages[1]);
            Assert.NotEqual(messages[0], messages[2]);
            Assert.Contains("'sk-proj-…' (" + b.Length + " chars", messages[2]);
        }

        private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string source)
        {
            var references = References.Gateway;
            var compilation = CSharpCompilation.Create("Keys", new[] { CSharpSyntaxTree.ParseText(source) }, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            return await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new LiteralApiKeyAnalyzer())).GetAnalyzerDiagnosticsAsync();
        }
    }
}
