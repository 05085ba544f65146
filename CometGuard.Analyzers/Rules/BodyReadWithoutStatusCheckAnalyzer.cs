using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CometGuard.Analyzers.Rules
{
    /// <summary>
    /// CG0007: the body of a gateway response read as the success shape (<c>ReadFromJsonAsync</c>,
    /// <c>ReadAsStreamAsync</c>, <c>ReadAsStringAsync</c> fed to a JSON parser) with no
    /// <c>EnsureSuccessStatusCode()</c>, <c>IsSuccessStatusCode</c> or <c>StatusCode</c> check on every path
    /// before it. A response is a gateway response when its method shows gateway evidence: a bearer
    /// credential, a gateway path, a gateway-shaped request body, or a gateway-shaped result type.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class BodyReadWithoutStatusCheckAnalyzer : RuleAnalyzer
    {
        /// <summary>Diagnostic property: the response expression, when a statement can be inserted before the read.</summary>
        public const string ResponseProperty = "Response";

        /// <summary>Diagnostic property, present when <c>X.Content</c> in the read can become <c>X.EnsureSuccessStatusCode().Content</c>.</summary>
        public const string InlineProperty = "Inline";

        private static readonly ulong BodyRead = SinkKinds.Of(SinkKind.HttpBodyRead);
        private static readonly ulong ReadKinds = SinkKinds.Of(SinkKind.HttpBodyRead, SinkKind.HttpTextRead);

        public BodyReadWithoutStatusCheckAnalyzer()
            : base(Descriptors.BodyReadWithoutStatusCheck)
        {
        }

        private protected override void OnCompilationStart(CompilationStartAnalysisContext start)
        {
            var sinks = ResolvedSinks.Create(start.Compilation);
            if (sinks.Has(SinkKind.HttpBodyRead) || sinks.Has(SinkKind.HttpTextRead))
            {
                start.RegisterOperationAction(new CompilationAnalysis(ResponseShapes.Create(start.Compilation)).AnalyzeInvocation, OperationKind.Invocation);
            }
        }

        private sealed class CompilationAnalysis
        {
            private readonly ResponseShapes _shapes;
            private readonly StatusChecks _checks;

            // The names of body and text reads, checked before anything else on every call.
            private readonly NameFilter _reads;

            public CompilationAnalysis(ResponseShapes shapes)
            {
                _shapes = shapes;
                _checks = new StatusChecks(shapes);
                _reads = shapes.Sinks.Names(ReadKinds);
            }

            private ResolvedSinks Sinks => _shapes.Sinks;

            public void AnalyzeInvocation(OperationAnalysisContext context)
            {
                var read = (IInvocationOperation)context.Operation;
                var method = read.TargetMethod;

                // The call's name on every call; the lookups below only for the few that read a body.
                if (!_reads.MayName(method) || Sinks.CallKinds(method, ReadKinds) == 0)
                {
                    return;
                }

                IOperation? content;
                var text = false;
                if (Sinks.IsSink(method, SinkKind.HttpBodyRead))
                {
                    content = read.Instance;
                }
                else if (Sinks.MayTakeSink(method, BodyRead) && read.Arguments.Length > 0 && Sinks.IsSink(read.Arguments[0], SinkKind.HttpBodyRead))
                {
                    content = read.Arguments[0].Value;
                }
                else if (Sinks.IsSink(method, SinkKind.HttpTextRead))
                {
                    content = read.Instance;
                    text = true;
                }
                else
                {
                    return;
                }

                if (!_checks.TryFindResponse(content, out var response, out var alreadyChecked) || alreadyChecked)
                {
                    return;
                }

                var root = read.EnclosingBody();
                ITypeSymbol? resultType = method.TypeArguments.Length == 1 ? method.TypeArguments[0] : null;
                IOperation checkpoint = read;
                if (text)
                {
                    // Text read for a log line or an error message is fine; parsing it as the success shape is not.
                    if (_checks.FindParse(read, root) is not { } parse)
                    {
                        return;
                    }

                    checkpoint = parse;
                    resultType = parse.TargetMethod.TypeArguments.Length == 1 ? parse.TargetMethod.TypeArguments[0] : null;
                }

                if (!_shapes.IsGatewayDto(resultType) && !_checks.HasGatewayEvidence(root))
                {
                    return;
                }

                var paths = AccessPath.WithAlias(response);
                // A body with no status check at all has nothing to guard the read: no control flow graph for it.
                if (!paths.IsEmpty && _checks.HasStatusCheck(root)
                    && (_checks.IsAfterEnsureStatement(checkpoint, paths) || _checks.IsGuarded(context, checkpoint.Syntax, paths)
                        || (!text && _checks.IsStreamUsedOnlyAfterCheck(context, read, root, paths))))
                {
                    return;
                }

                var properties = ImmutableDictionary<string, string?>.Empty;
                if (!paths.IsEmpty && response.Syntax is ExpressionSyntax responseSyntax && StatusChecks.IsSimpleReference(responseSyntax))
                {
                    properties = properties.Add(ResponseProperty, responseSyntax.ToString());
                }

                if (content is IPropertyReferenceOperation { Instance: { } } && content.Syntax is MemberAccessExpressionSyntax && read.Syntax.Span.Contains(content.Syntax.Span))
                {
                    properties = properties.Add(InlineProperty, "true");
                }

                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.BodyReadWithoutStatusCheck,
                    read.Syntax.GetLocation(),
                    properties,
                    DiagnosticText.Head(read.Syntax),
                    properties.TryGetValue(ResponseProperty, out var name) ? name : "response"));
            }
        }
    }
}
