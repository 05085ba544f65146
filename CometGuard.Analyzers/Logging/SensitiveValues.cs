using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CometGuard.Analyzers.Logging
{
    /// <summary>A sensitive value found in a logged expression: where, and what it is.</summary>
    internal readonly struct Finding
    {
        public Finding(IOperation operation, string description)
        {
            Operation = operation;
            Description = description;
        }

        public IOperation Operation { get; }

        public string Description { get; }
    }

    /// <summary>
    /// Whether a logged value is sensitive: it is (or is built by interpolation, concatenation, <c>string.Format/Join/Concat</c>
    /// or <c>ToString()</c> from) a catalogued source such as <c>ChatMessageContentPart.Text</c> or <c>GetOutputText()</c>, a
    /// configuration or environment read whose key names a secret, a string member or variable whose name names one, or
    /// a variable that the same type passes to a credential or prompt sink. Everything else (ids, status codes, counts,
    /// finish reasons, durations, values passed through a method such as a redactor) is not.
    /// </summary>
    internal sealed class SensitiveValues
    {
        private const int MaxDepth = 4;

        private readonly PerType<Dictionary<ISymbol, bool>> _tainted;

        public SensitiveValues(ResolvedSinks sinks, KnownSymbols known)
        {
            Sinks = sinks;
            StringType = known.String;
            _tainted = new PerType<Dictionary<ISymbol, bool>>((operations, _) => ComputeTainted(operations));
        }

        private ResolvedSinks Sinks { get; }

        private INamedTypeSymbol StringType { get; }

        /// <summary>The first sensitive part of <paramref name="value"/>, or null.</summary>
        public Finding? Find(OperationAnalysisContext context, IOperation value, ImmutableArray<string> names)
            => new Walker(this, context, names).Find(value, 0);

        /// <summary>The value a logged expression carries, through conversions, awaits, <c>?.</c> and interpolation handlers.</summary>
        public static IOperation? ValueOf(IOperation? operation)
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

        /// <summary>Variables and members the type passes to a credential sink (true) or a prompt sink (false).</summary>
        private IReadOnlyDictionary<ISymbol, bool>? Tainted(OperationAnalysisContext context) => _tainted.Get(context);

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
                        && ReferencedSymbol(ValueOf(argument.Value)) is { } symbol)
                    {
                        tainted[symbol] = credential || (tainted.TryGetValue(symbol, out var known) && known);
                    }
                }
            }

            return tainted;
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

        /// <summary>Decides whether a logged value is sensitive, following value-preserving operations only.</summary>
        private readonly struct Walker
        {
            private readonly SensitiveValues _values;
            private readonly OperationAnalysisContext _context;
            private readonly ImmutableArray<string> _names;

            public Walker(SensitiveValues values, OperationAnalysisContext context, ImmutableArray<string> names)
            {
                _values = values;
                _context = context;
                _names = names;
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
                operation = ValueOf(operation);
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
                var sinks = _values.Sinks;
                if (sinks.IsMember(method, SinkKind.SensitiveValue))
                {
                    // The error envelope of a failed response carries no prompt, completion or key: naming it is how a
                    // failure is diagnosed. A body of unknown status may be generated text and stays a finding.
                    if (sinks.IsSink(method, SinkKind.HttpTextRead) && FailurePaths.IsErrorBody(_context, sinks, invocation, _context.Operation.Syntax))
                    {
                        return null;
                    }

                    return "'" + method.ContainingType.Name + "." + method.Name + "()'";
                }

                if (NamesSecret(invocation.Arguments) is { } secret)
                {
                    return secret;
                }

                // Value-preserving calls: ToString(), string instance methods (Trim, Substring…), string.Join/Concat/Format.
                if (method.Name == KnownMembers.ToStringMethod && method.Parameters.Length == 0 && invocation.Instance is { } instance)
                {
                    return Find(instance, depth + 1)?.Description;
                }

                if (SymbolEqualityComparer.Default.Equals(method.ContainingType, _values.StringType))
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

                foreach (var member in named.GetMembers(KnownMembers.ToStringMethod))
                {
                    if (member is IMethodSymbol { Parameters.Length: 0 } method && _values.Sinks.IsMember(method, SinkKind.SensitiveValue))
                    {
                        return "'" + named.Name + "' (its ToString() is its text)";
                    }
                }

                return null;
            }

            private string? FromProperty(IPropertyReferenceOperation reference)
            {
                var property = reference.Property;
                if (_values.Sinks.IsMember(property, SinkKind.SensitiveValue))
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
                        && _values.Sinks.IsSink(argument, SinkKind.SecretName)
                        && IsSensitiveName(SensitiveNames.LastSegment(key)))
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
                if (_values.Tainted(_context) is not { } tainted || !tainted.TryGetValue(symbol, out var credential))
                {
                    return null;
                }

                return "'" + symbol.Name + "'" + (credential ? ", a credential," : ", sent as request messages or input,");
            }

            /// <summary>One hop to a local's initialiser, as in <c>var body = await content.ReadAsStringAsync();</c>.</summary>
            private string? FromInitializer(ILocalReferenceOperation reference, int depth)
                => reference.Local.Initializer(reference) is { } initializer ? Find(initializer, depth + 1)?.Description : null;

            private bool IsSensitiveName(string name) => SensitiveNames.IsSensitive(name, _names);
        }
    }
}
