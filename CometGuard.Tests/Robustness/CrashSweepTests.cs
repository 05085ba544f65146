using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using CometGuard.Bench;
using CometGuard.Tests.Meta;
using CometGuard.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using Xunit.Abstractions;

namespace CometGuard.Tests.Robustness
{
    /// <summary>
    /// Every analyzer and every code fix (found by reflection, so each new rule is covered) over
    /// (a) the benchmark generator's gateway project at every C# language version, (b) every C# source
    /// in the repository's tests and samples, intact and with seeded truncations and token deletions.
    /// No analyzer may throw (no AD0001), and every offered fix must leave a document with no more
    /// syntax errors than it had.
    /// </summary>
    public class CrashSweepTests
    {
        private const int Seed = 20261125;
        private const int BatchSize = 16;

        /// <summary>Bounds the fixes applied per test so the sweep stays within its time budget.</summary>
        private const int MaxFixedDiagnostics = 150;

        /// <summary>Bounds the sources mutated (two mutants each).</summary>
        private const int MaxMutatedSources = 200;

        private static readonly Regex Markup = new(@"\{\|[^:|{}]*:|\|\}|\[\||\|\]", RegexOptions.CultureInvariant);

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

        [Fact]
        public async Task Generated_gateway_project_at_every_language_version()
        {
            var references = References.Bench.Add(References.Annotations);
            var (files, plants) = Generator.Generate(new GeneratorOptions { Files = 16, GatewayPercent = 50, Seed = Seed });
            Assert.NotEmpty(plants);

            // The sweep only means something if the generated code binds against the real packages.
            var bound = CSharpCompilation.Create("Bound", files.Select(f => CSharpSyntaxTree.ParseText(f.Text, new CSharpParseOptions(LanguageVersion.Latest), path: f.Path)), references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            var errors = bound.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && d.Id != "OPENAI001").ToList();
            Assert.True(errors.Count == 0, "The generated project does not compile against the test references:\n" + string.Join("\n", errors.Take(10)));

            var failures = new ConcurrentBag<string>();
            var budget = new FixBudget(MaxFixedDiagnostics);
            foreach (var version in LanguageVersions)
            {
                var sources = files.Select(f => (Name: f.Path, Text: f.Text)).ToList();
                var diagnostics = await AnalyzeAsync("generated-" + version, sources, version, references, failures);
                if (version == LanguageVersion.CSharp12 || version == LanguageVersions[0])
                {
                    await ApplyFixesAsync("generated-" + version, sources, version, references, diagnostics, budget, failures);
                }
            }

            Report(failures, LanguageVersions.Count + " language versions, " + files.Count + " files, " + budget.Used + " fixes applied");
        }

        [Fact]
        public async Task Repository_sources_intact_and_at_rotating_language_versions()
        {
            var references = References.Bench.Add(References.Annotations);
            var sources = RepositorySources();
            Assert.NotEmpty(sources);

            var failures = new ConcurrentBag<string>();
            var budget = new FixBudget(MaxFixedDiagnostics);

            // Each source alone, as its test compiles it, with every fix applied.
            foreach (var source in sources)
            {
                var single = new[] { source };
                var diagnostics = await AnalyzeAsync(source.Name, single, LanguageVersion.Latest, references, failures);
                await ApplyFixesAsync(source.Name, single, LanguageVersion.Latest, references, diagnostics, budget, failures);
            }

            // Every language version, each source at one of them in turn, batched.
            for (var v = 0; v < LanguageVersions.Count; v++)
            {
                var version = LanguageVersions[v];
                var batch = sources.Where((_, i) => i % LanguageVersions.Count == v).ToList();
                foreach (var chunk in Chunk(batch))
                {
                    await AnalyzeAsync("versions-" + version, chunk, version, references, failures);
                }
            }

            Report(failures, sources.Count + " sources, " + budget.Used + " fixes applied");
        }

        [Fact]
        public async Task Repository_and_generated_sources_truncated_and_with_tokens_deleted()
        {
            var references = References.Bench.Add(References.Annotations);
            var (generated, _) = Generator.Generate(new GeneratorOptions { Files = 16, GatewayPercent = 50, Seed = Seed + 1 });
            var all = RepositorySources()
                .Concat(generated.Where(f => f.Path.StartsWith("Gateway/", StringComparison.Ordinal)).Select(f => (f.Path, f.Text)))
                .ToList();

            // A deterministic stride keeps the sweep within its time budget as rule tests grow.
            var stride = Math.Max(1, (all.Count + MaxMutatedSources - 1) / MaxMutatedSources);
            var originals = all.Where((_, i) => i % stride == 0).ToList();
            var random = new Random(Seed);
            var mutants = new List<(string Name, string Text)>();
            foreach (var (name, text) in originals)
            {
                mutants.Add((name + "#truncated", Truncate(text, random)));
                mutants.Add((name + "#deleted", DeleteTokens(text, random, 1 + random.Next(4))));
            }

            var failures = new ConcurrentBag<string>();
            var budget = new FixBudget(MaxFixedDiagnostics);
            foreach (var chunk in Chunk(mutants))
            {
                var diagnostics = await AnalyzeAsync("mutants", chunk, LanguageVersion.Latest, references, failures);
                await ApplyFixesAsync("mutants", chunk, LanguageVersion.Latest, references, diagnostics, budget, failures);
            }

            Report(failures, mutants.Count + " mutants of " + originals.Count + " sources, " + budget.Used + " fixes applied");
        }

        private void Report(ConcurrentBag<string> failures, string summary)
        {
            _output.WriteLine(summary);
            Assert.True(failures.IsEmpty, failures.Count + " failure(s):\n" + string.Join("\n\n", failures.Take(10)));
        }

        private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(
            string name,
            IReadOnlyList<(string Name, string Text)> sources,
            LanguageVersion version,
            ImmutableArray<MetadataReference> references,
            ConcurrentBag<string> failures)
        {
            var parse = new CSharpParseOptions(version);
            var trees = sources.Select((s, i) => CSharpSyntaxTree.ParseText(s.Text, parse, path: "/sweep/" + i + "/" + Path.GetFileName(s.Name))).ToList();
            var compilation = CSharpCompilation.Create("Sweep", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (exception, analyzer, diagnostic) => failures.Add(name + " (" + version + "): " + analyzer.GetType().Name + " threw " + exception),
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false);
            var diagnostics = await compilation.WithAnalyzers(AnalyzerCatalog.Analyzers, options).GetAnalyzerDiagnosticsAsync();
            foreach (var diagnostic in diagnostics.Where(d => d.Id is "AD0001" or "AD0002"))
            {
                failures.Add(name + " (" + version + "): " + diagnostic);
            }

            return diagnostics.Where(d => d.Id.StartsWith("CG", StringComparison.Ordinal)).ToImmutableArray();
        }

        /// <summary>Offers every fix for every diagnostic through a real workspace and checks the result still parses.</summary>
        private static async Task ApplyFixesAsync(
            string name,
            IReadOnlyList<(string Name, string Text)> sources,
            LanguageVersion version,
            ImmutableArray<MetadataReference> references,
            ImmutableArray<Diagnostic> diagnostics,
            FixBudget budget,
            ConcurrentBag<string> failures)
        {
            if (diagnostics.IsEmpty || !budget.HasRoom)
            {
                return;
            }

            using var workspace = new AdhocWorkspace();
            var projectId = ProjectId.CreateNewId();
            var solution = workspace.CurrentSolution
                .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "Sweep", "Sweep", LanguageNames.CSharp,
                    compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
                    parseOptions: new CSharpParseOptions(version),
                    metadataReferences: references));
            var documents = new Dictionary<string, DocumentId>(StringComparer.Ordinal);
            for (var i = 0; i < sources.Count; i++)
            {
                var path = "/sweep/" + i + "/" + Path.GetFileName(sources[i].Name);
                var id = DocumentId.CreateNewId(projectId);
                solution = solution.AddDocument(DocumentInfo.Create(id, Path.GetFileName(path), loader: TextLoader.From(TextAndVersion.Create(SourceText.From(sources[i].Text), VersionStamp.Default, path)), filePath: path));
                documents[path] = id;
            }

            foreach (var diagnostic in diagnostics)
            {
                if (!budget.Take())
                {
                    return;
                }

                var path = diagnostic.Location.SourceTree?.FilePath;
                if (path is null || !documents.TryGetValue(path, out var documentId))
                {
                    continue;
                }

                var document = solution.GetDocument(documentId)!;
                var before = CountErrors(await document.GetSyntaxTreeAsync().ConfigureAwait(false));
                foreach (var fixer in AnalyzerCatalog.CodeFixes.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
                {
                    var what = name + " (" + version + ") " + fixer.GetType().Name + " on " + diagnostic.Id + " at " + diagnostic.Location.GetLineSpan();
                    var actions = new List<CodeAction>();
                    try
                    {
                        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
                        await fixer.RegisterCodeFixesAsync(context).ConfigureAwait(false);
                        foreach (var action in actions.SelectMany(Flatten))
                        {
                            foreach (var operation in await action.GetOperationsAsync(CancellationToken.None).ConfigureAwait(false))
                            {
                                if (operation is not ApplyChangesOperation apply)
                                {
                                    continue;
                                }

                                foreach (var changed in apply.ChangedSolution.GetChanges(solution).GetProjectChanges().SelectMany(p => p.GetChangedDocuments()))
                                {
                                    var tree = await apply.ChangedSolution.GetDocument(changed)!.GetSyntaxTreeAsync().ConfigureAwait(false);
                                    var original = await solution.GetDocument(changed)!.GetSyntaxTreeAsync().ConfigureAwait(false);
                                    var after = CountErrors(tree);
                                    var limit = changed == documentId ? before : CountErrors(original);
                                    if (after > limit)
                                    {
                                        failures.Add(what + ": '" + action.Title + "' left " + after + " syntax error(s), had " + limit + ":\n" + (await tree!.GetTextAsync().ConfigureAwait(false)));
                                    }
                                }
                            }
                        }
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        failures.Add(what + " threw " + exception);
                    }
                }
            }
        }

        private static int CountErrors(SyntaxTree? tree)
            => tree is null ? 0 : tree.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);

        /// <summary>An action and its nested actions (a fix may offer a menu); the accessor is internal in some Roslyn versions.</summary>
        private static IEnumerable<CodeAction> Flatten(CodeAction action)
        {
            var property = typeof(CodeAction).GetProperty("NestedActions", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
                ?? typeof(CodeAction).GetProperty("NestedCodeActions", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance);
            var nested = property?.GetValue(action) is ImmutableArray<CodeAction> array && !array.IsDefaultOrEmpty ? array : ImmutableArray<CodeAction>.Empty;
            return nested.IsEmpty ? new[] { action } : nested.SelectMany(Flatten);
        }

        private static IEnumerable<List<(string Name, string Text)>> Chunk(IReadOnlyList<(string Name, string Text)> items)
        {
            for (var i = 0; i < items.Count; i += BatchSize)
            {
                yield return items.Skip(i).Take(BatchSize).ToList();
            }
        }

        /// <summary>
        /// The C# the repository's tests feed the analyzers (string literals of the rule tests that hold
        /// a compilation unit, markup removed, interpolation holes filled with a generated key), plus
        /// every .cs file of samples/ and of the tests themselves.
        /// </summary>
        internal static List<(string Name, string Text)> RepositorySources()
        {
            var result = new List<(string Name, string Text)>();
            var tests = RepositoryPaths.Combine("CometGuard.Tests");
            foreach (var file in Directory.GetFiles(tests, "*.cs", SearchOption.AllDirectories).Where(f => !IsBuildOutput(f)).OrderBy(f => f, StringComparer.Ordinal))
            {
                var text = File.ReadAllText(file);
                var relative = Path.GetRelativePath(RepositoryPaths.Root, file).Replace('\\', '/');
                result.Add((relative, text));
                var root = CSharpSyntaxTree.ParseText(text).GetRoot();
                var index = 0;
                foreach (var node in root.DescendantNodes())
                {
                    var content = node switch
                    {
                        LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) => literal.Token.ValueText,
                        InterpolatedStringExpressionSyntax interpolated => Fill(interpolated),
                        _ => null,
                    };

                    if (content is not null && content.Length > 20 && (content.Contains("class ", StringComparison.Ordinal) || content.Contains("using ", StringComparison.Ordinal)))
                    {
                        result.Add((relative + "[" + index++ + "]", Markup.Replace(content, string.Empty)));
                    }
                }
            }

            var samples = RepositoryPaths.Combine("samples");
            if (Directory.Exists(samples))
            {
                foreach (var file in Directory.GetFiles(samples, "*.cs", SearchOption.AllDirectories).Where(f => !IsBuildOutput(f)).OrderBy(f => f, StringComparer.Ordinal))
                {
                    result.Add((Path.GetRelativePath(RepositoryPaths.Root, file).Replace('\\', '/'), File.ReadAllText(file)));
                }
            }

            return result;
        }

        private static bool IsBuildOutput(string path)
        {
            var normalized = path.Replace('\\', '/');
            return normalized.Contains("/bin/", StringComparison.Ordinal) || normalized.Contains("/obj/", StringComparison.Ordinal);
        }

        private static string Fill(InterpolatedStringExpressionSyntax interpolated)
        {
            var builder = new StringBuilder();
            foreach (var content in interpolated.Contents)
            {
                builder.Append(content is InterpolatedStringTextSyntax text ? text.TextToken.ValueText : TestKeys.Generic);
            }

            return builder.ToString();
        }

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

        private sealed class FixBudget
        {
            private int _left;

            public FixBudget(int size)
            {
                _left = size;
            }

            public int Used { get; private set; }

            public bool HasRoom => _left > 0;

            public bool Take()
            {
                if (_left <= 0)
                {
                    return false;
                }

                _left--;
                Used++;
                return true;
            }
        }
    }
}
