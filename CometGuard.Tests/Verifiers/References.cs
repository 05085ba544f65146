using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace CometGuard.Tests.Verifiers
{
    /// <summary>
    /// What test sources compile against: the real packages, as NuGet and the SDK resolved them for the
    /// reference-set projects in <c>CometGuard.Tests.References/</c> when this project was built. Each set is a
    /// project with those package references, so a test compiles exactly as a user's project with them does,
    /// and nothing is resolved or downloaded while the tests run.
    /// </summary>
    /// <remarks>
    /// Not <c>ReferenceAssemblies.AddPackages</c>: on a case-sensitive file system it drops, silently, every
    /// package it downloads from a feed whose metadata spells package ids in lower case (it extracts
    /// <c>OpenAI.2.15.0/</c> and then looks for <c>openai.2.15.0/</c>), so the first run on an empty temp folder
    /// compiled without them. <c>docs/testing.md</c> shows the trace.
    /// </remarks>
    internal static class References
    {
        private static readonly Lazy<ImmutableArray<MetadataReference>> s_gateway = new(() => Load("Gateway"));
        private static readonly Lazy<ImmutableArray<MetadataReference>> s_gatewayTests = new(() => Load("GatewayTests"));
        private static readonly Lazy<ImmutableArray<MetadataReference>> s_openAIOnly = new(() => Load("OpenAIOnly"));
        private static readonly Lazy<ImmutableArray<MetadataReference>> s_bench = new(() => Load("Bench"));
        private static readonly Lazy<ImmutableArray<MetadataReference>> s_samples = new(() => Load("Samples"));

        /// <summary>For the testing library: no framework and no packages of its own; the sets carry both.</summary>
        public static ReferenceAssemblies None { get; } = new ReferenceAssemblies("net8.0");

        /// <summary>The gateway client packages every rule test compiles against, on net8.0.</summary>
        public static ImmutableArray<MetadataReference> Gateway => s_gateway.Value;

        /// <summary>The gateway set plus xunit, for code written inside test methods.</summary>
        public static ImmutableArray<MetadataReference> GatewayTests => s_gatewayTests.Value;

        /// <summary>Only the OpenAI SDK: a console tool's references, with no logging pipeline and no retry library.</summary>
        public static ImmutableArray<MetadataReference> OpenAIOnly => s_openAIOnly.Value;

        /// <summary>What the benchmark generator's project compiles against: its framework and its packages.</summary>
        public static ImmutableArray<MetadataReference> Bench => s_bench.Value;

        /// <summary>What samples/GatewayClient and its fixed twin compile against (CometGuard.Probe aside: <see cref="Annotations"/>).</summary>
        public static ImmutableArray<MetadataReference> Samples => s_samples.Value;

        /// <summary>CometGuard.Probe, for the <c>[ApiKey]</c> and <c>[ModelId]</c> annotations.</summary>
        public static MetadataReference Annotations { get; } = MetadataReference.CreateFromFile(typeof(CometGuard.Annotations.ApiKeyAttribute).Assembly.Location);

        /// <summary>The gateway set with the annotations, for compilations built by hand.</summary>
        public static ImmutableArray<MetadataReference> GatewayWithAnnotations => Gateway.Add(Annotations);

        private static ImmutableArray<MetadataReference> Load(string set)
        {
            var list = Path.Combine(AppContext.BaseDirectory, "reference-sets", set + ".txt");
            if (!File.Exists(list))
            {
                throw new InvalidOperationException($"The reference set '{set}' is missing ({list}): build CometGuard.Tests (dotnet build CometGuard.sln) before running the tests.");
            }

            var paths = File.ReadAllLines(list).Where(line => line.Length > 0).ToArray();
            var missing = paths.Where(path => !File.Exists(path)).ToArray();
            if (paths.Length == 0 || missing.Length > 0)
            {
                throw new InvalidOperationException($"The reference set '{set}' ({list}) names {missing.Length} of {paths.Length} files that do not exist, first '{missing.FirstOrDefault()}': restore and build again (dotnet build CometGuard.sln).");
            }

            return paths.Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)).ToImmutableArray();
        }
    }
}
