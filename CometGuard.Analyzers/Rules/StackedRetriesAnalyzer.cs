using System.Collections.Concurrent;
using System.Linq;

namespace CometGuard.Analyzers.Rules
{
    /// <summary>
    /// CG0011: retries at several layers. A retrying handler on the named or typed <c>HttpClient</c>
    /// an OpenAI / Azure OpenAI client is built on (through <c>HttpClientPipelineTransport</c>) while
    /// that client keeps its <c>ClientRetryPolicy</c>; two retrying handlers on one client; a retry
    /// pipeline or policy executed around an SDK call that retries by itself.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class StackedRetriesAnalyzer : RetryAnalyzer
    {
        public StackedRetriesAnalyzer()
            : base(Descriptors.StackedRetries)
        {
        }

        private protected override bool AppliesTo(RetryApis apis) => apis.HasRetryLibrary && apis.ClientPipeline is not null;

        private protected override void Register(CompilationStartAnalysisContext start, RetryApis apis)
        {
            var analysis = new CompilationAnalysis(apis);
            start.RegisterOperationAction(analysis.AnalyzeInvocation, OperationKind.Invocation);
            start.RegisterOperationAction(analysis.AnalyzeTransport, OperationKind.ObjectCreation);
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

        private sealed class CompilationAnalysis
        {
            private readonly RetryApis _apis;
            private readonly RetryLayers _layers;
            private readonly ConcurrentDictionary<string, ConcurrentQueue<Handler>> _handlers = new();
            private readonly ConcurrentDictionary<string, int> _sdkRetries = new();

            public CompilationAnalysis(RetryApis apis)
            {
                _apis = apis;
                _layers = new RetryLayers(apis);
            }

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
