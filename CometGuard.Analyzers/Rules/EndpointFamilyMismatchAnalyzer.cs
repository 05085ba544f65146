namespace CometGuard.Analyzers.Rules
{
    /// <summary>
    /// CG0010: a request whose endpoint family and body disagree. Raw HTTP: a <c>/chat/completions</c>
    /// request whose body has Responses fields (<c>input</c>, <c>instructions</c>, <c>max_output_tokens</c>)
    /// and no <c>messages</c>, or a <c>/responses</c> request with <c>messages</c> and no <c>input</c>.
    /// SDK: a Chat or Responses client given an endpoint that ends in the other family's path. (In OpenAI
    /// 2.x the clients' option types do not convert into each other, so the compiler already rejects
    /// a Chat client built with <c>ResponsesClientOptions</c>.)
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class EndpointFamilyMismatchAnalyzer : RuleAnalyzer
    {
        public EndpointFamilyMismatchAnalyzer()
            : base(Descriptors.EndpointFamilyMismatch)
        {
        }

        private protected override void OnCompilationStart(CompilationStartAnalysisContext start)
        {
            var sinks = ResolvedSinks.Create(start.Compilation);
            var raw = sinks.Has(SinkKind.Endpoint) && sinks.Has(SinkKind.RequestPayload);
            var sdk = sinks.Has(SinkKind.ChatCompletionsClientOptions) || sinks.Has(SinkKind.ResponsesClientOptions);
            if (!raw && !sdk)
            {
                return;
            }

            var analysis = new CompilationAnalysis(sinks, KnownSymbols.For(start.Compilation));
            start.RegisterOperationAction(
                SinkArguments.Create(sinks, SinkKinds.Of(SinkKind.Endpoint, SinkKind.ChatCompletionsClientOptions, SinkKind.ResponsesClientOptions), analysis.AnalyzeArgument),
                SinkArguments.OperationKinds);
        }

        private sealed class CompilationAnalysis
        {
            private readonly ResolvedSinks _sinks;
            private readonly INamedTypeSymbol? _uri;
            private readonly RequestFields _fields;

            public CompilationAnalysis(ResolvedSinks sinks, KnownSymbols known)
            {
                _sinks = sinks;
                _uri = known[KnownType.Uri];
                _fields = new RequestFields(sinks, known);
            }

            public void AnalyzeArgument(OperationAnalysisContext context, IArgumentOperation argument)
            {
                if (argument.Parameter is null)
                {
                    return;
                }

                if (_sinks.IsSink(argument, SinkKind.Endpoint))
                {
                    AnalyzeRequest(context, argument);
                }
                else if (_sinks.IsSink(argument, SinkKind.ChatCompletionsClientOptions))
                {
                    AnalyzeClientOptions(context, argument, EndpointFamily.ChatCompletions);
                }
                else if (_sinks.IsSink(argument, SinkKind.ResponsesClientOptions))
                {
                    AnalyzeClientOptions(context, argument, EndpointFamily.Responses);
                }
            }

            private void AnalyzeRequest(OperationAnalysisContext context, IArgumentOperation uriArgument)
            {
                var endpoint = EndpointUri.Find(uriArgument.Value, _uri, context.CancellationToken);
                var family = endpoint.IsKnown ? EndpointUri.FamilyOf(endpoint.Text) : EndpointFamily.None;
                if (family == EndpointFamily.None
                    || _fields.FindBody(uriArgument.Parent, context.CancellationToken) is not { } body
                    || _fields.FieldsOf(body, 0, context.CancellationToken) is not { } fields
                    || EndpointFamilies.Mismatch(family, fields) is not { } message)
                {
                    return;
                }

                context.ReportDiagnostic(Diagnostic.Create(Descriptors.EndpointFamilyMismatch, uriArgument.Value.Syntax.GetLocation(), message));
            }

            private void AnalyzeClientOptions(OperationAnalysisContext context, IArgumentOperation argument, EndpointFamily clientFamily)
            {
                var options = argument.Value.Unwrap();
                if (options is ILocalReferenceOperation reference)
                {
                    options = reference.Local.Initializer(reference) ?? options;
                }

                if (options is not IObjectCreationOperation { Initializer: { } initializer })
                {
                    return;
                }

                var client = argument.Parameter!.ContainingType.Name;
                foreach (var member in initializer.Initializers)
                {
                    if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { } property } } assignment
                        && _sinks.IsSink(property, SinkKind.AuthenticatedEndpoint)
                        && EndpointUri.Find(assignment.Value, _uri, context.CancellationToken) is { IsKnown: true } endpoint
                        && EndpointFamilies.ClientMismatch(clientFamily, EndpointUri.FamilyOf(endpoint.Text), client) is { } message)
                    {
                        context.ReportDiagnostic(Diagnostic.Create(Descriptors.EndpointFamilyMismatch, endpoint.Source!.GetLocation(), message));
                    }
                }
            }
        }
    }
}
