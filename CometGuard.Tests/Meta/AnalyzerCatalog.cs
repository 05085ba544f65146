using System;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using CometGuard.Analyzers;
using CometGuard.CodeFixes.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CometGuard.Tests.Meta
{
    /// <summary>Every analyzer, code fix and descriptor CometGuard ships, found by reflection.</summary>
    internal static class AnalyzerCatalog
    {
        public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = Instantiate<DiagnosticAnalyzer>(typeof(RuleIdentifiers).Assembly);

        public static ImmutableArray<CodeFixProvider> CodeFixes { get; } = Instantiate<CodeFixProvider>(typeof(LiteralApiKeyFixer).Assembly);

        public static ImmutableArray<DiagnosticDescriptor> Descriptors { get; } = typeof(RuleIdentifiers).Assembly
            .GetType("CometGuard.Analyzers.Descriptors", throwOnError: true)!
            .GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToImmutableArray();

        public static ImmutableArray<DiagnosticDescriptor> Supported { get; } = Analyzers
            .SelectMany(a => a.SupportedDiagnostics)
            .Distinct()
            .ToImmutableArray();

        private static ImmutableArray<T> Instantiate<T>(Assembly assembly)
            => assembly.GetTypes()
                .Where(t => typeof(T).IsAssignableFrom(t) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null)
                .OrderBy(t => t.FullName, StringComparer.Ordinal)
                .Select(t => (T)Activator.CreateInstance(t)!)
                .ToImmutableArray();
    }
}
