using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace CometGuard.Tests.Verifiers
{
    /// <summary>Adjustments to a <see cref="Verify{TAnalyzer, TCodeFix}.Test"/> that several rules need.</summary>
    internal static class TestExtensions
    {
        /// <summary>Compiles the sources as a console program, so top-level statements are allowed.</summary>
        public static TTest AsProgram<TTest>(this TTest test)
            where TTest : AnalyzerTest<DefaultVerifier>
        {
            test.TestState.OutputKind = OutputKind.ConsoleApplication;
            return test;
        }

        /// <summary>For broken-code tests: compiler errors are expected and not listed; the analyzer must still not throw.</summary>
        public static TTest WithoutCompilerDiagnostics<TTest>(this TTest test)
            where TTest : AnalyzerTest<DefaultVerifier>
        {
            test.CompilerDiagnostics = CompilerDiagnostics.None;
            return test;
        }
    }
}
