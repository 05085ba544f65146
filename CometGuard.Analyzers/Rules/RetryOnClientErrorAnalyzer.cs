using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CometGuard.Analyzers.Rules
{
    /// <summary>
    /// CG0005: a retry predicate whose set of admitted statuses holds a 4xx other than 408/429
    /// (<c>!r.IsSuccessStatusCode</c>, <c>(int)r.StatusCode &gt;= 400</c>, <c>!= OK</c>, <c>== Unauthorized</c>, a negation
    /// narrowed by exclusions, a property pattern, a switch arm), however the predicate is held, or that retries
    /// <c>ClientResultException</c> without looking at its status; a hand-written resend loop that goes round again
    /// on such a test.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class RetryOnClientErrorAnalyzer : RetryAnalyzer
    {
        /// <summary>
        /// The reported expression is a test that admits client errors; with <see cref="ResponseProperty"/> it reads that
        /// response's status only, and the fix rewrites it.
        /// </summary>
        public const string KindStatusTest = "StatusTest";

        /// <summary>The reported name is <c>Handle&lt;ClientResultException&gt;</c>/<c>Or&lt;…&gt;</c> with no predicate.</summary>
        public const string KindUncheckedException = "UncheckedException";

        /// <summary>A resend loop's test: no automatic fix (the test's polarity decides what the loop does with the other statuses).</summary>
        public const string KindLoop = "Loop";

        /// <summary>Diagnostic property: the source text of the response the broad test reads.</summary>
        public const string ResponseProperty = "Response";

        /// <summary>Diagnostic property, present when the response is read through <c>?.</c> (an outcome with no result).</summary>
        public const string ConditionalProperty = "Conditional";

        /// <summary>Diagnostic property, present when the whole predicate of <c>Policy.HandleResult</c> is the broad test.</summary>
        public const string WholePolicyProperty = "WholePolicy";

        public RetryOnClientErrorAnalyzer()
            : base(Descriptors.RetryOnClientError)
        {
        }

        private protected override bool AppliesTo(RetryApis apis)
            => apis.HttpResponseMessage is not null || (apis.HasRetryLibrary && apis.ClientResultException is not null);

        private protected override void Register(CompilationStartAnalysisContext start, RetryApis apis)
        {
            var analysis = new CompilationAnalysis(apis);
            if (apis.HasRetryLibrary)
            {
                start.RegisterOperationAction(analysis.AnalyzeInvocation, OperationKind.Invocation);
                if (apis.RetryStrategyOptionsOfT is not null)
                {
                    start.RegisterOperationAction(analysis.AnalyzeAssignment, OperationKind.SimpleAssignment);
                }
            }

            if (apis.HttpResponseMessage is not null)
            {
                start.RegisterOperationAction(analysis.AnalyzeLoop, OperationKind.Loop);
            }
        }

        private sealed class CompilationAnalysis
        {
            private readonly RetryApis _apis;
            private readonly StatusPredicates _predicates;
            private readonly ResendLoops _loops;

            public CompilationAnalysis(RetryApis apis)
            {
                _apis = apis;
                _predicates = new StatusPredicates(apis);
                _loops = new ResendLoops(apis);
            }

            /// <summary>A hand-written resend loop (bounded or not) that goes round again on a status test admitting 4xx.</summary>
            public void AnalyzeLoop(OperationAnalysisContext context)
            {
                var loop = (ILoopOperation)context.Operation;
                if (_loops.Analyze(loop, context.CancellationToken) is not { } resend)
                {
                    return;
                }

                var properties = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, KindLoop);
                foreach (var (test, whenFalse) in _loops.ClientErrorResends(resend, _predicates))
                {
                    var what = whenFalse
                        ? "of this loop (it resends whenever '" + test.Syntax + "' is false)"
                        : "'" + test.Syntax + "' of this resend loop";
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.RetryOnClientError, test.Syntax.GetLocation(), properties, what));
                }
            }

            /// <summary><c>HandleResult</c>/<c>OrResult</c> predicates and <c>Handle&lt;ClientResultException&gt;()</c> that feed a retry.</summary>
            public void AnalyzeInvocation(OperationAnalysisContext context)
            {
                var invocation = (IInvocationOperation)context.Operation;
                var method = invocation.TargetMethod;

                // The method's name first: one hop from the call turns away almost every call, before its type is read.
                if (!StatusPredicates.MayBePredicate(method) || !_predicates.IsBuilder(method.ContainingType))
                {
                    return;
                }

                if (StatusPredicates.TakesResultPredicate(method))
                {
                    foreach (var argument in invocation.Arguments)
                    {
                        if (argument.Parameter?.Type.TypeKind == TypeKind.Delegate && _predicates.FeedsRetry(invocation))
                        {
                            ReportClientErrorTests(context, argument.Value, whole: method.IsStatic && _predicates.IsPolicy(method.ContainingType));
                        }
                    }

                    return;
                }

                if (method.TypeArguments.Length == 1
                    && _predicates.IsClientResultException(method.TypeArguments[0])
                    && invocation.Arguments.Length == (method.IsExtensionMethod ? 1 : 0)
                    && _predicates.FeedsRetry(invocation))
                {
                    var properties = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, KindUncheckedException);
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.RetryOnClientError, invocation.NameLocation(), properties, "'" + method.Name + "<" + method.TypeArguments[0].Name + ">()' without checking Status"));
                }
            }

            /// <summary><c>ShouldHandle = args =&gt; …</c> on retry options.</summary>
            public void AnalyzeAssignment(OperationAnalysisContext context)
            {
                var assignment = (ISimpleAssignmentOperation)context.Operation;
                if (assignment.Target is not IPropertyReferenceOperation { Property: { Name: KnownMembers.ShouldHandle } property }
                    || !_apis.IsRetryStrategyOptions(property.ContainingType, out _)
                    || assignment.Value.UnwrapAwait() is not IDelegateCreationOperation predicate)
                {
                    return;
                }

                ReportClientErrorTests(context, predicate, whole: false);
                if (_predicates.UncheckedExceptionTest(predicate) is { } exceptionTest)
                {
                    var properties = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, KindUncheckedException);
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.RetryOnClientError, exceptionTest.Syntax.GetLocation(), properties, "'" + exceptionTest.Syntax + "' without checking Status"));
                }
            }

            private void ReportClientErrorTests(OperationAnalysisContext context, IOperation predicate, bool whole)
            {
                foreach (var test in _predicates.ClientErrorTests(predicate))
                {
                    var properties = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, KindStatusTest);
                    if (test.Response is { } response)
                    {
                        properties = properties.Add(ResponseProperty, ResponseText(response.Syntax));
                        if (test.IsConditional)
                        {
                            properties = properties.Add(ConditionalProperty, "true");
                        }

                        if (whole && test.IsWhole)
                        {
                            properties = properties.Add(WholePolicyProperty, "true");
                        }
                    }

                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.RetryOnClientError, test.Test.Syntax.GetLocation(), properties, "'" + test.Test.Syntax + "'"));
                }
            }

            private static string ResponseText(SyntaxNode response)
            {
                // Keep a null-forgiving `!`: the operation's syntax stops before it.
                return response.Parent is PostfixUnaryExpressionSyntax suppressed && suppressed.IsKind(SyntaxKind.SuppressNullableWarningExpression)
                    ? suppressed.ToString()
                    : response.ToString();
            }
        }
    }
}
