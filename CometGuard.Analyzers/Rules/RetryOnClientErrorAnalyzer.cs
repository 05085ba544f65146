using System.Collections.Generic;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CometGuard.Analyzers.Rules
{
    /// <summary>
    /// CG0005: a retry predicate that admits 4xx responses other than 408/429
    /// (<c>!r.IsSuccessStatusCode</c>, <c>(int)r.StatusCode &gt;= 400</c>, <c>!= OK</c>), or that retries
    /// <c>ClientResultException</c> without looking at its status.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class RetryOnClientErrorAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: <see cref="KindStatusTest"/> or <see cref="KindUncheckedException"/>.</summary>
        public const string KindProperty = "Kind";

        /// <summary>The reported expression is a status test on the response expression in <see cref="ResponseProperty"/>.</summary>
        public const string KindStatusTest = "StatusTest";

        /// <summary>The reported name is <c>Handle&lt;ClientResultException&gt;</c>/<c>Or&lt;…&gt;</c> with no predicate.</summary>
        public const string KindUncheckedException = "UncheckedException";

        /// <summary>Diagnostic property: the source text of the response the broad test reads.</summary>
        public const string ResponseProperty = "Response";

        /// <summary>Diagnostic property, present when the whole predicate of <c>Policy.HandleResult</c> is the broad test.</summary>
        public const string WholePolicyProperty = "WholePolicy";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.RetryOnClientError);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCode.Skip);
            context.RegisterCompilationStartAction(start =>
            {
                var apis = RetryApis.Create(start.Compilation);
                if (!apis.HasRetryLibrary || (apis.HttpResponseMessage is null && apis.ClientResultException is null))
                {
                    return;
                }

                var analysis = new CompilationAnalysis(apis);
                start.RegisterOperationAction(analysis.AnalyzeInvocation, OperationKind.Invocation);
                if (apis.RetryStrategyOptionsOfT is not null)
                {
                    start.RegisterOperationAction(analysis.AnalyzeAssignment, OperationKind.SimpleAssignment);
                }
            });
        }

        private sealed class CompilationAnalysis
        {
            private readonly RetryApis _apis;

            public CompilationAnalysis(RetryApis apis)
            {
                _apis = apis;
            }

            /// <summary><c>HandleResult</c>/<c>OrResult</c> predicates and <c>Handle&lt;ClientResultException&gt;()</c> that feed a retry.</summary>
            public void AnalyzeInvocation(OperationAnalysisContext context)
            {
                var invocation = (IInvocationOperation)context.Operation;
                var method = invocation.TargetMethod;

                // The method's name first: one hop from the call turns away almost every call, before its type is read.
                if (method.Name is not ("HandleResult" or "OrResult" or "Handle" or "Or"))
                {
                    return;
                }

                var owner = method.ContainingType?.OriginalDefinition;
                if (owner?.Name is not ("Policy" or "PolicyBuilder" or "PredicateBuilder"))
                {
                    return;
                }

                var isBuilder = SymbolEqualityComparer.Default.Equals(owner, _apis.Policy)
                    || SymbolEqualityComparer.Default.Equals(owner, _apis.PolicyBuilder)
                    || SymbolEqualityComparer.Default.Equals(owner, _apis.PolicyBuilderOfT)
                    || SymbolEqualityComparer.Default.Equals(owner, _apis.PredicateBuilder)
                    || SymbolEqualityComparer.Default.Equals(owner, _apis.PredicateBuilderOfT);
                if (!isBuilder)
                {
                    return;
                }

                if (method.Name is "HandleResult" or "OrResult")
                {
                    foreach (var argument in invocation.Arguments)
                    {
                        if (RetryApis.Unwrap(argument.Value) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }
                            && FeedsRetry(invocation))
                        {
                            var whole = method.IsStatic && SymbolEqualityComparer.Default.Equals(owner, _apis.Policy);
                            AnalyzePredicate(context, lambda, whole);
                        }
                    }

                    return;
                }

                if (method.Name is "Handle" or "Or"
                    && method.TypeArguments.Length == 1
                    && TypeLookup.DerivesFrom(method.TypeArguments[0], _apis.ClientResultException)
                    && invocation.Arguments.Length == (method.IsExtensionMethod ? 1 : 0)
                    && FeedsRetry(invocation))
                {
                    var location = invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member }
                        ? member.Name.GetLocation()
                        : invocation.Syntax.GetLocation();
                    var properties = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, KindUncheckedException);
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.RetryOnClientError, location, properties, "'" + method.Name + "<" + method.TypeArguments[0].Name + ">()' without checking Status"));
                }
            }

            /// <summary><c>ShouldHandle = args =&gt; …</c> on retry options.</summary>
            public void AnalyzeAssignment(OperationAnalysisContext context)
            {
                var assignment = (ISimpleAssignmentOperation)context.Operation;
                if (assignment.Target is not IPropertyReferenceOperation { Property: { Name: "ShouldHandle" } property }
                    || !_apis.IsRetryStrategyOptions(property.ContainingType, out _)
                    || RetryApis.Unwrap(assignment.Value) is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda })
                {
                    return;
                }

                AnalyzePredicate(context, lambda, whole: false);

                var checksStatus = false;
                IOperation? exceptionTest = null;
                foreach (var operation in lambda.Body.Descendants())
                {
                    switch (operation)
                    {
                        case IPropertyReferenceOperation { Property.Name: "Status" } status when TypeLookup.DerivesFrom(status.Property.ContainingType, _apis.ClientResultException):
                            checksStatus = true;
                            break;
                        case IIsTypeOperation isType when TypeLookup.DerivesFrom(isType.TypeOperand, _apis.ClientResultException):
                            exceptionTest ??= isType;
                            break;
                        case ITypePatternOperation typePattern when TypeLookup.DerivesFrom(typePattern.MatchedType, _apis.ClientResultException):
                            exceptionTest ??= typePattern;
                            break;
                        case IDeclarationPatternOperation declaration when TypeLookup.DerivesFrom(declaration.MatchedType, _apis.ClientResultException):
                            exceptionTest ??= declaration;
                            break;
                    }
                }

                if (exceptionTest is not null && !checksStatus)
                {
                    var properties = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, KindUncheckedException);
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.RetryOnClientError, exceptionTest.Syntax.GetLocation(), properties, "'" + exceptionTest.Syntax + "' without checking Status"));
                }
            }

            private void AnalyzePredicate(OperationAnalysisContext context, IAnonymousFunctionOperation lambda, bool whole)
            {
                foreach (var operation in lambda.Body.Descendants())
                {
                    if (operation is IReturnOperation { ReturnedValue: { } value })
                    {
                        var tests = new List<(IOperation Test, IOperation Response)>();
                        CollectBroadTests(value, tests);
                        foreach (var (test, response) in tests)
                        {
                            var properties = ImmutableDictionary<string, string?>.Empty
                                .Add(KindProperty, KindStatusTest)
                                .Add(ResponseProperty, ResponseText(response.Syntax));
                            if (whole && ReferenceEquals(RetryApis.Unwrap(value), test))
                            {
                                properties = properties.Add(WholePolicyProperty, "true");
                            }

                            context.ReportDiagnostic(Diagnostic.Create(Descriptors.RetryOnClientError, test.Syntax.GetLocation(), properties, "'" + test.Syntax + "'"));
                        }
                    }
                }
            }

            private static string ResponseText(SyntaxNode response)
            {
                // Keep a null-forgiving `!`: the operation's syntax stops before it.
                return response.Parent is PostfixUnaryExpressionSyntax suppressed && suppressed.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.SuppressNullableWarningExpression)
                    ? suppressed.ToString()
                    : response.ToString();
            }

            /// <summary>Broad tests that decide the result alone: the value itself, an operand of <c>||</c>, or the argument of <c>ValueTask.FromResult</c>.</summary>
            private void CollectBroadTests(IOperation? operation, List<(IOperation Test, IOperation Response)> tests)
            {
                operation = RetryApis.Unwrap(operation);
                switch (operation)
                {
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.Or } or:
                        CollectBroadTests(or.LeftOperand, tests);
                        CollectBroadTests(or.RightOperand, tests);
                        return;
                    case IInvocationOperation { Arguments.Length: 1 } wrap when wrap.TargetMethod.IsStatic && wrap.Type is INamedTypeSymbol { IsValueType: true }:
                        CollectBroadTests(wrap.Arguments[0].Value, tests);
                        return;
                    case IObjectCreationOperation { Arguments.Length: 1 } created when created.Type is INamedTypeSymbol { IsValueType: true }:
                        CollectBroadTests(created.Arguments[0].Value, tests);
                        return;
                }

                if (operation is not null && BroadResponse(operation) is { } response)
                {
                    tests.Add((operation, response));
                }
            }

            /// <summary>The response a test reads, when the test admits 4xx other than 408/429.</summary>
            private IOperation? BroadResponse(IOperation operation)
            {
                switch (operation)
                {
                    case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not
                        when RetryApis.Unwrap(not.Operand) is IPropertyReferenceOperation { Property.Name: "IsSuccessStatusCode", Instance: { } instance } success
                            && IsResponse(success.Property.ContainingType):
                        return instance;
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals
                        when RetryApis.Unwrap(equals.LeftOperand) is IPropertyReferenceOperation { Property.Name: "IsSuccessStatusCode", Instance: { } left } leftSuccess
                            && IsResponse(leftSuccess.Property.ContainingType)
                            && equals.RightOperand.ConstantValue is { HasValue: true, Value: false }:
                        return left;
                    case IBinaryOperation binary:
                        var (status, bound, kind) = StatusComparison(binary);
                        if (status is null)
                        {
                            return null;
                        }

                        var admitsClientErrors = kind switch
                        {
                            BinaryOperatorKind.GreaterThanOrEqual => bound <= 499,
                            BinaryOperatorKind.GreaterThan => bound < 499,
                            BinaryOperatorKind.NotEquals => bound is >= 200 and <= 299,
                            _ => false,
                        };
                        return admitsClientErrors ? status : null;
                    default:
                        return null;
                }
            }

            /// <summary><c>status OP constant</c> (either side), with <c>status</c> an HTTP response's <c>StatusCode</c>.</summary>
            private (IOperation? Response, int Bound, BinaryOperatorKind Kind) StatusComparison(IBinaryOperation binary)
            {
                var left = RetryApis.Unwrap(binary.LeftOperand);
                var right = RetryApis.Unwrap(binary.RightOperand);
                if (StatusOf(left) is { } response && binary.RightOperand.ConstantValue is { HasValue: true, Value: int value })
                {
                    return (response, value, binary.OperatorKind);
                }

                if (StatusOf(right) is { } flipped && binary.LeftOperand.ConstantValue is { HasValue: true, Value: int other })
                {
                    var kind = binary.OperatorKind switch
                    {
                        BinaryOperatorKind.LessThanOrEqual => BinaryOperatorKind.GreaterThanOrEqual,
                        BinaryOperatorKind.LessThan => BinaryOperatorKind.GreaterThan,
                        var same => same,
                    };
                    return (flipped, other, kind);
                }

                return (null, 0, binary.OperatorKind);
            }

            private IOperation? StatusOf(IOperation? operation)
            {
                return RetryApis.Unwrap(operation) is IPropertyReferenceOperation { Property.Name: "StatusCode", Instance: { } instance } status
                    && IsResponse(status.Property.ContainingType)
                    ? instance
                    : null;
            }

            private bool IsResponse(ITypeSymbol? type) => TypeLookup.DerivesFrom(type, _apis.HttpResponseMessage);

            /// <summary>A Polly v7 builder chain ending in a retry, or a v8 predicate assigned to a retry's <c>ShouldHandle</c>.</summary>
            private bool FeedsRetry(IOperation builder)
            {
                var current = builder;
                while (current.Parent is { } parent)
                {
                    switch (parent)
                    {
                        case IConversionOperation or IDelegateCreationOperation or IParenthesizedOperation:
                            current = parent;
                            continue;
                        case IArgumentOperation argument when argument.Parent is IInvocationOperation call
                            && call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0 && ReferenceEquals(call.Arguments[0], argument):
                            if (_apis.KindOf(call.TargetMethod) != RetryMethodKind.None)
                            {
                                return true;
                            }

                            current = call;
                            continue;
                        case IInvocationOperation call when ReferenceEquals(call.Instance, current):
                            current = call;
                            continue;
                        case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { Name: "ShouldHandle" } property } }:
                            return _apis.IsRetryStrategyOptions(property.ContainingType, out _);
                        default:
                            return false;
                    }
                }

                return false;
            }
        }
    }
}
