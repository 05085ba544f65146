using System.IO;
using System.Linq;
using CometGuard.Probe;
using CometGuard.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace CometGuard.Tests.Probe
{
    /// <summary>The probe reads the contract manifest from a built file's metadata, without loading it.</summary>
    public class ReadManifestTests
    {
        [Fact]
        public void A_built_file_gives_its_reads_per_family_with_their_readers()
        {
            var file = Build(@"
[assembly: System.Reflection.AssemblyMetadata(""CometGuard.ResponseRead"", ""chat_completions|choices[0].message.content|Chat.cs: Chat.Ask"")]
[assembly: System.Reflection.AssemblyMetadata(""CometGuard.ResponseRead"", ""any|usage.total_tokens|Chat.cs: Chat.Ask; Raw.cs: Raw.Ask"")]
[assembly: System.Reflection.AssemblyMetadata(""CometGuard.ResponseRead"", ""responses|output[0].content[0].text|Answers.cs: Answers.Read"")]
[assembly: System.Reflection.AssemblyMetadata(""RepositoryUrl"", ""https://example.com/app"")]");
            try
            {
                var manifest = ReadManifest.FromFile(file);

                Assert.Equal(new[] { "choices[0].message.content", "usage.total_tokens" }, manifest.PathsFor(EndpointFamily.ChatCompletions));
                Assert.Equal(new[] { "usage.total_tokens", "output[0].content[0].text" }, manifest.PathsFor(EndpointFamily.Responses));
                Assert.Equal(new[] { "Chat.cs: Chat.Ask", "Raw.cs: Raw.Ask" }, manifest.ReadersOf("usage.total_tokens"));
            }
            finally
            {
                File.Delete(file);
            }
        }

        [Fact]
        public void A_file_that_is_not_an_assembly_or_a_broken_entry_is_a_clear_error()
        {
            var text = Path.GetTempFileName();
            File.WriteAllText(text, "not a PE file");
            var broken = Build(@"[assembly: System.Reflection.AssemblyMetadata(""CometGuard.ResponseRead"", ""chat_completions|not a path|X.cs: X.M"")]");
            try
            {
                Assert.ThrowsAny<System.Exception>(() => ReadManifest.FromFile(text));
                var error = Assert.Throws<InvalidDataException>(() => ReadManifest.FromFile(broken));
                Assert.Contains("family|path|readers", error.Message);
            }
            finally
            {
                File.Delete(text);
                File.Delete(broken);
            }
        }

        [Fact]
        public void The_options_check_the_manifest_paths_of_their_family_beside_the_typed_ones()
        {
            var file = Build(@"
[assembly: System.Reflection.AssemblyMetadata(""CometGuard.ResponseRead"", ""chat_completions|choices[0].finish_reason|Chat.cs: Chat.Ask"")]
[assembly: System.Reflection.AssemblyMetadata(""CometGuard.ResponseRead"", ""responses|status|Answers.cs: Answers.Read"")]");
            try
            {
                var options = new SmokeProbeOptions { EndpointFamily = EndpointFamily.ChatCompletions, ReadManifest = ReadManifest.FromFile(file), ApplicationReads = { "id" } };
                Assert.Equal(new[] { "id", "choices[0].finish_reason" }, options.AllApplicationReads());
            }
            finally
            {
                File.Delete(file);
            }
        }

        private static string Build(string source)
        {
            var path = Path.Combine(Path.GetTempPath(), "cometguard-manifest-" + System.Guid.NewGuid().ToString("N") + ".dll");
            var result = CSharpCompilation.Create(Path.GetFileNameWithoutExtension(path), new[] { CSharpSyntaxTree.ParseText(source) }, References.Gateway, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary))
                .Emit(path);
            Assert.True(result.Success, string.Join("\n", result.Diagnostics));
            return path;
        }
    }
}
