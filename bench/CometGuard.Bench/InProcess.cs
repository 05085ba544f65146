using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace CometGuard.Bench
{
    /// <summary>
    /// <c>inprocess --project DIR --references FILE --analyzers DLL[,DLL2] [--rounds N]</c>: analyses the generated project in
    /// this process, one analyzer thread, and prints each analyzer's median execution time over the rounds (the first round,
    /// which loads and JIT-compiles, is dropped). Two analyzer builds alternate round by round, for a before/after ratio
    /// on the same input. The settings files are given twice: read from disk on first use, as the compiler reads
    /// additional files, and already in memory, so that what CG0012 itself costs shows apart from the file reads.
    /// </summary>
    internal static class InProcess
    {
        public static int Run(string project, string references, string analyzers, int rounds)
        {
            var parse = new CSharpParseOptions(LanguageVersion.Latest);
            var trees = Directory.GetFiles(project, "*.cs", SearchOption.AllDirectories)
                .Where(p => !p.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .OrderBy(p => p, StringComparer.Ordinal)
                .Select(p => CSharpSyntaxTree.ParseText(File.ReadAllText(p), parse, p))
                .ToList();
            var metadata = File.ReadAllLines(references).Where(File.Exists).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
            var settingsDirectory = Path.Combine(project, "Configuration");
            var settings = Directory.Exists(settingsDirectory) ? Directory.GetFiles(settingsDirectory, "*.json").OrderBy(p => p, StringComparer.Ordinal).ToArray() : Array.Empty<string>();
            var compilation = CSharpCompilation.Create(
                "Contoso",
                trees,
                metadata,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                    .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["OPENAI001"] = ReportDiagnostic.Suppress, ["MEAI001"] = ReportDiagnostic.Suppress }));
            var errors = compilation.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
            Console.WriteLine(trees.Count + " files, " + settings.Length + " settings files, " + errors + " compile errors");

            var sets = analyzers.Split(',').Select((path, i) => (Name: (char)('A' + i) + ":" + Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path))), Analyzers: Load(path))).ToList();
            var times = new Dictionary<(string Set, string Analyzer, bool Read), List<double>>();
            for (var round = 0; round <= rounds; round++)
            {
                var order = round % 2 == 0 ? sets : Enumerable.Reverse(sets).ToList();
                foreach (var (name, set) in order)
                {
                    foreach (var read in new[] { true, false })
                    {
                        var texts = settings.Select(p => (AdditionalText)new SettingsFile(p, preload: !read)).ToImmutableArray();
                        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(texts), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false);
                        var result = compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(trees).WithAnalyzers(set, options).GetAnalysisResultAsync(CancellationToken.None).GetAwaiter().GetResult();
                        if (round == 0)
                        {
                            continue;
                        }

                        foreach (var (analyzer, info) in result.AnalyzerTelemetryInfo)
                        {
                            var key = (name, analyzer.GetType().Name, read);
                            if (!times.TryGetValue(key, out var list))
                            {
                                times[key] = list = new List<double>();
                            }

                            list.Add(info.ExecutionTime.TotalSeconds);
                        }
                    }
                }
            }

            Console.WriteLine("median s over " + rounds + " rounds, one analyzer thread (settings files read from disk on first use | already in memory)");
            foreach (var analyzer in times.Keys.Select(k => k.Analyzer).Distinct().OrderBy(a => a, StringComparer.Ordinal))
            {
                var cells = sets.Select(s => Cell(times, s.Name, analyzer));
                Console.WriteLine("  " + analyzer.PadRight(40) + string.Join("   ", cells));
            }

            foreach (var (name, _) in sets)
            {
                var total = Enumerable.Range(0, rounds).Select(r => times.Where(t => t.Key.Set == name && t.Key.Read).Sum(t => t.Value.Count > r ? t.Value[r] : 0)).ToList();
                Console.WriteLine("  " + name + " together: " + Median(total).ToString("0.000", CultureInfo.InvariantCulture) + " s");
            }

            return 0;
        }

        private static string Cell(Dictionary<(string Set, string Analyzer, bool Read), List<double>> times, string set, string analyzer)
        {
            return times.TryGetValue((set, analyzer, true), out var read) && times.TryGetValue((set, analyzer, false), out var memory)
                ? set + " " + Median(read).ToString("0.0000", CultureInfo.InvariantCulture) + " | " + Median(memory).ToString("0.0000", CultureInfo.InvariantCulture)
                : set + " -";
        }

        private static double Median(List<double> values)
        {
            var sorted = values.OrderBy(v => v).ToList();
            return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
        }

        /// <summary>The analyzers of one build of CometGuard.Analyzers, each build in its own load context.</summary>
        private static ImmutableArray<DiagnosticAnalyzer> Load(string path)
        {
            var assembly = new AssemblyLoadContext(path).LoadFromAssemblyPath(Path.GetFullPath(path));
            return assembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
                .OrderBy(t => t.Name, StringComparer.Ordinal)
                .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
                .ToImmutableArray();
        }

        private sealed class SettingsFile : AdditionalText
        {
            private SourceText? _text;

            public SettingsFile(string path, bool preload)
            {
                Path = path;
                if (preload)
                {
                    _text = Read();
                }
            }

            public override string Path { get; }

            // As the compiler's additional files: read on first use, the encoding detected from the bytes.
            public override SourceText? GetText(CancellationToken cancellationToken = default) => _text ??= Read();

            private SourceText Read()
            {
                using var stream = File.OpenRead(Path);
                return SourceText.From(stream);
            }
        }
    }
}
