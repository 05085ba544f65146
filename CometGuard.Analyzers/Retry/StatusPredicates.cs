using System.Collections.Generic;
using System.Linq;

namespace CometGuard.Analyzers.Retry
{
    /// <summary>
    /// Retry predicates and the statuses they admit. A predicate is evaluated to the set of statuses it surely holds for
    /// (<see cref="Admission"/>): success flags, status comparisons and patterns, combined by <c>!</c>, <c>&amp;&amp;</c>,
    /// <c>||</c>, ternaries, switch expressions and early returns, through a predicate held in a local, a field or a
    /// method group. It admits client errors when that set holds a 4xx other than 408/429, however it is written:
    /// <c>!r.IsSuccessStatusCode &amp;&amp; r.StatusCode != NotFound</c> still retries 400, 401 and 403.
    /// </summary>
    internal sealed class StatusPredicates
    {
        private static readonly KnownType[] Builders = { KnownType.Policy, KnownType.PolicyBuilder, KnownType.PolicyBuilderOfT, KnownType.PredicateBuilder, KnownType.PredicateBuilderOfT };

        // Helper methods followed from a predicate: enough for a predicate calling a helper that calls another.
        private const int MaxDepth = 3;

        private readonly RetryApis _apis;

        public StatusPredicates(RetryApis apis)
        {
            _apis = apis;
        }

        private enum Input
        {
            Other,
            Response,
            Status,
            Success,
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
        /// The tests of a predicate (a lambda, a method group, or a local or field holding one) that admit 4xx client errors
        /// other than 408/429, each at the smallest expression that does: an operand of <c>||</c>, the status part of
        /// <c>&amp;&amp;</c>, a switch arm's pattern.
        /// </summary>
        public List<ClientErrorTest> ClientErrorTests(IOperation predicate)
        {
            var tests = new List<ClientErrorTest>();
            if (Function(predicate, 0) is not { } function)
            {
                return tests;
            }

            var returns = Returns(function.Body, 0);
            var admitted = Admission.False;
            foreach (var (value, context, _) in returns)
            {
                admitted = admitted.Or(context.And(Value(value, 0)));
            }

            if (!admitted.AdmitsClientErrors)
            {
                return tests;
            }

            foreach (var (value, context, anchor) in returns)
            {
                // `if (…) return true;` and `case …: return true;`: the test is the condition, not the constant.
                if (anchor is not null && Constant(value) is true)
                {
                    if (context.AdmitsClientErrors)
                    {
                        tests.Add(new ClientErrorTest(anchor, response: null, conditional: false, whole: false, context));
                    }

                    continue;
                }

                Localise(value, context, tests, function.IsLambda ? value.UnwrapAwait() : null);
            }

            return tests;
        }

        /// <summary>The tests of a condition that admit client errors when it holds (as <see cref="ClientErrorTests"/>).</summary>
        public List<ClientErrorTest> ConditionTests(IOperation condition)
        {
            var tests = new List<ClientErrorTest>();
            Localise(condition, Admission.True, tests, whole: null);
            return tests;
        }

        /// <summary>What <paramref name="condition"/> says about the status of the response it tests.</summary>
        public Admission Evaluate(IOperation condition) => Eval(condition, 0);

        /// <summary>A <c>ClientResultException</c> type test in a <c>ShouldHandle</c> predicate that never reads the exception's <c>Status</c>.</summary>
        public IOperation? UncheckedExceptionTest(IOperation predicate)
        {
            if (Function(predicate, 0) is not { } function)
            {
                return null;
            }

            var checksStatus = false;
            IOperation? exceptionTest = null;
            foreach (var operation in function.Body.Descendants())
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

        /// <summary>The body of the function a predicate value denotes, in the tree being analysed only.</summary>
        private static PredicateFunction? Function(IOperation value, int depth)
        {
            switch (value.Unwrap())
            {
                case IDelegateCreationOperation creation:
                    return Function(creation.Target, depth);
                case IAnonymousFunctionOperation lambda:
                    return new PredicateFunction(lambda.Body, isLambda: true);
                case IMethodReferenceOperation method:
                    return method.Method.BodyInSameTree(method) is { } body ? new PredicateFunction(body, isLambda: false) : null;
                case ILocalReferenceOperation local when depth < MaxDepth:
                    return local.Local.Initializer(local) is { } initializer ? Function(initializer, depth + 1) : null;
                case IFieldReferenceOperation field when depth < MaxDepth && field.Field.IsReadOnly:
                    return field.Field.Initializer(field) is { } fieldInitializer ? Function(fieldInitializer, depth + 1) : null;
                default:
                    return null;
            }
        }

        /// <summary>
        /// The values a body returns, each with what holds where it returns (the early returns and earlier cases before it
        /// excluded) and the condition or case label it returns under, if any.
        /// </summary>
        private List<(IOperation Value, Admission Context, IOperation? Anchor)> Returns(IOperation body, int depth)
        {
            var returns = new List<(IOperation, Admission, IOperation?)>();
            Walk(body, Admission.True, null, returns, depth);
            return returns;
        }

        /// <summary>What holds after <paramref name="statement"/>, or null when it always returns.</summary>
        private Admission? Walk(IOperation statement, Admission context, IOperation? anchor, List<(IOperation, Admission, IOperation?)> returns, int depth)
        {
            switch (statement)
            {
                case IReturnOperation { ReturnedValue: { } value }:
                    returns.Add((value, context, anchor));
                    return null;
                case IBlockOperation block:
                    return Sequence(block.Operations, context, anchor, returns, depth);
                case IConditionalOperation conditional when conditional.Type is null || conditional.Type.SpecialType == SpecialType.System_Void:
                    var condition = Eval(conditional.Condition, depth);
                    var whenTrue = Walk(conditional.WhenTrue, context.And(condition.IsFree ? Admission.Unknown : condition), conditional.Condition, returns, depth);
                    var otherwise = condition.IsFree ? context : context.And(condition.Not());
                    var whenFalse = conditional.WhenFalse is { } elseBranch ? Walk(elseBranch, otherwise, conditional.Condition, returns, depth) : otherwise;
                    return whenTrue is null ? whenFalse : whenFalse is null ? whenTrue : whenTrue.Or(whenFalse);
                case ISwitchOperation switchStatement:
                    return Switch(switchStatement, context, returns, depth);
                case ITryOperation tryStatement:
                    // A return in a catch holds where the call failed, which says nothing of a status.
                    foreach (var handler in tryStatement.Catches)
                    {
                        Walk(handler.Handler, context.And(Admission.Unknown), anchor, returns, depth);
                    }

                    var afterTry = Walk(tryStatement.Body, context, anchor, returns, depth);
                    return tryStatement.Catches.IsEmpty ? afterTry : context;
                case IUsingOperation usingStatement:
                    return Walk(usingStatement.Body, context, anchor, returns, depth);
                case ILockOperation lockStatement:
                    return Walk(lockStatement.Body, context, anchor, returns, depth);
                case ILocalFunctionOperation or IAnonymousFunctionOperation:
                    return context;
                default:
                    // Loops and the rest: a return inside holds only where their own conditions do, which is not followed.
                    foreach (var operation in statement.Descendants())
                    {
                        if (operation is IReturnOperation { ReturnedValue: { } value } && !InNestedFunction(operation, statement))
                        {
                            returns.Add((value, context.And(Admission.Unknown), null));
                        }
                    }

                    return context;
            }
        }

        private Admission? Sequence(IEnumerable<IOperation> statements, Admission context, IOperation? anchor, List<(IOperation, Admission, IOperation?)> returns, int depth)
        {
            Admission? after = context;
            foreach (var child in statements)
            {
                after = Walk(child, after, anchor, returns, depth);
                if (after is null)
                {
                    return null;
                }
            }

            return after;
        }

        /// <summary>A switch statement on a status: each section holds where its labels match and no earlier one did.</summary>
        private Admission? Switch(ISwitchOperation switchStatement, Admission context, List<(IOperation, Admission, IOperation?)> returns, int depth)
        {
            var input = InputOf(switchStatement.Value);
            var labels = new List<Admission?>();
            var others = Admission.False;
            foreach (var section in switchStatement.Cases)
            {
                Admission? matches = null;
                foreach (var clause in section.Clauses)
                {
                    if (clause is IDefaultCaseClauseOperation)
                    {
                        continue;
                    }

                    var label = Clause(clause, input, depth);
                    matches = matches is null ? label : matches.Or(label);
                }

                labels.Add(matches);
                if (matches is not null && !matches.IsFree)
                {
                    others = others.Or(matches);
                }
            }

            var earlier = Admission.False;
            var everyLeaves = true;
            var hasDefault = false;
            for (var i = 0; i < switchStatement.Cases.Length; i++)
            {
                var section = switchStatement.Cases[i];
                var matches = labels[i] ?? Admission.False;
                if (section.Clauses.Any(c => c is IDefaultCaseClauseOperation))
                {
                    // The default section matches where no label of any section does.
                    hasDefault = true;
                    matches = matches.Or(others.Not());
                }

                var taken = context.And(earlier.Not()).And(matches.IsFree ? Admission.Unknown : matches);
                var anchor = section.Clauses.IsEmpty ? null : section.Clauses[0];
                everyLeaves &= Sequence(section.Body, taken, anchor, returns, depth) is null;
                if (!matches.IsFree)
                {
                    earlier = earlier.Or(matches);
                }
            }

            return hasDefault && everyLeaves ? null : context;
        }

        private Admission Clause(ICaseClauseOperation clause, Input input, int depth)
        {
            switch (clause)
            {
                case ISingleValueCaseClauseOperation { Value: var value } when value.Unwrap().ConstantValue is { HasValue: true } constant:
                    return input switch
                    {
                        Input.Status when constant.Value is int status => Admission.Exactly(StatusSet.Of(status)),
                        Input.Success when constant.Value is bool success => Admission.Exactly(success ? StatusSet.Success : StatusSet.Success.Complement()),
                        _ => Admission.Unknown,
                    };
                case IPatternCaseClauseOperation patternClause:
                    var matched = Pattern(patternClause.Pattern, input);
                    return patternClause.Guard is { } guard ? matched.And(Eval(guard, depth)) : matched;
                default:
                    return Admission.Unknown;
            }
        }

        private static bool InNestedFunction(IOperation operation, IOperation root)
        {
            for (var current = operation.Parent; current is not null && !ReferenceEquals(current, root); current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A returned value: a free one (a flag the predicate captured) is not taken to hold for every status.</summary>
        private Admission Value(IOperation value, int depth)
        {
            var admission = Eval(value, depth);
            return admission.IsFree ? Admission.Unknown : admission;
        }

        private void Localise(IOperation node, Admission context, List<ClientErrorTest> tests, IOperation? whole)
        {
            var operation = node.UnwrapAwait();
            switch (operation)
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.Or } disjunction when IsBoolean(disjunction):
                    // Each operand on its own: the fix rewrites every broad one, not only the first.
                    Localise(disjunction.LeftOperand, context, tests, whole);
                    Localise(disjunction.RightOperand, context, tests, whole);
                    return;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.And } conjunction when IsBoolean(conjunction):
                    var conjuncts = new List<IOperation>();
                    Conjuncts(conjunction, conjuncts);
                    IOperation? bound = null;
                    var count = 0;
                    foreach (var conjunct in conjuncts)
                    {
                        if (!Eval(conjunct, 0).IsFree)
                        {
                            bound = conjunct;
                            count++;
                        }
                    }

                    if (count == 1)
                    {
                        Localise(bound!, context, tests, whole);
                        return;
                    }

                    break;
                case IConditionalOperation { WhenFalse: { } whenFalse } ternary when IsPredicateValue(ternary):
                    var condition = Eval(ternary.Condition, 0);
                    if (Constant(ternary.WhenTrue) is { } first && Constant(whenFalse) is { } second)
                    {
                        // `r.IsSuccessStatusCode ? PredicateResult.False() : PredicateResult.True()`: the test is the condition.
                        var chosen = context.And(Admission.Choose(condition.IsFree ? Admission.Unknown : condition, first ? Admission.True : Admission.False, second ? Admission.True : Admission.False));
                        if (chosen.AdmitsClientErrors)
                        {
                            tests.Add(new ClientErrorTest(ternary.Condition, response: null, conditional: false, whole: false, chosen));
                        }

                        return;
                    }

                    Localise(ternary.WhenTrue, context.And(condition.IsFree ? Admission.Unknown : condition), tests, whole);
                    Localise(whenFalse, condition.IsFree ? context : context.And(condition.Not()), tests, whole);
                    return;
                case ISwitchExpressionOperation switchExpression:
                    foreach (var (arm, armContext) in Arms(switchExpression, context, 0))
                    {
                        if (Constant(arm.Value) is true)
                        {
                            if (armContext.AdmitsClientErrors)
                            {
                                tests.Add(new ClientErrorTest(arm.Pattern, response: null, conditional: false, whole: false, armContext));
                            }
                        }
                        else
                        {
                            Localise(arm.Value, armContext, tests, whole);
                        }
                    }

                    return;
            }

            if (Unwrapped(operation) is { } inner)
            {
                Localise(inner, context, tests, whole);
                return;
            }

            var admission = Eval(operation, 0);
            var admitted = context.And(admission.IsFree ? Admission.Unknown : admission);
            if (!admitted.AdmitsClientErrors)
            {
                return;
            }

            // The fix rewrites a test that is all status on one response; a test that reads anything else stays as it is.
            var conditional = false;
            var response = admission.IsExact ? OnlyResponse(operation, out conditional) : null;
            tests.Add(new ClientErrorTest(operation, response, conditional: response is not null && conditional, ReferenceEquals(operation, whole), admitted));
        }

        private static void Conjuncts(IOperation operation, List<IOperation> conjuncts)
        {
            if (operation.Unwrap() is IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.And } conjunction && IsBoolean(conjunction))
            {
                Conjuncts(conjunction.LeftOperand, conjuncts);
                Conjuncts(conjunction.RightOperand, conjuncts);
            }
            else
            {
                conjuncts.Add(operation);
            }
        }

        /// <summary>Each arm of a switch expression with what holds when it is the one taken and its value is true.</summary>
        private List<(ISwitchExpressionArmOperation Arm, Admission Context)> Arms(ISwitchExpressionOperation switchExpression, Admission context, int depth)
        {
            var arms = new List<(ISwitchExpressionArmOperation, Admission)>();
            var input = InputOf(switchExpression.Value);
            var earlier = Admission.False;
            foreach (var arm in switchExpression.Arms)
            {
                var matches = Pattern(arm.Pattern, input);
                if (arm.Guard is { } guard)
                {
                    matches = matches.And(Eval(guard, depth));
                }

                // An arm that says nothing of the status (an exception type) takes no status away from later arms.
                var taken = context.And(earlier.Not()).And(matches.IsFree ? Admission.Unknown : matches);
                arms.Add((arm, taken.And(Value(arm.Value, depth))));
                if (!matches.IsFree)
                {
                    earlier = earlier.Or(matches);
                }
            }

            return arms;
        }

        private Admission Eval(IOperation node, int depth)
        {
            var operation = node.UnwrapAwait();
            switch (operation)
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } negation:
                    return Eval(negation.Operand, depth).Not();
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.And } conjunction when IsBoolean(conjunction):
                    return Eval(conjunction.LeftOperand, depth).And(Eval(conjunction.RightOperand, depth));
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.Or } disjunction when IsBoolean(disjunction):
                    return Eval(disjunction.LeftOperand, depth).Or(Eval(disjunction.RightOperand, depth));
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } flag
                    when (Constant(flag.RightOperand) ?? Constant(flag.LeftOperand)) is { } expected:
                    var tested = Eval(Constant(flag.RightOperand) is null ? flag.RightOperand : flag.LeftOperand, depth);
                    return expected == (flag.OperatorKind == BinaryOperatorKind.Equals) ? tested : tested.Not();
                case IBinaryOperation comparison when Comparison(comparison) is { } statuses:
                    return Admission.Exactly(statuses);
                case IIsPatternOperation isPattern:
                    return Pattern(isPattern.Pattern, InputOf(isPattern.Value), isPattern.Value);
                case IConditionalAccessOperation access:
                    return Eval(access.WhenNotNull, depth);
                case IPropertyReferenceOperation { Property.Name: KnownMembers.IsSuccessStatusCode } success when IsResponse(success.Property.ContainingType):
                    return Admission.Exactly(StatusSet.Success);
                case IConditionalOperation { WhenFalse: { } whenFalse } ternary when IsPredicateValue(ternary):
                    var condition = Eval(ternary.Condition, depth);
                    var otherwise = Eval(whenFalse, depth);
                    return Admission.Choose(condition.IsFree ? Admission.Unknown : condition, Eval(ternary.WhenTrue, depth), otherwise)
                        .Or(condition.IsFree ? otherwise : Admission.False);
                case ISwitchExpressionOperation switchExpression:
                    var admitted = Admission.False;
                    foreach (var (_, context) in Arms(switchExpression, Admission.True, depth))
                    {
                        admitted = admitted.Or(context);
                    }

                    return admitted;
                case IIsTypeOperation:
                    // An exception or outcome type test says nothing of a status.
                    return Admission.Free;
                case IInvocationOperation invocation:
                    if (Constant(invocation) is { } result)
                    {
                        return result ? Admission.True : Admission.False;
                    }

                    if (Unwrapped(invocation) is { } wrapped)
                    {
                        return Eval(wrapped, depth);
                    }

                    if (depth < MaxDepth && IsBoolean(invocation) && !IsFree(invocation) && invocation.TargetMethod.BodyInSameTree(invocation) is { } body)
                    {
                        var helper = Admission.False;
                        foreach (var (value, context, _) in Returns(body, depth + 1))
                        {
                            helper = helper.Or(context.And(Value(value, depth + 1)));
                        }

                        return helper;
                    }

                    break;
                case IObjectCreationOperation when Unwrapped(operation) is { } created:
                    return Eval(created, depth);
            }

            if (Constant(operation) is { } constant)
            {
                return constant ? Admission.True : Admission.False;
            }

            return IsFree(operation) ? Admission.Free : Admission.Unknown;
        }

        /// <summary>A pattern matched against <paramref name="input"/>.</summary>
        private Admission Pattern(IPatternOperation pattern, Input input, IOperation? value = null)
        {
            if (input == Input.Other && value is not null && IsFree(value))
            {
                return Admission.Free;
            }

            switch (pattern)
            {
                case IConstantPatternOperation constantPattern:
                    var constant = constantPattern.Value.Unwrap().ConstantValue;
                    return input switch
                    {
                        Input.Status when constant is { HasValue: true, Value: int status } => Admission.Exactly(StatusSet.Of(status)),
                        Input.Success when constant is { HasValue: true, Value: bool success } => Admission.Exactly(success ? StatusSet.Success : StatusSet.Success.Complement()),
                        Input.Response when constant is { HasValue: true, Value: null } => Admission.False,
                        _ => Admission.Unknown,
                    };
                case IRelationalPatternOperation relational when input == Input.Status
                    && relational.Value.Unwrap().ConstantValue is { HasValue: true, Value: int bound }
                    && StatusSet.Compare(relational.OperatorKind, bound) is { } statuses:
                    return Admission.Exactly(statuses);
                case IBinaryPatternOperation binary:
                    var left = Pattern(binary.LeftPattern, input);
                    var right = Pattern(binary.RightPattern, input);
                    return binary.OperatorKind == BinaryOperatorKind.Or ? left.Or(right) : left.And(right);
                case INegatedPatternOperation negated:
                    return Pattern(negated.Pattern, input).Not();
                case IDiscardPatternOperation:
                    return Admission.True;
                case IRecursivePatternOperation recursive:
                    // `{ … }` on a response holds for a response of any status; on an outcome it says nothing yet.
                    var matched = input == Input.Response ? Admission.True : input == Input.Other ? Admission.Free : Admission.Unknown;
                    foreach (var property in recursive.PropertySubpatterns)
                    {
                        matched = matched.And(Pattern(property.Pattern, InputOfMember(property.Member)));
                    }

                    return matched;
                case ITypePatternOperation or IDeclarationPatternOperation:
                    return input == Input.Response ? Admission.True : Admission.Free;
                default:
                    return Admission.Unknown;
            }
        }

        private Input InputOf(IOperation value)
        {
            var operation = value.Unwrap();
            if (operation is IConditionalAccessOperation access)
            {
                operation = access.WhenNotNull.Unwrap();
            }

            if (StatusOf(operation) is not null)
            {
                return Input.Status;
            }

            if (operation is IPropertyReferenceOperation { Property.Name: KnownMembers.IsSuccessStatusCode } success && IsResponse(success.Property.ContainingType))
            {
                return Input.Success;
            }

            return IsResponse(operation.Type) ? Input.Response : Input.Other;
        }

        private Input InputOfMember(IOperation member)
        {
            if (member is not IMemberReferenceOperation { Member: IPropertySymbol property })
            {
                return Input.Other;
            }

            if (IsStatusProperty(property))
            {
                return Input.Status;
            }

            if (property.Name == KnownMembers.IsSuccessStatusCode && IsResponse(property.ContainingType))
            {
                return Input.Success;
            }

            return IsResponse(property.Type) ? Input.Response : Input.Other;
        }

        /// <summary>The statuses for which <c>status OP constant</c> (either side) holds.</summary>
        private StatusSet? Comparison(IBinaryOperation binary)
        {
            if (StatusOf(binary.LeftOperand) is not null && binary.RightOperand.Unwrap().ConstantValue is { HasValue: true, Value: int value })
            {
                return StatusSet.Compare(binary.OperatorKind, value);
            }

            if (StatusOf(binary.RightOperand) is not null && binary.LeftOperand.Unwrap().ConstantValue is { HasValue: true, Value: int other })
            {
                return StatusSet.Compare(GuardConditions.Mirror(binary.OperatorKind), other);
            }

            return null;
        }

        /// <summary>The operation reading a status: <c>r.StatusCode</c> (also as <c>(int)</c>, after <c>?.</c>), or a <c>ClientResultException</c>'s <c>Status</c>.</summary>
        private IOperation? StatusOf(IOperation operation)
        {
            var unwrapped = operation.Unwrap();
            if (unwrapped is IConditionalAccessOperation access)
            {
                unwrapped = access.WhenNotNull.Unwrap();
            }

            return unwrapped is IPropertyReferenceOperation status && IsStatusProperty(status.Property) ? status : null;
        }

        private bool IsStatusProperty(IPropertySymbol property)
        {
            return (property.Name == KnownMembers.StatusCode && IsResponse(property.ContainingType))
                || (property.Name == KnownMembers.Status && IsClientResultException(property.ContainingType));
        }

        /// <summary>
        /// The one HTTP response every status read in <paramref name="test"/> is on (the text the fix writes), or null when
        /// they read different ones or an SDK exception; <paramref name="conditional"/> when it is read through <c>?.</c>.
        /// </summary>
        private IOperation? OnlyResponse(IOperation test, out bool conditional)
        {
            conditional = false;
            IOperation? response = null;
            foreach (var operation in test.DescendantsAndSelf())
            {
                IOperation? read = null;
                switch (operation)
                {
                    case IPropertyReferenceOperation { Property: var property, Instance: { } instance } when IsResponse(property.ContainingType)
                        && property.Name is KnownMembers.StatusCode or KnownMembers.IsSuccessStatusCode:
                        if (instance is IConditionalAccessInstanceOperation)
                        {
                            conditional = true;
                            read = operation.ConditionalReceiver();
                        }
                        else if (instance is not IInstanceReferenceOperation)
                        {
                            read = instance;
                        }

                        break;
                    case IPropertyReferenceOperation { Property: var exceptionStatus } when IsClientResultException(exceptionStatus.ContainingType):
                        return null;
                    case IIsPatternOperation isPattern when IsResponse(isPattern.Value.Type):
                        read = isPattern.Value;
                        break;
                }

                if (read is null)
                {
                    continue;
                }

                if (response is not null && !response.Syntax.IsEquivalentTo(read.Syntax))
                {
                    return null;
                }

                response ??= read;
            }

            return response;
        }

        /// <summary><c>true</c>/<c>false</c>, Polly's <c>PredicateResult.True()</c>/<c>False()</c>, and those wrapped in a <c>ValueTask</c>.</summary>
        private bool? Constant(IOperation operation)
        {
            operation = operation.UnwrapAwait();
            if (operation.ConstantValue is { HasValue: true, Value: bool value })
            {
                return value;
            }

            if (operation is IInvocationOperation { Arguments.Length: 0, TargetMethod: { IsStatic: true } method } && _apis.Known.Is(method.ContainingType, KnownType.PredicateResult))
            {
                return method.Name switch
                {
                    KnownMembers.PredicateTrue => true,
                    KnownMembers.PredicateFalse => false,
                    _ => null,
                };
            }

            return Unwrapped(operation) is { } inner ? Constant(inner) : null;
        }

        /// <summary>The boolean inside <c>ValueTask.FromResult(b)</c> or <c>new ValueTask&lt;bool&gt;(b)</c>.</summary>
        private static IOperation? Unwrapped(IOperation operation)
        {
            return operation switch
            {
                IInvocationOperation { Arguments.Length: 1, TargetMethod.IsStatic: true } wrap
                    when wrap.Type is INamedTypeSymbol { IsValueType: true } && IsBoolean(wrap.Arguments[0].Value) => wrap.Arguments[0].Value,
                IObjectCreationOperation { Arguments.Length: 1 } created
                    when created.Type is INamedTypeSymbol { IsValueType: true } && IsBoolean(created.Arguments[0].Value) => created.Arguments[0].Value,
                _ => null,
            };
        }

        /// <summary>A <c>bool</c>, or a <c>ValueTask&lt;bool&gt;</c>/<c>Task&lt;bool&gt;</c> as a v8 predicate returns.</summary>
        private static bool IsPredicateValue(IOperation operation)
            => IsBoolean(operation)
                || (operation.Type is INamedTypeSymbol { IsGenericType: true } generic && generic.TypeArguments.Length == 1 && generic.TypeArguments[0].SpecialType == SpecialType.System_Boolean);

        private static bool IsBoolean(IOperation operation)
        {
            var type = operation.Type;
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            return type?.SpecialType == SpecialType.System_Boolean;
        }

        /// <summary>A condition that reads no response, outcome or exception: an attempt counter, a captured flag.</summary>
        private bool IsFree(IOperation operation)
        {
            foreach (var descendant in operation.DescendantsAndSelf())
            {
                var type = descendant.Type;
                if (type is null || type.SpecialType != SpecialType.None)
                {
                    continue;
                }

                if (IsResponse(type) || _apis.Known.Is(type, KnownType.OutcomeOfT) || _apis.Known.IsOrDerives(type, KnownType.Exception))
                {
                    return false;
                }
            }

            return true;
        }

        private bool IsResponse(ITypeSymbol? type) => TypeLookup.DerivesFrom(type, _apis.HttpResponseMessage);

        private sealed class PredicateFunction
        {
            public PredicateFunction(IOperation body, bool isLambda)
            {
                Body = body;
                IsLambda = isLambda;
            }

            public IOperation Body { get; }

            public bool IsLambda { get; }
        }
    }

    /// <summary>A test that admits client errors, with the response the fix rewrites it on (null: no fix).</summary>
    internal sealed class ClientErrorTest
    {
        public ClientErrorTest(IOperation test, IOperation? response, bool conditional, bool whole, Admission admitted)
        {
            Test = test;
            Response = response;
            IsConditional = conditional;
            IsWhole = whole;
            Admitted = admitted;
        }

        /// <summary>The statuses the test admits where it stands.</summary>
        public Admission Admitted { get; }

        public IOperation Test { get; }

        public IOperation? Response { get; }

        /// <summary>The response is read through <c>?.</c>: the fix keeps it.</summary>
        public bool IsConditional { get; }

        /// <summary>The test is the whole value a lambda predicate returns.</summary>
        public bool IsWhole { get; }
    }
}
