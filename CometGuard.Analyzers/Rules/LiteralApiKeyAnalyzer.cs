using System.Collections.Concurrent;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace CometGuard.Analyzers.Rules
{
    /// <summary>
    /// CG0002: a literal API key or bearer token, either hard-coded into a credential position from
    /// the sink catalogue, or shaped like a vendor key anywhere in a string literal.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class LiteralApiKeyAnalyzer : RuleAnalyzer
    {
        /// <summary>Diagnostic property: the environment variable the fix reads.</summary>
        public const string VariableProperty = "Variable";

        /// <summary>Diagnostic property, present when the literal can be replaced whole: <c>Key</c> or <c>Bearer</c>.</summary>
        public const string ReplaceProperty = "Replace";

        public const string ReplaceKey = "Key";
        public const string ReplaceBearer = "Bearer";

        public LiteralApiKeyAnalyzer()
            : base(Descriptors.LiteralApiKey)
        {
        }

        private protected override void OnCompilationStart(CompilationStartAnalysisContext start)
        {
            var analysis = new CompilationAnalysis(ResolvedSinks.Create(start.Compilation));

            // Vendor key shapes are leaks wherever they appear, sink or not.
            start.RegisterSyntaxNodeAction(analysis.AnalyzeLiteral, SyntaxKind.StringLiteralExpression, SyntaxKind.InterpolatedStringText);

            if (analysis.Sinks.Has(SinkKind.Credential))
            {
                start.RegisterOperationAction(SinkArguments.Create(analysis.Sinks, SinkKinds.Of(SinkKind.Credential), analysis.AnalyzeArgument), SinkArguments.OperationKinds);
                start.RegisterOperationAction(analysis.AnalyzeAssignment, OperationKind.SimpleAssignment);
            }
        }

        private sealed class CompilationAnalysis
        {
            // One literal can be reached both as a key shape and through a sink; report it once.
            private readonly ConcurrentDictionary<(SyntaxTree Tree, TextSpan Span), byte> _reported = new();

            // The names of credential properties, checked before anything else on every assignment.
            private readonly NameFilter _credentials;

            public CompilationAnalysis(ResolvedSinks sinks)
            {
                Sinks = sinks;
                _credentials = sinks.Names(SinkKinds.Of(SinkKind.Credential));
            }

            public ResolvedSinks Sinks { get; }

            public void AnalyzeLiteral(SyntaxNodeAnalysisContext context)
            {
                var (text, token) = context.Node switch
                {
                    LiteralExpressionSyntax literal => (literal.Token.ValueText, literal.Token),
                    InterpolatedStringTextSyntax part => (part.TextToken.ValueText, part.TextToken),
                    _ => (string.Empty, default),
                };

                if (!SecretShapes.TryFindKey(text, out var key))
                {
                    return;
                }

                var node = context.Node is InterpolatedStringTextSyntax ? context.Node.Parent! : context.Node;
                Report(context.ReportDiagnostic, context.Options, node, token.GetLocation(), text, key, "a string literal");
            }

            public void AnalyzeArgument(OperationAnalysisContext context, IArgumentOperation argument)
            {
                // The value's shape first (a string, or a collection written in place), the catalogue lookup after.
                var isString = argument.Value.Type?.SpecialType == SpecialType.System_String;
                if ((!isString && argument.Value.Unwrap() is not (IArrayCreationOperation or IObjectCreationOperation))
                    || !Sinks.IsSink(argument, SinkKind.Credential))
                {
                    return;
                }

                var parameter = argument.Parameter!;
                if (isString)
                {
                    AnalyzeValue(context, argument.Value, DiagnosticText.Parameter(parameter));
                    return;
                }

                // The `values` overloads of a header: each string of the collection written in place.
                foreach (var element in argument.Value.WrittenElements())
                {
                    if (element.Type?.SpecialType == SpecialType.System_String)
                    {
                        AnalyzeValue(context, element, DiagnosticText.Parameter(parameter));
                    }
                }
            }

            public void AnalyzeAssignment(OperationAnalysisContext context)
            {
                var assignment = (ISimpleAssignmentOperation)context.Operation;
                if (assignment.Target is IPropertyReferenceOperation { Property: { } property }
                    && _credentials.MayName(property)
                    && property.Type.SpecialType == SpecialType.System_String
                    && Sinks.IsSink(property, SinkKind.Credential))
                {
                    AnalyzeValue(context, assignment.Value, DiagnosticText.Property(property));
                }
            }

            private void AnalyzeValue(OperationAnalysisContext context, IOperation value, string position)
            {
                var hardCoded = HardCodedValue.Find(value, context.CancellationToken);
                if (!hardCoded.IsHardCoded || !SecretShapes.IsCredentialLike(hardCoded.Value))
                {
                    return;
                }

                var secret = SecretShapes.TryFindKey(hardCoded.Value, out var key) ? key : SecretShapes.StripScheme(hardCoded.Value.Trim());
                var literal = hardCoded.Source;
                if (literal is not null && literal.SyntaxTree == value.Syntax.SyntaxTree && value.Syntax.Span.Contains(literal.Span))
                {
                    Report(context.ReportDiagnostic, context.Options, literal, literal.GetLocation(), hardCoded.Value, secret, position);
                    return;
                }

                // One hop away (a const, field or local): a key-shaped literal is already reported where it
                // is declared. Otherwise report here, where the credential is used, and point at the literal
                // so the fix can rewrite it; the diagnostic stays local to this member.
                if (literal is not null && SecretShapes.TryFindKey(HardCodedValue.LiteralText(literal) ?? string.Empty, out _))
                {
                    return;
                }

                var additional = literal is not null && literal.SyntaxTree == value.Syntax.SyntaxTree ? literal : null;
                Report(context.ReportDiagnostic, context.Options, additional ?? value.Syntax, value.Syntax.GetLocation(), hardCoded.Value, secret, position, additional?.GetLocation());
            }

            private void Report(System.Action<Diagnostic> report, AnalyzerOptions options, SyntaxNode node, Location location, string text, string secret, string position, Location? literalLocation = null)
            {
                if (!_reported.TryAdd((location.SourceTree!, location.SourceSpan), 0))
                {
                    return;
                }

                var variable = CometGuardOptions.GetString(options, node.SyntaxTree, CometGuardOptions.ApiKeyVariable, CometGuardOptions.DefaultApiKeyVariable);
                var properties = ImmutableDictionary<string, string?>.Empty.Add(VariableProperty, variable);
                var literalText = HardCodedValue.LiteralText(node)?.Trim();
                if (literalText == secret)
                {
                    properties = properties.Add(ReplaceProperty, ReplaceKey);
                }
                else if (literalText is not null && SecretShapes.StripScheme(literalText) == secret && literalText.Length > secret.Length)
                {
                    properties = properties.Add(ReplaceProperty, ReplaceBearer);
                }

                var additionalLocations = literalLocation is null ? null : new[] { literalLocation };
                report(Diagnostic.Create(Descriptors.LiteralApiKey, location, additionalLocations, properties, SecretFingerprint.Describe(secret), position, variable));
            }

        }
    }
}
