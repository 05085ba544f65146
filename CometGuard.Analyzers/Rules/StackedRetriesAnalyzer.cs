using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CometGuard.Analyzers.Rules
{
    /// <summary>
    /// CG0011: retries at several layers. A retrying handler on the named or typed <c>HttpClient</c>
    /// an OpenAI / Azure OpenAI client is built on (through <c>HttpClientPipelineTransport</c>) while
    /// that client keeps its <c>ClientRetryPolicy</c>; two retrying handlers on one client; a retry
    /// pipeline or policy executed around an SDK call that retries by itself.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class StackedRetriesAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>System.ClientModel's <c>ClientRetryPolicy</c> default.</summary>
        private const int SdkDefaultRetries = 3;

        /// <summary>Polly v8 and the standard resilience handler's default.</summary>
        private const int PipelineDefaultRetries = 3;

        private const int Unbounded = int.MaxValue;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.StackedRetries);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCode.Skip);
            context.RegisterCompilationStartAction(start =>
            {
                var apis = RetryApis.Create(start.Compilation);
                if (!apis.HasRetryLibrary || apis.ClientPipeline is null)
                {
                    return;
                }

                var analysis = new CompilationAnalysis(apis);
                start.RegisterOperationAction(analysis.AnalyzeInvocation, OperationKind.Invocation);
                start.RegisterOperationAction(analysis.AnalyzeTransport, OperationKind.ObjectCreation);
                start.RegisterCompilationEndAction(analysis.Report);
            });
        }

        private sealed class Handler
        {
            public Handler(string name, int retries, Location location)
            {
                Name = name;
                Retries = retries;
                Location = location;
            }

            public string Name { get; }

            public int Retries { get; }

            public Location Location { get; }
        }

        private sealed class CompilationAnalysis
        {
            private readonly RetryApis _apis;
            private readonly ConcurrentDictionary<string, ConcurrentQueue<Handler>> _handlers = new();
            private readonly ConcurrentDictionary<string, int> _sdkRetries = new();

            // The names the two handler-extension types declare, read from metadata without building their members:
            // a call's name is one hop from it, its type three.
            private readonly HashSet<string> _handlerNames = new(StringComparer.Ordinal);

            public CompilationAnalysis(RetryApis apis)
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

            public void AnalyzeInvocation(OperationAnalysisContext context)
            {
                var invocation = (IInvocationOperation)context.Operation;
                var name = invocation.TargetMethod.Name;
                if (_handlerNames.Contains(name))
                {
                    // Definitions compare by identity (DefinitionComparer).
                    var owner = invocation.TargetMethod.ContainingType?.OriginalDefinition;
                    if (owner is not null && (ReferenceEquals(owner, _apis.ResilienceHttpClientBuilderExtensions) || ReferenceEquals(owner, _apis.PollyHttpClientBuilderExtensions)))
                    {
                        RecordHandler(invocation);
                        return;
                    }
                }

                if (name.StartsWith("Execute", StringComparison.Ordinal)
                    && invocation.Instance is { } pipeline
                    && (TypeLookup.DerivesFrom(pipeline.Type, _apis.ResiliencePipeline)
                        || TypeLookup.DerivesFrom(pipeline.Type, _apis.ResiliencePipelineOfT)
                        || (pipeline.Type is { } policyType && _apis.IsPollyExecutable is { } isPolicy && policyType.AllInterfaces.Contains(isPolicy, SymbolEqualityComparer.Default))))
                {
                    AnalyzeExecute(context, invocation, pipeline);
                }
            }

            /// <summary><c>new HttpClientPipelineTransport(http)</c> for an SDK client: which factory client, and the SDK's own retries.</summary>
            public void AnalyzeTransport(OperationAnalysisContext context)
            {
                var creation = (IObjectCreationOperation)context.Operation;
                if (_apis.HttpClientPipelineTransport is null
                    || !ReferenceEquals(creation.Type?.OriginalDefinition, _apis.HttpClientPipelineTransport)
                    || creation.Arguments.Length == 0
                    || ClientKeyOfHttpClient(creation.Arguments[0].Value) is not { } key)
                {
                    return;
                }

                // The transport is assigned to ClientPipelineOptions.Transport; the same options may set RetryPolicy.
                var current = creation.Parent;
                while (current is IConversionOperation)
                {
                    current = current.Parent;
                }

                if (current is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: { } options } })
                {
                    return;
                }

                var retries = options is IInstanceReferenceOperation && current.Parent is IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation optionsCreation }
                    ? RetriesOfOptions(optionsCreation)
                    : RetriesOfOptions(options);
                if (retries is > 0)
                {
                    _sdkRetries.AddOrUpdate(key, retries.Value, (_, existing) => System.Math.Max(existing, retries.Value));
                }
            }

            public void Report(CompilationAnalysisContext context)
            {
                foreach (var pair in _handlers)
                {
                    var handlers = pair.Value.OrderBy(h => h.Location.SourceTree?.FilePath, System.StringComparer.Ordinal).ThenBy(h => h.Location.SourceSpan.Start).ToList();
                    var client = Describe(pair.Key);
                    var hasSdk = _sdkRetries.TryGetValue(pair.Key, out var sdk);
                    var calls = handlers.Aggregate(1L, (product, h) => Multiply(product, h.Retries));
                    if (hasSdk)
                    {
                        calls = Multiply(calls, sdk);
                    }

                    for (var i = 0; i < handlers.Count; i++)
                    {
                        string? what = null;
                        if (i > 0)
                        {
                            what = "'" + handlers[i].Name + "' adds a second retrying handler to " + client + " after '" + handlers[0].Name + "'";
                        }
                        else if (hasSdk)
                        {
                            what = "'" + handlers[i].Name + "' retries " + client + ", which an OpenAI/Azure client uses through HttpClientPipelineTransport while keeping its ClientRetryPolicy (" + sdk + " retries)";
                        }

                        if (what is not null)
                        {
                            context.ReportDiagnostic(Diagnostic.Create(Descriptors.StackedRetries, handlers[i].Location, what, Calls(calls)));
                        }
                    }
                }
            }

            private void RecordHandler(IInvocationOperation invocation)
            {
                var method = invocation.TargetMethod;
                int? retries = method.Name switch
                {
                    "AddStandardResilienceHandler" => StandardHandlerRetries(invocation),
                    "AddResilienceHandler" => PipelineRetriesInCallback(invocation),
                    "AddPolicyHandler" or "AddTransientHttpErrorPolicy" => PolicyRetries(invocation),
                    _ => null,
                };
                if (retries is not { } count || count == 0 || ClientKeyOfBuilder(invocation.Receiver()) is not { } key)
                {
                    return;
                }

                var location = invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member }
                    ? member.Name.GetLocation()
                    : invocation.Syntax.GetLocation();
                _handlers.GetOrAdd(key, _ => new ConcurrentQueue<Handler>()).Enqueue(new Handler(method.Name, count, location));
            }

            private void AnalyzeExecute(OperationAnalysisContext context, IInvocationOperation execute, IOperation pipeline)
            {
                var retries = RetriesOfPipeline(pipeline);
                if (retries is not { } outer || outer == 0)
                {
                    return;
                }

                foreach (var argument in execute.Arguments)
                {
                    if (RetryApis.Unwrap(argument.Value) is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda })
                    {
                        continue;
                    }

                    foreach (var operation in lambda.Body.Descendants())
                    {
                        if (operation is IInvocationOperation { Instance: { Type: { } clientType } client } call
                            && _apis.IsSdkClient(clientType)
                            && SdkRetriesOfClient(client) is { } inner and > 0)
                        {
                            var what = "'" + execute.TargetMethod.Name + "' runs a retry (" + Retries(outer) + ") around '" + call.TargetMethod.Name + "', which retries by itself (ClientRetryPolicy, " + inner + " retries)";
                            context.ReportDiagnostic(Diagnostic.Create(Descriptors.StackedRetries, call.Syntax.GetLocation(), what, Calls(Multiply(Multiply(1, outer), inner))));
                            return;
                        }
                    }
                }
            }

            // --- How many retries each layer makes ------------------------------------------------

            private static int StandardHandlerRetries(IInvocationOperation invocation)
            {
                foreach (var operation in invocation.Descendants())
                {
                    if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "MaxRetryAttempts" } } assignment
                        && assignment.Value.ConstantValue is { HasValue: true, Value: int count })
                    {
                        return count;
                    }
                }

                return PipelineDefaultRetries;
            }

            private int? PipelineRetriesInCallback(IInvocationOperation invocation)
            {
                foreach (var operation in invocation.Descendants())
                {
                    if (operation is IInvocationOperation addRetry
                        && SymbolEqualityComparer.Default.Equals(addRetry.TargetMethod.ContainingType?.OriginalDefinition, _apis.RetryPipelineBuilderExtensions))
                    {
                        return RetriesOfAddRetry(addRetry);
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
                value = Follow(RetryApis.Unwrap(value));
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
                            if (argument.Parameter?.Name == "retryCount")
                            {
                                return argument.Value.ConstantValue is { HasValue: true, Value: int count } ? count : PipelineDefaultRetries;
                            }
                        }

                        return call.TargetMethod.Name.StartsWith("Retry", System.StringComparison.Ordinal) ? 1 : (int?)null;
                    default:
                        return null;
                }
            }

            private int? RetriesOfPipeline(IOperation pipeline)
            {
                var value = Follow(RetryApis.Unwrap(pipeline));
                if (RetriesOfV7(value) is { } v7)
                {
                    return v7;
                }

                // new ResiliencePipelineBuilder().AddRetry(options)...Build()
                for (var current = value as IInvocationOperation; current is not null; current = RetryApis.Unwrap(current.Receiver()) as IInvocationOperation)
                {
                    if (SymbolEqualityComparer.Default.Equals(current.TargetMethod.ContainingType?.OriginalDefinition, _apis.RetryPipelineBuilderExtensions))
                    {
                        return RetriesOfAddRetry(current);
                    }
                }

                return null;
            }

            private static int RetriesOfAddRetry(IInvocationOperation addRetry)
            {
                foreach (var operation in addRetry.Descendants())
                {
                    if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "MaxRetryAttempts" } } assignment
                        && assignment.Value.ConstantValue is { HasValue: true, Value: int count })
                    {
                        return count;
                    }
                }

                return PipelineDefaultRetries;
            }

            /// <summary>The SDK's own retries for a client expression; null when its options replace the retry policy with something unknown.</summary>
            private int? SdkRetriesOfClient(IOperation client)
            {
                var value = Follow(RetryApis.Unwrap(client));
                switch (value)
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

            /// <summary>Retries configured on SDK options: <c>RetryPolicy = new ClientRetryPolicy(n)</c>, or the default.</summary>
            private int? RetriesOfOptions(IOperation options)
            {
                var unwrapped = RetryApis.Unwrap(options);
                if (unwrapped is null || unwrapped.ConstantValue is { HasValue: true, Value: null })
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
                    if (assignment.Target is IPropertyReferenceOperation { Property.Name: "RetryPolicy" } property
                        && TypeLookup.DerivesFrom(property.Property.ContainingType, _apis.ClientPipelineOptions))
                    {
                        retries = RetryApis.Unwrap(assignment.Value) is IObjectCreationOperation policy
                            && SymbolEqualityComparer.Default.Equals(policy.Type, _apis.ClientRetryPolicy)
                            ? (policy.Arguments.FirstOrDefault()?.Value.ConstantValue is { HasValue: true, Value: int count } ? count : SdkDefaultRetries)
                            : null;
                    }
                }

                return retries;
            }

            // --- Which HttpClient a builder or a client belongs to ------------------------------------

            /// <summary>"name:X" for <c>AddHttpClient("X")</c>, "type:T" for <c>AddHttpClient&lt;T&gt;()</c>.</summary>
            private string? ClientKeyOfBuilder(IOperation? builder)
            {
                for (var current = Follow(RetryApis.Unwrap(builder)); current is IInvocationOperation invocation; current = Follow(RetryApis.Unwrap(invocation.Receiver())))
                {
                    if (!SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType?.OriginalDefinition, _apis.HttpClientFactoryExtensions)
                        || invocation.TargetMethod.Name != "AddHttpClient")
                    {
                        continue;
                    }

                    foreach (var argument in invocation.Arguments)
                    {
                        if (argument.Parameter?.Name == "name" && argument.Value.ConstantValue is { HasValue: true, Value: string name })
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
            private string? ClientKeyOfHttpClient(IOperation value)
            {
                var unwrapped = Follow(RetryApis.Unwrap(value));
                switch (unwrapped)
                {
                    case IInvocationOperation { TargetMethod.Name: "CreateClient" } create
                        when TypeLookup.DerivesFrom(create.TargetMethod.ContainingType, _apis.HttpClientFactory):
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

            /// <summary>One hop from a local to its initialiser.</summary>
            private static IOperation? Follow(IOperation? operation)
            {
                if (operation is ILocalReferenceOperation { Local: { } local } reference)
                {
                    foreach (var candidate in reference.EnclosingBody().Descendants())
                    {
                        if (candidate is IVariableDeclaratorOperation declarator
                            && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local)
                            && declarator.Initializer is { } initializer)
                        {
                            return RetryApis.Unwrap(initializer.Value);
                        }
                    }
                }

                return operation;
            }

            private static string Describe(string key)
            {
                return key.StartsWith("name:", System.StringComparison.Ordinal)
                    ? "HttpClient '" + key.Substring(5) + "'"
                    : "the typed HttpClient of '" + key.Substring(5) + "'";
            }

            private static long Multiply(long calls, int retries)
            {
                if (calls == long.MaxValue || retries == Unbounded)
                {
                    return long.MaxValue;
                }

                return calls * (retries + 1L);
            }

            private static string Calls(long calls) => calls == long.MaxValue ? "unboundedly many" : calls.ToString(CultureInfo.InvariantCulture);

            private static string Retries(int retries) => retries == Unbounded ? "forever" : retries.ToString(CultureInfo.InvariantCulture) + " retries";
        }
    }
}
