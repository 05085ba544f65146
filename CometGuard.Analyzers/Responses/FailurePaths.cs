namespace CometGuard.Analyzers.Responses
{
    /// <summary>
    /// Whether code runs only when a raw HTTP response's status is known to be a failure: inside
    /// <c>if (!response.IsSuccessStatusCode)</c>, past <c>if (response.IsSuccessStatusCode) return …;</c>, or on the failing
    /// edge of a status comparison (<c>StatusCode != HttpStatusCode.OK</c>, <c>(int)StatusCode &gt;= 400</c>). A body read
    /// there is the gateway's error envelope, not generated text (CG0008).
    /// </summary>
    internal static class FailurePaths
    {
        /// <summary>
        /// True when <paramref name="body"/> (a <c>ReadAsStringAsync()</c> on <c>response.Content</c>) is the error body:
        /// the read itself, or the place the text is used, is reached only on a failing status of that response.
        /// </summary>
        public static bool IsErrorBody(OperationAnalysisContext context, ResolvedSinks sinks, IInvocationOperation body, SyntaxNode use)
        {
            if (!StatusChecks.TryFindResponse(sinks, body.Instance, out var response, out _))
            {
                return false;
            }

            var paths = AccessPath.WithAlias(response);
            if (paths.IsEmpty)
            {
                return false;
            }

            return IsOnFailurePath(context, sinks, use, paths) || IsOnFailurePath(context, sinks, body.Syntax, paths);
        }

        private static bool IsOnFailurePath(OperationAnalysisContext context, ResolvedSinks sinks, SyntaxNode node, ImmutableArray<AccessPath> paths)
            => FlowGuards.Locate(context, node) is { } guards
                && guards.IsGuardedByBranch((condition, captures) => FailureWhen(sinks, condition, captures, paths));

        /// <summary>Which outcome of <paramref name="condition"/> says the response failed.</summary>
        private static GuardWhen FailureWhen(ResolvedSinks sinks, IOperation condition, CaptureMap captures, ImmutableArray<AccessPath> paths)
        {
            condition = condition.Unwrap();
            switch (condition)
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    return GuardConditions.Flip(FailureWhen(sinks, not.Operand, captures, paths));
                case IPropertyReferenceOperation property when IsStatusMember(sinks, property, captures, paths) && property.Type?.SpecialType == SpecialType.System_Boolean:
                    return GuardWhen.False;
                case IBinaryOperation { OperatorMethod: null } comparison:
                    if (GuardConditions.TryGetInt(comparison.RightOperand, out var right) && IsStatusCode(sinks, comparison.LeftOperand, captures, paths))
                    {
                        return FailureWhen(comparison.OperatorKind, right, statusOnLeft: true);
                    }

                    return GuardConditions.TryGetInt(comparison.LeftOperand, out var left) && IsStatusCode(sinks, comparison.RightOperand, captures, paths)
                        ? FailureWhen(comparison.OperatorKind, left, statusOnLeft: false)
                        : GuardWhen.Never;
                default:
                    return GuardWhen.Never;
            }
        }

        /// <summary>Which outcome of <c>status OP k</c> proves a status outside 2xx.</summary>
        private static GuardWhen FailureWhen(BinaryOperatorKind kind, long k, bool statusOnLeft)
        {
            kind = statusOnLeft ? kind : GuardConditions.Mirror(kind);
            var success = k is >= 200 and < 300;
            return kind switch
            {
                BinaryOperatorKind.Equals => success ? GuardWhen.False : GuardWhen.True,
                BinaryOperatorKind.NotEquals when success => GuardWhen.True,
                BinaryOperatorKind.GreaterThanOrEqual when k >= 300 => GuardWhen.True,
                BinaryOperatorKind.GreaterThan when k >= 299 => GuardWhen.True,
                BinaryOperatorKind.LessThan when k is > 200 and <= 300 => GuardWhen.False,
                BinaryOperatorKind.LessThanOrEqual when k is >= 200 and < 300 => GuardWhen.False,
                _ => GuardWhen.Never,
            };
        }

        private static bool IsStatusCode(ResolvedSinks sinks, IOperation operation, CaptureMap captures, ImmutableArray<AccessPath> paths)
            => operation.Unwrap() is IPropertyReferenceOperation property && IsStatusMember(sinks, property, captures, paths);

        private static bool IsStatusMember(ResolvedSinks sinks, IPropertyReferenceOperation property, CaptureMap captures, ImmutableArray<AccessPath> paths)
            => property.Instance is { } instance
                && sinks.IsSink(property.Property, SinkKind.HttpStatusCheck)
                && AccessPath.AnyEqual(AccessPath.WithAlias(instance, captures), paths);
    }
}
