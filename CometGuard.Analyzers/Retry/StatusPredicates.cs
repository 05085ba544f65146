using System.Collections.Generic;

namespace CometGuard.Analyzers.Retry
{
    /// <summary>
    /// Retry predicates and the status codes they admit: a broad test (<c>!r.IsSuccessStatusCode</c>,
    /// <c>(int)r.StatusCode &gt;= 400</c>, <c>!= OK</c>) admits 4xx client errors besides 408/429.
    /// </summary>
    internal sealed class StatusPredicates
    {
        private static readonly KnownType[] Builders = { KnownType.Policy, KnownType.PolicyBuilder, KnownType.PolicyBuilderOfT, KnownType.PredicateBuilder, KnownType.PredicateBuilderOfT };

        private readonly RetryApis _apis;

        public StatusPredicates(RetryApis apis)
        {
            _apis = apis;
        }

        /// <summary>A predicate-taking method of Polly's policy or predicate builders: <c>HandleResult</c>, <c>OrResult</c>, <c>Handle</c>, <c>Or</c>.</summary>
        public static bool MayBePredicate(IMethodSymbol method) => method.Name is KnownMembers.HandleResult or KnownMembers.OrResult or KnownMembers.Handle or KnownMembers.Or;

        public static bool TakesResultPredicate(IMethodSymbol method) => method.Name is KnownMembers.HandleResult or KnownMembers.OrResult;

        /// <summary><c>Policy</c>, <c>PolicyBuilder(&lt;T&gt;)</c>, <c>PredicateBuilder(&lt;T&gt;)</c>.</summary>
        public bool IsBuilder(INamedTypeSymbol? owner)
        {
            var definition = owner?.OriginalDefinition;
            foreach (var builder in Builders)
            {
                if (definition is not null && ReferenceEquals(definition, _apis.Known[builder]))
                {
                    return true;
                }
            }

            return false;
        }

        public bool IsPolicy(INamedTypeSymbol? owner) => owner is not null && ReferenceEquals(owner.OriginalDefinition, _apis.Known[KnownType.Policy]);

        public bool IsClientResultException(ITypeSymbol? type) => TypeLookup.DerivesFrom(type, _apis.ClientResultException);

        /// <summary>A Polly v7 builder chain ending in a retry, or a v8 predicate assigned to a retry's <c>ShouldHandle</c>.</summary>
        public bool FeedsRetry(IOperation builder)
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
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { Name: KnownMembers.ShouldHandle } property } }:
                        return _apis.IsRetryStrategyOptions(property.ContainingType, out _);
                    default:
                        return false;
                }
            }

            return false;
        }

        /// <summary>
        /// The broad tests that decide a predicate's result alone, with the response each reads and the returned value
        /// it belongs to: the value itself, an operand of <c>||</c>, or the argument of <c>ValueTask.FromResult</c>.
        /// </summary>
        public List<(IOperation Returned, IOperation Test, IOperation Response)> BroadTests(IAnonymousFunctionOperation lambda)
        {
            var tests = new List<(IOperation Returned, IOperation Test, IOperation Response)>();
            foreach (var operation in lambda.Body.Descendants())
            {
                if (operation is IReturnOperation { ReturnedValue: { } value })
                {
                    Collect(value, value, tests);
                }
            }

            return tests;
        }

        /// <summary>The broad tests that decide a condition alone: the condition itself or an operand of its <c>||</c>.</summary>
        public List<(IOperation Returned, IOperation Test, IOperation Response)> BroadTests(IOperation condition)
        {
            var tests = new List<(IOperation Returned, IOperation Test, IOperation Response)>();
            Collect(condition, condition, tests);
            return tests;
        }

        /// <summary>
        /// The response a success test reads (<c>r.IsSuccessStatusCode</c>, <c>r.StatusCode == OK</c>,
        /// <c>(int)r.StatusCode &lt; 400</c>, or one of those as an operand of <c>&amp;&amp;</c>) when its negation, what
        /// holds whenever the test fails, admits 4xx other than 408/429.
        /// </summary>
        public IOperation? BroadWhenFalse(IOperation condition) => AdmitsClientErrors(condition, outcome: false);

        /// <summary>A <c>ClientResultException</c> type test in a <c>ShouldHandle</c> predicate that never reads the exception's <c>Status</c>.</summary>
        public IOperation? UncheckedExceptionTest(IAnonymousFunctionOperation lambda)
        {
            var checksStatus = false;
            IOperation? exceptionTest = null;
            foreach (var operation in lambda.Body.Descendants())
            {
                switch (operation)
                {
                    case IPropertyReferenceOperation { Property.Name: KnownMembers.Status } status when IsClientResultException(status.Property.ContainingType):
                        checksStatus = true;
                        break;
                    case IIsTypeOperation isType when IsClientResultException(isType.TypeOperand):
                        exceptionTest ??= isType;
                        break;
                    case ITypePatternOperation typePattern when IsClientResultException(typePattern.MatchedType):
                        exceptionTest ??= typePattern;
                        break;
                    case IDeclarationPatternOperation declaration when IsClientResultException(declaration.MatchedType):
                        exceptionTest ??= declaration;
                        break;
                }
            }

            return checksStatus ? null : exceptionTest;
        }

        private void Collect(IOperation returned, IOperation? operation, List<(IOperation Returned, IOperation Test, IOperation Response)> tests)
        {
            operation = operation?.UnwrapAwait();
            switch (operation)
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.Or } or:
                    Collect(returned, or.LeftOperand, tests);
                    Collect(returned, or.RightOperand, tests);
                    return;
                case IInvocationOperation { Arguments.Length: 1 } wrap when wrap.TargetMethod.IsStatic && wrap.Type is INamedTypeSymbol { IsValueType: true }:
                    Collect(returned, wrap.Arguments[0].Value, tests);
                    return;
                case IObjectCreationOperation { Arguments.Length: 1 } created when created.Type is INamedTypeSymbol { IsValueType: true }:
                    Collect(returned, created.Arguments[0].Value, tests);
                    return;
            }

            if (operation is not null && BroadResponse(operation) is { } response)
            {
                tests.Add((returned, operation, response));
            }
        }

        /// <summary>The response a test reads, when the test admits 4xx other than 408/429.</summary>
        private IOperation? BroadResponse(IOperation operation) => AdmitsClientErrors(operation, outcome: true);

        /// <summary>
        /// The response <paramref name="condition"/> reads when its <paramref name="outcome"/> admits 4xx other than 408/429:
        /// a failed success test (<c>!r.IsSuccessStatusCode</c> true, <c>r.IsSuccessStatusCode</c> false, <c>== true/false</c>),
        /// a status comparison whose side holds such statuses (<c>&gt;= 400</c> true, <c>&lt; 400</c> false, <c>!= OK</c> true),
        /// and, for a false outcome, either operand of <c>&amp;&amp;</c>.
        /// </summary>
        private IOperation? AdmitsClientErrors(IOperation condition, bool outcome)
        {
            switch (condition.UnwrapAwait())
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.And } both when !outcome:
                    return AdmitsClientErrors(both.LeftOperand, false) ?? AdmitsClientErrors(both.RightOperand, false);
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } negation:
                    return AdmitsClientErrors(negation.Operand, !outcome);
                case IPropertyReferenceOperation { Property.Name: KnownMembers.IsSuccessStatusCode, Instance: { } instance } success
                    when IsResponse(success.Property.ContainingType):
                    return outcome ? null : instance;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals
                    when equals.LeftOperand.UnwrapAwait() is IPropertyReferenceOperation { Property.Name: KnownMembers.IsSuccessStatusCode, Instance: { } left } leftSuccess
                        && IsResponse(leftSuccess.Property.ContainingType)
                        && equals.RightOperand.ConstantValue is { HasValue: true, Value: bool expected }:
                    // The success flag is false on this outcome when the constant differs from the outcome.
                    return expected != outcome ? left : null;
                case IBinaryOperation binary:
                    var (status, bound, kind) = StatusComparison(binary);
                    if (status is null)
                    {
                        return null;
                    }

                    // A false outcome holds the negated comparison: `< bound` fails as `>= bound`, `== 2xx` as every other status.
                    kind = outcome ? kind : kind switch
                    {
                        BinaryOperatorKind.LessThan => BinaryOperatorKind.GreaterThanOrEqual,
                        BinaryOperatorKind.LessThanOrEqual => BinaryOperatorKind.GreaterThan,
                        BinaryOperatorKind.Equals => BinaryOperatorKind.NotEquals,
                        _ => BinaryOperatorKind.None,
                    };
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
            if (StatusOf(binary.LeftOperand) is { } response && binary.RightOperand.ConstantValue is { HasValue: true, Value: int value })
            {
                return (response, value, binary.OperatorKind);
            }

            if (StatusOf(binary.RightOperand) is { } flipped && binary.LeftOperand.ConstantValue is { HasValue: true, Value: int other })
            {
                return (flipped, other, GuardConditions.Mirror(binary.OperatorKind));
            }

            return (null, 0, binary.OperatorKind);
        }

        private IOperation? StatusOf(IOperation operation)
        {
            return operation.UnwrapAwait() is IPropertyReferenceOperation { Property.Name: KnownMembers.StatusCode, Instance: { } instance } status
                && IsResponse(status.Property.ContainingType)
                ? instance
                : null;
        }

        private bool IsResponse(ITypeSymbol? type) => TypeLookup.DerivesFrom(type, _apis.HttpResponseMessage);
    }
}
