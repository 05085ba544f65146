using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace CometGuard.Tests.Verifiers
{
    /// <summary>
    /// The one verifier: analyzer-only checks, code fixes, and Fix All (checked by the framework
    /// for every fix test). Sources use <c>{|CG0002:…|}</c> markup.
    /// </summary>
    internal static class Verify<TAnalyzer, TCodeFix>
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new()
    {
        public static Task AnalyzerAsync(string source, string? editorConfig = null)
            => new Test(source, fixedSource: null, editorConfig).RunAsync(CancellationToken.None);

        public static Task CodeFixAsync(string source, string fixedSource, string? editorConfig = null)
            => new Test(source, fixedSource, editorConfig).RunAsync(CancellationToken.None);

        /// <summary>A test to adjust before running (extra files, expected diagnostics, iterations).</summary>
        public static Test Create(string source, string? fixedSource = null, string? editorConfig = null)
            => new Test(source, fixedSource, editorConfig);

        public sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            /// <summary>Real source generators to run before the analyzer (e.g. the LoggerMessage generator).</summary>
            public List<Type> SourceGenerators { get; } = new List<Type>();

            /// <summary>What the source compiles against (<see cref="References"/>); the gateway set unless a test says otherwise.</summary>
            public ImmutableArray<MetadataReference> References { get; set; } = Verifiers.References.Gateway;

            public Test(string source, string? fixedSource, string? editorConfig)
            {
                // The framework and the packages come from the reference set, for the source and its fix alike.
                ReferenceAssemblies = Verifiers.References.None;
                SolutionTransforms.Add((solution, projectId) => solution
                    .AddMetadataReferences(projectId, References)
                    .AddMetadataReference(projectId, Verifiers.References.Annotations));
                TestCode = source;
                if (fixedSource is not null)
                {
                    FixedCode = fixedSource;
                }

                if (editorConfig is not null)
                {
                    TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*]\n" + editorConfig));
                }
            }

            protected override IEnumerable<Type> GetSourceGenerators() => SourceGenerators;

            protected override async Task<(Compilation compilation, ImmutableArray<Diagnostic> generatorDiagnostics)> GetProjectCompilationAsync(Project project, IVerifier verifier, CancellationToken cancellationToken)
            {
                var result = await base.GetProjectCompilationAsync(project, verifier, cancellationToken);
                if (RuleTestCases.IsCollecting)
                {
                    throw RuleTestCases.Collect(project, result.compilation);
                }

                return result;
            }
        }
    }

    /// <summary>For rules with no fix.</summary>
    internal static class Verify<TAnalyzer>
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        public static Task AnalyzerAsync(string source, string? editorConfig = null)
            => Verify<TAnalyzer, EmptyCodeFixProvider>.AnalyzerAsync(source, editorConfig);
    }
}
