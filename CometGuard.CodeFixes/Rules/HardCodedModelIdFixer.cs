using System.Composition;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace CometGuard.CodeFixes.Rules
{
    /// <summary>
    /// CG0001: replaces a hard-coded model ID with a read from what the code already has: an
    /// <c>IOptions&lt;T&gt;</c> whose <c>T</c> carries the model, else an <c>IConfiguration</c> (key
    /// <c>cometguard.model_configuration_key</c>), else the environment variable
    /// <c>cometguard.model_variable</c>; each fails clearly when the value is missing. A literal
    /// <c>??</c> fallback becomes that failure. Not offered in a const, an attribute argument, a default
    /// parameter value, or JSON text.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(HardCodedModelIdFixer)), Shared]
    public sealed class HardCodedModelIdFixer : RuleFixer
    {
        // One key for every variant so Fix All rewrites each site with the source in its own scope.
        private const string EquivalenceKey = nameof(HardCodedModelIdFixer);

        public HardCodedModelIdFixer()
            : base(RuleIdentifiers.HardCodedModelId, LanguageVersion.CSharp7)
        {
        }

        // The fix writes `?? throw` (a throw expression): C# 7.
        private protected override async Task RegisterAsync(CodeFixContext context, SyntaxNode root, Diagnostic diagnostic)
        {
            if (!diagnostic.Properties.TryGetValue(HardCodedModelIdAnalyzer.FixProperty, out var fix)
                || !diagnostic.Properties.TryGetValue(HardCodedModelIdAnalyzer.VariableProperty, out var variable)
                || !diagnostic.Properties.TryGetValue(HardCodedModelIdAnalyzer.ConfigurationKeyProperty, out var key)
                || variable is null
                || key is null
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax use
                || await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false) is not { } model)
            {
                return;
            }

            // A literal one hop away (local or static readonly initializer in this document) is fixed at
            // its source so every use benefits; a const stays and its use is replaced instead.
            var literal = fix == HardCodedModelIdAnalyzer.FixReplace && SourceOf(diagnostic, root) is { } source ? source : use;
            if (!ExpressionPositions.CanStandForExpression(literal))
            {
                return;
            }

            var system = EnvironmentLookup.Qualifier(model, literal.SpanStart);
            var (title, text) = fix == HardCodedModelIdAnalyzer.FixFallback
                ? ("Fail when no model is configured", Throw(system, "No model is configured: set '" + key + "' or the " + variable + " environment variable."))
                : Replacement(model, literal, key, variable, system, context.CancellationToken);

            context.RegisterCodeFix(
                CodeAction.Create(title, ct => ReplaceAsync(context.Document, literal, text, ct), EquivalenceKey),
                diagnostic);
        }

        private static ExpressionSyntax? SourceOf(Diagnostic diagnostic, SyntaxNode root)
        {
            if (diagnostic.AdditionalLocations.Count != 1
                || diagnostic.AdditionalLocations[0] is not { IsInSource: true } location
                || location.SourceTree != root.SyntaxTree
                || root.FindNode(location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax source)
            {
                return null;
            }

            return ExpressionPositions.CanStandForExpression(source) ? source : null;
        }

        private static (string Title, string Text) Replacement(SemanticModel model, ExpressionSyntax literal, string key, string variable, string system, CancellationToken cancellationToken)
        {
            var compilation = model.Compilation;
            var configuration = compilation.GetTypeByMetadataName("Microsoft.Extensions.Configuration.IConfiguration");
            var options = ImmutableArray.Create(
                (Type: compilation.GetTypeByMetadataName("Microsoft.Extensions.Options.IOptions`1"), Value: "Value"),
                (Type: compilation.GetTypeByMetadataName("Microsoft.Extensions.Options.IOptionsSnapshot`1"), Value: "Value"),
                (Type: compilation.GetTypeByMetadataName("Microsoft.Extensions.Options.IOptionsMonitor`1"), Value: "CurrentValue"));
            var leaf = key.Substring(key.LastIndexOf(':') + 1);

            string? configurationName = null;
            var configurationRank = int.MaxValue;
            string? optionsRead = null;
            var optionsRank = int.MaxValue;
            foreach (var symbol in model.LookupSymbols(literal.SpanStart))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (type, rank) = symbol switch
                {
                    IParameterSymbol parameter => (parameter.Type, 0),
                    ILocalSymbol local => (local.Type, 1),
                    IFieldSymbol field => (field.Type, 2),
                    IPropertySymbol { IsIndexer: false, GetMethod: not null } property => (property.Type, 3),
                    _ => (null, int.MaxValue),
                };

                if (type is null || !IsUsableAt(symbol, literal))
                {
                    continue;
                }

                var name = SyntaxFacts.GetKeywordKind(symbol.Name) == SyntaxKind.None ? symbol.Name : "@" + symbol.Name;
                if (rank < optionsRank && OptionsRead(type, options, leaf) is { } read)
                {
                    optionsRead = name + read;
                    optionsRank = rank;
                }
                else if (rank < configurationRank && configuration is not null && Implements(type, configuration))
                {
                    configurationName = name;
                    configurationRank = rank;
                }
                else if (rank + 10 < configurationRank && configuration is not null && ConfigurationProperty(type, configuration) is { } property)
                {
                    // A host or web application builder in scope: `builder.Configuration`.
                    configurationName = name + "." + property;
                    configurationRank = rank + 10;
                }
            }

            if (optionsRead is not null)
            {
                return ("Read the model from '" + optionsRead + "'", optionsRead + " ?? " + Throw(system, "Set '" + key + "' to the model ID."));
            }

            var missing = Throw(system, "Set the " + variable + " environment variable to the model ID.");
            if (configurationName is not null)
            {
                return (
                    "Read the model from configuration '" + key + "'",
                    configurationName + "[" + SymbolDisplay.FormatLiteral(key, quote: true) + "] ?? " + Throw(system, "Set the configuration value '" + key + "' to the model ID."));
            }

            return (
                "Read the model from the '" + variable + "' environment variable",
                system + "Environment.GetEnvironmentVariable(" + SymbolDisplay.FormatLiteral(variable, quote: true) + ") ?? " + missing);
        }

        private static string? OptionsRead(ITypeSymbol type, ImmutableArray<(INamedTypeSymbol? Type, string Value)> options, string leaf)
        {
            if (type is not INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named)
            {
                return null;
            }

            foreach (var (optionsType, value) in options)
            {
                if (optionsType is null || !SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, optionsType))
                {
                    continue;
                }

                foreach (var candidate in new[] { leaf, "Model", "ModelId" })
                {
                    foreach (var member in named.TypeArguments[0].GetMembers(candidate))
                    {
                        if (member is IPropertySymbol { IsStatic: false, GetMethod.DeclaredAccessibility: Accessibility.Public, Type.SpecialType: SpecialType.System_String })
                        {
                            return "." + value + "." + member.Name;
                        }
                    }
                }
            }

            return null;
        }

        private static string? ConfigurationProperty(ITypeSymbol type, INamedTypeSymbol configuration)
        {
            if (type.SpecialType != SpecialType.None || type.TypeKind is not (TypeKind.Class or TypeKind.Interface or TypeKind.Struct))
            {
                return null;
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers("Configuration"))
                {
                    if (member is IPropertySymbol { IsStatic: false, IsIndexer: false, GetMethod.DeclaredAccessibility: Accessibility.Public } property
                        && Implements(property.Type, configuration))
                    {
                        return property.Name;
                    }
                }
            }

            return null;
        }

        private static bool Implements(ITypeSymbol type, INamedTypeSymbol @interface)
        {
            if (SymbolEqualityComparer.Default.Equals(type, @interface))
            {
                return true;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented, @interface))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsUsableAt(ISymbol symbol, ExpressionSyntax literal)
        {
            switch (symbol)
            {
                case ILocalSymbol local:
                    // A local is in scope for its whole block but usable only after its declaration.
                    return !local.IsConst && local.Locations.Length == 1 && local.Locations[0].SourceSpan.End < literal.SpanStart
                        && !local.Locations[0].SourceSpan.Contains(literal.Span);
                case IParameterSymbol { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } constructor }
                    when IsPrimaryConstructor(constructor):
                    return ExpressionPositions.IsPrimaryConstructorContext(literal);
                case IParameterSymbol:
                    return true;
                case IFieldSymbol field:
                    return field.IsStatic || ExpressionPositions.IsInstanceContext(literal);
                case IPropertySymbol property:
                    return property.IsStatic || ExpressionPositions.IsInstanceContext(literal);
                default:
                    return false;
            }
        }

        private static bool IsPrimaryConstructor(IMethodSymbol constructor)
        {
            foreach (var reference in constructor.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is TypeDeclarationSyntax)
                {
                    return true;
                }
            }

            return false;
        }

        private static string Throw(string system, string message)
        {
            return "throw new " + system + "InvalidOperationException(" + SymbolDisplay.FormatLiteral(message, quote: true) + ")";
        }

        private static async Task<Document> ReplaceAsync(Document document, ExpressionSyntax literal, string text, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var replacement = SyntaxFactory.ParseExpression(text)
                .WithTriviaFrom(literal)
                .WithAdditionalAnnotations(Simplifier.Annotation, Formatter.Annotation);

            if (text.StartsWith("throw ", System.StringComparison.Ordinal))
            {
                // The `??` fallback: a throw expression is valid exactly there.
                return document.WithSyntaxRoot(root!.ReplaceNode(literal, replacement));
            }

            if (ExpressionPositions.NeedsParentheses(literal))
            {
                replacement = SyntaxFactory.ParenthesizedExpression(replacement.WithoutTrivia()).WithTriviaFrom(literal).WithAdditionalAnnotations(Simplifier.Annotation);
            }

            return document.WithSyntaxRoot(root!.ReplaceNode(literal, replacement));
        }
    }
}
