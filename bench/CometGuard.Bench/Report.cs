using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CometGuard.Bench
{
    /// <summary>
    /// Reads the detailed build logs bench/run.sh writes (<c>-p:ReportAnalyzer=true</c>) and prints the
    /// figures: wall times, CometGuard's analyzer time and share, each CometGuard analyzer against the
    /// median NetAnalyzers analyzer, the cost on a project with no gateway code, and precision and
    /// recall per rule against the planted manifest.
    /// </summary>
    internal static class Report
    {
        private const string CometGuardAssembly = "CometGuard.Analyzers";

        // "   12.345   66   Name" (an assembly) or "    0.123   <1      Name (IDs)" (an analyzer).
        private static readonly Regex Row = new(@"^\s*(<?\d+\.\d+)\s+(<1|\d+)   (\s*)(\S.*)$", RegexOptions.CultureInvariant);
        private static readonly Regex Total = new(@"Total analyzer execution time: ([\d.,]+) seconds", RegexOptions.CultureInvariant);
        private static readonly Regex Warning = new(@"^\s*(?:\d+>)?(.+?)\((\d+),(\d+)(?:,\d+,\d+)?\): (?:warning|error) (CG\d{4}): (.*?)(?: \[[^\]]*\])?$", RegexOptions.CultureInvariant);

        public static int Run(string logs, string manifestPath)
        {
            var manifest = JsonSerializer.Deserialize<Manifest>(File.ReadAllText(manifestPath))!;
            var walls = ReadTsv(Path.Combine(logs, "times.tsv"));

            double Wall(string config) => Median(walls.Where(w => w.Config == config).Select(w => w.Value));
            string Builds(string config)
            {
                var count = walls.Count(w => w.Config == config);
                return count == 1 ? "1 build" : "median of " + count + " builds";
            }

            var runs = walls.Select(w => w.Run).Distinct().Count(r => walls.Any(w => w.Run == r && w.Config == "cometguard"));

            var cgLogs = Directory.GetFiles(logs, "cometguard-*.log").OrderBy(f => f, StringComparer.Ordinal).ToList();
            var tables = cgLogs.Select(ParseTable).ToList();
            if (tables.Count == 0 || tables.All(t => t.Analyzers.Count == 0))
            {
                Console.Error.WriteLine("No analyzer report found in " + logs + " (was the build run with -p:ReportAnalyzer=true?)");
                return 1;
            }

            var wallNone = Wall("none");
            var wallNet = Wall("netanalyzers");
            var wallCg = Wall("cometguard");
            static double CgTotal(Table t) => t.Analyzers.Where(a => a.Assembly.StartsWith(CometGuardAssembly, StringComparison.Ordinal)).Sum(a => a.Seconds);
            static double NetMedian(Table t) => Median(t.Analyzers.Where(a => IsNetAnalyzers(a.Assembly)).Select(a => a.Seconds));
            double WallOf(string log)
            {
                var run = Path.GetFileNameWithoutExtension(log).Substring("cometguard-".Length);
                return walls.Where(w => w.Config == "cometguard" && w.Run == run).Select(w => w.Value).DefaultIfEmpty(wallCg).First();
            }

            var cgTotal = Median(tables.Select(CgTotal));
            var allTotal = Median(tables.Select(t => t.Total));
            var netMedian = Median(tables.Select(NetMedian));
            var netCount = (int)Median(tables.Select(t => (double)t.Analyzers.Count(a => IsNetAnalyzers(a.Assembly))));
            var netVersion = tables[0].Assemblies.FirstOrDefault(IsNetAnalyzers) ?? "(not found)";
            double NetPercentile(double fraction) => Median(tables.Select(t => Percentile(t.Analyzers.Where(a => IsNetAnalyzers(a.Assembly)).Select(a => a.Seconds), fraction)));

            Console.WriteLine();
            Console.WriteLine("== CometGuard analyzer benchmark ==");
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "Project: {0} files, {1} lines, {2}% gateway files, {3} planted problems; medians of {4} run(s)", manifest.Files, manifest.Lines, manifest.GatewayPercent, manifest.Plants.Count, runs));
            Console.WriteLine("NetAnalyzers: " + netVersion.Split(',')[0] + " " + Version(netVersion) + " at AnalysisMode=All");
            Console.WriteLine();
            var warmupLog = Directory.GetFiles(logs, "warmup-*.log").FirstOrDefault();
            var plainLogs = Directory.GetFiles(logs, "plain-*.log").OrderBy(f => f, StringComparer.Ordinal).ToList();
            Console.WriteLine("Build wall time (dotnet build --no-incremental, -p:ReportAnalyzer=true, "
                + (warmupLog is null ? "each compile in a fresh csc process: analyzer JIT in every build)" : "warm compiler server, as dotnet build runs by default)"));
            Console.WriteLine(F("  no analyzers                 {0,8:0.00} s   ({1})", wallNone, Builds("none")));
            Console.WriteLine(F("  NetAnalyzers (All)           {0,8:0.00} s   x{1:0.00} of no analyzers ({2})", wallNet, wallNet / wallNone, Builds("netanalyzers")));
            Console.WriteLine(F("  NetAnalyzers + CometGuard    {0,8:0.00} s   x{1:0.00} of NetAnalyzers alone ({2:+0.0;-0.0}% wall; {3})", wallCg, wallCg / wallNet, (wallCg / wallNet - 1) * 100, Builds("cometguard")));
            Console.WriteLine("  (wall times move by a third between builds on a busy machine, more than CometGuard's share: its cost is the analyzer time below)");
            Console.WriteLine();
            // Shares and ratios are taken within each build, then the median: the machine's speed drifts between builds,
            // and a ratio of two medians from different builds would carry that drift.
            var share = Median(cgLogs.Select((log, i) => CgTotal(tables[i]) / WallOf(log) * 100));
            Console.WriteLine(F("CometGuard analyzers together: {0:0.000} s, {1:0.00}% of the build wall time (target < 2%: {2}); {3:0.00}% of all analyzer time ({4:0.00} s)", cgTotal, share, share < 2 ? "MET" : "MISSED", cgTotal / allTotal * 100, allTotal));
            Console.WriteLine(F("Median NetAnalyzers analyzer in the same build: {0:0.000} s (over {1} analyzers that ran); 75th percentile {2:0.000} s, 90th {3:0.000} s", netMedian, netCount, NetPercentile(0.75), NetPercentile(0.90)));
            Console.WriteLine();
            Console.WriteLine("Per CometGuard analyzer (median s; ratio to the median NetAnalyzers analyzer of the same build, target <= 1; share of NetAnalyzers analyzers that cost less in the same build)");
            var cgNames = tables.SelectMany(t => t.Analyzers).Where(a => a.Assembly.StartsWith(CometGuardAssembly, StringComparison.Ordinal)).Select(a => a.Name).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToList();
            var missed = 0;
            foreach (var name in cgNames)
            {
                double Seconds(Table t) => t.Analyzers.Where(a => a.Name == name).Select(a => a.Seconds).DefaultIfEmpty(0).First();
                var seconds = Median(tables.Select(Seconds));
                var ratio = Median(tables.Select(t => Ratio(Seconds(t), NetMedian(t))));
                missed += ratio > 1 ? 1 : 0;
                var rank = Median(tables.Select(t => CheaperShare(t, Seconds(t))));
                Console.WriteLine(F("  {0,-70} {1,8:0.000} s  x{2,5:0.00}  {3,-4}  above {4,3:0}% of NetAnalyzers", Shorten(name), seconds, ratio, ratio <= 1 ? "ok" : "OVER", rank * 100));
            }

            if (cgNames.Count == 0)
            {
                Console.WriteLine("  (no CometGuard analyzer ran: check the Analyzer item)");
            }

            if (plainLogs.Count > 0)
            {
                var plainTables = plainLogs.Select(ParseTable).ToList();
                var plainCg = Median(plainTables.Select(CgTotal));
                var plainRatio = Median(plainTables.Select(t => Ratio(CgTotal(t), NetMedian(t))));
                var plainWall = Median(walls.Where(w => w.Config == "plain").Select(w => w.Value));
                Console.WriteLine();
                var plainManifest = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(manifestPath))!, "..", "plain", "planted.json");
                var plainSize = File.Exists(plainManifest) ? JsonSerializer.Deserialize<Manifest>(File.ReadAllText(plainManifest))! : null;
                var size = plainSize is null ? string.Empty : " (" + plainSize.Files + " files, " + plainSize.Lines + " lines)";
                Console.WriteLine(F("Project without gateway SDK or HttpClient use{4}: CometGuard {0:0.000} s = {1:0.000}% of a {2:0.00} s build (x{3:0.00} of the median NetAnalyzers analyzer)", plainCg, plainCg / plainWall * 100, plainWall, plainRatio, size));
            }

            if (warmupLog is not null)
            {
                var warm = ParseTable(warmupLog);
                var warmCg = warm.Analyzers.Where(a => a.Assembly.StartsWith(CometGuardAssembly, StringComparison.Ordinal)).ToList();
                var warmNet = Median(warm.Analyzers.Where(a => IsNetAnalyzers(a.Assembly)).Select(a => a.Seconds));
                Console.WriteLine();
                Console.WriteLine(F(
                    "One-time cost in the warm-up build ({3}, first build in a fresh compiler server: loading and JIT-compiling; the SDK's NetAnalyzers ship precompiled): CometGuard {0:0.000} s (costliest analyzer {1:0.000} s), median NetAnalyzers analyzer {2:0.000} s",
                    warmCg.Sum(a => a.Seconds), warmCg.Count == 0 ? 0 : warmCg.Max(a => a.Seconds), warmNet, plainLogs.Count > 0 ? "the project without gateway code" : "the benchmark project"));
            }

            var memoryGrowth = PrintMemory(Path.Combine(logs, "memory.tsv"));
            Console.WriteLine();
            PrintPrecision(manifest, cgLogs.FirstOrDefault(), tables[0]);
            Console.WriteLine();
            var misses = new List<string>();
            if (missed > 0)
            {
                misses.Add(missed + " analyzer(s) over the NetAnalyzers median");
            }

            if (share >= 2)
            {
                misses.Add("total share over 2%");
            }

            if (memoryGrowth > MemoryBudgetPercent)
            {
                misses.Add(F("peak memory over +{0:0}%", MemoryBudgetPercent));
            }

            Console.WriteLine(misses.Count == 0 ? "Targets: MET" : "Targets: MISSED (" + string.Join(", ", misses) + ")");
            return 0;
        }

        private const double MemoryBudgetPercent = 5;

        /// <summary>
        /// Prints the peak memory of the builds <c>--memory-runs</c> ran in pairs (NetAnalyzers alone, then with
        /// CometGuard) and returns CometGuard's growth in percent: the median of each pair's growth, as the machine's
        /// state drifts between pairs. Returns 0 when no pair ran.
        /// </summary>
        private static double PrintMemory(string path)
        {
            if (!File.Exists(path))
            {
                return 0;
            }

            var rows = ReadTsv(path);
            var pairs = rows.Where(r => r.Config == "cometguard")
                .Select(cg => (CometGuard: cg.Value, Net: rows.Where(r => r.Config == "netanalyzers" && r.Run == cg.Run).Select(r => r.Value).FirstOrDefault()))
                .Where(p => p.Net > 0)
                .ToList();
            if (pairs.Count == 0)
            {
                return 0;
            }

            var growths = pairs.Select(p => (p.CometGuard / p.Net - 1) * 100).ToList();
            var growth = Median(growths);
            Console.WriteLine();
            Console.WriteLine(F(
                "Peak memory ({0}, each compile in a fresh csc process; the build's largest process): NetAnalyzers {1:0} MB, NetAnalyzers + CometGuard {2:0} MB; CometGuard {3:+0.0;-0.0}% (median of the pairs' growth; target within +{7:0}%: {4}; pairs range {5:+0.0;-0.0}% to {6:+0.0;-0.0}%)",
                pairs.Count == 1 ? "1 pair" : pairs.Count + " pairs",
                Median(pairs.Select(p => p.Net)) / 1024,
                Median(pairs.Select(p => p.CometGuard)) / 1024,
                growth,
                growth <= MemoryBudgetPercent ? "MET" : "MISSED",
                growths.Min(),
                growths.Max(),
                MemoryBudgetPercent));
            return growth;
        }

        /// <summary>The rows of a "config, run, number" file run.sh writes (times.tsv: seconds; memory.tsv: kilobytes).</summary>
        private static List<(string Config, string Run, double Value)> ReadTsv(string path)
        {
            return File.ReadAllLines(path)
                .Select(l => l.Split('\t'))
                .Where(p => p.Length == 3)
                .Select(p => (Config: p[0], Run: p[1], Value: double.Parse(p[2], CultureInfo.InvariantCulture)))
                .ToList();
        }

        private static double Ratio(double part, double whole) => whole > 0 ? part / whole : 0;

        private static void PrintPrecision(Manifest manifest, string? log, Table table)
        {
            Console.WriteLine("Precision and recall against the planted problems (first NetAnalyzers + CometGuard build)");
            if (log is null)
            {
                return;
            }

            var diagnostics = new HashSet<(string File, int Line, int Column, string Id, string Message)>();
            foreach (var line in File.ReadLines(log))
            {
                var match = Warning.Match(line);
                if (match.Success)
                {
                    var file = match.Groups[1].Value.Trim().Replace('\\', '/');
                    var relative = RelativeTo(file, manifest);
                    diagnostics.Add((relative, int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture), match.Groups[4].Value, match.Groups[5].Value));
                }
            }

            var implemented = new HashSet<string>(table.Analyzers.Where(a => a.Assembly.StartsWith(CometGuardAssembly, StringComparison.Ordinal)).SelectMany(a => a.Ids), StringComparer.Ordinal);
            var ids = manifest.Plants.Select(p => p.Id).Concat(diagnostics.Select(d => d.Id)).Concat(implemented).Distinct().OrderBy(i => i, StringComparer.Ordinal).ToList();
            Console.WriteLine("  rule     plants  found  recall   reported  true  precision");
            var falsePositives = new List<string>();
            int totalReported = 0, totalTrue = 0, totalPlants = 0, totalFound = 0;
            foreach (var id in ids)
            {
                var plants = manifest.Plants.Where(p => p.Id == id).ToList();
                var reported = diagnostics.Where(d => d.Id == id).ToList();
                var found = plants.Count(p => reported.Any(d => d.File == p.File && d.Line >= p.StartLine && d.Line <= p.EndLine));
                var truePositives = reported.Where(d => manifest.Plants.Any(p => p.File == d.File && d.Line >= p.StartLine && d.Line <= p.EndLine && (p.Id == id || p.Also.Contains(id)))).ToList();
                falsePositives.AddRange(reported.Except(truePositives).Select(d => "    " + d.Id + " " + d.File + "(" + d.Line + "," + d.Column + "): " + d.Message));
                if (!implemented.Contains(id) && reported.Count == 0)
                {
                    Console.WriteLine(F("  {0}  {1,6}      -        -          -     -          -   (no analyzer yet)", id, plants.Count));
                    continue;
                }

                totalPlants += plants.Count;
                totalFound += found;
                totalReported += reported.Count;
                totalTrue += truePositives.Count;
                Console.WriteLine(F("  {0}  {1,6} {2,6}  {3,6}  {4,9} {5,5}  {6,9}", id, plants.Count, found, Percent(found, plants.Count), reported.Count, truePositives.Count, Percent(truePositives.Count, reported.Count)));
            }

            Console.WriteLine(F("  all      {0,6} {1,6}  {2,6}  {3,9} {4,5}  {5,9}   (rules with an analyzer; target precision >= 95%)", totalPlants, totalFound, Percent(totalFound, totalPlants), totalReported, totalTrue, Percent(totalTrue, totalReported)));
            if (falsePositives.Count > 0)
            {
                Console.WriteLine("  Diagnostics outside any plant of their rule (false positives, or plants to review), first 15:");
                foreach (var line in falsePositives.Take(15))
                {
                    Console.WriteLine(line);
                }
            }
        }

        private static string RelativeTo(string file, Manifest manifest)
        {
            foreach (var plant in manifest.Plants)
            {
                if (file.EndsWith("/" + plant.File, StringComparison.Ordinal))
                {
                    return plant.File;
                }
            }

            var index = file.IndexOf("/project/", StringComparison.Ordinal);
            return index >= 0 ? file.Substring(index + "/project/".Length) : file;
        }

        private static string Percent(int part, int whole) => whole == 0 ? "-" : (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + "%";

        private static bool IsNetAnalyzers(string assembly)
            => assembly.StartsWith("Microsoft.CodeAnalysis.NetAnalyzers,", StringComparison.Ordinal) || assembly.StartsWith("Microsoft.CodeAnalysis.CSharp.NetAnalyzers,", StringComparison.Ordinal);

        private static string Version(string assembly)
        {
            var match = Regex.Match(assembly, @"Version=([\d.]+)", RegexOptions.CultureInvariant);
            return match.Success ? match.Groups[1].Value : string.Empty;
        }

        private static string Shorten(string name)
        {
            var index = name.IndexOf(".Rules.", StringComparison.Ordinal);
            return index >= 0 ? name.Substring(index + ".Rules.".Length) : name;
        }

        private static string F(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);

        /// <summary>The share of NetAnalyzers analyzers in <paramref name="table"/>'s build that cost less than <paramref name="seconds"/>.</summary>
        private static double CheaperShare(Table table, double seconds)
        {
            var net = table.Analyzers.Where(a => IsNetAnalyzers(a.Assembly)).ToList();
            return net.Count == 0 ? 0 : (double)net.Count(a => a.Seconds < seconds) / net.Count;
        }

        private static double Percentile(IEnumerable<double> values, double fraction)
        {
            var sorted = values.OrderBy(v => v).ToArray();
            return sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(fraction * sorted.Length))];
        }

        private static double Median(IEnumerable<double> values)
        {
            var sorted = values.OrderBy(v => v).ToArray();
            if (sorted.Length == 0)
            {
                return 0;
            }

            var mid = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }

        /// <summary>Parses the analyzer table of one build log (the first compilation that reported one).</summary>
        internal static Table ParseTable(string path)
        {
            var table = new Table();
            var inTable = false;
            string? assembly = null;
            foreach (var raw in File.ReadLines(path))
            {
                var total = Total.Match(raw);
                if (total.Success)
                {
                    if (table.Analyzers.Count > 0)
                    {
                        break;
                    }

                    table.Total = double.Parse(total.Groups[1].Value.Replace(',', '.'), CultureInfo.InvariantCulture);
                    inTable = true;
                    continue;
                }

                if (!inTable)
                {
                    continue;
                }

                if (raw.Contains("Total generator execution time", StringComparison.Ordinal) || raw.Contains("diagnostic suppressors", StringComparison.Ordinal))
                {
                    break;
                }

                var row = Row.Match(raw);
                if (!row.Success)
                {
                    continue;
                }

                var seconds = row.Groups[1].Value.StartsWith('<') ? 0.0005 : double.Parse(row.Groups[1].Value, CultureInfo.InvariantCulture);
                var name = row.Groups[4].Value.Trim();
                if (row.Groups[3].Value.Length == 0 && name.Contains("Version=", StringComparison.Ordinal))
                {
                    assembly = name;
                    table.Assemblies.Add(name);
                }
                else if (assembly is not null)
                {
                    var open = name.LastIndexOf(" (", StringComparison.Ordinal);
                    var ids = open > 0 && name.EndsWith(')') ? name.Substring(open + 2, name.Length - open - 3).Split(", ") : Array.Empty<string>();
                    table.Analyzers.Add(new AnalyzerTime(assembly, open > 0 ? name.Substring(0, open) : name, ids, seconds));
                }
            }

            return table;
        }

        internal sealed class Table
        {
            public double Total { get; set; }

            public List<string> Assemblies { get; } = new();

            public List<AnalyzerTime> Analyzers { get; } = new();
        }

        internal sealed record AnalyzerTime(string Assembly, string Name, string[] Ids, double Seconds);
    }
}
