using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using System.Xml.Linq;
using CometGuard.Tests.Meta;
using CometGuard.Tests.Verifiers;

namespace CometGuard.Tests.Package
{
    /// <summary>
    /// Packs the one CometGuard package, restores it from a local folder feed into a fresh project
    /// that contains a literal key, and proves that `dotnet build` fails with CG0002 without
    /// printing the key. Slow (a real pack, restore and build): one fixture for the whole class.
    /// </summary>
    public sealed class PackageFixture : PackFixture
    {
        public PackageFixture()
            : base("package")
        {
        }

        public string Package => Path.Combine(Root, "feed", "CometGuard." + Version + ".nupkg");

        public string PackOutput { get; private set; } = string.Empty;

        public override async Task InitializeAsync()
        {
            Directory.CreateDirectory(Root);
            var (exit, output) = await ProcessRunner.RunAsync(
                "dotnet",
                $"pack \"{RepositoryPaths.Combine("CometGuard.Package", "CometGuard.Package.csproj")}\" -c Release -o \"{Path.Combine(Root, "feed")}\" -p:Version={Version}",
                RepositoryPaths.Root,
                TimeSpan.FromMinutes(8));
            PackOutput = output;
            Assert.True(exit == 0, "dotnet pack failed:\n" + output);
        }
    }

    [Collection(PackCollection.Name)]
    public class PackageTests : IClassFixture<PackageFixture>
    {
        private readonly PackageFixture _fixture;

        public PackageTests(PackageFixture fixture)
        {
            _fixture = fixture;
        }

        [Fact]
        public void Package_holds_exactly_the_analyzers_the_fixes_and_the_probe()
        {
            using var zip = ZipFile.OpenRead(_fixture.Package);
            var assemblies = zip.Entries.Select(e => e.FullName).Where(n => n.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)).OrderBy(n => n, StringComparer.Ordinal).ToArray();

            Assert.Equal(
                new[]
                {
                    "analyzers/dotnet/cs/CometGuard.Analyzers.dll",
                    "analyzers/dotnet/cs/CometGuard.CodeFixes.dll",
                    "lib/net8.0/CometGuard.Annotations.dll",
                    "lib/net8.0/CometGuard.Probe.dll",
                    "lib/netstandard2.0/CometGuard.Annotations.dll",
                },
                assemblies);
        }

        [Fact]
        public void Package_dependencies_are_the_probes_and_never_Roslyn()
        {
            using var zip = ZipFile.OpenRead(_fixture.Package);
            using var nuspecStream = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
            var nuspec = XDocument.Load(nuspecStream);
            var dependencies = nuspec.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => (string)e.Attribute("id")!).Distinct().OrderBy(x => x).ToArray();

            var probe = XDocument.Load(RepositoryPaths.Combine("CometGuard.Probe", "Dependencies.props"))
                .Descendants("PackageReference").Select(e => (string)e.Attribute("Include")!).OrderBy(x => x).ToArray();

            Assert.Equal(probe, dependencies);
            Assert.DoesNotContain(dependencies, d => d.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
        }

        /// <summary>A throw-away project that references the package from the fixture's folder feed, isolated from this repository's build settings.</summary>
        private string Consumer(string name, string targetFramework, string outputType)
        {
            var project = Path.Combine(_fixture.Root, name);
            Directory.CreateDirectory(project);
            File.WriteAllText(Path.Combine(project, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{Path.Combine(_fixture.Root, "feed")}" />
                    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
                  </packageSources>
                </configuration>
                """);
            File.WriteAllText(Path.Combine(project, "Directory.Build.props"), "<Project />");
            File.WriteAllText(Path.Combine(project, "Directory.Packages.props"), "<Project />");
            File.WriteAllText(Path.Combine(project, name + ".csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>{targetFramework}</TargetFramework>
                    <OutputType>{outputType}</OutputType>
                    <Nullable>enable</Nullable>
                    <LangVersion>latest</LangVersion>
                    <RestorePackagesPath>{Path.Combine(_fixture.Root, "packages")}</RestorePackagesPath>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="CometGuard" Version="{_fixture.Version}" />
                  </ItemGroup>
                </Project>
                """);
            return project;
        }

        /// <summary>
        /// The README's install commands, as written between its install markers, with the two placeholder paths filled in:
        /// pack into a folder feed under a fresh HOME, point a new project at it, add the package, build. The build fails on
        /// the project's literal key with CG0002, which is what the package is for.
        /// </summary>
        [Fact]
        public async Task The_readme_install_commands_give_a_consumer_CometGuard()
        {
            var readme = File.ReadAllText(RepositoryPaths.Combine("README.md")).Replace("\r\n", "\n");
            var block = Regex.Match(readme, "<!-- install:begin -->\n```bash\n(.*?)```\n<!-- install:end -->", RegexOptions.Singleline);
            Assert.True(block.Success, "README.md has no install block between <!-- install:begin --> and <!-- install:end -->");

            var home = Path.Combine(_fixture.Root, "readme-home");
            var project = Path.Combine(_fixture.Root, "readme-consumer");
            Directory.CreateDirectory(home);
            var (created, creation) = await ProcessRunner.RunAsync("dotnet", $"new console -o \"{project}\"", _fixture.Root, TimeSpan.FromMinutes(3));
            Assert.True(created == 0, creation);
            var key = TestKeys.OpenAiProject;
            File.WriteAllText(Path.Combine(project, "Program.cs"), $$"""
                var http = new System.Net.Http.HttpClient();
                http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "{{key}}");
                """);

            var script = Path.Combine(_fixture.Root, "install.sh");
            File.WriteAllText(script, "set -euo pipefail\n" + block.Groups[1].Value
                .Replace("path/to/CometGuard", "\"" + RepositoryPaths.Root + "\"")
                .Replace("path/to/YourProject", "\"" + project + "\""));

            // A HOME of its own, as on a new machine: the feed and NuGet's user settings start empty. Downloaded packages
            // stay shared (the version is new, so no cached copy can stand in for it).
            var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            var (exit, output) = await ProcessRunner.RunAsync("bash", "\"" + script + "\"", _fixture.Root, TimeSpan.FromMinutes(10), new Dictionary<string, string?>
            {
                ["HOME"] = home,
                ["NUGET_PACKAGES"] = packages,
            });

            Assert.True(Directory.GetFiles(Path.Combine(home, "cometguard-feed"), "CometGuard.0.1.0-local.*.nupkg").Length == 1, "no package in the feed:\n" + output);
            Assert.Matches(new Regex(@"PackageReference for package 'CometGuard' version '0\.1\.0-local\.\d+'"), output);
            Assert.NotEqual(0, exit);
            Assert.Matches(new Regex(@"Program\.cs\(2,\d+\): error CG0002: Literal credential 'sk-proj-…'"), output);
            Assert.DoesNotContain(key, output);

            // The same build with docs/ci.md's SARIF setting: a log that validates against SARIF 2.1.0, names each CometGuard
            // rule that fired with its help link and title, and holds nothing of the key beyond what the message allows.
            var sarif = Path.Combine(_fixture.Root, "readme-consumer.sarif");
            var (_, logged) = await ProcessRunner.RunAsync("dotnet", "build --no-restore -nologo \"-p:ErrorLog=" + sarif + "%2Cversion=2.1\"", project, TimeSpan.FromMinutes(5), new Dictionary<string, string?>
            {
                ["HOME"] = home,
                ["NUGET_PACKAGES"] = packages,
            });
            Assert.True(File.Exists(sarif), "no SARIF log:\n" + logged);
            var log = File.ReadAllText(sarif);
            var schema = await NJsonSchema.JsonSchema.FromJsonAsync(await SarifSchema.FetchAsync(Path.Combine(_fixture.Root, "schema")));
            var violations = schema.Validate(log);
            Assert.True(violations.Count == 0, "SARIF 2.1.0 schema violations:\n" + string.Join("\n", violations.Select(v => v.ToString())));

            using var document = System.Text.Json.JsonDocument.Parse(log);
            var run = document.RootElement.GetProperty("runs")[0];
            var fired = run.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("ruleId").GetString()!).Where(id => id.StartsWith("CG", StringComparison.Ordinal)).Distinct().ToList();
            Assert.Contains("CG0002", fired);
            var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!);
            foreach (var id in fired)
            {
                var descriptor = AnalyzerCatalog.Supported.First(d => d.Id == id);
                Assert.Equal(descriptor.HelpLinkUri, rules[id].GetProperty("helpUri").GetString());
                Assert.Equal(descriptor.Title.ToString(), rules[id].GetProperty("shortDescription").GetProperty("text").GetString());
            }

            Assert.DoesNotContain(key, log);
            Assert.DoesNotContain(key.Substring(8, 24), log);
            Assert.Matches(new Regex(@"'sk-proj-…' \(\d+ chars, sha256:[0-9a-f]{8}\)"), log);
        }

        [Fact]
        public async Task A_literal_key_fails_the_consumers_build_with_CG0002_and_the_key_is_never_printed()
        {
            var key = TestKeys.OpenAiProject;
            var project = Consumer("consumer", "net10.0", "Exe");
            File.WriteAllText(Path.Combine(project, "Program.cs"), $$"""
                using System.Net.Http;
                using System.Net.Http.Headers;
                using CometGuard.Annotations;

                var http = new HttpClient();
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "{{key}}");
                Gateway.Connect("{{key}}");

                static class Gateway
                {
                    public static void Connect([ApiKey] string key) { }
                }
                """);

            var (exit, output) = await ProcessRunner.RunAsync("dotnet", "build -nologo -clp:NoSummary", project, TimeSpan.FromMinutes(5));

            Assert.NotEqual(0, exit);
            Assert.Matches(new Regex(@"Program\.cs\(6,\d+\): error CG0002: Literal credential 'sk-proj-…' \(\d+ chars, sha256:[0-9a-f]{8}\)"), output);
            Assert.Contains("error CG0002", output);
            Assert.DoesNotContain(key, output);
            Assert.DoesNotContain(key.Substring(8, 24), output);

            // The probe's types compiled (no CS0246), and no Roslyn assembly reached the consumer's references.
            Assert.DoesNotContain("CS0246", output);
            var assets = File.ReadAllText(Path.Combine(project, "obj", "project.assets.json"));
            Assert.DoesNotContain("Microsoft.CodeAnalysis", assets);
        }

        [Fact]
        public async Task A_key_in_appsettings_json_fails_the_consumers_build_with_CG0012_at_its_line_and_is_never_printed()
        {
            var key = TestKeys.OpenAiProject;
            var project = Consumer("configured", "net10.0", "Exe");
            File.WriteAllText(Path.Combine(project, "Program.cs"), "System.Console.WriteLine(\"configured\");\n");
            File.WriteAllText(Path.Combine(project, "appsettings.json"), "{\n  // the gateway\n  \"Gateway\": {\n    \"ApiKey\": \"" + key + "\",\n  },\n}\n");
            File.WriteAllText(Path.Combine(project, "appsettings.Development.json"), """
                {
                  "Gateway": { "ApiKey": "<set with dotnet user-secrets>", "Endpoint": "https://api.cometapi.com/v1" },
                  "Build": { "Sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" }
                }
                """);

            var sarif = Path.Combine(project, "build.sarif");
            var (exit, output) = await ProcessRunner.RunAsync("dotnet", "build -nologo -clp:NoSummary \"-p:ErrorLog=" + sarif + "%2Cversion=2.1\"", project, TimeSpan.FromMinutes(5));

            // SARIF, the surface code scanning reads, points at the same file and line, and holds no key either.
            var log = File.ReadAllText(sarif);
            Assert.Matches(new Regex(@"""ruleId"": ""CG0012"""), log);
            Assert.Matches(new Regex(@"appsettings\.json""[\s\S]*?""startLine"": 4"), log);
            Assert.DoesNotContain(key, log);

            Assert.NotEqual(0, exit);
            Assert.Matches(new Regex(@"appsettings\.json\(4,16\): error CG0012: Literal credential 'sk-proj-…' \(\d+ chars, sha256:[0-9a-f]{8}\) at 'Gateway:ApiKey'"), output);
            Assert.DoesNotContain("appsettings.Development.json(", output);
            Assert.DoesNotContain(key, output);
            Assert.DoesNotContain(key.Substring(8, 24), output);
        }

        [Fact]
        public async Task A_netstandard_library_marks_its_own_key_parameter_and_a_literal_passed_to_it_fails_the_build()
        {
            var key = TestKeys.OpenAiLegacy;
            var project = Consumer("wrapper", "netstandard2.0", "Library");
            File.WriteAllText(Path.Combine(project, "Wrapper.cs"), $$"""
                using CometGuard.Annotations;

                public static class GatewayWrapper
                {
                    public static void Connect([ApiKey] string key) { }

                    public static void Demo() => Connect("{{key}}");
                }
                """);

            var (exit, output) = await ProcessRunner.RunAsync("dotnet", "build -nologo -clp:NoSummary", project, TimeSpan.FromMinutes(5));

            Assert.NotEqual(0, exit);
            Assert.Matches(new Regex(@"Wrapper\.cs\(7,\d+\): error CG0002: Literal credential 'sk-…'"), output);
            Assert.DoesNotContain("CS0246", output);
            Assert.DoesNotContain(key, output);
        }
    }
}
