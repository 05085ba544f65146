using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CometGuard.Analyzers.Retry
{
    /// <summary>What a wait between attempts computes.</summary>
    internal enum DelayShape
    {
        /// <summary>Random, from a helper, or from something that changes: not judged.</summary>
        Varies,

        /// <summary>The same delay before every attempt.</summary>
        Constant,

        /// <summary>Grows exponentially with the attempt, with no random part.</summary>
        ExponentialWithoutJitter,
    }

    /// <summary>
    /// What a retry waits between attempts: a Polly v7 sleep provider that ignores the attempt, and the delay settings
    /// of a Polly v8 options instance gathered from its initialiser, the statements on its local, or a group of
    /// statements on the same receiver.
    /// </summary>
    internal sealed class RetryDelays
    {
        private readonly RetryApis _apis;

        public RetryDelays(RetryApis apis)
        {
            _apis = apis;
        }

        /// <summary>A sleep provider returning <c>TimeSpan</c> that uses none of its parameters and no randomness: one delay for every attempt.</summary>
        public bool IsConstantSleep(IAnonymousFunctionOperation lambda)
        {
            if (!SymbolEqualityComparer.Default.Equals(lambda.Symbol.ReturnType, _apis.TimeSpan))
            {
                return false;
            }

            var random = _apis.Known[KnownType.Random];
            foreach (var operation in lambda.Body.Descendants())
            {
                switch (operation)
                {
                    case IParameterReferenceOperation:
                    case ILocalReferenceOperation:
                        return false;
                    case IInvocationOperation invocation when TypeLookup.DerivesFrom(invocation.TargetMethod.ContainingType, random):
                        return false;
                    case IPropertyReferenceOperation property when TypeLookup.DerivesFrom(property.Property.ContainingType, random):
                        return false;
                    case IInvocationOperation invocation when !SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, _apis.TimeSpan):
                        // A helper computes the delay: assume it varies.
                        return false;
                }
            }

            return true;
        }

        /// <summary>A sleep provider returning <c>TimeSpan</c> that grows exponentially with the attempt (<c>Math.Pow(2, n)</c>, <c>1 &lt;&lt; n</c>) and adds no randomness.</summary>
        public bool IsExponentialSleep(IAnonymousFunctionOperation lambda)
            => SymbolEqualityComparer.Default.Equals(lambda.Symbol.ReturnType, _apis.TimeSpan) && Classify(lambda.Body) == DelayShape.ExponentialWithoutJitter;

        /// <summary>
        /// What a wait computes. Randomness or a helper method makes it vary (jittered, or out of sight); an exponent on
        /// something that changes makes it exponential; any other variable (an attempt counter, a <c>Retry-After</c>
        /// value, a setting) makes it vary; what is left is one delay for every attempt. A local declared in
        /// <paramref name="scope"/> is read through its initialiser: it is computed afresh each round.
        /// </summary>
        public DelayShape Classify(IOperation value, IOperation? scope = null)
        {
            var known = _apis.Known;
            var exponential = false;
            var varies = false;
            foreach (var operation in value.DescendantsAndSelf())
            {
                if (operation.ConstantValue.HasValue)
                {
                    continue;
                }

                switch (operation)
                {
                    case IInvocationOperation invocation when TypeLookup.DerivesFrom(invocation.TargetMethod.ContainingType, known[KnownType.Random]):
                    case IPropertyReferenceOperation property when TypeLookup.DerivesFrom(property.Property.ContainingType, known[KnownType.Random]):
                        return DelayShape.Varies;
                    case IInvocationOperation invocation when known.Is(invocation.TargetMethod.ContainingType, KnownType.Math):
                        exponential |= invocation.TargetMethod.Name == KnownMembers.Pow && invocation.Arguments.Length == 2 && !invocation.Arguments[1].Value.ConstantValue.HasValue;
                        break;
                    case IInvocationOperation invocation when SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, _apis.TimeSpan):
                        break;
                    case IInvocationOperation:
                        return DelayShape.Varies;
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.LeftShift } shift:
                        exponential |= !shift.RightOperand.ConstantValue.HasValue;
                        break;
                    case IFieldReferenceOperation field when SymbolEqualityComparer.Default.Equals(field.Field.ContainingType, _apis.TimeSpan):
                    case IPropertyReferenceOperation property when SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, _apis.TimeSpan):
                        break;
                    case ILocalReferenceOperation local when scope is not null
                        && local.Local.DeclaringSyntaxReferences.Length == 1
                        && scope.Syntax.Span.Contains(local.Local.DeclaringSyntaxReferences[0].Span)
                        && local.Local.Initializer(local) is { } initializer
                        && !ReferenceEquals(initializer, value):
                        switch (Classify(initializer))
                        {
                            case DelayShape.Varies:
                                varies = true;
                                break;
                            case DelayShape.ExponentialWithoutJitter:
                                exponential = true;
                                break;
                        }

                        break;
                    case IParameterReferenceOperation:
                    case ILocalReferenceOperation:
                    case IFieldReferenceOperation:
                    case IPropertyReferenceOperation:
                        varies = true;
                        break;
                }
            }

            return exponential ? DelayShape.ExponentialWithoutJitter : varies ? DelayShape.Varies : DelayShape.Constant;
        }

        /// <summary>The options a creation makes: its initialiser, then every assignment to the local it initialises.</summary>
        public RetryOptionsState OfCreation(IObjectCreationOperation creation)
        {
            var state = RetryOptionsState.Of(_apis, creation.Initializer, _apis.IsHttpRetryStrategyOptions(creation.Type));
            if (LocalOf(creation) is { } local)
            {
                foreach (var operation in creation.EnclosingBody().Descendants())
                {
                    if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: ILocalReferenceOperation reference } } assignment
                        && SymbolEqualityComparer.Default.Equals(reference.Local, local))
                    {
                        state.Apply(assignment);
                    }
                }
            }

            return state;
        }

        /// <summary>
        /// The options set by the statements around <paramref name="assignment"/> on the same receiver (a configure
        /// callback: <c>o.Retry.UseJitter = false; o.Retry.Delay = …;</c>), and the first of those statements.
        /// </summary>
        public RetryOptionsState OfStatements(ISimpleAssignmentOperation assignment, IOperation receiver, out ISimpleAssignmentOperation first)
        {
            var scope = assignment.Parent!.Parent ?? assignment.Parent;
            first = assignment;
            var state = new RetryOptionsState(_apis, _apis.IsHttpRetryStrategyOptions(receiver.Type));
            foreach (var operation in scope.Descendants())
            {
                if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: { } other } } sibling
                    && SameReceiver(receiver, other)
                    && state.Apply(sibling)
                    && sibling.Syntax.SpanStart < first.Syntax.SpanStart)
                {
                    first = sibling;
                }
            }

            return state;
        }

        /// <summary>An assignment to one of the options' delay settings (the name is read first: most assignments are not).</summary>
        public static bool IsDelaySetting(IPropertySymbol property)
            => property.Name is KnownMembers.BackoffType or KnownMembers.UseJitter or KnownMembers.Delay or KnownMembers.DelayGenerator or KnownMembers.ShouldHandle;

        /// <summary>Where to report options: <c>new T</c> of an explicit creation, <c>new</c> of a target-typed one.</summary>
        public static Location CreationLocation(IObjectCreationOperation creation)
        {
            return creation.Syntax switch
            {
                ObjectCreationExpressionSyntax explicitNew => Location.Create(explicitNew.SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(explicitNew.NewKeyword.SpanStart, explicitNew.Type.Span.End)),
                ImplicitObjectCreationExpressionSyntax implicitNew => implicitNew.NewKeyword.GetLocation(),
                _ => creation.Syntax.GetLocation(),
            };
        }

        private static ILocalSymbol? LocalOf(IOperation creation)
        {
            var current = creation.Parent;
            while (current is IConversionOperation)
            {
                current = current.Parent;
            }

            return current is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } ? declarator.Symbol : null;
        }

        private static bool SameReceiver(IOperation left, IOperation right)
        {
            left = left.UnwrapAwait();
            right = right.UnwrapAwait();
            return (left, right) switch
            {
                (IPropertyReferenceOperation a, IPropertyReferenceOperation b) => SymbolEqualityComparer.Default.Equals(a.Property, b.Property)
                    && (a.Instance is null ? b.Instance is null : b.Instance is not null && SameReceiver(a.Instance, b.Instance)),
                (IFieldReferenceOperation a, IFieldReferenceOperation b) => SymbolEqualityComparer.Default.Equals(a.Field, b.Field)
                    && (a.Instance is null ? b.Instance is null : b.Instance is not null && SameReceiver(a.Instance, b.Instance)),
                (IParameterReferenceOperation a, IParameterReferenceOperation b) => SymbolEqualityComparer.Default.Equals(a.Parameter, b.Parameter),
                (ILocalReferenceOperation a, ILocalReferenceOperation b) => SymbolEqualityComparer.Default.Equals(a.Local, b.Local),
                (IInstanceReferenceOperation, IInstanceReferenceOperation) => true,
                _ => false,
            };
        }
    }
}
