using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CometGuard.Probe.Cli;
using CometGuard.Tests.Probe;

namespace CometGuard.Tests.Cli
{
    /// <summary>One in-process run of <c>cometguard-probe</c> with captured stdout and stderr.</summary>
    internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
    {
        public string[] StderrLines => Stderr.Replace("\r\n", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);

        /// <summary>Runs with only <c>COMETAPI_API_KEY</c> set to the distinctive fake key.</summary>
        public static Task<CliRun> RunAsync(params string[] args)
            => RunAsync(KeyOnly, args);

        public static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            return await RunAsync(environment, timeout.Token, args);
        }

        public static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string?> environment, CancellationToken cancellationToken, params string[] args)
        {
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            var exitCode = await CliApp.RunAsync(args, stdout, stderr, name => environment.TryGetValue(name, out var value) ? value : null, cancellationToken);
            return new CliRun(exitCode, stdout.ToString(), stderr.ToString());
        }

        public static IReadOnlyDictionary<string, string?> KeyOnly => new Dictionary<string, string?> { ["COMETAPI_API_KEY"] = ProbeTestKit.FakeKey };

        /// <summary>Neither output holds the key (whole or its first 16 characters), a key shape or a Bearer header value.</summary>
        public void AssertNoKey()
        {
            AssertNoKey(Stdout);
            AssertNoKey(Stderr);
        }

        public static void AssertNoKey(string output)
        {
            var key = ProbeTestKit.FakeKey;
            Assert.DoesNotContain(key, output, StringComparison.Ordinal);
            Assert.DoesNotContain(key.Substring(0, 16), output, StringComparison.Ordinal);
            Assert.DoesNotMatch(@"sk-[A-Za-z0-9_-]{6,}", output);
            Assert.DoesNotMatch("Bearer (?!\\[key from)", output);
        }
    }
}
