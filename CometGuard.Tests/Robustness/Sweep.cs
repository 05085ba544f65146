using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using CometGuard.Tests.Meta;
using CometGuard.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace CometGuard.Tests.Robustness
{
    /// <summary>What one sweep run does with its diagnostics.</summary>
    internal enum SweepFixes
    {
        /// <summary>Analyze only.</summary>
        None,

        /// <summary>Every fix offered for every diagnostic, and every Fix All provider at every scope it supports.</summary>
        All,
    }

    /// <summary>
    /// One compilation through every analyzer and code fix, in a real workspace: no analyzer may throw
    /// (no AD0001), and no offered fix or Fix All may leave the project with a compiler error it did not have.
    /// </summary>
    internal sealed class Sweep
    {
        private readonly ConcurrentBag<string> _failures = new();
        private int _runs;
        private int _fixes;
        private int _fixAlls;

        public IReadOnlyCollection<string> Failures => _failures;

        public string Summary => $"{_runs} compilations analyzed, {_fixes} fixes and {_fixAlls} Fix All runs applied";

        public async Task RunAsync(string name, RuleTestCase input, LanguageVersion version, SweepFixes fixes)
        {
            Interlocked.Increment(ref _runs);
            var what = name + " (C# " + version.ToDisplayString() + ")";
            using var workspace = new AdhocWorkspace();
            var project = CreateProject(workspace, input, version);
            try
            {
                var compilation = (await project.GetCompilationAsync().ConfigureAwait(false))!;
                var options = new CompilationWithAnalyzersOptions(
                    project.AnalyzerOptions,
                    onAnalyzerException: (exception, analyzer, _) => _failures.Add(what + ": " + analyzer.GetType().Name + " threw " + exception),
                    concurrentAnalysis: true,
                    logAnalyzerExecutionTime: false);
                var diagnostics = await compilation.WithAnalyzers(AnalyzerCatalog.Analyzers, options).GetAnalyzerDiagnosticsAsync().ConfigureAwait(false);
                foreach (var diagnostic in diagnostics.Where(d => d.Id is "AD0001" or "AD0002"))
                {
                    _failures.Add(what + ": " + diagnostic);
                }

                var reported = diagnostics.Where(d => d.Id.StartsWith("CG", StringComparison.Ordinal) && d.Location.IsInSource).ToImmutableArray();
                if (fixes == SweepFixes.All && !reported.IsEmpty)
                {
                    await FixAsync(what, project, compilation, reported).ConfigureAwait(false);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                _failures.Add(what + ": the sweep itself threw " + exception);
            }
        }

        /// <summary>A test's compilation at another language version, in a workspace of its own.</summary>
        private static Project CreateProject(Workspace workspace, RuleTestCase input, LanguageVersion version)
        {
            var projectId = ProjectId.CreateNewId();
            var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
                projectId,
                VersionStamp.Default,
                "Sweep",
                "Sweep",
                LanguageNames.CSharp,
                filePath: "/sweep/Sweep.csproj",
                compilationOptions: input.CompilationOptions,
                parseOptions: input.ParseOptions.WithLanguageVersion(version),
                metadataReferences: input.References));
            foreach (var file in input.Documents)
            {
                solution = solution.AddDocument(DocumentInfo.Create(DocumentId.CreateNewId(projectId), System.IO.Path.GetFileName(file.Path), loader: TextLoader.From(TextAndVersion.Create(file.Text, VersionStamp.Default, file.Path)), filePath: file.Path));
            }

            foreach (var file in input.AdditionalFiles)
            {
                solution = solution.AddAdditionalDocument(DocumentInfo.Create(DocumentId.CreateNewId(projectId), System.IO.Path.GetFileName(file.Path), loader: TextLoader.From(TextAndVersion.Create(file.Text, VersionStamp.Default, file.Path)), filePath: file.Path));
            }

            solution = solution.AddAnalyzerConfigDocuments(input.AnalyzerConfigs
                .Select(file => DocumentInfo.Create(DocumentId.CreateNewId(projectId), System.IO.Path.GetFileName(file.Path), loader: TextLoader.From(TextAndVersion.Create(file.Text, VersionStamp.Default, file.Path)), filePath: file.Path))
                .ToImmutableArray());

            return solution.GetProject(projectId)!;
        }

        private async Task FixAsync(string what, Project project, Compilation compilation, ImmutableArray<Diagnostic> reported)
        {
            var before = Errors(compilation);
            var keys = new HashSet<(CodeFixProvider Fixer, string? Key)>();
            foreach (var diagnostic in reported)
            {
                var document = project.GetDocument(diagnostic.Location.SourceTree);
                if (document is null)
                {
                    continue;
                }

                foreach (var fixer in AnalyzerCatalog.CodeFixes.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
                {
                    var actions = new List<CodeAction>();
                    var at = what + " " + fixer.GetType().Name + " on " + diagnostic.Id + " at " + diagnostic.Location.GetLineSpan();
                    try
                    {
                        await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None)).ConfigureAwait(false);
                        foreach (var action in actions.SelectMany(Flatten))
                        {
                            keys.Add((fixer, action.EquivalenceKey));
                            Interlocked.Increment(ref _fixes);
                            await CheckAsync(at + ": '" + action.Title + "'", project, before, action).ConfigureAwait(false);
                        }
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        _failures.Add(at + " threw " + exception);
                    }
                }
            }

            var provider = new Diagnostics(project, reported);
            foreach (var (fixer, key) in keys)
            {
                var fixAll = fixer.GetFixAllProvider();
                if (fixAll is null)
                {
                    continue;
                }

                // Document scope from the first document with one of the fixer's diagnostics, then the project.
                var first = reported.First(d => fixer.FixableDiagnosticIds.Contains(d.Id));
                var document = project.GetDocument(first.Location.SourceTree)!;
                foreach (var scope in fixAll.GetSupportedFixAllScopes().Where(s => s is FixAllScope.Document or FixAllScope.Project))
                {
                    var at = what + " " + fixer.GetType().Name + " Fix All (" + scope + ", '" + key + "')";
                    try
                    {
                        var context = new FixAllContext(document, fixer, scope, key, fixer.FixableDiagnosticIds, provider, CancellationToken.None);
                        var action = await fixAll.GetFixAsync(context).ConfigureAwait(false);
                        if (action is not null)
                        {
                            Interlocked.Increment(ref _fixAlls);
                            await CheckAsync(at, project, before, action).ConfigureAwait(false);
                        }
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        _failures.Add(at + " threw " + exception);
                    }
                }
            }
        }

        /// <summary>Applies the action and compares the project's compiler errors with those it had before.</summary>
        private async Task CheckAsync(string what, Project project, ImmutableDictionary<string, int> before, CodeAction action)
        {
            foreach (var operation in await action.GetOperationsAsync(CancellationToken.None).ConfigureAwait(false))
            {
                if (operation is not ApplyChangesOperation apply)
                {
                    continue;
                }

                var changed = apply.ChangedSolution.GetProject(project.Id)!;
                var after = Errors((await changed.GetCompilationAsync().ConfigureAwait(false))!);
                var added = after.Where(e => e.Value > before.GetValueOrDefault(e.Key)).Select(e => e.Key).ToList();
                if (added.Count > 0)
                {
                    var texts = await Task.WhenAll(apply.ChangedSolution.GetChanges(project.Solution).GetProjectChanges()
                        .SelectMany(p => p.GetChangedDocuments())
                        .Select(async id => (await apply.ChangedSolution.GetDocument(id)!.GetTextAsync().ConfigureAwait(false)).ToString())).ConfigureAwait(false);
                    _failures.Add(what + " added compiler error(s):\n  " + string.Join("\n  ", added) + "\n" + string.Join("\n----\n", texts));
                }
            }
        }

        /// <summary>The compiler errors by id and message (locations move when a fix edits the text).</summary>
        private static ImmutableDictionary<string, int> Errors(Compilation compilation)
            => compilation.GetDiagnostics()
                .Where(d => d.Severity == DiagnosticSeverity.Error)
                .GroupBy(d => d.Id + ": " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))
                .ToImmutableDictionary(g => g.Key, g => g.Count());

        /// <summary>An action and its nested actions (a fix may offer a menu); the accessor is internal in some Roslyn versions.</summary>
        private static IEnumerable<CodeAction> Flatten(CodeAction action)
        {
            var property = typeof(CodeAction).GetProperty("NestedActions", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
                ?? typeof(CodeAction).GetProperty("NestedCodeActions", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance);
            var nested = property?.GetValue(action) is ImmutableArray<CodeAction> array && !array.IsDefaultOrEmpty ? array : ImmutableArray<CodeAction>.Empty;
            return nested.IsEmpty ? new[] { action } : nested.SelectMany(Flatten);
        }

        /// <summary>The diagnostics Fix All works through: those the sweep's analysis reported.</summary>
        private sealed class Diagnostics : FixAllContext.DiagnosticProvider
        {
            private readonly Project _project;
            private readonly ImmutableArray<Diagnostic> _reported;

            public Diagnostics(Project project, ImmutableArray<Diagnostic> reported)
            {
                _project = project;
                _reported = reported;
            }

            public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
                => Task.FromResult(_reported.Where(d => _project.GetDocument(d.Location.SourceTree)?.Id == document.Id));

            public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
                => Task.FromResult(Enumerable.Empty<Diagnostic>());

            public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
                => Task.FromResult<IEnumerable<Diagnostic>>(_reported);
        }
    }
}
