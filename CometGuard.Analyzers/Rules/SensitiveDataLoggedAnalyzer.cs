using System.Collections.Concurrent;
using Microsoft.CodeAnalysis.Text;

namespace CometGuard.Analyzers.Rules
{
    /// <summary>
    /// CG0008: a credential, an Authorization header, request messages or input, generated text or a
    /// response body written to a log: <c>ILogger</c> (<c>Log*</c> and <c>[LoggerMessage]</c> methods),
    /// the console, <c>Debug</c>/<c>Trace</c>, an exception message or an <c>Activity</c> tag. What counts as
    /// sensitive is <see cref="SensitiveValues"/>'s to say.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SensitiveDataLoggedAnalyzer : RuleAnalyzer
    {
        private static readonly ulong Kinds = SinkKinds.Of(SinkKind.Log, SinkKind.ConsoleOutput);

        public SensitiveDataLoggedAnalyzer()
            : base(Descriptors.SensitiveDataLogged)
        {
        }

        private protected override void OnCompilationStart(CompilationStartAnalysisContext start)
        {
            var sinks = ResolvedSinks.Create(start.Compilation);

            // Nothing gateway-related to leak: no credential, prompt or generated-text source is referenced.
            if (!sinks.Has(SinkKind.SensitiveValue) && !sinks.Has(SinkKind.Prompt) && !sinks.Has(SinkKind.Credential))
            {
                return;
            }

            var analysis = new CompilationAnalysis(start.Compilation, sinks, start.Options);
            start.RegisterOperationAction(SinkArguments.Create(sinks, Kinds, analysis.AnalyzeArgument, analysis.Positions.MayLog), SinkArguments.OperationKinds);
        }

        private sealed class CompilationAnalysis
        {
            private readonly ConcurrentDictionary<(SyntaxTree Tree, TextSpan Span), byte> _reported = new();
            private readonly LogSettings _settings;
            private readonly SensitiveValues _values;

            public CompilationAnalysis(Compilation compilation, ResolvedSinks sinks, AnalyzerOptions options)
            {
                var known = KnownSymbols.For(compilation);
                _settings = new LogSettings(compilation, options);
                _values = new SensitiveValues(sinks, known);
                Positions = new LogPositions(sinks, known, _settings);
            }

            public LogPositions Positions { get; }

            /// <summary>A log argument, decided as it is seen; the type's credential and prompt variables are read on demand.</summary>
            public void AnalyzeArgument(OperationAnalysisContext context, IArgumentOperation argument)
            {
                // Literals and nameof are never sensitive: most exception and log arguments end here, before any lookup.
                if (argument.Value.ConstantValue.HasValue || argument.Parameter is not { } parameter)
                {
                    return;
                }

                var file = _settings.For(context.Options, context.Operation.Syntax.SyntaxTree);
                var sink = Positions.Of(argument, parameter, file);
                if (sink == LogSink.None)
                {
                    return;
                }

                if (argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation { Initializer: { } initializer })
                {
                    foreach (var element in initializer.ElementValues)
                    {
                        Report(context, _values.Find(context, element, file.SensitiveNames), sink, parameter);
                    }
                }
                else
                {
                    Report(context, _values.Find(context, argument.Value, file.SensitiveNames), sink, parameter);
                }
            }

            private void Report(OperationAnalysisContext context, Finding? finding, LogSink sink, IParameterSymbol parameter)
            {
                if (finding is not { } found)
                {
                    return;
                }

                var location = found.Operation.Syntax.GetLocation();
                if (_reported.TryAdd((location.SourceTree!, location.SourceSpan), 0))
                {
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.SensitiveDataLogged, location, found.Description, Positions.Describe(sink, parameter)));
                }
            }
        }
    }
}
