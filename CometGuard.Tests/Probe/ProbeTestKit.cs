using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using CometGuard.Probe;
using CometGuard.Tests.Verifiers;
using Microsoft.Extensions.Logging;

namespace CometGuard.Tests.Probe
{
    /// <summary>Shared pieces of the probe tests: the fake key, options, documented bodies, leak checks.</summary>
    internal static class ProbeTestKit
    {
        public const string Model = "gpt-5.4";

        /// <summary>
        /// A distinctive fake key with no vendor shape, so only the fingerprint scrub can catch it; built
        /// at run time like every test key.
        /// </summary>
        public static string FakeKey { get; } = "cgprobe" + TestKeys.Random(77, 41);

        public static string ChatCompletion => Read("chat-completion.json");

        public static string ResponseCompleted => Read("response-completed.json");

        public static string OpenAiError => Read("error-openai.json");

        public static string CometApiError => Read("error-cometapi.json");

        /// <summary>The documented chat completion with one change applied.</summary>
        public static string ChatWith(Action<JsonObject> change) => Mutate(ChatCompletion, change);

        /// <summary>The documented response with one change applied.</summary>
        public static string ResponseWith(Action<JsonObject> change) => Mutate(ResponseCompleted, change);

        public static SmokeProbeOptions Options(Uri baseAddress, EndpointFamily family = EndpointFamily.ChatCompletions, string? key = null)
        {
            var secret = key ?? FakeKey;
            var options = new SmokeProbeOptions
            {
                BaseAddress = baseAddress,
                EndpointFamily = family,
                Model = Model,
                ApiKey = SecretSource.FromDelegate(() => secret, "test key"),
                Environment = "loopback",
                Operator = "probe-tests",
                AttemptTimeout = TimeSpan.FromSeconds(5),
                OverallDeadline = TimeSpan.FromSeconds(15),
            };
            options.EvidenceLinks.Add("https://apidoc.cometapi.com/api/text/chat");
            return options;
        }

        public static HttpClient Client() => new(SmokeProbe.CreateHandler()) { Timeout = Timeout.InfiniteTimeSpan };

        /// <summary>Runs the probe with a fresh client and a capturing logger, then checks every output for the key.</summary>
        public static async Task<(SmokeProbeReport Report, CapturingLogger Log)> RunAsync(SmokeProbeOptions options, CancellationToken cancellationToken = default)
        {
            var log = new CapturingLogger();
            options.Logger = log;
            using var client = Client();
            var report = await SmokeProbe.RunAsync(options, client, cancellationToken);
            AssertNoSecrets(report, log);
            return (report, log);
        }

        /// <summary>No rendering, summary, record or log line contains the key, a key shape or Bearer.</summary>
        public static void AssertNoSecrets(SmokeProbeReport report, CapturingLogger? log, string? key = null)
        {
            key ??= FakeKey;
            var outputs = new List<string>
            {
                report.Render(EvidenceFormat.RunbookTemplate),
                report.Render(EvidenceFormat.JsonLines),
                report.Render(EvidenceFormat.Markdown),
                report.Summary,
                report.HappyPath.ToString(),
                report.ErrorPath.ToString(),
            };
            if (log is not null)
            {
                outputs.AddRange(log.Lines);
            }

            try
            {
                SmokeProbeAssert.RouteCanary(report);
            }
            catch (SmokeProbeAssertionException ex)
            {
                outputs.Add(ex.Message);
                outputs.Add(ex.ToString());
            }

            foreach (var output in outputs)
            {
                Assert.DoesNotContain(key, output, StringComparison.Ordinal);
                Assert.DoesNotContain(key.Substring(0, 16), output, StringComparison.Ordinal);
                Assert.DoesNotContain("Bearer", output, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotMatch(@"sk-[A-Za-z0-9_-]{6,}", output);
            }
        }

        private static string Mutate(string json, Action<JsonObject> change)
        {
            var node = JsonNode.Parse(json)!.AsObject();
            change(node);
            return node.ToJsonString();
        }

        private static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Probe", "TestData", name));
    }

    /// <summary>Collects formatted log lines.</summary>
    internal sealed class CapturingLogger : ILogger
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyCollection<string> Lines => _lines.ToArray();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            _lines.Enqueue(formatter(state, exception) + (exception is null ? string.Empty : " " + exception));
        }
    }
}
