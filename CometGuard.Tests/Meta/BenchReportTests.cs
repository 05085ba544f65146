using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using CometGuard.Bench;
using Xunit;

namespace CometGuard.Tests.Meta
{
    /// <summary>
    /// The benchmark report takes each CometGuard analyzer's ratio to the median NetAnalyzers analyzer within each
    /// build, then the median over builds: the machine's speed drifts between builds, and a ratio of medians taken
    /// from different builds would carry that drift.
    /// </summary>
    public sealed class BenchReportTests : IDisposable
    {
        private readonly string _directory = Path.Combine(Path.GetTempPath(), "cometguard-report-" + Guid.NewGuid().ToString("N"));

        public void Dispose() => Directory.Delete(_directory, recursive: true);

        [Fact]
        public void Ratios_and_shares_are_taken_within_each_build()
        {
            var logs = Path.Combine(_directory, "logs");
            Directory.CreateDirectory(logs);

            // Three builds on a machine whose speed drifts. Within them the rule costs x3, x1 and x2.5 the NetAnalyzers
            // median (median x2.50); the ratio of the medians (0.030 s / 0.020 s) would say x1.50.
            WriteLog(logs, 1, net: new[] { 0.005, 0.010, 0.015 }, cometGuard: 0.030);
            WriteLog(logs, 2, net: new[] { 0.010, 0.020, 0.030 }, cometGuard: 0.020);
            WriteLog(logs, 3, net: new[] { 0.020, 0.040, 0.060 }, cometGuard: 0.100);
            File.WriteAllLines(Path.Combine(logs, "times.tsv"), new[]
            {
                "none\t1\t10.0", "netanalyzers\t1\t20.0", "cometguard\t1\t20.0", "cometguard\t2\t10.0", "cometguard\t3\t40.0",
            });

            var text = RunReport(logs);
            var rule = text.Split('\n').Single(line => line.Contains("UnboundedRetryAnalyzer", StringComparison.Ordinal));
            Assert.Contains("0.030 s", rule);
            Assert.Contains("x 2.50", rule);

            // 0.030 s of a 20 s build, 0.020 s of 10 s, 0.100 s of 40 s: 0.15%, 0.20% and 0.25%, median 0.20% (the
            // median time over the median wall time would say 0.15%).
            Assert.Contains("CometGuard analyzers together: 0.030 s, 0.20% of the build wall time", text);
        }

        [Fact]
        public void Peak_memory_growth_is_taken_within_each_pair()
        {
            var logs = OneBuild();

            // Pairs grow +10%, 0% and +2%: median +2.0%. The medians (1,100 KB against 1,000 KB) would say +10%.
            File.WriteAllLines(Path.Combine(logs, "memory.tsv"), new[]
            {
                "netanalyzers\t1\t1024000", "cometguard\t1\t1126400",
                "cometguard\t2\t1024000", "netanalyzers\t2\t1024000",
                "netanalyzers\t3\t2048000", "cometguard\t3\t2088960",
            });

            var text = RunReport(logs);
            var memory = text.Split('\n').Single(line => line.StartsWith("Peak memory", StringComparison.Ordinal));
            Assert.Contains("3 pairs", memory);
            Assert.Contains("NetAnalyzers 1000 MB, NetAnalyzers + CometGuard 1100 MB; CometGuard +2.0%", memory);
            Assert.Contains("target within +5%: MET", memory);
            Assert.Contains("Targets: MET", text);

            // A pair that grows past the budget in the median misses the target.
            File.WriteAllLines(Path.Combine(logs, "memory.tsv"), new[] { "netanalyzers\t1\t1000000", "cometguard\t1\t1060000" });
            text = RunReport(logs);
            Assert.Contains("CometGuard +6.0%", text);
            Assert.Contains("Targets: MISSED (peak memory over +5%)", text);
        }

        [Fact]
        public void Without_memory_pairs_no_memory_figure_is_printed()
        {
            var logs = OneBuild();

            var text = RunReport(logs);
            Assert.DoesNotContain("Peak memory", text);
            Assert.Contains("Targets: MET", text);
        }

        /// <summary>The logs of one NetAnalyzers + CometGuard build whose rule is under the median.</summary>
        private string OneBuild()
        {
            var logs = Path.Combine(_directory, "logs");
            Directory.CreateDirectory(logs);
            WriteLog(logs, 1, net: new[] { 0.010, 0.020, 0.030 }, cometGuard: 0.010);
            File.WriteAllLines(Path.Combine(logs, "times.tsv"), new[] { "none\t1\t10.0", "netanalyzers\t1\t20.0", "cometguard\t1\t20.0" });
            return logs;
        }

        private string RunReport(string logs)
        {
            var manifest = Path.Combine(_directory, "planted.json");
            File.WriteAllText(manifest, JsonSerializer.Serialize(new Manifest(1, 10, 4, 1, new List<ManifestPlant>())));

            var output = new StringWriter(CultureInfo.InvariantCulture);
            var previous = Console.Out;
            Console.SetOut(output);
            try
            {
                Assert.Equal(0, Report.Run(logs, manifest));
            }
            finally
            {
                Console.SetOut(previous);
            }

            return output.ToString();
        }

        private static void WriteLog(string logs, int run, double[] net, double cometGuard)
        {
            var lines = new List<string>
            {
                "         Total analyzer execution time: " + (net.Sum() + cometGuard).ToString("0.000", CultureInfo.InvariantCulture) + " seconds.",
                "         ",
                "         Time (s)    %   Analyzer",
                "            " + net.Sum().ToString("0.000", CultureInfo.InvariantCulture) + "   50   Microsoft.CodeAnalysis.NetAnalyzers, Version=10.0.401.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35",
            };
            for (var i = 0; i < net.Length; i++)
            {
                lines.Add("            " + net[i].ToString("0.000", CultureInfo.InvariantCulture) + "   10      Microsoft.NetCore.Analyzers.Rule" + i + " (CA100" + i + ")");
            }

            lines.Add("         ");
            lines.Add("            " + cometGuard.ToString("0.000", CultureInfo.InvariantCulture) + "   50   CometGuard.Analyzers, Version=1.0.0.0, Culture=neutral, PublicKeyToken=null");
            lines.Add("            " + cometGuard.ToString("0.000", CultureInfo.InvariantCulture) + "   50      CometGuard.Analyzers.Rules.UnboundedRetryAnalyzer (CG0003)");
            File.WriteAllLines(Path.Combine(logs, "cometguard-" + run + ".log"), lines);
        }
    }
}
