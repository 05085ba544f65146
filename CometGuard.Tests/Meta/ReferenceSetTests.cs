using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using CometGuard.Bench;
using CometGuard.Tests.Verifiers;
using Microsoft.CodeAnalysis;

namespace CometGuard.Tests.Meta
{
    /// <summary>The reference sets are what their projects say, and the benchmark's set is the generator's project.</summary>
    public class ReferenceSetTests
    {
        public static TheoryData<string> Sets => new() { "Gateway", "GatewayTests", "OpenAIOnly", "Bench", "Samples" };

        [Theory]
        [MemberData(nameof(Sets))]
        public void Every_package_a_set_names_is_compiled_against(string set)
        {
            var paths = SetReferences(set).Select(r => r.Display!.Replace('\\', '/')).ToList();
            foreach (var (id, version) in PackageReferences(set))
            {
                var folder = "/" + id.ToLowerInvariant() + "/" + version + "/";
                Assert.True(paths.Any(p => p.Contains(folder, StringComparison.Ordinal)), $"{set}: {id} {version} is a package reference of the set but none of its assemblies is compiled against");
            }

            Assert.Contains(paths, p => p.EndsWith("/System.Runtime.dll", StringComparison.Ordinal));
        }

        [Fact]
        public void The_bench_set_is_the_generated_project()
        {
            var project = XDocument.Load(RepositoryPaths.Combine("CometGuard.Tests.References", "Bench", "Bench.csproj"));
            Assert.Equal(ExpectedTargetFramework(), project.Descendants("TargetFramework").Single().Value);
            Assert.Equal(
                Generator.Packages.Select(p => p.Id + " " + p.Version).OrderBy(p => p, StringComparer.Ordinal),
                PackageReferences("Bench").Select(p => p.Id + " " + p.Version).OrderBy(p => p, StringComparer.Ordinal));
        }

        [Theory]
        [InlineData("GatewayClient")]
        [InlineData("GatewayClient.Fixed")]
        public void The_samples_set_is_the_samples_projects(string sample)
        {
            Assert.Equal(
                ReadPackageReferences(RepositoryPaths.Combine("samples", sample, sample + ".csproj")).OrderBy(p => p, StringComparer.Ordinal),
                PackageReferences("Samples").Select(p => p.Id + " " + p.Version).OrderBy(p => p, StringComparer.Ordinal));
        }

        private static string ExpectedTargetFramework()
        {
            var directory = Path.Combine(Path.GetTempPath(), "cometguard-bench-project-" + Guid.NewGuid().ToString("N"));
            try
            {
                Generator.WriteProject(directory, new GeneratorOptions { Files = 2, GatewayPercent = 50, Seed = 1 });
                return XDocument.Load(Path.Combine(directory, "Contoso.Bench.csproj")).Descendants("TargetFramework").Single().Value;
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        private static IReadOnlyList<MetadataReference> SetReferences(string set) => set switch
        {
            "Gateway" => References.Gateway,
            "GatewayTests" => References.GatewayTests,
            "OpenAIOnly" => References.OpenAIOnly,
            "Bench" => References.Bench,
            "Samples" => References.Samples,
            _ => throw new ArgumentOutOfRangeException(nameof(set)),
        };

        private static IEnumerable<string> ReadPackageReferences(string project)
            => Declared(XDocument.Load(project)).Select(p => p.Id + " " + p.Version);

        /// <summary>The set's package references with the version each resolves to in Directory.Packages.props.</summary>
        private static IReadOnlyList<(string Id, string Version)> PackageReferences(string set)
        {
            var project = RepositoryPaths.Combine("CometGuard.Tests.References", set, set + ".csproj");
            var document = XDocument.Load(project);
            var documents = new List<XDocument> { document };
            documents.AddRange(document.Descendants("Import").Select(i => XDocument.Load(Path.Combine(Path.GetDirectoryName(project)!, (string)i.Attribute("Project")!))));
            return documents.SelectMany(Declared).ToList();
        }

        /// <summary>A project file's own package references, versions from VersionOverride or Directory.Packages.props.</summary>
        private static IEnumerable<(string Id, string Version)> Declared(XDocument document)
        {
            var central = XDocument.Load(RepositoryPaths.Combine("Directory.Packages.props")).Descendants("PackageVersion")
                .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!, StringComparer.OrdinalIgnoreCase);
            return document.Descendants("PackageReference")
                .Select(e => ((string)e.Attribute("Include")!, (string?)e.Attribute("VersionOverride") ?? central[(string)e.Attribute("Include")!]));
        }
    }
}
