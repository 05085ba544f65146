using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace CometGuard.Analyzers.Retry
{
    /// <summary>
    /// How many retries each layer of a gateway call makes — a resilience handler on an <c>HttpClient</c>, a Polly
    /// pipeline or policy, the SDK's own <c>ClientRetryPolicy</c> — and which factory <c>HttpClient</c> a builder or a
    /// client belongs to, so that layers stacked on one client can be multiplied.
    /// </summary>
    internal sealed class RetryLayers
    {
        /// <summary>System.ClientModel's <c>ClientRetryPolicy</c> default.</summary>
        public const int SdkDefaultRetries = 3;

        /// <summary>Polly v8 and the standard resilience handler's default.</summary>
        public const int PipelineDefaultRetries = 3;

        public const int Unbounded = int.MaxValue;

        private readonly RetryApis _apis;

        // The names the two handler-extension types declare, read from metadata without building their members:
        // a call's name is one hop from it, its type three.
        private readonly HashSet<string> _handlerNames = new(System.StringComparer.Ordinal);

        public RetryLayers(RetryApis apis)
        {
            _apis = apis;
            foreach (var type in new[] { apis.ResilienceHttpClientBuilderExtensions, apis.PollyHttpClientBuilderExtensions })
            {
                if (type is not null)
                {
                    _handlerNames.UnionWith(type.MemberNames);
                }
            }
        }

        /// <summary>An <c>IHttpClientBuilder</c> extension that adds a resilience or Polly handler.</summary>
        public bool IsHandlerExtension(IMethodSymbol method)
        {
            if (!_handlerNames.Contains(method.Name))
            {
                return false;
            }

            // Definitions compare by identity (DefinitionComparer).
            var owner = method.ContainingType?.OriginalDefinition;
            return owner is not null && (ReferenceEquals(owner, _apis.ResilienceHttpClientBuilderExtensions) || ReferenceEquals(owner, _apis.PollyHttpClientBuilderExtensions));
        }

        /// <summary><c>Execute*</c> on a Polly v8 pipeline or a v7 policy: the instance it runs the call through.</summary>
        public bool IsExecute(IInvocationOperation invocation, out IOperation pipeline)
        {
            pipeline = invocation.Instance!;
            var known = _apis.Known;
            return invocation.TargetMethod.Name.StartsWith(KnownMembers.ExecutePrefix, System.StringComparison.Ordinal)
                && invocation.Instance is { Type: { } type }
                && (known.IsOrDerives(type, KnownType.ResiliencePipeline)
                    || known.IsOrDerives(type, KnownType.ResiliencePipelineOfT)
                    || (known[KnownType.IsPolicy] is { } isPolicy && type.AllInterfaces.Contains(isPolicy, SymbolEqualityComparer.Default)));
        }

        /// <summary>The retries a handler extension adds: the standard handler's, a pipeline's in its callback, a policy's.</summary>
        public int? HandlerRetries(IInvocationOperation invocation)
        {
            return invocation.TargetMethod.Name switch
            {
                KnownMembers.AddStandardResilienceHandler => MaxRetryAttemptsIn(invocation),
                KnownMembers.AddResilienceHandler => PipelineRetriesInCallback(invocation),
                KnownMembers.AddPolicyHandler or KnownMembers.AddTransientHttpErrorPolicy => PolicyRetries(invocation),
                _ => null,
            };
        }

        /// <summary>The retries of a pipeline or policy an <c>Execute*</c> call runs through.</summary>
        public int? PipelineRetries(IOperation pipeline)
        {
            var value = Follow(pipeline.UnwrapAwait());
            if (RetriesOfV7(value) is { } v7)
            {
                return v7;
            }

            // new ResiliencePipelineBuilder().AddRetry(options)...Build()
            for (var current = value as IInvocationOperation; current is not null; current = current.Receiver()?.UnwrapAwait() as IInvocationOperation)
            {
                if (IsAddRetry(current))
                {
                    return MaxRetryAttemptsIn(current);
                }
            }

            return null;
        }

        /// <summary>The SDK's own retries for a client expression; null when its options replace the retry policy with something unknown.</summary>
        public int? SdkRetriesOfClient(IOperation client)
        {
            switch (Follow(client.UnwrapAwait()))
            {
                case IInvocationOperation { Instance: { } parent } when parent.Type is { } parentType && _apis.IsSdkClient(parentType):
                    // openAIClient.GetChatClient(model) shares its parent's pipeline.
                    return SdkRetriesOfClient(parent);
                case IObjectCreationOperation creation:
                    foreach (var argument in creation.Arguments)
                    {
                        if (TypeLookup.DerivesFrom(argument.Value.Type, _apis.ClientPipelineOptions))
                        {
                            return RetriesOfOptions(argument.Value);
                        }
                    }

                    return SdkDefaultRetries;
                default:
                    // Injected or stored elsewhere: the SDK default applies unless configured out of sight.
                    return SdkDefaultRetries;
            }
        }

        /// <summary>
        /// The SDK retries behind a client a loop calls: an SDK client's own (<see cref="SdkRetriesOfClient"/>), or those
        /// of the SDK client a Microsoft.Extensions.AI chat client wraps (<c>chatClient.AsIChatClient()</c> in the same
        /// method); null when the client is neither.
        /// </summary>
        public int? SdkRetriesBehind(IOperation client)
        {
            if (client.Type is { } type && _apis.IsSdkClient(type))
            {
                return SdkRetriesOfClient(client);
            }

            return Follow(client.UnwrapAwait()) is IInvocationOperation adapter && adapter.Receiver() is { Type: { } wrapped } sdk && _apis.IsSdkClient(wrapped)
                ? SdkRetriesOfClient(sdk)
                : null;
        }

        /// <summary>Retries configured on SDK options: <c>RetryPolicy = new ClientRetryPolicy(n)</c>, or the default.</summary>
        public int? RetriesOfOptions(IOperation options)
        {
            var unwrapped = options.UnwrapAwait();
            if (unwrapped.ConstantValue is { HasValue: true, Value: null })
            {
                return SdkDefaultRetries;
            }

            var assignments = new List<ISimpleAssignmentOperation>();
            if (Follow(unwrapped) is IObjectCreationOperation { Initializer: { } initializer })
            {
                assignments.AddRange(initializer.Initializers.OfType<ISimpleAssignmentOperation>());
            }

            if (unwrapped is ILocalReferenceOperation local)
            {
                foreach (var operation in unwrapped.EnclosingBody().Descendants())
                {
                    if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: ILocalReferenceOperation target } } assignment
                        && SymbolEqualityComparer.Default.Equals(target.Local, local.Local))
                    {
                        assignments.Add(assignment);
                    }
                }
            }

            int? retries = SdkDefaultRetries;
            foreach (var assignment in assignments)
            {
                if (assignment.Target is IPropertyReferenceOperation { Property.Name: KnownMembers.RetryPolicy } property
                    && TypeLookup.DerivesFrom(property.Property.ContainingType, _apis.ClientPipelineOptions))
                {
                    retries = assignment.Value.UnwrapAwait() is IObjectCreationOperation policy
                        && SymbolEqualityComparer.Default.Equals(policy.Type, _apis.ClientRetryPolicy)
                        ? (policy.Arguments.FirstOrDefault()?.Value.ConstantValue is { HasValue: true, Value: int count } ? count : SdkDefaultRetries)
                        : null;
                }
            }

            return retries;
        }

        /// <summary>"name:X" for <c>AddHttpClient("X")</c>, "type:T" for <c>AddHttpClient&lt;T&gt;()</c>.</summary>
        public string? ClientKeyOfBuilder(IOperation? builder)
        {
            for (var current = Follow(builder?.UnwrapAwait()); current is IInvocationOperation invocation; current = Follow(invocation.Receiver()?.UnwrapAwait()))
            {
                if (!SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType?.OriginalDefinition, _apis.HttpClientFactoryExtensions)
                    || invocation.TargetMethod.Name != KnownMembers.AddHttpClient)
                {
                    continue;
                }

                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter?.Name == KnownMembers.NameParameter && argument.Value.ConstantValue is { HasValue: true, Value: string name })
                    {
                        return "name:" + name;
                    }
                }

                var typeArguments = invocation.TargetMethod.TypeArguments;
                return typeArguments.Length > 0
                    ? "type:" + typeArguments[typeArguments.Length - 1].ToDisplayString()
                    : null;
            }

            return null;
        }

        /// <summary>The factory client an <c>HttpClient</c> expression comes from: <c>CreateClient("X")</c> or a typed client's injected one.</summary>
        public string? ClientKeyOfHttpClient(IOperation value)
        {
            switch (Follow(value.UnwrapAwait()))
            {
                case IInvocationOperation { TargetMethod.Name: KnownMembers.CreateClient } create
                    when _apis.Known.IsOrDerives(create.TargetMethod.ContainingType, KnownType.HttpClientFactory):
                    foreach (var argument in create.Arguments)
                    {
                        if (argument.Value.ConstantValue is { HasValue: true, Value: string name })
                        {
                            return "name:" + name;
                        }
                    }

                    return null;
                case IParameterReferenceOperation { Parameter.ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } constructor }:
                    return "type:" + constructor.ContainingType.ToDisplayString();
                case IFieldReferenceOperation field when field.Field.ContainingType is { } owner:
                    return "type:" + owner.ToDisplayString();
                case IPropertyReferenceOperation property when property.Property.ContainingType is { } owner:
                    return "type:" + owner.ToDisplayString();
                default:
                    return null;
            }
        }

        /// <summary>How a client key reads in a message.</summary>
        public static string DescribeClient(string key)
        {
            return key.StartsWith("name:", System.StringComparison.Ordinal)
                ? "HttpClient '" + key.Substring(5) + "'"
                : "the typed HttpClient of '" + key.Substring(5) + "'";
        }

        /// <summary>Calls one request makes through a layer of <paramref name="retries"/> retries, saturating at unbounded.</summary>
        public static long Multiply(long calls, int retries)
        {
            if (calls == long.MaxValue || retries == Unbounded)
            {
                return long.MaxValue;
            }

            return calls * (retries + 1L);
        }

        public static string Calls(long calls) => calls == long.MaxValue ? "unboundedly many" : calls.ToString(CultureInfo.InvariantCulture);

        public static string Retries(int retries) => retries == Unbounded ? "forever" : retries.ToString(CultureInfo.InvariantCulture) + " retries";

        /// <summary>The constant <c>MaxRetryAttempts</c> a call's arguments or callback set, else the pipeline default.</summary>
        private static int MaxRetryAttemptsIn(IOperation call)
        {
            foreach (var operation in call.Descendants())
            {
                if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: KnownMembers.MaxRetryAttempts } } assignment
                    && assignment.Value.ConstantValue is { HasValue: true, Value: int count })
                {
                    return count;
                }
            }

            return PipelineDefaultRetries;
        }

        private bool IsAddRetry(IInvocationOperation invocation)
            => SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType?.OriginalDefinition, _apis.RetryPipelineBuilderExtensions);

        private int? PipelineRetriesInCallback(IInvocationOperation invocation)
        {
            foreach (var operation in invocation.Descendants())
            {
                if (operation is IInvocationOperation addRetry && IsAddRetry(addRetry))
                {
                    return MaxRetryAttemptsIn(addRetry);
                }
            }

            return null;
        }

        private int? PolicyRetries(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (ReferenceEquals(argument, invocation.Arguments[0]) && invocation.TargetMethod.IsExtensionMethod)
                {
                    continue;
                }

                if (RetriesOfV7(argument.Value) is { } count)
                {
                    return count;
                }
            }

            return null;
        }

        /// <summary>Retries of a Polly v7 retry policy expression: the call itself, a lambda returning it, or a local initialised with it.</summary>
        private int? RetriesOfV7(IOperation? value)
        {
            value = Follow(value?.UnwrapAwait());
            if (value is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda })
            {
                foreach (var operation in lambda.Body.Descendants())
                {
                    if (operation is IInvocationOperation call && RetriesOfV7Call(call) is { } count)
                    {
                        return count;
                    }
                }

                return null;
            }

            return value is IInvocationOperation invocation ? RetriesOfV7Call(invocation) : null;
        }

        private int? RetriesOfV7Call(IInvocationOperation call)
        {
            switch (_apis.KindOf(call.TargetMethod))
            {
                case RetryMethodKind.Forever:
                case RetryMethodKind.WaitForever:
                    return Unbounded;
                case RetryMethodKind.Immediate:
                case RetryMethodKind.Wait:
                    foreach (var argument in call.Arguments)
                    {
                        if (argument.Parameter?.Name == KnownMembers.RetryCountParameter)
                        {
                            return argument.Value.ConstantValue is { HasValue: true, Value: int count } ? count : PipelineDefaultRetries;
                        }
                    }

                    // Retry() is Retry(1); WaitAndRetry always names its count.
                    return _apis.KindOf(call.TargetMethod) == RetryMethodKind.Immediate ? 1 : null;
                default:
                    return null;
            }
        }

        /// <summary>One hop from a local to its initialiser.</summary>
        private static IOperation? Follow(IOperation? operation)
            => operation is ILocalReferenceOperation reference && reference.Local.Initializer(reference) is { } initializer ? initializer.UnwrapAwait() : operation;
    }
}
