using System.Linq;
using CometGuard.Probe;
using Samples.Gateway;
using Xunit;

namespace Samples.ProbeTests
{
    /// <summary>The contract manifest of the fixed sample client: exactly the response fields its code reads.</summary>
    public class ManifestTests
    {
        [Fact]
        public void The_fixed_clients_manifest_is_exactly_the_fields_it_reads()
        {
            var manifest = ReadManifest.From(typeof(ChatService).Assembly);

            Assert.Equal(
                new[]
                {
                    "chat_completions choices[0].finish_reason <- ChatService.cs: ChatService.SummariseAsync",
                    "chat_completions choices[0].message.content <- ChatService.cs: ChatService.SummariseAsync; RawHttpGateway.cs: RawHttpGateway.AskAsync",
                    "chat_completions id <- ChatService.cs: ChatService.SummariseAsync",
                    "chat_completions usage.total_tokens <- ChatService.cs: ChatService.SummariseAsync",
                },
                manifest.Reads.Select(r => r.Family + " " + r.Path + " <- " + string.Join("; ", r.Readers)));
            Assert.Empty(manifest.PathsFor(EndpointFamily.Responses));
        }
    }
}
