using System.Collections.Generic;

namespace CometGuard.Analyzers.Retry
{
    /// <summary>
    /// What the assignments to one Polly v8 <c>RetryStrategyOptions</c> instance add up to: its
    /// backoff type, jitter, delay and predicate, starting from the type's defaults (Constant
    /// without jitter for <c>RetryStrategyOptions</c>; exponential with jitter for
    /// <c>HttpRetryStrategyOptions</c>).
    /// </summary>
    internal sealed class RetryOptionsState
    {
        private readonly RetryApis _apis;

        public RetryOptionsState(RetryApis apis, bool isHttp)
        {
            _apis = apis;
            Backoff = isHttp ? Exponential : Constant;
            Jitter = isHttp;
        }

        public const int Constant = 0;
        public const int Linear = 1;
        public const int Exponential = 2;

        /// <summary>The <c>DelayBackoffType</c> value, null when set from something not constant.</summary>
        public int? Backoff { get; private set; }

        public bool? Jitter { get; private set; }

        public bool DelayIsZero { get; private set; }

        public bool HasDelayGenerator { get; private set; }

        /// <summary>An explicit <c>BackoffType = Constant</c> or <c>UseJitter = false</c>.</summary>
        public ISimpleAssignmentOperation? ExplicitNoJitter { get; private set; }

        public ISimpleAssignmentOperation? ZeroDelay { get; private set; }

        public IOperation? ShouldHandle { get; private set; }

        /// <summary>
        /// True when the retries are immediate, or without jitter whatever the backoff: exponential delays without a
        /// random part still bring every client that failed together back at the same moments.
        /// </summary>
        public bool LacksBackoffOrJitter => !HasDelayGenerator && (DelayIsZero || Jitter == false);

        /// <summary>The state an object initialiser's assignments set, from the type's defaults.</summary>
        public static RetryOptionsState Of(RetryApis apis, IObjectOrCollectionInitializerOperation? initializer, bool isHttp)
        {
            var state = new RetryOptionsState(apis, isHttp);
            if (initializer is not null)
            {
                foreach (var member in initializer.Initializers)
                {
                    if (member is ISimpleAssignmentOperation assignment)
                    {
                        state.Apply(assignment);
                    }
                }
            }

            return state;
        }

        /// <summary>Records one assignment; false when it is not to a retry option this rule reads.</summary>
        public bool Apply(ISimpleAssignmentOperation assignment)
        {
            if (assignment.Target is not IPropertyReferenceOperation { Property: { } property }
                || !TypeLookup.DerivesFrom(property.ContainingType, _apis.RetryStrategyOptionsOfT))
            {
                return false;
            }

            var value = assignment.Value.UnwrapAwait();
            switch (property.Name)
            {
                case KnownMembers.BackoffType:
                    Backoff = value?.ConstantValue is { HasValue: true, Value: int backoff } ? backoff : null;
                    if (Backoff == Constant)
                    {
                        ExplicitNoJitter ??= assignment;
                    }

                    break;
                case KnownMembers.UseJitter:
                    Jitter = value?.ConstantValue is { HasValue: true, Value: bool jitter } ? jitter : null;
                    if (Jitter == false)
                    {
                        ExplicitNoJitter ??= assignment;
                    }

                    break;
                case KnownMembers.Delay:
                    DelayIsZero = IsZero(value);
                    ZeroDelay = DelayIsZero ? assignment : null;
                    break;
                case KnownMembers.DelayGenerator:
                    HasDelayGenerator = value is not null && value.ConstantValue is not { HasValue: true, Value: null };
                    break;
                case KnownMembers.ShouldHandle:
                    ShouldHandle = value;
                    break;
                default:
                    return false;
            }

            return true;
        }

        /// <summary>The types the options' <c>ShouldHandle</c> predicate mentions, plus the options' outcome type.</summary>
        public List<ITypeSymbol?> Handled(ITypeSymbol? outcome)
        {
            var handled = new List<ITypeSymbol?> { outcome };
            if (ShouldHandle is null)
            {
                return handled;
            }

            handled.Clear();
            foreach (var operation in ShouldHandle.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IInvocationOperation invocation:
                        handled.AddRange(invocation.TargetMethod.TypeArguments);
                        break;
                    case IIsTypeOperation isType:
                        handled.Add(isType.TypeOperand);
                        break;
                    case ITypePatternOperation typePattern:
                        handled.Add(typePattern.MatchedType);
                        break;
                    case IDeclarationPatternOperation declaration:
                        handled.Add(declaration.MatchedType);
                        break;
                    case IPropertyReferenceOperation propertyReference:
                        handled.Add(propertyReference.Property.ContainingType);
                        break;
                }
            }

            handled.Add(outcome);
            return handled;
        }

        private bool IsZero(IOperation? value)
        {
            switch (value)
            {
                case IFieldReferenceOperation { Field: { IsStatic: true, Name: KnownMembers.Zero } field }:
                    return SymbolEqualityComparer.Default.Equals(field.ContainingType, _apis.TimeSpan);
                case IDefaultValueOperation:
                    return true;
                case IInvocationOperation { Arguments.Length: 1 } invocation:
                    return SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, _apis.TimeSpan)
                        && invocation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: { } number }
                        && System.Convert.ToDouble(number, System.Globalization.CultureInfo.InvariantCulture) == 0;
                default:
                    return false;
            }
        }
    }
}
