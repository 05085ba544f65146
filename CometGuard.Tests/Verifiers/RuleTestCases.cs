using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit.Sdk;

namespace CometGuard.Tests.Verifiers
{
    /// <summary>A file of a <see cref="RuleTestCase"/>: its path and text.</summary>
    internal sealed record CaseFile(string Path, SourceText Text);

    /// <summary>
    /// One compilation a rule test feeds the analyzers, exactly as the test builds it: its files after markup
    /// (with what the test prepends, its extra files and any generator output), its reference set,
    /// <c>.editorconfig</c>, additional files and options.
    /// </summary>
    internal sealed record RuleTestCase(
        string Name,
        ImmutableArray<CaseFile> Documents,
        ImmutableArray<CaseFile> AdditionalFiles,
        ImmutableArray<CaseFile> AnalyzerConfigs,
        ImmutableArray<MetadataReference> References,
        CSharpParseOptions ParseOptions,
        CSharpCompilationOptions CompilationOptions);

    /// <summary>
    /// Collects the <see cref="RuleTestCase"/>s of the rule tests by running each test method with the verifier
    /// in collecting mode: <see cref="Verify{TAnalyzer, TCodeFix}.Test"/> records the compilation it would
    /// analyze and stops there, so nothing is verified and every test's input is seen as the test builds it.
    /// </summary>
    internal static class RuleTestCases
    {
        private static readonly AsyncLocal<List<RuleTestCase>?> s_collecting = new();
        private static readonly AsyncLocal<string?> s_name = new();

        public static bool IsCollecting => s_collecting.Value is not null;

        /// <summary>Rule tests that built no compilation through the verifier (they compile by hand, or test no source).</summary>
        public static List<string> Uncollected { get; } = new();

        /// <summary>Records the test's compilation and stops the test.</summary>
        public static Exception Collect(Project project, Compilation compilation)
        {
            var documents = compilation.SyntaxTrees
                .Select(tree => new CaseFile(tree.FilePath, tree.GetText()))
                .ToImmutableArray();
            var list = s_collecting.Value!;
            lock (list)
            {
                list.Add(new RuleTestCase(
                    s_name.Value + (list.Count(c => c.Name.StartsWith(s_name.Value + "#", StringComparison.Ordinal)) is var n and > 0 ? "#" + n : "#0"),
                    documents,
                    project.AdditionalDocuments.Select(d => new CaseFile(d.FilePath ?? d.Name, d.GetTextAsync().Result)).ToImmutableArray(),
                    project.AnalyzerConfigDocuments.Select(d => new CaseFile(d.FilePath ?? d.Name, d.GetTextAsync().Result)).ToImmutableArray(),
                    project.MetadataReferences.ToImmutableArray(),
                    (CSharpParseOptions)project.ParseOptions!,
                    (CSharpCompilationOptions)project.CompilationOptions!));
            }

            return new CollectedException();
        }

        /// <summary>Every test method of the rule test classes (theories with each data row), collected once.</summary>
        public static async Task<IReadOnlyList<RuleTestCase>> CollectAsync(Assembly tests, string ruleNamespace)
        {
            var cases = new List<RuleTestCase>();
            var methods = 0;
            foreach (var type in tests.GetTypes().Where(t => t.Namespace == ruleNamespace && t.IsClass && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null).OrderBy(t => t.FullName, StringComparer.Ordinal))
            {
                foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.GetCustomAttribute<FactAttribute>() is { Skip: null }).OrderBy(m => m.Name, StringComparer.Ordinal))
                {
                    var rows = method.GetCustomAttributes<DataAttribute>().SelectMany(d => d.GetData(method)).ToList();
                    if (method.GetParameters().Length == 0)
                    {
                        rows = new List<object[]> { Array.Empty<object>() };
                    }

                    foreach (var row in rows)
                    {
                        methods++;
                        var before = cases.Count;
                        await RunCollectingAsync(type, method, row, cases);
                        if (cases.Count == before)
                        {
                            Uncollected.Add(type.Name + "." + method.Name);
                        }
                    }
                }
            }

            if (cases.Count < methods / 2)
            {
                throw new InvalidOperationException($"Only {cases.Count} compilations from {methods} rule test runs: the verifier no longer records them.");
            }

            return cases;
        }

        private static async Task RunCollectingAsync(Type type, MethodInfo method, object[] row, List<RuleTestCase> cases)
        {
            s_collecting.Value = cases;
            s_name.Value = type.Name + "." + method.Name + (row.Length == 0 ? string.Empty : "(" + string.Join(", ", row.Select(a => a?.ToString())) + ")");
            try
            {
                if (method.Invoke(Activator.CreateInstance(type), row) is Task task)
                {
                    await task;
                }
            }
            catch (Exception exception) when (exception is CollectedException || exception.InnerException is CollectedException || exception is XunitException)
            {
                // Collected (or a test that asserts on what the verifier no longer returned): its input is recorded.
            }
            finally
            {
                s_collecting.Value = null;
                s_name.Value = null;
            }
        }

        private sealed class CollectedException : Exception
        {
            public CollectedException()
                : base("Collected for the crash sweep.")
            {
            }
        }
    }
}
