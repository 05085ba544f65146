namespace CometGuard.Analyzers.Rules
{
    /// <summary>
    /// CG0003: a gateway retry with no bound (Polly's <c>*Forever*</c>, <c>int.MaxValue</c>, a
    /// <c>while (true)</c> resend loop) or more retries than <c>cometguard.max_retry_attempts</c>.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UnboundedRetryAnalyzer : RetryAnalyzer
    {
        /// <summary>Diagnostic property: the retry limit the fix caps at.</summary>
        public const string BudgetProperty = "Budget";

        /// <summary>The reported expression is a retry count to replace with the limit.</summary>
        public const string KindCount = "Count";

        /// <summary>The reported name is a Polly v7 <c>*Forever*</c> method to make bounded.</summary>
        public const string KindForever = "Forever";

        /// <summary>A hand-written resend loop: no automatic fix.</summary>
        public const string KindLoop = "Loop";

        /// <summary>A <c>FailoverChatClient</c> subclass with no attempt limit: no automatic fix (the limit is the team's choice).</summary>
        public const string KindFailover = "Failover";

        public UnboundedRetryAnalyzer()
            : base(Descriptors.UnboundedRetry)
        {
        }

        private protected override bool AppliesTo(RetryApis apis) => apis.HasAny;

        private protected override void Register(CompilationStartAnalysisContext start, RetryApis apis)
        {
            var analysis = new CompilationAnalysis(apis);
            var arguments = apis.Sinks.Has(SinkKind.RetryCount)
                ? SinkArguments.Create(apis.Sinks, SinkKinds.Of(SinkKind.RetryCount), analysis.AnalyzeArgument)
                : null;

            // One callback per call for both checks: every registration is a callback on every call in the project.
            if (apis.HasRetryLibrary && arguments is not null)
            {
                start.RegisterOperationAction(
                    call =>
                    {
                        if (call.Operation is IInvocationOperation)
                        {
                            analysis.AnalyzeInvocation(call);
                        }

                        arguments(call);
                    },
                    SinkArguments.OperationKinds);
            }
            else if (apis.HasRetryLibrary)
            {
                start.RegisterOperationAction(analysis.AnalyzeInvocation, OperationKind.Invocation);
            }
            else if (arguments is not null)
            {
                start.RegisterOperationAction(arguments, SinkArguments.OperationKinds);
            }

            if (arguments is not null)
            {
                start.RegisterOperationAction(analysis.AnalyzeAssignment, OperationKind.SimpleAssignment);
            }

            if (apis.HttpMessageInvoker is not null || apis.ClientPipeline is not null)
            {
                start.RegisterOperationAction(analysis.AnalyzeLoop, OperationKind.Loop);
            }

            if (apis.Known[KnownType.FailoverChatClient] is not null)
            {
                var failovers = new FailoverClients(apis);
                start.RegisterOperationAction(context => AnalyzeFailover(context, failovers), OperationKind.ObjectCreation);
            }
        }

        /// <summary>
        /// <c>new T(...)</c> of a <c>FailoverChatClient</c> subclass whose selection can repeat a client, with no attempt limit
        /// set by the class, the initialiser or a later assignment.
        /// </summary>
        private static void AnalyzeFailover(OperationAnalysisContext context, FailoverClients failovers)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (creation.Type is not INamedTypeSymbol type || !failovers.IsUnlimited(creation, type, context.CancellationToken))
            {
                return;
            }

            var location = creation.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.ObjectCreationExpressionSyntax { Type: { } name } ? name.GetLocation() : creation.Syntax.GetLocation();
            var limit = CompilationAnalysis.Limit(context);
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(KindProperty, KindFailover)
                .Add(BudgetProperty, limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var what = "'" + type.Name + "' leaves MaximumAttemptsPerRequest at null and its SelectClientAsync always hands out a client, so a failing request is retried with no limit (set MaximumAttemptsPerRequest)";
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnboundedRetry, location, properties, what, limit));
        }

        private sealed class CompilationAnalysis
        {
            private readonly RetryApis _apis;
            private readonly ResendLoops _loops;

            public CompilationAnalysis(RetryApis apis)
            {
                _apis = apis;
                _loops = new ResendLoops(apis);
            }

            public void AnalyzeInvocation(OperationAnalysisContext context)
            {
                var invocation = (IInvocationOperation)context.Operation;
                if (_apis.KindOf(invocation.TargetMethod) is not (RetryMethodKind.Forever or RetryMethodKind.WaitForever)
                    || !_apis.IsPolicyInScope(invocation, context.CancellationToken))
                {
                    return;
                }

                Report(context, invocation.NameLocation(), KindForever, "'" + invocation.TargetMethod.Name + "' retries forever");
            }

            public void AnalyzeArgument(OperationAnalysisContext context, IArgumentOperation argument)
            {
                // The constant first: few arguments are int constants, and it costs no lookup.
                if (argument.ArgumentKind != ArgumentKind.Explicit
                    || argument.Value.ConstantValue is not { HasValue: true, Value: int count }
                    || !_apis.Sinks.IsSink(argument, SinkKind.RetryCount))
                {
                    return;
                }

                var limit = Limit(context);
                if (count <= limit
                    || (argument.Parent is IInvocationOperation invocation && !IsCountInScope(invocation, context.CancellationToken)))
                {
                    return;
                }

                var owner = argument.Parent switch
                {
                    IInvocationOperation call => "'" + call.TargetMethod.Name + "'",
                    IObjectCreationOperation creation => "'" + creation.Type?.Name + "'",
                    _ => "The retry",
                };
                Report(context, argument.Value.Syntax.GetLocation(), KindCount, Describe(owner, count, limit), limit);
            }

            /// <summary>
            /// The count's call is in a gateway retry's scope, or hands its sleep durations to one: a backoff helper's
            /// <c>retryCount</c> (<c>WaitAndRetryAsync(Backoff.DecorrelatedJitterBackoffV2(…, retryCount: 10))</c>) bounds that retry.
            /// </summary>
            private bool IsCountInScope(IInvocationOperation invocation, System.Threading.CancellationToken cancellationToken)
            {
                if (_apis.IsCountInScope(invocation, cancellationToken))
                {
                    return true;
                }

                return invocation.TargetMethod.IsStatic
                    && invocation.ParentThroughConversions() is IArgumentOperation { Parent: IInvocationOperation consumer }
                    && _apis.IsCountInScope(consumer, cancellationToken);
            }

            public void AnalyzeAssignment(OperationAnalysisContext context)
            {
                var assignment = (ISimpleAssignmentOperation)context.Operation;
                if (assignment.Value.ConstantValue is not { HasValue: true, Value: int count }
                    || assignment.Target is not IPropertyReferenceOperation { Property: { } property } target
                    || !_apis.Sinks.IsSink(property, SinkKind.RetryCount))
                {
                    return;
                }

                var limit = Limit(context);
                if (count <= limit || !_apis.IsOptionsInScope(target, context.CancellationToken))
                {
                    return;
                }

                Report(context, assignment.Value.Syntax.GetLocation(), KindCount, Describe("'" + property.Name + "'", count, limit), limit);
            }

            public void AnalyzeLoop(OperationAnalysisContext context)
            {
                var loop = (ILoopOperation)context.Operation;
                if (!_loops.IsUnbounded(loop, context.CancellationToken))
                {
                    return;
                }

                Report(context, ResendLoops.KeywordLocation(loop), KindLoop, "This loop resends a gateway request after a failure with no attempt limit");
            }

            private static string Describe(string owner, int count, int limit)
            {
                return count == int.MaxValue
                    ? owner + " set to int.MaxValue retries forever"
                    : owner + " allows " + count + " retries, above the budget of " + limit;
            }

            private static void Report(OperationAnalysisContext context, Location location, string kind, string what, int? limit = null)
            {
                var retries = limit ?? Limit(context);
                var properties = ImmutableDictionary<string, string?>.Empty
                    .Add(KindProperty, kind)
                    .Add(BudgetProperty, retries.ToString(System.Globalization.CultureInfo.InvariantCulture));
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnboundedRetry, location, properties, what, retries));
            }

            public static int Limit(OperationAnalysisContext context)
            {
                var limit = CometGuardOptions.GetInt32(context.Options, context.Operation.Syntax.SyntaxTree, CometGuardOptions.MaxRetryAttempts, CometGuardOptions.DefaultMaxRetryAttempts);
                return limit < 0 ? CometGuardOptions.DefaultMaxRetryAttempts : limit;
            }
        }
    }
}
