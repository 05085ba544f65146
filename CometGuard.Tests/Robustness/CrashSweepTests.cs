using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading.Tasks;
using CometGuard.Bench;
using CometGuard.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit.Abstractions;

namespace CometGuard.Tests.Robustness
{
    /// <summary>
    /// Every analyzer and every code fix (found by reflection, so each new rule is covered) over every compilation
    /// the rule tests build — collected by running each rule test with the verifier in collecting mode, so each
    /// source has the usings, extra files, reference set and <c>.editorconfig</c> its test gives it — and over the
    /// benchmark's generated project and the repository's own sources. No analyzer may throw (no AD0001), and no
    /// offered fix or Fix All may leave a compiler error that was not there before, at any language version it
    /// is offered at. The stages and their sampling are listed in the README (Tests, "The crash sweep").
    /// </summary>
    public class CrashSweepTests
    {
        private const int Seed = 20261125;

        private static readonly Lazy<Task<IReadOnlyList<RuleTestCase>>> s_cases = new(() => RuleTestCases.CollectAsync(typeof(CrashSweepTests).Assembly, "CometGuard.Tests.Rules"));

        private readonly ITestOutputHelper _output;

        public CrashSweepTests(ITestOutputHelper output)
        {
            _output = output;
        }

        /// <summary>Specific versions this compiler knows, oldest first; <c>Preview</c> last.</summary>
        public static IReadOnlyList<LanguageVersion> LanguageVersions { get; } = Enum.GetValues(typeof(LanguageVersion))
            .Cast<LanguageVersion>()
            .Where(v => v is not (LanguageVersion.Default or LanguageVersion.Latest or LanguageVersion.LatestMajor))
            .OrderBy(v => v == LanguageVersion.Preview ? int.MaxValue : (int)v)
            .ToList();

        /// <summary>Values no option expects: empty, blank, negative, zero, huge, not a number, quoted, a list of garbage, very long.</summary>
        private static readonly string[] OddOptionValues = { string.Empty, "   ", "-1", "0", "2147483647", "99999999999999999999", "abc", "\"quoted\\\"value", "a,,b;;c", new string('x', 5000), "true,false", "${VAR}" };

        [Fact]
        public async Task Rule_test_compilations_with_every_fix_at_their_own_and_a_rotating_language_version()
        {
            var cases = await s_cases.Value;
            var sweep = new Sweep();
            await ForEachAsync(cases, async (input, i) =>
            {
                await sweep.RunAsync(input.Name, input, input.ParseOptions.LanguageVersion, SweepFixes.All);
                await sweep.RunAsync(input.Name, input, LanguageVersions[i % LanguageVersions.Count], SweepFixes.All);
            });

            _output.WriteLine("rule tests without a verifier compilation: " + string.Join(", ", RuleTestCases.Uncollected.Distinct()));
            Report(sweep, cases.Count + " rule test compilations");
        }

        [Fact]
        public async Task Rule_test_compilations_with_every_option_set_to_odd_values()
        {
            var cases = await s_cases.Value;
            var keys = OptionKeys();
            Assert.NotEmpty(keys);
            var sweep = new Sweep();
            await ForEachAsync(cases, async (input, i) =>
            {
                var config = new StringBuilder("root = true\n\n[*]\n");
                for (var k = 0; k < keys.Count; k++)
                {
                    config.Append(keys[k]).Append(" = ").Append(OddOptionValues[(i + k) % OddOptionValues.Length]).Append('\n');
                }

                var odd = input with { AnalyzerConfigs = ImmutableArray.Create(new CaseFile("/.editorconfig", SourceText.From(config.ToString()))) };
                await sweep.RunAsync(input.Name + " with odd options", odd, input.ParseOptions.LanguageVersion, SweepFixes.All);
            });

            Report(sweep, cases.Count + " rule test compilations, " + keys.Count + " options");
        }

        [Fact]
        public async Task Rule_test_compilations_truncated_and_with_tokens_deleted()
        {
            var cases = await s_cases.Value;
            var random = new Random(Seed);
            var mutants = new List<RuleTestCase>();
            foreach (var input in cases)
            {
                for (var d = 0; d < input.Documents.Length; d++)
                {
                    var text = input.Documents[d].Text.ToString();
                    mutants.Add(Replace(input, d, "truncated", Truncate(text, random)));
                    mutants.Add(Replace(input, d, "deleted", DeleteTokens(text, random, 1 + random.Next(4))));
                }
            }

            var sweep = new Sweep();
            await ForEachAsync(mutants, (mutant, _) => sweep.RunAsync(mutant.Name, mutant, mutant.ParseOptions.LanguageVersion, SweepFixes.All));

            Report(sweep, mutants.Count + " mutants of " + cases.Count + " rule test compilations");
        }

        [Fact]
        public async Task Generated_gateway_project_at_every_language_version()
        {
            var (files, plants) = Generator.Generate(new GeneratorOptions { Files = 16, GatewayPercent = 50, Seed = Seed });
            Assert.NotEmpty(plants);
            var project = Project("generated", files.Where(Generator.IsSource).Select(f => (f.Path, f.Text)), References.Bench.Add(References.Annotations)) with
            {
                AdditionalFiles = files.Where(f => !Generator.IsSource(f)).Select(f => new CaseFile("/sweep/" + f.Path, SourceText.From(f.Text))).ToImmutableArray(),
            };

            // The sweep only means something if the generated code binds against the real packages.
            var bound = CSharpCompilation.Create("Bound", project.Documents.Select(d => CSharpSyntaxTree.ParseText(d.Text, project.ParseOptions, d.Path)), project.References, project.CompilationOptions);
            var errors = bound.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, "The generated project does not compile against the bench references:\n" + string.Join("\n", errors.Take(10)));

            var sweep = new Sweep();
            await ForEachAsync(LanguageVersions, (version, _) => sweep.RunAsync("generated", project, version, SweepFixes.All));

            Report(sweep, LanguageVersions.Count + " language versions, " + files.Count + " files");
        }

        [Fact]
        public async Task Samples_and_test_sources_at_rotating_language_versions_and_mutated()
        {
            var samples = SourceFiles("samples").ToList();
            var tests = SourceFiles("CometGuard.Tests").ToList();
            Assert.NotEmpty(samples);
            Assert.NotEmpty(tests);
            var random = new Random(Seed + 1);
            var inputs = new List<(RuleTestCase Input, LanguageVersion Version, SweepFixes Fixes)>();

            // The samples as their projects compile them, fixed; the test project's own files, analyzed (their
            // xunit and testing-library types do not bind against a gateway set: broken code on purpose).
            foreach (var sample in new[] { "GatewayClient", "GatewayClient.Fixed" })
            {
                var project = Project("samples/" + sample, samples.Where(s => s.Path.StartsWith("samples/" + sample + "/", StringComparison.Ordinal)), References.Samples.Add(References.Annotations));
                inputs.AddRange(LanguageVersions.Select(v => (project, v, SweepFixes.All)));
            }

            for (var i = 0; i < tests.Count; i++)
            {
                var single = Project(tests[i].Path, new[] { tests[i] }, References.Gateway.Add(References.Annotations));
                inputs.Add((single, LanguageVersions[i % LanguageVersions.Count], SweepFixes.None));
                inputs.Add((Replace(single, 0, "truncated", Truncate(tests[i].Text, random)), LanguageVersion.Latest, SweepFixes.None));
                inputs.Add((Replace(single, 0, "deleted", DeleteTokens(tests[i].Text, random, 1 + random.Next(4))), LanguageVersion.Latest, SweepFixes.None));
            }

            var sweep = new Sweep();
            await ForEachAsync(inputs, (run, _) => sweep.RunAsync(run.Input.Name, run.Input, run.Version, run.Fixes));

            Report(sweep, samples.Count + " sample files, " + tests.Count + " test files");
        }

        private void Report(Sweep sweep, string summary)
        {
            _output.WriteLine(summary + ": " + sweep.Summary);
            if (Environment.GetEnvironmentVariable("COMETGUARD_SWEEP_FAILURES") is { Length: > 0 } folder && sweep.Failures.Count > 0)
            {
                // Every failure, for a developer reading more than the first ten.
                Directory.CreateDirectory(folder);
                File.WriteAllText(Path.Combine(folder, summary.Replace(' ', '_').Replace('/', '_') + ".txt"), string.Join("\n\n", sweep.Failures.OrderBy(f => f, StringComparer.Ordinal)));
            }

            Assert.True(sweep.Failures.Count == 0, sweep.Failures.Count + " failure(s):\n" + string.Join("\n\n", sweep.Failures.OrderBy(f => f, StringComparer.Ordinal).Take(10)));
        }

        private static Task ForEachAsync<T>(IReadOnlyList<T> items, Func<T, int, Task> body)
            => Parallel.ForEachAsync(Enumerable.Range(0, items.Count), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (i, _) => await body(items[i], i));

        private static IReadOnlyList<string> OptionKeys()
            => typeof(CometGuard.Analyzers.RuleIdentifiers).Assembly.GetType("CometGuard.Analyzers.Engine.CometGuardOptions", throwOnError: true)!
                .GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral && f.FieldType == typeof(string))
                .Select(f => (string)f.GetRawConstantValue()!)
                .Where(value => value.StartsWith("cometguard.", StringComparison.Ordinal))
                .OrderBy(value => value, StringComparer.Ordinal)
                .ToList();

        private static RuleTestCase Project(string name, IEnumerable<(string Path, string Text)> files, ImmutableArray<MetadataReference> references)
            => new(
                name,
                files.Select(f => new CaseFile("/sweep/" + f.Path, SourceText.From(f.Text))).ToImmutableArray(),
                ImmutableArray<CaseFile>.Empty,
                ImmutableArray<CaseFile>.Empty,
                references,
                new CSharpParseOptions(LanguageVersion.Latest),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                    .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["OPENAI001"] = ReportDiagnostic.Suppress, ["MEAI001"] = ReportDiagnostic.Suppress }));

        private static RuleTestCase Replace(RuleTestCase input, int document, string mutation, string text)
            => input with
            {
                Name = input.Name + " " + Path.GetFileName(input.Documents[document].Path) + "#" + mutation,
                Documents = input.Documents.SetItem(document, input.Documents[document] with { Text = SourceText.From(text) }),
            };

        /// <summary>Every .cs file under a folder of the repository, build output aside.</summary>
        private static IEnumerable<(string Path, string Text)> SourceFiles(string folder)
            => Directory.GetFiles(RepositoryPaths.Combine(folder), "*.cs", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(RepositoryPaths.Root, f).Replace('\\', '/'))
                .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
                .OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => (f, File.ReadAllText(RepositoryPaths.Combine(f))));

        private static string Truncate(string text, Random random)
            => text.Length < 2 ? string.Empty : text.Substring(0, text.Length / 4 + random.Next(text.Length - text.Length / 4));

        private static string DeleteTokens(string text, Random random, int count)
        {
            var tokens = CSharpSyntaxTree.ParseText(text).GetRoot().DescendantTokens().Where(t => t.Span.Length > 0).ToList();
            if (tokens.Count == 0)
            {
                return text;
            }

            var spans = Enumerable.Range(0, count).Select(_ => tokens[random.Next(tokens.Count)].Span).Distinct().OrderByDescending(s => s.Start);
            var builder = new StringBuilder(text);
            foreach (var span in spans)
            {
                builder.Remove(span.Start, span.Length);
            }

            return builder.ToString();
        }
    }
}
