using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CometGuard.Analyzers.Bodies
{
    /// <summary>
    /// Recognises raw HTTP request bodies sent to an OpenAI-compatible gateway: anonymous objects,
    /// DTOs, <c>JsonObject</c>/<c>IDictionary&lt;string, …&gt;</c> payloads and JSON text. A body is a
    /// gateway request when it also carries <c>messages</c>, <c>input</c> or <c>prompt</c>, or when it is
    /// sent to a <c>/chat/completions</c>, <c>/responses</c>, <c>/completions</c> or <c>/embeddings</c>
    /// path. Built once per compilation; <c>null</c> when the compilation cannot send HTTP at all.
    /// </summary>
    internal sealed class GatewayRequestBodies
    {
        /// <summary>Stands for an interpolation hole in JSON text: a value that is not fixed in source.</summary>
        public const char Hole = '\u0001';


        private static readonly Regex JsonModel = new(
            "\"model\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"",
            RegexOptions.CultureInvariant,
            TimeSpan.FromMilliseconds(100));

        private static readonly Regex JsonGatewayKey = new(
            "\"(?:messages|input|prompt)\"\\s*:",
            RegexOptions.CultureInvariant,
            TimeSpan.FromMilliseconds(100));

        private readonly KnownSymbols _known;
        private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _gatewayTypes = new(SymbolEqualityComparer.Default);

        private GatewayRequestBodies(KnownSymbols known)
        {
            _known = known;
        }

        /// <summary>Null when the compilation references no HTTP client: no raw body can be sent.</summary>
        public static GatewayRequestBodies? Create(Compilation compilation)
            => PerCompilation<GatewayRequestBodies?>.Get(compilation, c => KnownSymbols.For(c) is var known && known[KnownType.HttpClient] is null ? null : new GatewayRequestBodies(known));

        /// <summary>True for the property an anonymous object or DTO serialises as <c>model</c>.</summary>
        public bool IsModelProperty(IPropertySymbol property)
        {
            return property.Type.SpecialType == SpecialType.System_String
                && string.Equals(JsonName(property), SinkCatalogue.ModelName, StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>True when the type serialises a <c>messages</c>, <c>input</c> or <c>prompt</c> property.</summary>
        public bool IsGatewayType(INamedTypeSymbol type)
        {
            return _gatewayTypes.GetOrAdd(type, t =>
            {
                for (var current = t; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
                {
                    foreach (var member in current.GetMembers())
                    {
                        if (member is IPropertySymbol { IsStatic: false } property && IsGatewayKey(JsonName(property)))
                        {
                            return true;
                        }
                    }
                }

                return false;
            });
        }

        /// <summary>The name test of <see cref="IsModelParameter"/> alone: one hop from the parameter, for every constructor argument.</summary>
        public static bool MayBeModelParameter(IParameterSymbol parameter) => string.Equals(parameter.Name, SinkCatalogue.ModelName, StringComparison.OrdinalIgnoreCase);

        /// <summary>The model property of <paramref name="type"/> that a constructor parameter initialises (records, DTO constructors).</summary>
        public bool IsModelParameter(IParameterSymbol parameter)
        {
            if (!MayBeModelParameter(parameter)
                || parameter.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.Constructor, ContainingType: { } type })
            {
                return false;
            }

            foreach (var member in type.GetMembers())
            {
                if (member is IPropertySymbol property
                    && string.Equals(property.Name, parameter.Name, StringComparison.OrdinalIgnoreCase)
                    && IsModelProperty(property))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>JsonObject</c>, <c>JObject</c>, or an <c>IDictionary&lt;string, …&gt;</c>.</summary>
        public bool IsKeyedPayload(ITypeSymbol? type)
        {
            if (type is null)
            {
                return false;
            }

            // A JsonNode or JToken variable holding an object is written to through the same string indexer.
            if (SymbolEqualityComparer.Default.Equals(type, _known[KnownType.JsonObject]) || SymbolEqualityComparer.Default.Equals(type, _known[KnownType.JObject])
                || SymbolEqualityComparer.Default.Equals(type, _known[KnownType.JsonNode]) || SymbolEqualityComparer.Default.Equals(type, _known[KnownType.JToken]))
            {
                return true;
            }

            if (_known[KnownType.StringDictionary] is null)
            {
                return false;
            }

            if (IsStringDictionary(type as INamedTypeSymbol))
            {
                return true;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (IsStringDictionary(implemented))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The constant key of an indexer write or <c>Add(key, value)</c> call, else null.</summary>
        public static string? KeyOf(IOperation entry)
        {
            var key = entry switch
            {
                ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true, Arguments: { Length: 1 } arguments } } => arguments[0].Value,
                IInvocationOperation { TargetMethod.Name: KnownMembers.Add, Arguments: { Length: 2 } arguments } => arguments[0].Value,
                _ => null,
            };

            return key?.ConstantValue is { HasValue: true, Value: string text } ? text : null;
        }

        /// <summary>The value of a keyed entry, through <c>JsonNode</c>/<c>JToken</c> conversions from string and <c>JsonValue.Create</c>.</summary>
        public IOperation? ValueOf(IOperation entry)
        {
            var value = entry switch
            {
                ISimpleAssignmentOperation assignment => assignment.Value,
                IInvocationOperation { Arguments: { Length: 2 } arguments } => arguments[1].Value,
                _ => null,
            };

            while (true)
            {
                switch (value)
                {
                    case IConversionOperation { OperatorMethod: { Parameters: { Length: 1 } parameters } } conversion
                        when parameters[0].Type.SpecialType == SpecialType.System_String:
                        value = conversion.Operand;
                        continue;
                    case IConversionOperation { OperatorMethod: null } conversion:
                        value = conversion.Operand;
                        continue;
                    case IInvocationOperation { TargetMethod: { Name: KnownMembers.Create } method, Arguments: { Length: >= 1 } arguments }
                        when SymbolEqualityComparer.Default.Equals(method.ContainingType, _known[KnownType.JsonValue]):
                        value = arguments[0].Value;
                        continue;
                    default:
                        return value;
                }
            }
        }

        /// <summary>
        /// A <c>model</c> entry written into a keyed payload (<c>body["model"] = …</c>, <c>body.Add("model", …)</c>) that
        /// belongs to a gateway request.
        /// </summary>
        public bool IsGatewayModelEntry(IOperation entry, CancellationToken cancellationToken)
        {
            var payload = entry switch
            {
                ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { IsIndexer: true } indexer } reference } => reference.Instance?.Type ?? indexer.ContainingType,
                IInvocationOperation { TargetMethod.Name: KnownMembers.Add, Arguments.Length: 2 } add => add.Instance?.Type ?? add.TargetMethod.ContainingType,
                _ => null,
            };

            return payload is not null
                && KeyOf(entry) == SinkCatalogue.ModelName
                && IsKeyedPayload(payload)
                && IsGatewayKeyedEntry(entry, cancellationToken);
        }

        /// <summary>A constructor argument for a request DTO's model (records, DTO constructors) when the DTO is a gateway request or is posted to a gateway path.</summary>
        public bool IsGatewayModelArgument(IArgumentOperation argument, IParameterSymbol parameter, CancellationToken cancellationToken)
            => IsModelParameter(parameter)
                && parameter.ContainingType is { } type
                && (IsGatewayType(type) || (argument.Parent is { } creation && IsSentToGatewayPath(creation, cancellationToken)));

        /// <summary>A write to a DTO's model property, when the DTO is a gateway request or the new object is posted to a gateway path.</summary>
        public bool IsGatewayDtoWrite(ISimpleAssignmentOperation assignment, IPropertySymbol property, CancellationToken cancellationToken)
        {
            if (IsGatewayType(property.ContainingType))
            {
                return true;
            }

            // `new Request { Model = … }` posted to a gateway path, with the other members set elsewhere.
            return assignment.Parent is IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation creation }
                && IsSentToGatewayPath(creation, cancellationToken);
        }

        /// <summary>
        /// True when a keyed <c>model</c> entry belongs to a gateway request: a sibling entry of the same
        /// initializer or of the same variable is a gateway key, or the payload is sent to a gateway path.
        /// </summary>
        public bool IsGatewayKeyedEntry(IOperation entry, CancellationToken cancellationToken)
        {
            if (entry.Parent is IObjectOrCollectionInitializerOperation initializer)
            {
                foreach (var sibling in initializer.Initializers)
                {
                    if (IsGatewayKey(KeyOf(sibling)))
                    {
                        return true;
                    }
                }

                return initializer.Parent is { } creation && IsSentToGatewayPath(creation, cancellationToken);
            }

            var receiver = entry switch
            {
                ISimpleAssignmentOperation { Target: IPropertyReferenceOperation reference } => reference.Instance,
                IInvocationOperation invocation => invocation.Instance,
                _ => null,
            };

            var symbol = receiver switch
            {
                ILocalReferenceOperation local => (ISymbol)local.Local,
                IFieldReferenceOperation field => field.Field,
                IParameterReferenceOperation parameter => parameter.Parameter,
                _ => null,
            };

            if (symbol is null)
            {
                return false;
            }

            var root = entry.EnclosingBody();
            foreach (var operation in root.Descendants())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (operation is ISimpleAssignmentOperation or IInvocationOperation
                    && IsGatewayKey(KeyOf(operation))
                    && (ReferenceOf(operation) is { } other && SymbolEqualityComparer.Default.Equals(other, symbol)))
                {
                    return true;
                }

                if (operation is IVariableDeclaratorOperation declarator
                    && SymbolEqualityComparer.Default.Equals(declarator.Symbol, symbol)
                    && declarator.Initializer?.Value is { } initialValue)
                {
                    if (initialValue.Unwrap() is IObjectCreationOperation { Initializer: { } creationInitializer })
                    {
                        foreach (var sibling in creationInitializer.Initializers)
                        {
                            if (IsGatewayKey(KeyOf(sibling)))
                            {
                                return true;
                            }
                        }
                    }

                    // Built empty or cloned from a template (`(JsonObject)template.DeepClone()`), then sent to a gateway path.
                    if (IsSentToGatewayPath(initialValue, cancellationToken))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>True when an anonymous object has a <c>messages</c>, <c>input</c> or <c>prompt</c> member or is sent to a gateway path.</summary>
        public bool IsGatewayAnonymousObject(IAnonymousObjectCreationOperation creation, CancellationToken cancellationToken)
        {
            return creation.Type is INamedTypeSymbol type && IsGatewayType(type)
                || IsSentToGatewayPath(creation, cancellationToken);
        }

        /// <summary>
        /// True when <paramref name="body"/> (directly, or through the local it initialises) is passed to
        /// a call or constructor that also receives a gateway path such as <c>"v1/chat/completions"</c>.
        /// </summary>
        public bool IsSentToGatewayPath(IOperation body, CancellationToken cancellationToken)
        {
            if (SentWithPath(body))
            {
                return true;
            }

            if (body.ParentThroughConversions() is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: { } local } })
            {
                return false;
            }

            foreach (var operation in body.EnclosingBody().Descendants())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (operation is ILocalReferenceOperation reference
                    && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                    && SentWithPath(reference))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The model in JSON text, when the text is a gateway request: <c>(value, node)</c> where
        /// <paramref name="node"/> is the literal holding it; null otherwise or when the model comes
        /// from an interpolation hole.
        /// </summary>
        public (string Model, SyntaxNode Source)? FindJsonModel(IOperation value, CancellationToken cancellationToken)
        {
            var (text, source) = JsonText(value, cancellationToken);
            if (text is null || source is null || text.IndexOf("\"model\"", StringComparison.Ordinal) < 0)
            {
                return null;
            }

            try
            {
                var match = JsonModel.Match(text);
                if (!match.Success || match.Groups[1].Value.IndexOf(Hole) >= 0 || match.Groups[1].Value.Trim().Length == 0)
                {
                    return null;
                }

                if (!JsonGatewayKey.IsMatch(text) && !IsSentToGatewayPath(value, cancellationToken))
                {
                    return null;
                }

                return (Regex.Unescape(match.Groups[1].Value), source);
            }
            catch (RegexMatchTimeoutException)
            {
                return null;
            }
            catch (ArgumentException)
            {
                return null;
            }
        }

        public static bool IsGatewayKey(string? key)
        {
            if (key is null)
            {
                return false;
            }

            foreach (var candidate in SinkCatalogue.GatewayRequestBodyNames)
            {
                if (string.Equals(key, candidate, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        public static bool IsGatewayPath(string? text)
        {
            if (text is null)
            {
                return false;
            }

            var query = text.IndexOf('?');
            var path = (query >= 0 ? text.Substring(0, query) : text).Trim().TrimEnd('/');
            foreach (var suffix in SinkCatalogue.GatewayPaths)
            {
                if (path.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                    && (path.Length == suffix.Length || path[path.Length - suffix.Length - 1] == '/'))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsStringDictionary(INamedTypeSymbol? type)
        {
            return type is { IsGenericType: true, TypeArguments.Length: 2 }
                && type.TypeArguments[0].SpecialType == SpecialType.System_String
                && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, _known[KnownType.StringDictionary]);
        }

        private string JsonName(IPropertySymbol property) => JsonNames.Of(property, _known);

        private static ISymbol? ReferenceOf(IOperation entry)
        {
            var receiver = entry switch
            {
                ISimpleAssignmentOperation { Target: IPropertyReferenceOperation reference } => reference.Instance,
                IInvocationOperation invocation => invocation.Instance,
                _ => null,
            };

            return receiver switch
            {
                ILocalReferenceOperation local => local.Local,
                IFieldReferenceOperation field => field.Field,
                IParameterReferenceOperation parameter => parameter.Parameter,
                _ => null,
            };
        }

        private bool SentWithPath(IOperation body)
        {
            var current = body;
            for (var depth = 0; depth < 10 && current.Parent is { } parent; depth++, current = parent)
            {
                switch (parent)
                {
                    case IInvocationOperation invocation:
                        if (AnyArgumentCarriesPath(invocation.Arguments, current))
                        {
                            return true;
                        }

                        break;
                    case IObjectCreationOperation creation:
                        if (AnyArgumentCarriesPath(creation.Arguments, current))
                        {
                            return true;
                        }

                        break;
                    case IArgumentOperation:
                    case IConversionOperation:
                    case IParenthesizedOperation:
                    case IAwaitOperation:
                    case IObjectOrCollectionInitializerOperation:
                    case ISimpleAssignmentOperation when ((ISimpleAssignmentOperation)parent).Value == current:
                        break;
                    default:
                        return false;
                }
            }

            return false;
        }

        private bool AnyArgumentCarriesPath(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, IOperation except)
        {
            foreach (var argument in arguments)
            {
                if (argument != except && CarriesPath(argument.Value, 0))
                {
                    return true;
                }
            }

            return false;
        }

        private bool CarriesPath(IOperation? value, int depth)
        {
            if (value is null || depth > 3)
            {
                return false;
            }

            if (value.Type is { SpecialType: not SpecialType.System_String } type && !SymbolEqualityComparer.Default.Equals(type, _known[KnownType.Uri]))
            {
                return false;
            }

            switch (value)
            {
                case { ConstantValue: { HasValue: true, Value: string text } }:
                    return IsGatewayPath(text);
                case IConversionOperation conversion:
                    return CarriesPath(conversion.Operand, depth + 1);
                case IInterpolatedStringOperation interpolated:
                    var builder = new StringBuilder();
                    foreach (var part in interpolated.Parts)
                    {
                        if (part is IInterpolatedStringTextOperation { Text.ConstantValue: { HasValue: true, Value: string partText } })
                        {
                            builder.Append(partText);
                        }
                    }

                    return IsGatewayPath(builder.ToString());
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary:
                    return CarriesPath(binary.RightOperand, depth + 1);
                case IObjectCreationOperation creation when SymbolEqualityComparer.Default.Equals(creation.Type, _known[KnownType.Uri]):
                    foreach (var argument in creation.Arguments)
                    {
                        if (CarriesPath(argument.Value, depth + 1))
                        {
                            return true;
                        }
                    }

                    return false;
                default:
                    var hardCoded = HardCodedValue.Find(value, CancellationToken.None);
                    return hardCoded.IsHardCoded && IsGatewayPath(hardCoded.Value);
            }
        }

        private static (string? Text, SyntaxNode? Source) JsonText(IOperation value, CancellationToken cancellationToken)
        {
            var hardCoded = HardCodedValue.Find(value, cancellationToken);
            if (hardCoded.Kind == HardCodedKind.Literal)
            {
                return (hardCoded.Value, hardCoded.Source ?? value.Syntax);
            }

            // An interpolated JSON template: holes are request data, the text around them is fixed.
            var operation = value;
            while (operation is IConversionOperation { OperatorMethod: null } or IParenthesizedOperation)
            {
                operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
            }

            if (operation is ILocalReferenceOperation { Local: { DeclaringSyntaxReferences.Length: 1 } local }
                && local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } initializer }
                && operation.SemanticModel is { } model
                && initializer.SyntaxTree == model.SyntaxTree)
            {
                operation = model.GetOperation(initializer, cancellationToken);
            }

            if (operation is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String } concatenation)
            {
                // A concatenated JSON template: the same, with the non-constant operands as holes.
                var parts = new StringBuilder();
                AppendConcatenation(concatenation, parts, 0);
                return (parts.ToString(), concatenation.Syntax);
            }

            if (operation is not IInterpolatedStringOperation interpolated)
            {
                return (null, null);
            }

            var builder = new StringBuilder();
            foreach (var part in interpolated.Parts)
            {
                if (part is IInterpolatedStringTextOperation { Text.ConstantValue: { HasValue: true, Value: string text } })
                {
                    builder.Append(text);
                }
                else
                {
                    builder.Append(Hole);
                }
            }

            return (builder.ToString(), interpolated.Syntax);
        }

        private static void AppendConcatenation(IOperation operand, StringBuilder text, int depth)
        {
            operand = operand.Unwrap();
            if (operand.ConstantValue is { HasValue: true, Value: string constant })
            {
                text.Append(constant);
            }
            else if (depth < 32 && operand is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String } binary)
            {
                AppendConcatenation(binary.LeftOperand, text, depth + 1);
                AppendConcatenation(binary.RightOperand, text, depth + 1);
            }
            else
            {
                text.Append(Hole);
            }
        }
    }
}
