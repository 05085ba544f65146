using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace CometGuard.Analyzers.Rules
{
    /// <summary>
    /// CG0008: a credential, an Authorization header, request messages or input, generated text or a
    /// response body written to a log: <c>ILogger</c> (<c>Log*</c> and <c>[LoggerMessage]</c> methods),
    /// the console, <c>Debug</c>/<c>Trace</c>, an exception message or an <c>Activity</c> tag.
    /// </summary>
    /// <remarks>
    /// A value is sensitive when it is (or is built by interpolation, concatenation, <c>string.Format/Join/Concat</c>
    /// or <c>ToString()</c> from) a catalogued source such as <c>ChatMessageContentPart.Text</c> or
    /// <c>GetOutputText()</c>, a configuration or environment read whose key names a secret, a string member
    /// or variable whose name names one (<c>apiKey</c>, <c>clientSecret</c>), or a variable that the same type
    /// passes to a credential or prompt sink. Everything else (ids, status codes, counts, finish reasons,
    /// durations, values passed through a method such as a redactor) is quiet.
    /// </remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SensitiveDataLoggedAnalyzer : DiagnosticAnalyzer
    {
        private const int MaxDepth = 4;

        /// <summary>Matched against the end of a name, lower-cased with <c>_</c> and <c>-</c> removed.</summary>
        private static readonly ImmutableArray<string> DefaultSensitiveNames = ImmutableArray.Create(
            "apikey", "secret", "secretkey", "privatekey", "accesskey", "subscriptionkey", "password", "passwd", "accesstoken", "bearertoken", "authtoken", "apitoken", "refreshtoken", "idtoken",
            "sessiontoken", "bearer", "authorization", "authorizationheader", "credential", "credentials", "prompt", "completiontext");

        /// <summary>Names that are sensitive only on their own (<c>token</c>, not <c>continuationToken</c>).</summary>
        private static readonly ImmutableArray<string> ExactSensitiveNames = ImmutableArray.Create("token");

        private static readonly ulong Kinds = SinkKinds.Of(SinkKind.Log, SinkKind.ConsoleOutput);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SensitiveDataLogged);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCode.Skip);
            context.RegisterCompilationStartAction(start =>
            {
                var sinks = ResolvedSinks.Create(start.Compilation);

                // Nothing gateway-related to leak: no credential, prompt or generated-text source is referenced.
                if (!sinks.Has(SinkKind.SensitiveValue) && !sinks.Has(SinkKind.Prompt) && !sinks.Has(SinkKind.Credential))
                {
                    return;
                }

                var analysis = new CompilationAnalysis(start.Compilation, sinks, start.Options);
                start.RegisterOperationAction(SinkArguments.Create(sinks, Kinds, analysis.AnalyzeArgument, analysis.MayLog), SinkArguments.OperationKinds);
            });
        }

        private sealed class CompilationAnalysis
        {
            private readonly Compilation _compilation;
            private readonly ConcurrentDictionary<string, ImmutableHashSet<INamedTypeSymbol>> _loggerTypes = new(StringComparer.Ordinal);
            private readonly ConcurrentDictionary<SyntaxTree, FileOptions> _files = new();
            private readonly ConcurrentDictionary<string, ImmutableArray<string>> _names = new(StringComparer.Ordinal);
            private readonly ConcurrentDictionary<(SyntaxTree Tree, TextSpan Span), byte> _reported = new();
            private readonly PerType<Dictionary<ISymbol, bool>> _tainted;

            // Whether any file sets cometguard.logger_types: when none does, a call that is no catalogued sink and no
            // exception constructor is turned away without looking up its file's settings.
            private readonly bool _loggerTypesConfigured;

            public CompilationAnalysis(Compilation compilation, ResolvedSinks sinks, AnalyzerOptions options)
            {
                _loggerTypesConfigured = IsConfiguredAnywhere(compilation, options, CometGuardOptions.LoggerTypes);
                _compilation = compilation;
                _tainted = new PerType<Dictionary<ISymbol, bool>>((operations, _) => ComputeTainted(operations));
                Sinks = sinks;
                ExceptionType = compilation.FindType(SinkCatalogue.ExceptionType);
                StringType = compilation.GetSpecialType(SpecialType.System_String);
                HasLoggingFramework = ReferencesAssembly(compilation, SinkCatalogue.LoggingPipelineAssembly);
            }

            /// <summary>With a logging pipeline in the project, console output is log output (a container's stdout).</summary>
            public bool HasLoggingFramework { get; }

            public ResolvedSinks Sinks { get; }

            /// <summary>Log positions the catalogue cannot list: exception constructors and <c>cometguard.logger_types</c>.</summary>
            public bool MayLog(OperationAnalysisContext context, IMethodSymbol method)
            {
                if (method.MethodKind == MethodKind.Constructor && TypeLookup.DerivesFrom(method.ContainingType, ExceptionType))
                {
                    return true;
                }

                if (!_loggerTypesConfigured)
                {
                    return false;
                }

                var loggers = For(context.Options, context.Operation.Syntax.SyntaxTree).LoggerTypes;
                return !loggers.IsEmpty && method.ContainingType is { } containing && loggers.Contains(containing.OriginalDefinition);
            }

            public INamedTypeSymbol? ExceptionType { get; }

            public INamedTypeSymbol StringType { get; }

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

            public bool TryClaim(Location location) => _reported.TryAdd((location.SourceTree!, location.SourceSpan), 0);

            /// <summary>
            /// The file's <c>cometguard.*</c> settings for this rule, read once per file: the logger types are
            /// asked for on every call that is not a catalogued sink.
            /// </summary>
            public FileOptions For(AnalyzerOptions options, SyntaxTree tree)
            {
                if (_files.TryGetValue(tree, out var known))
                {
                    return known;
                }

                var console = CometGuardOptions.GetString(options, tree, CometGuardOptions.ConsoleIsLog, "auto");
                var consoleIsLog = string.Equals(console, "true", StringComparison.OrdinalIgnoreCase)
                    || (!string.Equals(console, "false", StringComparison.OrdinalIgnoreCase) && HasLoggingFramework);
                var loggers = CometGuardOptions.GetString(options, tree, CometGuardOptions.LoggerTypes, string.Empty);
                var extraNames = CometGuardOptions.GetString(options, tree, CometGuardOptions.SensitiveMemberNames, string.Empty);
                return _files.GetOrAdd(tree, new FileOptions(LoggerTypes(loggers), SensitiveNames(extraNames), consoleIsLog));
            }

            /// <summary>The extra logger types of <c>cometguard.logger_types</c>, resolved once per distinct option value.</summary>
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

            /// <summary>The default sensitive names plus <c>cometguard.sensitive_member_names</c>, normalised.</summary>
            private ImmutableArray<string> SensitiveNames(string extra)
            {
                return _names.GetOrAdd(extra, value =>
                {
                    var builder = DefaultSensitiveNames.ToBuilder();
                    foreach (var name in CometGuardOptions.ParseList(value))
                    {
                        builder.Add(Normalize(name));
                    }

                    return builder.ToImmutable();
                });
            }

            /// <summary>A log argument, decided as it is seen; the type's credential and prompt variables are read on demand.</summary>
            public void AnalyzeArgument(OperationAnalysisContext context, IArgumentOperation argument)
            {
                // Literals and nameof are never sensitive: most exception and log arguments end here, before any lookup.
                if (argument.Value.ConstantValue.HasValue || argument.Parameter is not { } parameter)
                {
                    return;
                }

                var file = For(context.Options, context.Operation.Syntax.SyntaxTree);
                var sink = LogSinkOf(argument, parameter, file);
                if (sink == LogSink.None)
                {
                    return;
                }

                var evaluator = new Evaluator(this, context, file.SensitiveNames);
                if (argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation { Initializer: { } initializer })
                {
                    foreach (var element in initializer.ElementValues)
                    {
                        Report(context, evaluator.Find(element, 0), sink, parameter);
                    }
                }
                else
                {
                    Report(context, evaluator.Find(argument.Value, 0), sink, parameter);
                }
            }

            private void Report(OperationAnalysisContext context, Finding? finding, LogSink sink, IParameterSymbol parameter)
            {
                if (finding is null)
                {
                    return;
                }

                var location = finding.Value.Operation.Syntax.GetLocation();
                if (TryClaim(location))
                {
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.SensitiveDataLogged, location, finding.Value.Description, Describe(sink, parameter)));
                }
            }

            /// <summary>Variables and members the type passes to a credential sink (true) or a prompt sink (false).</summary>
            public IReadOnlyDictionary<ISymbol, bool>? Tainted(OperationAnalysisContext context) => _tainted.Get(context);

            private Dictionary<ISymbol, bool> ComputeTainted(IEnumerable<IOperation> operations)
            {
                var tainted = new Dictionary<ISymbol, bool>(SymbolEqualityComparer.Default);
                foreach (var operation in operations)
                {
                    var (method, arguments) = SinkArguments.Call(operation);

                    if (method is null || !Sinks.MayTakeSink(method, SinkKinds.Of(SinkKind.Credential, SinkKind.Prompt)))
                    {
                        continue;
                    }

                    foreach (var argument in arguments)
                    {
                        var credential = Sinks.IsSink(argument, SinkKind.Credential);
                        if ((credential || Sinks.IsSink(argument, SinkKind.Prompt))
                            && ReferencedSymbol(Evaluator.Unwrap(argument.Value)) is { } symbol)
                        {
                            tainted[symbol] = credential || (tainted.TryGetValue(symbol, out var known) && known);
                        }
                    }
                }

                return tainted;
            }

            /// <summary>Whether the parameter writes to a log, and how; descriptions are built only for a finding.</summary>
            private LogSink LogSinkOf(IArgumentOperation argument, IParameterSymbol parameter, FileOptions file)
            {
                if (Sinks.IsSink(argument, SinkKind.Log) || (file.ConsoleIsLog && Sinks.IsSink(argument, SinkKind.ConsoleOutput)))
                {
                    return LogSink.Catalogued;
                }

                var member = parameter.ContainingSymbol;
                if (member is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor
                    && parameter.Name == SinkCatalogue.ExceptionMessageParameter
                    && parameter.Type.SpecialType == SpecialType.System_String
                    && TypeLookup.DerivesFrom(constructor.ContainingType, ExceptionType))
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

            private string Describe(LogSink sink, IParameterSymbol parameter)
            {
                var member = parameter.ContainingSymbol;
                return sink switch
                {
                    LogSink.Catalogued when member is IMethodSymbol method && Sinks.IsLoggerMessage(method) => "the [LoggerMessage] method '" + method.Name + "'",
                    LogSink.ExceptionMessage => "the message of '" + member.ContainingType.Name + "'",
                    _ => "'" + member.ContainingType?.Name + "." + member.Name + "'",
                };
            }
        }

        private enum LogSink
        {
            None,
            Catalogued,
            ExceptionMessage,
            LoggerType,
        }

        private sealed class FileOptions
        {
            public FileOptions(ImmutableHashSet<INamedTypeSymbol> loggerTypes, ImmutableArray<string> sensitiveNames, bool consoleIsLog)
            {
                LoggerTypes = loggerTypes;
                SensitiveNames = sensitiveNames;
                ConsoleIsLog = consoleIsLog;
            }

            public ImmutableHashSet<INamedTypeSymbol> LoggerTypes { get; }

            public ImmutableArray<string> SensitiveNames { get; }

            public bool ConsoleIsLog { get; }
        }

        private static ISymbol? ReferencedSymbol(IOperation? operation)
        {
            return operation switch
            {
                ILocalReferenceOperation local => local.Local,
                IParameterReferenceOperation parameter => parameter.Parameter,
                IFieldReferenceOperation field => field.Field.OriginalDefinition,
                IPropertyReferenceOperation { Arguments.Length: 0 } property => property.Property.OriginalDefinition,
                _ => null,
            };
        }

        private static string Normalize(string name)
        {
            var builder = new System.Text.StringBuilder(name.Length);
            foreach (var c in name)
            {
                if (!IsSeparator(c))
                {
                    builder.Append(char.ToLowerInvariant(c));
                }
            }

            return builder.ToString();
        }

        /// <summary>
        /// Whether <see cref="Normalize"/>(<paramref name="name"/>) ends with (or, <paramref name="whole"/>, is) the
        /// normalised <paramref name="suffix"/>, compared from the end without building the normalised name:
        /// every logged variable and member name passes here.
        /// </summary>
        private static bool EndsWithNormalized(string name, string suffix, bool whole)
        {
            var i = name.Length - 1;
            for (var j = suffix.Length - 1; j >= 0; j--, i--)
            {
                while (i >= 0 && IsSeparator(name[i]))
                {
                    i--;
                }

                if (i < 0 || char.ToLowerInvariant(name[i]) != suffix[j])
                {
                    return false;
                }
            }

            while (whole && i >= 0 && IsSeparator(name[i]))
            {
                i--;
            }

            return !whole || i < 0;
        }

        private static bool IsSeparator(char c) => c is '_' or '-' or ':' or '.';

        private readonly struct Finding
        {
            public Finding(IOperation operation, string description)
            {
                Operation = operation;
                Description = description;
            }

            public IOperation Operation { get; }

            public string Description { get; }
        }

        /// <summary>Decides whether a logged value is sensitive, following value-preserving operations only.</summary>
        private readonly struct Evaluator
        {
            private readonly CompilationAnalysis _analysis;
            private readonly OperationAnalysisContext _context;
            private readonly ImmutableArray<string> _names;

            public Evaluator(CompilationAnalysis analysis, OperationAnalysisContext context, ImmutableArray<string> names)
            {
                _analysis = analysis;
                _context = context;
                _names = names;
            }

            public static IOperation? Unwrap(IOperation? operation)
            {
                while (true)
                {
                    switch (operation)
                    {
                        case IConversionOperation conversion:
                            operation = conversion.Operand;
                            continue;
                        case IParenthesizedOperation parenthesized:
                            operation = parenthesized.Operand;
                            continue;
                        case IAwaitOperation awaited:
                            operation = awaited.Operation;
                            continue;
                        case IConditionalAccessOperation conditional:
                            operation = conditional.WhenNotNull;
                            continue;
                        case IInterpolatedStringHandlerCreationOperation handler:
                            operation = handler.Content;
                            continue;
                        default:
                            return operation;
                    }
                }
            }

            /// <summary>The value as written, before it is boxed or converted for the sink (an awaited result keeps its type).</summary>
            private static IOperation? WithoutConversions(IOperation? operation)
            {
                while (operation is IConversionOperation or IParenthesizedOperation)
                {
                    operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
                }

                return operation;
            }

            public Finding? Find(IOperation? operation, int depth)
            {
                // Report at the expression as written (`x?.Parameter`, `await ...`), not at its unwrapped core.
                var original = operation;
                var valueType = WithoutConversions(operation)?.Type;
                operation = Unwrap(operation);
                if (original is null || operation is null || depth > MaxDepth || operation.ConstantValue.HasValue)
                {
                    return null;
                }

                _context.CancellationToken.ThrowIfCancellationRequested();
                string? description;
                switch (operation)
                {
                    case IInterpolatedStringOperation interpolated:
                        foreach (var part in interpolated.Parts)
                        {
                            if (part is IInterpolationOperation hole && Find(hole.Expression, depth + 1) is { } found)
                            {
                                return found;
                            }
                        }

                        return null;
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary:
                        return Find(binary.LeftOperand, depth + 1) ?? Find(binary.RightOperand, depth + 1);
                    case ICoalesceOperation coalesce:
                        return Find(coalesce.Value, depth + 1) ?? Find(coalesce.WhenNull, depth + 1);
                    case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                        return Find(conditional.WhenTrue, depth + 1) ?? Find(whenFalse, depth + 1);
                    case IArrayCreationOperation { Initializer: { } initializer }:
                        foreach (var element in initializer.ElementValues)
                        {
                            if (Find(element, depth + 1) is { } found)
                            {
                                return found;
                            }
                        }

                        return null;
                    case IInvocationOperation invocation:
                        description = FromInvocation(invocation, depth);
                        break;
                    case IPropertyReferenceOperation property:
                        description = FromProperty(property);
                        break;
                    case ILocalReferenceOperation local:
                        description = FromName(local.Local, local.Local.Type)
                            ?? FromTaint(local.Local, local.Local.Type)
                            ?? FromInitializer(local, depth);
                        break;
                    case IParameterReferenceOperation parameter:
                        description = FromName(parameter.Parameter, parameter.Parameter.Type) ?? FromTaint(parameter.Parameter, parameter.Parameter.Type);
                        break;
                    case IFieldReferenceOperation field:
                        description = FromName(field.Field, field.Field.Type) ?? FromTaint(field.Field.OriginalDefinition, field.Field.Type);
                        break;
                    default:
                        description = null;
                        break;
                }

                // An object whose ToString() is its text (ChatResponse, ChatMessage) is written as that text.
                description ??= FromToString(valueType);
                return description is null ? null : new Finding(original, description);
            }

            private string? FromInvocation(IInvocationOperation invocation, int depth)
            {
                var method = invocation.TargetMethod;
                var sinks = _analysis.Sinks;
                if (sinks.IsMember(method, SinkKind.SensitiveValue))
                {
                    return "'" + method.ContainingType.Name + "." + method.Name + "()'";
                }

                if (NamesSecret(invocation.Arguments) is { } secret)
                {
                    return secret;
                }

                // Value-preserving calls: ToString(), string instance methods (Trim, Substring…), string.Join/Concat/Format.
                if (method.Name == nameof(ToString) && method.Parameters.Length == 0 && invocation.Instance is { } instance)
                {
                    return Find(instance, depth + 1)?.Description;
                }

                if (SymbolEqualityComparer.Default.Equals(method.ContainingType, _analysis.StringType))
                {
                    if (!method.IsStatic)
                    {
                        return method.ReturnType.SpecialType == SpecialType.System_String ? Find(invocation.Instance, depth + 1)?.Description : null;
                    }

                    foreach (var argument in invocation.Arguments)
                    {
                        if (Find(argument.Value, depth + 1) is { } found)
                        {
                            return found.Description;
                        }
                    }
                }

                return null;
            }

            private string? FromToString(ITypeSymbol? type)
            {
                if (type is not INamedTypeSymbol named || named.SpecialType != SpecialType.None)
                {
                    return null;
                }

                foreach (var member in named.GetMembers(nameof(ToString)))
                {
                    if (member is IMethodSymbol { Parameters.Length: 0 } method && _analysis.Sinks.IsMember(method, SinkKind.SensitiveValue))
                    {
                        return "'" + named.Name + "' (its ToString() is its text)";
                    }
                }

                return null;
            }

            private string? FromProperty(IPropertyReferenceOperation reference)
            {
                var property = reference.Property;
                if (_analysis.Sinks.IsMember(property, SinkKind.SensitiveValue))
                {
                    return "'" + property.ContainingType.Name + "." + property.Name + "'";
                }

                if (property.IsIndexer)
                {
                    return NamesSecret(reference.Arguments);
                }

                return FromName(property, property.Type) ?? FromTaint(property.OriginalDefinition, property.Type);
            }

            /// <summary>A configuration or environment read whose constant key names a secret.</summary>
            private string? NamesSecret(ImmutableArray<IArgumentOperation> arguments)
            {
                foreach (var argument in arguments)
                {
                    if (argument.Value.ConstantValue is { HasValue: true, Value: string key }
                        && _analysis.Sinks.IsSink(argument, SinkKind.SecretName)
                        && IsSensitiveName(LastSegment(key)))
                    {
                        return "the secret '" + key + "'";
                    }
                }

                return null;
            }

            private string? FromName(ISymbol symbol, ITypeSymbol type)
            {
                return type.SpecialType == SpecialType.System_String && IsSensitiveName(symbol.Name) ? "'" + symbol.Name + "'" : null;
            }

            private string? FromTaint(ISymbol symbol, ITypeSymbol type)
            {
                // Credentials are strings and prompts are strings or message objects: a number, id or date
                // never is, and skipping them spares the walk over the type's calls for most log arguments.
                if (type.IsValueType)
                {
                    return null;
                }

                // Read last: the type's calls are walked only for a value no name or source settles.
                if (_analysis.Tainted(_context) is not { } tainted || !tainted.TryGetValue(symbol, out var credential))
                {
                    return null;
                }

                return "'" + symbol.Name + "'" + (credential ? ", a credential," : ", sent as request messages or input,");
            }

            /// <summary>One hop to a local's initialiser, as in <c>var body = await content.ReadAsStringAsync();</c>.</summary>
            private string? FromInitializer(ILocalReferenceOperation reference, int depth)
            {
                var local = reference.Local;
                if (local.DeclaringSyntaxReferences.Length != 1
                    || local.DeclaringSyntaxReferences[0].GetSyntax(_context.CancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: { } initializer }
                    || reference.SemanticModel is not { } model
                    || initializer.SyntaxTree != model.SyntaxTree)
                {
                    return null;
                }

                return Find(model.GetOperation(initializer, _context.CancellationToken), depth + 1)?.Description;
            }

            private bool IsSensitiveName(string name)
            {
                foreach (var exact in ExactSensitiveNames)
                {
                    if (EndsWithNormalized(name, exact, whole: true))
                    {
                        return true;
                    }
                }

                foreach (var sensitive in _names)
                {
                    if (EndsWithNormalized(name, sensitive, whole: false))
                    {
                        return true;
                    }
                }

                return false;
            }

            private static string LastSegment(string key)
            {
                // Configuration keys: "OpenAI:ApiKey", environment: "OPENAI__APIKEY" or "COMETAPI_API_KEY".
                var colon = key.LastIndexOf(':');
                var doubleUnderscore = key.LastIndexOf("__", StringComparison.Ordinal);
                var cut = Math.Max(colon, doubleUnderscore >= 0 ? doubleUnderscore + 1 : -1);
                return cut >= 0 ? key.Substring(cut + 1) : key;
            }
        }
    }
}
