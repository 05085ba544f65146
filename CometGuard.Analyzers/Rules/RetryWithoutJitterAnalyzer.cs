namespace CometGuard.Analyzers.Rules
{
    /// <summary>
    /// CG0004: gateway retries that do not back off with jitter: Polly v7 <c>Retry(n)</c> (no
    /// wait), <c>WaitAndRetry</c> with a constant or an exponential sleep with no random part, Polly v8
    /// options without <c>UseJitter = true</c> (any backoff type), <c>Delay = TimeSpan.Zero</c>, and
    /// hand-written resend loops that wait nothing, a constant time or an unjittered exponential time.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class RetryWithoutJitterAnalyzer : RetryAnalyzer
    {
        /// <summary>A Polly v7 <c>Retry</c>/<c>RetryAsync</c> name.</summary>
        public const string KindImmediate = "Immediate";

        /// <summary>A Polly v7 sleep-duration lambda that ignores the attempt.</summary>
        public const string KindConstantSleep = "ConstantSleep";

        /// <summary>A Polly v7 sleep-duration lambda that grows exponentially with no random part: the fix adds one.</summary>
        public const string KindExponentialSleep = "ExponentialSleep";

        /// <summary>A Polly.Contrib sleep-duration sequence without jitter (<c>Backoff.ExponentialBackoff</c>): no automatic fix.</summary>
        public const string KindSequence = "Sequence";

        /// <summary>A hand-written resend loop that resends at once or after a fixed or unjittered wait: no automatic fix.</summary>
        public const string KindLoop = "Loop";

        /// <summary>
        /// Polly v8 options. The first additional location, when present, is the options' object
        /// creation; otherwise the reported assignment is one of a group of statements on the same
        /// receiver (a configure callback).
        /// </summary>
        public const string KindOptions = "Options";

        public RetryWithoutJitterAnalyzer()
            : base(Descriptors.RetryWithoutJitter)
        {
        }

        private protected override bool AppliesTo(RetryApis apis) => apis.HasAny;

        private protected override void Register(CompilationStartAnalysisContext start, RetryApis apis)
        {
            var analysis = new CompilationAnalysis(apis);
            if (apis.HasRetryLibrary)
            {
                start.RegisterOperationAction(analysis.AnalyzeInvocation, OperationKind.Invocation);
            }

            if (apis.RetryStrategyOptionsOfT is not null)
            {
                start.RegisterOperationAction(analysis.AnalyzeCreation, OperationKind.ObjectCreation);
                start.RegisterOperationAction(analysis.AnalyzeAssignment, OperationKind.SimpleAssignment);
            }

            if (apis.HttpMessageInvoker is not null || apis.ClientPipeline is not null)
            {
                start.RegisterOperationAction(analysis.AnalyzeLoop, OperationKind.Loop);
            }
        }

        private sealed class CompilationAnalysis
        {
            private readonly RetryApis _apis;
            private readonly RetryDelays _delays;
            private readonly ResendLoops _loops;

            public CompilationAnalysis(RetryApis apis)
            {
                _apis = apis;
                _delays = new RetryDelays(apis);
                _loops = new ResendLoops(apis);
            }

            public void AnalyzeInvocation(OperationAnalysisContext context)
            {
                var invocation = (IInvocationOperation)context.Operation;
                var kind = _apis.KindOf(invocation.TargetMethod);
                if (kind is not (RetryMethodKind.Immediate or RetryMethodKind.Wait or RetryMethodKind.WaitForever)
                    || !_apis.IsPolicyInScope(invocation, context.CancellationToken))
                {
                    return;
                }

                if (kind == RetryMethodKind.Immediate)
                {
                    Report(context, invocation.NameLocation(), KindImmediate, "'" + invocation.TargetMethod.Name + "' retries immediately, with no delay");
                    return;
                }

                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Value.UnwrapAwait() is IInvocationOperation sequence && _apis.Sinks.IsSink(sequence.TargetMethod, SinkKind.UnjitteredBackoff))
                    {
                        Report(context, sequence.Syntax.GetLocation(), KindSequence, "'" + sequence.TargetMethod.Name + "' gives every client the same sleep durations, with no random part");
                        continue;
                    }

                    if (argument.Value.UnwrapAwait() is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda })
                    {
                        continue;
                    }

                    if (_delays.IsConstantSleep(lambda))
                    {
                        Report(context, lambda.Syntax.GetLocation(), KindConstantSleep, "'" + invocation.TargetMethod.Name + "' sleeps the same time before every attempt");
                    }
                    else if (_delays.IsExponentialSleep(lambda))
                    {
                        Report(context, lambda.Syntax.GetLocation(), KindExponentialSleep, "'" + invocation.TargetMethod.Name + "' backs off exponentially with no random part");
                    }
                }
            }

            public void AnalyzeCreation(OperationAnalysisContext context)
            {
                var creation = (IObjectCreationOperation)context.Operation;
                if (!_apis.IsRetryStrategyOptions(creation.Type, out var outcome))
                {
                    return;
                }

                var state = _delays.OfCreation(creation);
                if (!state.LacksBackoffOrJitter || !_apis.IsInScope(creation, state.Handled(outcome), context.CancellationToken))
                {
                    return;
                }

                // A diagnostic stays inside the analysed creation (a later statement on its local would make it
                // non-local, which fixes and incremental analysis cannot use).
                var offending = state.ZeroDelay ?? state.ExplicitNoJitter;
                var location = offending is not null && creation.Syntax.Span.Contains(offending.Syntax.Span)
                    ? offending.Syntax.GetLocation()
                    : RetryDelays.CreationLocation(creation);
                Report(context, location, KindOptions, Describe(creation.Type!.Name, state), creation.Syntax.GetLocation());
            }

            /// <summary>Statements on a receiver that is not a tracked creation, as in <c>options.Retry.UseJitter = false;</c>.</summary>
            public void AnalyzeAssignment(OperationAnalysisContext context)
            {
                var assignment = (ISimpleAssignmentOperation)context.Operation;
                if (assignment.Target is not IPropertyReferenceOperation { Instance: { } receiver, Property: { } property }
                    || !RetryDelays.IsDelaySetting(property)
                    || receiver is IInstanceReferenceOperation or ILocalReferenceOperation
                    || !_apis.IsRetryStrategyOptions(receiver.Type, out var outcome)
                    || assignment.Parent is not IExpressionStatementOperation
                    || !new RetryOptionsState(_apis, _apis.IsHttpRetryStrategyOptions(receiver.Type)).Apply(assignment))
                {
                    return;
                }

                // Each group is reported once, from the assignment that makes it wrong (the diagnostic stays local to the
                // analysed operation), and only for an explicit choice.
                var state = _delays.OfStatements(assignment, receiver, out _);
                var offending = state.ZeroDelay ?? state.ExplicitNoJitter;
                if (!ReferenceEquals(offending, assignment)
                    || state.HasDelayGenerator
                    || (state.ZeroDelay is null && !state.LacksBackoffOrJitter)
                    || !_apis.IsInScope(assignment, state.Handled(outcome), context.CancellationToken))
                {
                    return;
                }

                Report(context, assignment.Syntax.GetLocation(), KindOptions, Describe(receiver.Type!.Name, state));
            }

            /// <summary>A hand-written resend loop (bounded or not): what it waits before it resends.</summary>
            public void AnalyzeLoop(OperationAnalysisContext context)
            {
                var loop = (ILoopOperation)context.Operation;
                if (_loops.Analyze(loop, context.CancellationToken) is not { } resend)
                {
                    return;
                }

                var waits = _loops.Waits(resend, out var mayWaitElsewhere);
                if (waits.Count == 0)
                {
                    if (!mayWaitElsewhere)
                    {
                        Report(context, ResendLoops.KeywordLocation(loop), KindLoop, "This loop resends a gateway request at once, with no delay");
                    }

                    return;
                }

                var exponential = false;
                foreach (var wait in waits)
                {
                    if (wait.Arguments.Length == 0)
                    {
                        return;
                    }

                    switch (_delays.Classify(wait.Arguments[0].Value, loop.Body))
                    {
                        case DelayShape.Varies:
                            return;
                        case DelayShape.ExponentialWithoutJitter:
                            exponential = true;
                            break;
                    }
                }

                var first = waits[0].Arguments[0].Value;
                Report(
                    context,
                    first.Syntax.GetLocation(),
                    KindLoop,
                    exponential ? "This loop backs off exponentially with no random part before it resends" : "This loop waits the same time before every resend");
            }

            private static string Describe(string type, RetryOptionsState state)
            {
                return state.DelayIsZero
                    ? "'" + type + "' has Delay = TimeSpan.Zero and retries immediately"
                    : state.Backoff switch
                    {
                        RetryOptionsState.Constant => "'" + type + "' retries at a constant delay without jitter",
                        RetryOptionsState.Exponential => "'" + type + "' backs off exponentially without jitter",
                        RetryOptionsState.Linear => "'" + type + "' backs off linearly without jitter",
                        _ => "'" + type + "' retries without jitter",
                    };
            }

            private static void Report(OperationAnalysisContext context, Location location, string kind, string what, Location? creation = null)
            {
                var properties = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, kind);
                var additional = creation is null ? null : new[] { creation };
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.RetryWithoutJitter, location, additional, properties, what));
            }
        }
    }
}
