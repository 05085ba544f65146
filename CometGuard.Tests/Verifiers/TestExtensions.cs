using System;
using System.Linq;
using System.Reflection;
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
        private static readonly Lazy<Type> LoggingGenerator = new Lazy<Type>(LoadLoggingGenerator);

        /// <summary>
        /// Runs the real <c>[LoggerMessage]</c> source generator shipped in Microsoft.Extensions.Logging.Abstractions
        /// (the version in <see cref="References.Gateway"/>). Its output is not compared, only compiled.
        /// </summary>
        public static Verify<TAnalyzer, TCodeFix>.Test WithLoggerMessageGenerator<TAnalyzer, TCodeFix>(this Verify<TAnalyzer, TCodeFix>.Test test)
            where TAnalyzer : DiagnosticAnalyzer, new()
            where TCodeFix : CodeFixProvider, new()
        {
            test.SourceGenerators.Add(LoggingGenerator.Value);
            test.TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
            return test;
        }

        private static Type LoadLoggingGenerator()
        {
            var path = typeof(TestExtensions).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "LoggingGenerator").Value!;
            return Assembly.LoadFrom(path).GetTypes().Single(t => t.Name == "LoggerMessageGenerator");
        }

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
