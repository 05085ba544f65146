using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace CometGuard.Bench
{
    /// <summary>Options of one generated project.</summary>
    public sealed class GeneratorOptions
    {
        /// <summary>How many .cs files to write.</summary>
        public int Files { get; set; } = 1500;

        /// <summary>Share of files that are gateway client code, in percent (0: a project with no gateway SDK and no HttpClient use).</summary>
        public int GatewayPercent { get; set; } = 4;

        public int Seed { get; set; } = 20261125;
    }

    /// <summary>One generated file.</summary>
    public sealed record GeneratedFile(string Path, string Text);

    /// <summary>
    /// Writes a realistic business project with a few percent of gateway client code in every style
    /// the CometGuard rules cover, and plants known problems for each rule (recorded in a manifest).
    /// </summary>
    public static class Generator
    {
        /// <summary>Package versions the generated project references: the versions served to this repository.</summary>
        public static readonly IReadOnlyList<(string Id, string Version)> Packages = new[]
        {
            ("OpenAI", "2.15.0"),
            ("Polly", "8.9.1"),
            ("Microsoft.Extensions.Http.Resilience", "10.11.0"),
            ("Microsoft.Extensions.AI", "10.11.0"),
            ("Microsoft.Extensions.AI.OpenAI", "10.11.0"),
            ("Microsoft.Extensions.Logging.Abstractions", "10.0.13"),
            ("Microsoft.Extensions.Configuration.Abstractions", "10.0.13"),
            ("Microsoft.Extensions.Http.Polly", "10.0.13"),
            ("Polly.Contrib.WaitAndRetry", "1.1.1"),
        };

        /// <summary>Generates the sources in memory (the crash sweep uses this).</summary>
        public static (IReadOnlyList<GeneratedFile> Files, IReadOnlyList<Plant> Plants) Generate(GeneratorOptions options)
        {
            var random = new Random(options.Seed);
            var files = new List<GeneratedFile>();
            var plants = new List<Plant>();
            var gateway = options.GatewayPercent <= 0
                ? 0
                : Math.Min(options.Files / 2, Math.Max(GatewayStyles.Count, (int)Math.Round(options.Files * options.GatewayPercent / 100.0)));
            var plain = options.GatewayPercent <= 0;

            // Spread gateway files evenly through the project, as in a real code base.
            var gatewayAt = new HashSet<int>();
            for (var g = 0; g < gateway; g++)
            {
                gatewayAt.Add((int)((long)g * options.Files / Math.Max(gateway, 1)));
            }

            var gatewayIndex = 0;
            for (var i = 0; i < options.Files; i++)
            {
                CodeWriter writer;
                string path;
                if (gatewayAt.Contains(i))
                {
                    var style = GatewayStyles.All[gatewayIndex % GatewayStyles.Count];
                    path = "Gateway/" + style.Name + "/" + style.Name + "Client" + gatewayIndex.ToString("D3", System.Globalization.CultureInfo.InvariantCulture) + ".cs";
                    writer = new CodeWriter(path);
                    style.Write(writer, new GatewayContext(random, gatewayIndex));
                    gatewayIndex++;
                }
                else
                {
                    var domain = Business.Domains[i % Business.Domains.Length];
                    var kind = Business.Kind(random, plain);
                    path = domain + "/" + kind + "/" + domain + kind + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) + ".cs";
                    writer = new CodeWriter(path);
                    Business.Write(writer, kind, domain, i, random);
                }

                files.Add(new GeneratedFile(path, writer.ToString()));
                plants.AddRange(writer.Plants);
            }

            // The service's settings files (AdditionalFiles: what CG0012 reads), beside its code.
            for (var i = 0; gateway > 0 && i < Settings.CountFor(options.Files); i++)
            {
                var path = "Configuration/appsettings.Service" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture) + ".json";
                var writer = new CodeWriter(path);
                Settings.Write(writer, random, i);
                files.Add(new GeneratedFile(path, writer.ToString()));
                plants.AddRange(writer.Plants);
            }

            return (files, plants);
        }

        /// <summary>True for the generated C# sources; the rest are settings files, which a build sees as AdditionalFiles.</summary>
        public static bool IsSource(GeneratedFile file) => file.Path.EndsWith(".cs", StringComparison.Ordinal);

        /// <summary>Writes the project to <paramref name="directory"/>: sources, csproj, isolation props, manifest.</summary>
        public static void WriteProject(string directory, GeneratorOptions options)
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            Directory.CreateDirectory(directory);
            var (files, plants) = Generate(options);
            foreach (var file in files)
            {
                var full = Path.Combine(directory, file.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllText(full, file.Text);
            }

            // The project lives under the repository: stop MSBuild from importing the repository's
            // props, targets and central package versions.
            File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />\n");
            File.WriteAllText(Path.Combine(directory, "Directory.Build.targets"), "<Project />\n");
            File.WriteAllText(Path.Combine(directory, "Directory.Packages.props"), "<Project>\n  <PropertyGroup>\n    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>\n  </PropertyGroup>\n</Project>\n");
            File.WriteAllText(Path.Combine(directory, ".editorconfig"), "root = true\n");

            // CG0002 and CG0012 are errors by default; the benchmark wants a full build (emit included) in every configuration.
            // A service: its stdout is collected as logs, so it opts the console in.
            File.WriteAllText(Path.Combine(directory, ".globalconfig"), "is_global = true\ndotnet_diagnostic.CG0002.severity = warning\ndotnet_diagnostic.CG0012.severity = warning\ncometguard.console_is_log = true\n");
            File.WriteAllText(Path.Combine(directory, "Contoso.Bench.csproj"), Project(plain: options.GatewayPercent <= 0));

            var manifest = new Manifest(
                options.Files,
                files.Where(IsSource).Sum(f => f.Text.Count(c => c == '\n')),
                options.GatewayPercent,
                options.Seed,
                plants.Select(p => new ManifestPlant(p.Id, p.File, p.StartLine, p.EndLine, p.What, p.Also)).ToList());
            File.WriteAllText(Path.Combine(directory, "planted.json"), JsonSerializer.Serialize(manifest, new JsonSerializerOptions { WriteIndented = true }));
        }

        private static string Project(bool plain)
        {
            var references = plain
                ? string.Empty
                : "  <ItemGroup>\n" + string.Concat(Packages.Select(p => "    <PackageReference Include=\"" + p.Id + "\" Version=\"" + p.Version + "\" />\n")) + "  </ItemGroup>\n";
            return "<Project Sdk=\"Microsoft.NET.Sdk\">\n"
                + "  <PropertyGroup>\n"
                + "    <TargetFramework>net10.0</TargetFramework>\n"
                + "    <OutputType>Library</OutputType>\n"
                + "    <Nullable>enable</Nullable>\n"
                + "    <ImplicitUsings>disable</ImplicitUsings>\n"
                + "    <LangVersion>latest</LangVersion>\n"
                + "    <RootNamespace>Contoso</RootNamespace>\n"
                + "    <GenerateDocumentationFile>false</GenerateDocumentationFile>\n"
                + "    <TreatWarningsAsErrors>false</TreatWarningsAsErrors>\n"
                + "    <NoWarn>$(NoWarn);OPENAI001;MEAI001;NU1603;CS1591</NoWarn>\n"
                + "  </PropertyGroup>\n"
                + references
                + (plain ? string.Empty : "  <ItemGroup>\n    <AdditionalFiles Include=\"Configuration/*.json\" />\n  </ItemGroup>\n")
                + "  <ItemGroup Condition=\"'$(CometGuard)' == 'true'\">\n"
                + "    <Analyzer Include=\"$(CometGuardAnalyzer)\" />\n"
                + "  </ItemGroup>\n"
                + "</Project>\n";
        }
    }

    /// <summary>The manifest of planted problems, written as planted.json.</summary>
    public sealed record Manifest(int Files, int Lines, int GatewayPercent, int Seed, List<ManifestPlant> Plants);

    public sealed record ManifestPlant(string Id, string File, int StartLine, int EndLine, string What, string[] Also);
}
