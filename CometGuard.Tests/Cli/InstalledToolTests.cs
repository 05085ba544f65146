using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using CometGuard.Probe.Cli;
using CometGuard.Tests.Package;
using CometGuard.Tests.Probe;
using CometGuard.Tests.Verifiers;

namespace CometGuard.Tests.Cli
{
    /// <summary>
    /// The README's install path, run as written: <c>dotnet pack</c> the CLI into a folder feed,
    /// <c>dotnet tool install --tool-path … --add-source …</c>, and the installed <c>cometguard-probe</c> run as a
    /// process (its <c>Program.cs</c>, <c>PackAsTool</c> and the real environment, which the in-process CLI tests
    /// never touch). The tool's packages folder is the fixture's own.
    /// </summary>
    public sealed class InstalledToolFixture : PackFixture
    {
        public InstalledToolFixture()
            : base("tool")
        {
        }

        public string Tool => Path.Combine(Root, "tools", OperatingSystem.IsWindows() ? "cometguard-probe.exe" : "cometguard-probe");

        public override async Task InitializeAsync()
        {
            Directory.CreateDirectory(Root);
            var feed = Path.Combine(Root, "nupkgs");
            var environment = new Dictionary<string, string?> { ["NUGET_PACKAGES"] = Path.Combine(Root, "packages") };
            var pack = await ProcessRunner.RunAsync(
                "dotnet",
                $"pack \"{RepositoryPaths.Combine("CometGuard.Probe.Cli", "CometGuard.Probe.Cli.csproj")}\" -c Release -o \"{feed}\" -p:Version={Version}",
                RepositoryPaths.Root,
                TimeSpan.FromMinutes(8));
            Assert.True(pack.ExitCode == 0, "dotnet pack failed:\n" + pack.Output);

            var install = await ProcessRunner.RunAsync(
                "dotnet",
                $"tool install --tool-path \"{Path.Combine(Root, "tools")}\" --add-source \"{feed}\" --version {Version} CometGuard.Probe.Cli",
                Root,
                TimeSpan.FromMinutes(5),
                environment);
            Assert.True(install.ExitCode == 0, "dotnet tool install failed:\n" + install.Output);
        }

        /// <summary>Runs the installed tool with only the given key variable set (null: unset).</summary>
        internal Task<ProcessResult> RunAsync(string? key, string arguments)
            => ProcessRunner.RunAsync(Tool, arguments, Root, TimeSpan.FromMinutes(2), new Dictionary<string, string?>
            {
                ["COMETAPI_API_KEY"] = key,
                ["COMETAPI_MODEL"] = null,
            });
    }

    [Collection(PackCollection.Name)]
    public sealed class InstalledToolTests : IClassFixture<InstalledToolFixture>
    {
        private readonly InstalledToolFixture _fixture;

        public InstalledToolTests(InstalledToolFixture fixture)
        {
            _fixture = fixture;
        }

        [Fact]
        public async Task Installed_tool_exits_0_on_a_clean_route_and_never_prints_the_key()
        {
            await using var gateway = await ScriptedGateway.StartAsync(Reply.Json(200, ProbeTestKit.ChatCompletion), Reply.Json(400, ProbeTestKit.OpenAiError));

            var run = await _fixture.RunAsync(ProbeTestKit.FakeKey, $"--base-url {gateway.BaseAddress.AbsoluteUri} --endpoint-family chat-completions --model {ProbeTestKit.Model} --environment staging --operator ci --reads id");

            Assert.True(run.ExitCode == ExitCodes.RouteCanary, $"exit {run.ExitCode}:\n{run.Output}");
            Assert.Equal(2, gateway.RequestCount);
            Assert.Contains("fallback_decision: ROUTE_CANARY", run.Stdout, StringComparison.Ordinal);
            Assert.Contains("exit code 0 (ROUTE_CANARY)", run.Stderr, StringComparison.Ordinal);
            Assert.All(gateway.Requests, r => Assert.Equal("Bearer " + ProbeTestKit.FakeKey, r.Authorization));
            CliRun.AssertNoKey(run.Output);
        }

        [Fact]
        public async Task Installed_tool_exits_2_with_one_line_when_the_key_variable_is_unset()
        {
            await using var gateway = await ScriptedGateway.StartAsync(Reply.Json(200, ProbeTestKit.ChatCompletion), Reply.Json(400, ProbeTestKit.OpenAiError));

            var run = await _fixture.RunAsync(null, $"--base-url {gateway.BaseAddress.AbsoluteUri} --endpoint-family chat-completions --model {ProbeTestKit.Model}");

            Assert.True(run.ExitCode == ExitCodes.Usage, $"exit {run.ExitCode}:\n{run.Output}");
            Assert.Equal(0, gateway.RequestCount);
            Assert.Equal(string.Empty, run.Stdout);
            var line = Assert.Single(run.StderrLines);
            Assert.StartsWith("error: environment variable COMETAPI_API_KEY is not set", line, StringComparison.Ordinal);
        }
    }
}
