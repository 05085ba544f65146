using System;
using System.Collections.Concurrent;

namespace CometGuard.Analyzers.Logging
{
    /// <summary>One file's <c>cometguard.*</c> settings for CG0008.</summary>
    internal sealed class FileLogSettings
    {
        public FileLogSettings(ImmutableHashSet<INamedTypeSymbol> loggerTypes, ImmutableArray<string> sensitiveNames, bool consoleIsLog)
        {
            LoggerTypes = loggerTypes;
            SensitiveNames = sensitiveNames;
            ConsoleIsLog = consoleIsLog;
        }

        public ImmutableHashSet<INamedTypeSymbol> LoggerTypes { get; }

        public ImmutableArray<string> SensitiveNames { get; }

        public bool ConsoleIsLog { get; }
    }

    /// <summary>
    /// CG0008's options (<c>cometguard.console_is_log</c>, <c>cometguard.logger_types</c>,
    /// <c>cometguard.sensitive_member_names</c>), read once per file and resolved once per distinct value.
    /// </summary>
    internal sealed class LogSettings
    {
        private readonly Compilation _compilation;
        private readonly ConcurrentDictionary<string, ImmutableHashSet<INamedTypeSymbol>> _loggerTypes = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<SyntaxTree, FileLogSettings> _files = new();
        private readonly ConcurrentDictionary<string, ImmutableArray<string>> _names = new(StringComparer.Ordinal);

        public LogSettings(Compilation compilation, AnalyzerOptions options)
        {
            _compilation = compilation;
            LoggerTypesConfigured = IsConfiguredAnywhere(compilation, options, CometGuardOptions.LoggerTypes);
            HasLoggingFramework = ReferencesAssembly(compilation, SinkCatalogue.LoggingPipelineAssembly);
        }

        /// <summary>
        /// Whether any file sets <c>cometguard.logger_types</c>: when none does, a call that is no catalogued sink and no
        /// exception constructor is turned away without looking up its file's settings.
        /// </summary>
        public bool LoggerTypesConfigured { get; }

        /// <summary>With <c>auto</c>, a project that references a logging pipeline has its console output counted as log output.</summary>
        public bool HasLoggingFramework { get; }

        /// <summary>The file's settings, read once per file: the logger types are asked for on every call that is not a catalogued sink.</summary>
        public FileLogSettings For(AnalyzerOptions options, SyntaxTree tree)
        {
            if (_files.TryGetValue(tree, out var known))
            {
                return known;
            }

            // Opt-in: a referenced logging library does not make a console chat's printed answer a log.
            var console = CometGuardOptions.GetString(options, tree, CometGuardOptions.ConsoleIsLog, CometGuardOptions.DefaultConsoleIsLog);
            var consoleIsLog = string.Equals(console, "true", StringComparison.OrdinalIgnoreCase)
                || (string.Equals(console, "auto", StringComparison.OrdinalIgnoreCase) && HasLoggingFramework);
            var loggers = CometGuardOptions.GetString(options, tree, CometGuardOptions.LoggerTypes, string.Empty);
            var extraNames = CometGuardOptions.GetString(options, tree, CometGuardOptions.SensitiveMemberNames, string.Empty);
            return _files.GetOrAdd(tree, new FileLogSettings(LoggerTypes(loggers), SensitiveNames(extraNames), consoleIsLog));
        }

        private ImmutableHashSet<INamedTypeSymbol> LoggerTypes(string names)
        {
            return names.Length == 0 ? ImmutableHashSet<INamedTypeSymbol>.Empty : _loggerTypes.GetOrAdd(names, value =>
            {
                var builder = ImmutableHashSet.CreateBuilder<INamedTypeSymbol>(SymbolEqualityComparer.Default);
                foreach (var name in CometGuardOptions.ParseList(value))
                {
                    if (_compilation.FindType(name) is { } type)
                    {
                        builder.Add(type);
                    }
                }

                return builder.ToImmutable();
            });
        }

        private ImmutableArray<string> SensitiveNames(string extra)
        {
            return _names.GetOrAdd(extra, value =>
            {
                var builder = Logging.SensitiveNames.Defaults.ToBuilder();
                foreach (var name in CometGuardOptions.ParseList(value))
                {
                    builder.Add(Logging.SensitiveNames.Normalize(name));
                }

                return builder.ToImmutable();
            });
        }

        private static bool IsConfiguredAnywhere(Compilation compilation, AnalyzerOptions options, string key)
        {
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (CometGuardOptions.GetString(options, tree, key, string.Empty).Length > 0)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool ReferencesAssembly(Compilation compilation, string name)
        {
            foreach (var assembly in compilation.ReferencedAssemblyNames)
            {
                if (string.Equals(assembly.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
