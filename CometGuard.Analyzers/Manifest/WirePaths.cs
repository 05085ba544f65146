using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CometGuard.Analyzers.Manifest
{
    /// <summary>A read's place in the gateway's answer so far: the family (null for JSON until a name settles it) and the path.</summary>
    internal readonly struct WirePath
    {
        public WirePath(string? family, string path, WireElements elements, bool isJson)
        {
            Family = family;
            Path = path;
            Elements = elements;
            IsJson = isJson;
        }

        public string? Family { get; }

        public string Path { get; }

        public WireElements Elements { get; }

        public bool IsJson { get; }

        public WirePath Append(string segment, WireElements elements)
            => new(Family, Path.Length == 0 || segment.StartsWith("[", StringComparison.Ordinal) ? Path + segment : Path + "." + segment, elements, IsJson);

        public WirePath WithElements(WireElements elements) => new(Family, Path, elements, IsJson);
    }

    /// <summary>
    /// The wire path a response read stands for (<c>completion.Usage.TotalTokenCount</c> is <c>usage.total_tokens</c>),
    /// through SDK members, element picks, locals, <c>foreach</c> and <c>out</c> variables and JSON lookups. One per
    /// compilation: the SDK types are looked up once.
    /// </summary>
    internal sealed class WirePaths
    {
        private const int MaxDepth = 16;

        private readonly Dictionary<INamedTypeSymbol, (string? RootOf, Dictionary<string, WireMember> Members)> _types = new(SymbolEqualityComparer.Default);
        private readonly INamedTypeSymbol?[] _jsonTypes;
        private readonly Compilation _compilation;

        private WirePaths(Compilation compilation)
        {
            _compilation = compilation;
            foreach (var (name, rootOf, members) in WireMap.Types)
            {
                if (compilation.GetTypeByMetadataName(name) is { } type)
                {
                    var map = new Dictionary<string, WireMember>(StringComparer.Ordinal);
                    foreach (var (member, path, elements) in members)
                    {
                        map[member] = new WireMember(path, elements);
                    }

                    _types[type] = (rootOf, map);
                }
            }

            _jsonTypes = new[]
            {
                compilation.GetTypeByMetadataName("System.Text.Json.JsonDocument"),
                compilation.GetTypeByMetadataName("System.Text.Json.JsonElement"),
                compilation.GetTypeByMetadataName("System.Text.Json.Nodes.JsonNode"),
                compilation.GetTypeByMetadataName("Newtonsoft.Json.Linq.JToken"),
            };
        }

        public static WirePaths For(Compilation compilation) => PerCompilation<WirePaths>.Get(compilation, c => new WirePaths(c));

        /// <summary>Whether the compilation can read a gateway answer at all: an SDK response type or a JSON type.</summary>
        public bool IsEmpty => _types.Count == 0 && Array.TrueForAll(_jsonTypes, t => t is null);

        /// <summary>The finished read: the family settled and the path non-empty, or null.</summary>
        public (string Family, string Path)? Read(IOperation? operation, SemanticModel model)
        {
            if (Resolve(operation, model, 0) is not { Path.Length: > 0 } path)
            {
                return null;
            }

            if (path.Family is { } family)
            {
                return (family, path.Path);
            }

            return JsonFamily(path.Path) is { } json ? (json, path.Path) : null;
        }

        private static string? JsonFamily(string path)
        {
            var segments = path.Split('.', '[');
            foreach (var segment in segments)
            {
                foreach (var (name, family) in WireMap.FamilyNames)
                {
                    if (segment == name)
                    {
                        return family;
                    }
                }
            }

            return Array.IndexOf(WireMap.SharedRootNames, segments[0]) >= 0 ? WireMap.AnyFamily : null;
        }

        private WirePath? Resolve(IOperation? operation, SemanticModel model, int depth)
        {
            if (operation is null || depth > MaxDepth)
            {
                return null;
            }

            if (operation.Type is INamedTypeSymbol type && _types.TryGetValue(type.OriginalDefinition, out var root) && root.RootOf is { } family)
            {
                return new WirePath(family, string.Empty, WireElements.None, isJson: false);
            }

            switch (operation)
            {
                case IConversionOperation conversion:
                    return Resolve(conversion.Operand, model, depth + 1);
                case IParenthesizedOperation parenthesized:
                    return Resolve(parenthesized.Operand, model, depth + 1);
                case IAwaitOperation awaited:
                    return Resolve(awaited.Operation, model, depth + 1);
                case IConditionalAccessInstanceOperation instance:
                    return Resolve(instance.ConditionalReceiver(), model, depth + 1);
                case IConditionalAccessOperation conditional:
                    return Resolve(conditional.WhenNotNull, model, depth + 1);
                case IPropertyReferenceOperation { Arguments.Length: 1 } indexer:
                    return Element(Resolve(indexer.Instance, model, depth + 1), indexer.Arguments[0].Value);
                case IArrayElementReferenceOperation { Indices.Length: 1 } element:
                    return Element(Resolve(element.ArrayReference, model, depth + 1), element.Indices[0]);
                case IPropertyReferenceOperation { Arguments.Length: 0, Instance: { } instance } property:
                    return Member(Resolve(instance, model, depth + 1), instance.Type, property.Property.Name);
                case IInvocationOperation invocation:
                    return Invocation(invocation, model, depth);
                case ILocalReferenceOperation local:
                    return Local(local, model, depth) ?? JsonRoot(operation);
                case IParameterReferenceOperation or IFieldReferenceOperation:
                    return JsonRoot(operation);
                default:
                    return null;
            }
        }

        private WirePath? Member(WirePath? owner, ITypeSymbol? ownerType, string name)
        {
            if (owner is not { } path)
            {
                return null;
            }

            if (path.Elements == WireElements.Terminal)
            {
                return path;
            }

            for (var type = ownerType as INamedTypeSymbol; type is not null; type = type.BaseType)
            {
                if (_types.TryGetValue(type.OriginalDefinition, out var mapped) && mapped.Members.TryGetValue(name, out var member))
                {
                    return path.Append(member.Path, member.Elements);
                }
            }

            // JsonDocument.RootElement and Nullable<JsonElement>.Value read the value itself.
            return path.IsJson && name is "RootElement" or "Value" ? path : null;
        }

        private static WirePath? Element(WirePath? owner, IOperation? index)
        {
            if (owner is not { } path)
            {
                return null;
            }

            if (index?.ConstantValue is { HasValue: true, Value: string name })
            {
                return path.IsJson ? path.Append(name, WireElements.None) : null;
            }

            var k = index?.ConstantValue is { HasValue: true, Value: int value } && value >= 0 ? value : 0;
            return path.Elements switch
            {
                WireElements.Terminal => path,
                WireElements.Absorbed => path.WithElements(WireElements.None),
                WireElements.Indexed => path.Append("[" + k + "]", WireElements.None),
                _ => path.IsJson ? path.Append("[" + k + "]", WireElements.None) : null,
            };
        }

        private WirePath? Invocation(IInvocationOperation invocation, SemanticModel model, int depth)
        {
            var name = invocation.TargetMethod.Name;
            if (Array.IndexOf(WireMap.ElementCalls, name) >= 0)
            {
                var index = invocation.TargetMethod.IsExtensionMethod ? (invocation.Arguments.Length > 1 ? invocation.Arguments[1].Value : null) : null;
                return Element(Resolve(invocation.Receiver(), model, depth + 1), index);
            }

            if (Array.IndexOf(WireMap.PassThroughCalls, name) >= 0)
            {
                return Resolve(invocation.Receiver(), model, depth + 1);
            }

            var owner = Resolve(invocation.Instance, model, depth + 1);
            if (owner is { IsJson: true } json)
            {
                if (Array.IndexOf(WireMap.JsonPropertyCalls, name) >= 0)
                {
                    return invocation.Arguments.Length > 0 && invocation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string property }
                        ? json.Append(property, WireElements.None)
                        : null;
                }

                // GetString(), GetArrayLength(), GetValue<T>(): the value itself.
                return name.StartsWith("Get", StringComparison.Ordinal) ? json : null;
            }

            return Member(owner, invocation.Instance?.Type, name);
        }

        private WirePath? Local(ILocalReferenceOperation reference, SemanticModel model, int depth)
        {
            var local = reference.Local;
            if (local.Initializer(reference, model) is { } initializer)
            {
                return Resolve(initializer, model, depth + 1);
            }

            if (local.DeclaringSyntaxReferences.Length != 1 || local.DeclaringSyntaxReferences[0].GetSyntax() is not { } declaration || declaration.SyntaxTree != model.SyntaxTree)
            {
                return null;
            }

            switch (declaration)
            {
                case ForEachStatementSyntax forEach when model.GetOperation(forEach) is IForEachLoopOperation loop:
                    return Element(Resolve(loop.Collection, model, depth + 1), null);
                case SingleVariableDesignationSyntax { Parent: DeclarationExpressionSyntax { Parent: ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } } } }:
                    // `TryGetProperty("choices", out var choices)`: the variable is the named member.
                    return model.GetOperation(call) is IInvocationOperation tryGet && Array.IndexOf(WireMap.JsonPropertyCalls, tryGet.TargetMethod.Name) >= 0
                        ? Invocation(tryGet, model, depth + 1)
                        : null;
                case SingleVariableDesignationSyntax { Parent: DeclarationPatternSyntax pattern }:
                    for (SyntaxNode? node = pattern; node is not null; node = node.Parent)
                    {
                        if (node is IsPatternExpressionSyntax isPattern)
                        {
                            return model.GetOperation(isPattern) is IIsPatternOperation test ? Resolve(test.Value, model, depth + 1) : null;
                        }
                    }

                    return null;
                default:
                    return null;
            }
        }

        private WirePath? JsonRoot(IOperation operation)
        {
            if (operation.Type is not INamedTypeSymbol type || !IsJsonType(type))
            {
                return null;
            }

            return ResponseShapes.Create(_compilation).IsFromHttpBody(operation) ? new WirePath(null, string.Empty, WireElements.None, isJson: true) : null;
        }

        private bool IsJsonType(INamedTypeSymbol type)
        {
            if (type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T && type.TypeArguments.Length == 1 && type.TypeArguments[0] is INamedTypeSymbol inner)
            {
                type = inner;
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                foreach (var json in _jsonTypes)
                {
                    if (SymbolEqualityComparer.Default.Equals(current, json))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
