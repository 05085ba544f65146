namespace CometGuard.Analyzers.Logging
{
    /// <summary>How an argument reaches a log, if it does.</summary>
    internal enum LogSink
    {
        None,

        /// <summary>A catalogued log position (<c>ILogger</c>, <c>Debug</c>, an <c>Activity</c> tag, the console when it is a log).</summary>
        Catalogued,

        /// <summary>The <c>message</c> of an exception constructor.</summary>
        ExceptionMessage,

        /// <summary>A string or object parameter of a type listed in <c>cometguard.logger_types</c>.</summary>
        LoggerType,
    }

    /// <summary>The positions that write to a log: the catalogue's, exception messages and the configured logger types.</summary>
    internal sealed class LogPositions
    {
        private readonly ResolvedSinks _sinks;
        private readonly KnownSymbols _known;
        private readonly LogSettings _settings;

        public LogPositions(ResolvedSinks sinks, KnownSymbols known, LogSettings settings)
        {
            _sinks = sinks;
            _known = known;
            _settings = settings;
        }

        /// <summary>Log positions the catalogue cannot list: exception constructors and <c>cometguard.logger_types</c>.</summary>
        public bool MayLog(OperationAnalysisContext context, IMethodSymbol method)
        {
            if (method.MethodKind == MethodKind.Constructor && _known.IsOrDerives(method.ContainingType, KnownType.Exception))
            {
                return true;
            }

            if (!_settings.LoggerTypesConfigured)
            {
                return false;
            }

            var loggers = _settings.For(context.Options, context.Operation.Syntax.SyntaxTree).LoggerTypes;
            return !loggers.IsEmpty && method.ContainingType is { } containing && loggers.Contains(containing.OriginalDefinition);
        }

        /// <summary>Whether the parameter writes to a log, and how; descriptions are built only for a finding.</summary>
        public LogSink Of(IArgumentOperation argument, IParameterSymbol parameter, FileLogSettings file)
        {
            if (_sinks.IsSink(argument, SinkKind.Log) || (file.ConsoleIsLog && _sinks.IsSink(argument, SinkKind.ConsoleOutput)))
            {
                return LogSink.Catalogued;
            }

            var member = parameter.ContainingSymbol;
            if (member is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor
                && parameter.Name == SinkCatalogue.ExceptionMessageParameter
                && parameter.Type.SpecialType == SpecialType.System_String
                && _known.IsOrDerives(constructor.ContainingType, KnownType.Exception))
            {
                return LogSink.ExceptionMessage;
            }

            return !file.LoggerTypes.IsEmpty
                && member.ContainingType is { } containing
                && parameter.Type.SpecialType is SpecialType.System_String or SpecialType.System_Object
                && file.LoggerTypes.Contains(containing.OriginalDefinition)
                ? LogSink.LoggerType
                : LogSink.None;
        }

        /// <summary>How a message names the log.</summary>
        public string Describe(LogSink sink, IParameterSymbol parameter)
        {
            var member = parameter.ContainingSymbol;
            return sink switch
            {
                LogSink.Catalogued when member is IMethodSymbol method && _sinks.IsLoggerMessage(method) => "the [LoggerMessage] method '" + method.Name + "'",
                LogSink.ExceptionMessage => "the message of '" + member.ContainingType.Name + "'",
                _ => "'" + member.ContainingType?.Name + "." + member.Name + "'",
            };
        }
    }
}
