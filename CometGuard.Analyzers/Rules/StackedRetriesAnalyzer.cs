using System.Collections.Concurrent;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CometGuard.Analyzers.Rules
{
    /// <summary>
    /// CG0011: retries at several layers. A retrying handler on the named or typed <c>HttpClient</c>
    /// an OpenAI / Azure OpenAI client is built on (through <c>HttpClientPipelineTransport</c>) while
    /// that client keeps its <c>ClientRetryPolicy</c>; two retrying handlers on one client; a retry
    /// pipeline or policy executed around an SDK call that retries by itself; a hand-written resend loop around an SDK
    /// call that retries by itself, or around an <c>HttpClient</c> whose factory registration has a retrying handler.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class StackedRetriesAnalyzer : RetryAnalyzer
    {
        public StackedRetriesAnalyzer()
            : base(Descriptors.StackedRetries)
        {
        }

        private protected override bool AppliesTo(RetryApis apis) => apis.HasRetryLibrary || apis.ClientPipeline is not null;

        private protected override void Register(CompilationStartAnalysisContext start, RetryApis apis)
        {
            var analysis = new CompilationAnalysis(apis);
            if (apis.HasRetryLibrary)
            {
                start.RegisterOperationAction(analysis.AnalyzeInvocation, OperationKind.Invocation);
            }

            if (apis.ClientPipeline is not null)
            {
                // One callback per `new` for both checks: every registration is a callback on every creation in the project.
                start.RegisterOperationAction(
                    apis.Known[KnownType.OrderedFailoverChatClient] is null
                        ? analysis.AnalyzeTransport
                        : context =>
                        {
                            analysis.AnalyzeTransport(context);
                            analysis.AnalyzeFailover(context);
                        },
                    OperationKind.ObjectCreation);
            }

            start.RegisterOperationAction(analysis.AnalyzeLoop, OperationKind.Loop);
            start.RegisterCompilationEndAction(analysis.Report);
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

        /// <summary>A gateway call a resend loop makes on a factory <c>HttpClient</c>: reported at the end if the client's registration retries.</summary>
        private sealed class LoopCall
        {
            public LoopCall(string method, bool loopIsBounded, Location location)
            {
                Method = method;
                LoopIsBounded = loopIsBounded;
                Location = location;
            }

            public string Method { get; }

            public bool LoopIsBounded { get; }

            public Location Location { get; }
        }

        private sealed class CompilationAnalysis
        {
            private readonly RetryApis _apis;
            private readonly RetryLayers _layers;
            private readonly ResendLoops _loops;
            private readonly FailoverClients _failovers;
            private readonly ConcurrentDictionary<string, ConcurrentQueue<Handler>> _handlers = new();
            private readonly ConcurrentDictionary<string, int> _sdkRetries = new();
            private readonly ConcurrentDictionary<string, ConcurrentQueue<LoopCall>> _loopCalls = new();

            // Two handlers on one client are judged where an SDK is referenced, as before resend loops were.
            private readonly bool _reportsHandlerStacks;

            public CompilationAnalysis(RetryApis apis)
            {
                _apis = apis;
                _layers = new RetryLayers(apis);
                _loops = new ResendLoops(apis);
                _failovers = new FailoverClients(apis);
                _reportsHandlerStacks = apis.ClientPipeline is not null;
            }

            /// <summary>
            /// A resend loop (bounded or not) around a call that retries by itself: an SDK client keeping its
            /// <c>ClientRetryPolicy</c> (reported here), or a factory <c>HttpClient</c> (reported at the end when its
            /// registration has a retrying handler).
            /// </summary>
            public void AnalyzeLoop(OperationAnalysisContext context)
            {
                var loop = (ILoopOperation)context.Operation;
                if (_loops.Analyze(loop, context.CancellationToken) is not { } resend)
                {
                    return;
                }

                foreach (var call in resend.GatewayCalls)
                {
                    if (call.Receiver() is not { } client)
                    {
                        continue;
                    }

                    if (_layers.SdkRetriesBehind(client) is { } inner and > 0)
                    {
                        var what = "This loop resends '" + call.TargetMethod.Name + "', which retries by itself (ClientRetryPolicy, " + inner + " retries)";
                        context.ReportDiagnostic(Diagnostic.Create(Descriptors.StackedRetries, call.Syntax.GetLocation(), what, LoopCalls(resend.IsBounded, inner)));
                        return;
                    }

                    if (TypeLookup.DerivesFrom(client.Type, _apis.HttpMessageInvoker) && _layers.ClientKeyOfHttpClient(client) is { } key)
                    {
                        _loopCalls.GetOrAdd(key, _ => new ConcurrentQueue<LoopCall>()).Enqueue(new LoopCall(call.TargetMethod.Name, resend.IsBounded, call.Syntax.GetLocation()));
                        return;
                    }
                }
            }

            private static string LoopCalls(bool bounded, int inner)
                => bounded ? "the loop's attempts times " + (inner + 1L).ToString(System.Globalization.CultureInfo.InvariantCulture) : RetryLayers.Calls(long.MaxValue);

            public void AnalyzeInvocation(OperationAnalysisContext context)
            {
                var invocation = (IInvocationOperation)context.Operation;
                if (_layers.IsHandlerExtension(invocation.TargetMethod))
                {
                    RecordHandler(invocation);
                }
                else if (_layers.IsExecute(invocation, out var pipeline))
                {
                    AnalyzeExecute(context, invocation, pipeline);
                }
            }

            /// <summary><c>new OrderedFailoverChatClient([...])</c> over SDK clients that each keep their <c>ClientRetryPolicy</c>.</summary>
            public void AnalyzeFailover(OperationAnalysisContext context)
            {
                if (_failovers.Chain((IObjectCreationOperation)context.Operation, _layers) is not { } chain)
                {
                    return;
                }

                var creation = (IObjectCreationOperation)context.Operation;
                var location = creation.Syntax is ObjectCreationExpressionSyntax { Type: { } type } ? type.GetLocation() : creation.Syntax.GetLocation();
                var what = "This OrderedFailoverChatClient fails over across " + chain.Clients + " clients, " + chain.Retrying
                    + " of which retry by themselves (ClientRetryPolicy, up to " + chain.Retries + " retries each)";
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.StackedRetries, location, what, RetryLayers.Calls(chain.Calls)));
            }

            /// <summary><c>new HttpClientPipelineTransport(http)</c> for an SDK client: which factory client, and the SDK's own retries.</summary>
            public void AnalyzeTransport(OperationAnalysisContext context)
            {
                var creation = (IObjectCreationOperation)context.Operation;
                if (_apis.HttpClientPipelineTransport is null
                    || !ReferenceEquals(creation.Type?.OriginalDefinition, _apis.HttpClientPipelineTransport)
                    || creation.Arguments.Length == 0
                    || _layers.ClientKeyOfHttpClient(creation.Arguments[0].Value) is not { } key)
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
                    ? _layers.RetriesOfOptions(optionsCreation)
                    : _layers.RetriesOfOptions(options);
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
                    var client = RetryLayers.DescribeClient(pair.Key);
                    var hasSdk = _sdkRetries.TryGetValue(pair.Key, out var sdk);
                    var calls = handlers.Aggregate(1L, (product, h) => RetryLayers.Multiply(product, h.Retries));
                    if (hasSdk)
                    {
                        calls = RetryLayers.Multiply(calls, sdk);
                    }

                    if (_loopCalls.TryGetValue(pair.Key, out var loopCalls))
                    {
                        var handlerCalls = handlers.Aggregate(1L, (product, h) => RetryLayers.Multiply(product, h.Retries));
                        foreach (var call in loopCalls)
                        {
                            var what = "This loop resends '" + call.Method + "' on " + client + ", whose '" + handlers[0].Name + "' retries by itself (" + RetryLayers.Retries(handlers[0].Retries) + ")";
                            var total = call.LoopIsBounded
                                ? "the loop's attempts times " + RetryLayers.Calls(handlerCalls)
                                : RetryLayers.Calls(long.MaxValue);
                            context.ReportDiagnostic(Diagnostic.Create(Descriptors.StackedRetries, call.Location, what, total));
                        }
                    }

                    for (var i = 0; i < handlers.Count; i++)
                    {
                        string? what = null;
                        if (i > 0 && !_reportsHandlerStacks)
                        {
                            continue;
                        }

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
                            context.ReportDiagnostic(Diagnostic.Create(Descriptors.StackedRetries, handlers[i].Location, what, RetryLayers.Calls(calls)));
                        }
                    }
                }
            }

            private void RecordHandler(IInvocationOperation invocation)
            {
                if (_layers.HandlerRetries(invocation) is not { } count || count == 0 || _layers.ClientKeyOfBuilder(invocation.Receiver()) is not { } key)
                {
                    return;
                }

                _handlers.GetOrAdd(key, _ => new ConcurrentQueue<Handler>()).Enqueue(new Handler(invocation.TargetMethod.Name, count, invocation.NameLocation()));
            }

            private void AnalyzeExecute(OperationAnalysisContext context, IInvocationOperation execute, IOperation pipeline)
            {
                if (_layers.PipelineRetries(pipeline) is not { } outer || outer == 0)
                {
                    return;
                }

                foreach (var argument in execute.Arguments)
                {
                    if (argument.Value.UnwrapAwait() is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda })
                    {
                        continue;
                    }

                    foreach (var operation in lambda.Body.Descendants())
                    {
                        if (operation is IInvocationOperation { Instance: { Type: { } clientType } client } call
                            && _apis.IsSdkClient(clientType)
                            && _layers.SdkRetriesOfClient(client) is { } inner and > 0)
                        {
                            var what = "'" + execute.TargetMethod.Name + "' runs a retry (" + RetryLayers.Retries(outer) + ") around '" + call.TargetMethod.Name + "', which retries by itself (ClientRetryPolicy, " + inner + " retries)";
                            context.ReportDiagnostic(Diagnostic.Create(Descriptors.StackedRetries, call.Syntax.GetLocation(), what, RetryLayers.Calls(RetryLayers.Multiply(RetryLayers.Multiply(1, outer), inner))));
                            return;
                        }
                    }
                }
            }
        }
    }
}
