using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace CometGuard.Tests.Verifiers
{
    /// <summary>
    /// The real packages test sources compile against, restored from NuGet at test time. One set
    /// for every rule, so each test reads like a gateway client project that references them all.
    /// </summary>
    internal static class References
    {
        public static ReferenceAssemblies Gateway { get; } = ReferenceAssemblies.Net.Net80.AddPackages(ImmutableArray.Create(
            new PackageIdentity("OpenAI", "2.15.0"),
            new PackageIdentity("System.ClientModel", "1.16.0"),
            new PackageIdentity("Azure.AI.OpenAI", "2.1.0"),
            new PackageIdentity("Azure.Core", "1.44.1"),
            new PackageIdentity("Microsoft.Extensions.Logging.Abstractions", "10.0.10"),
            new PackageIdentity("Microsoft.Extensions.DependencyInjection.Abstractions", "10.0.10"),
            new PackageIdentity("Microsoft.Extensions.Configuration.Abstractions", "10.0.10"),
            new PackageIdentity("Microsoft.Extensions.Options", "10.0.10"),
            new PackageIdentity("Microsoft.Extensions.AI", "10.11.0"),
            new PackageIdentity("Microsoft.Extensions.AI.Abstractions", "10.11.0"),
            new PackageIdentity("Microsoft.Extensions.AI.OpenAI", "10.11.0"),
            new PackageIdentity("Microsoft.SemanticKernel.Abstractions", "1.82.0"),
            new PackageIdentity("Microsoft.SemanticKernel.Core", "1.82.0"),
            new PackageIdentity("Microsoft.SemanticKernel.Connectors.OpenAI", "1.82.0"),
            // Retry libraries (CG0003-CG0005, CG0011): the Polly v7 API, Polly v8 (Polly.Core), the
            // HttpClientFactory integrations of both, and the standard resilience handler.
            new PackageIdentity("Polly", "7.2.4"),
            new PackageIdentity("Polly.Core", "8.4.2"),
            new PackageIdentity("Polly.Extensions.Http", "3.0.0"),
            new PackageIdentity("Microsoft.Extensions.Http.Polly", "8.0.0"),
            new PackageIdentity("Microsoft.Extensions.Http.Resilience", "10.0.0"),
            // The resolver takes the exact lower bound a package names; 8.0.22 is not served, 8.0.24 is.
            new PackageIdentity("Microsoft.Extensions.ObjectPool", "8.0.24")));

        /// <summary>Only the OpenAI SDK: a console tool's references, with no logging pipeline and no retry library.</summary>
        public static ReferenceAssemblies OpenAIOnly { get; } = ReferenceAssemblies.Net.Net80.AddPackages(ImmutableArray.Create(
            new PackageIdentity("OpenAI", "2.15.0"),
            new PackageIdentity("System.ClientModel", "1.16.0")));

        /// <summary>The gateway set plus xunit, for code written inside test methods.</summary>
        public static ReferenceAssemblies GatewayTests { get; } = Gateway.AddPackages(ImmutableArray.Create(
            new PackageIdentity("xunit.assert", "2.9.3"),
            new PackageIdentity("xunit.extensibility.core", "2.9.3")));

        /// <summary>CometGuard.Probe, for the <c>[ApiKey]</c> and <c>[ModelId]</c> annotations.</summary>
        public static MetadataReference Annotations { get; } = MetadataReference.CreateFromFile(typeof(CometGuard.Annotations.ApiKeyAttribute).Assembly.Location);

        /// <summary>What the benchmark generator's project compiles against: the gateway set plus the packages it adds.</summary>
        public static async Task<ImmutableArray<MetadataReference>> BenchProjectAsync()
        {
            // The gateway packages the generated project uses, on top of whatever the rule tests use.
            var wanted = new[]
            {
                new PackageIdentity("Polly", "8.9.1"),
                new PackageIdentity("Polly.Core", "8.9.1"),
                new PackageIdentity("Microsoft.Extensions.Http.Resilience", "10.11.0"),
                new PackageIdentity("Microsoft.Extensions.Resilience", "10.11.0"),
                new PackageIdentity("Microsoft.Extensions.Http", "10.0.13"),
                new PackageIdentity("Microsoft.Extensions.AI", "10.11.0"),
                new PackageIdentity("Microsoft.Extensions.AI.Abstractions", "10.11.0"),
                new PackageIdentity("Microsoft.Extensions.AI.OpenAI", "10.11.0"),
                new PackageIdentity("Microsoft.Extensions.Logging.Abstractions", "10.0.13"),
                new PackageIdentity("Microsoft.Extensions.Configuration.Abstractions", "10.0.13"),
                new PackageIdentity("Microsoft.Extensions.DependencyInjection.Abstractions", "10.0.13"),
            };
            var present = new HashSet<string>(Gateway.Packages.Select(p => p.Id), StringComparer.OrdinalIgnoreCase);
            var assemblies = Gateway.AddPackages(wanted.Where(p => !present.Contains(p.Id)).ToImmutableArray());
            var resolved = await assemblies.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
            return resolved.Add(Annotations);
        }
    }
}
