using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CometGuard.Analyzers.Rules
{
    /// <summary>
    /// CG0003: a gateway retry with no bound (Polly's <c>*Forever*</c>, <c>int.MaxValue</c>, a
    /// <c>while (true)</c> resend loop) or more retries than <c>cometguard.max_retry_attempts</c>.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UnboundedRetryAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: the retry budget the fix caps at.</summary>
        public const string BudgetProperty = "Budget";

        /// <summary>Diagnostic property: <see cref="KindCount"/>, <see cref="KindForever"/> or <see cref="KindLoop"/>.</summary>
        public const string KindProperty = "Kind";

        /// <summary>The reported expression is a retry count to replace with the budget.</summary>
        public const string KindCount = "Count";

        /// <summary>The reported name is a Polly v7 <c>*Forever*</c> method to make bounded.</summary>
        public const string KindForever = "Forever";

        /// <summary>A hand-written resend loop: no automatic fix.</summary>
        public const string KindLoop = "Loop";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.UnboundedRetry);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCode.Skip);
            context.RegisterCompilationStartAction(start =>
            {
                var apis = RetryApis.Create(start.Compilation);
                if (!apis.HasAny)
                {
                    return;
                }

                var analysis = new CompilationAnalysis(apis);
                var arguments = apis.Sinks.Has(SinkKind.RetryCount)
                    ? SinkArguments.Create(apis.Sinks, SinkKinds.Of(SinkKind.RetryCount), analysis.AnalyzeArgument)
                    : null;

                // One callback per call for both checks: every registration is a callback on every call in the project.
                if (apis.HasRetryLibrary && arguments is not null)
                {
                    start.RegisterOperationAction(
                        call =>
                        {
                            if (call.Operation is IInvocationOperation)
                            {
                                analysis.AnalyzeInvocation(call);
                            }

                            arguments(call);
                        },
                        SinkArguments.OperationKinds);
                }
                else if (apis.HasRetryLibrary)
                {
                    start.RegisterOperationAction(analysis.AnalyzeInvocation, OperationKind.Invocation);
                }
                else if (arguments is not null)
                {
                    start.RegisterOperationAction(arguments, SinkArguments.OperationKinds);
                }

                if (arguments is not null)
                {
                    start.RegisterOperationAction(analysis.AnalyzeAssignment, OperationKind.SimpleAssignment);
                }

                if (apis.HttpMessageInvoker is not null || apis.ClientPipeline is not null)
                {
                    start.RegisterOperationAction(analysis.AnalyzeLoop, OperationKind.Loop);
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

            public void AnalyzeInvocation(OperationAnalysisContext context)
            {
                var invocation = (IInvocationOperation)context.Operation;
                var kind = _apis.KindOf(invocation.TargetMethod);
                if (kind is not (RetryMethodKind.Forever or RetryMethodKind.WaitForever)
                    || !IsV7InScope(invocation, context.CancellationToken))
                {
                    return;
                }

                var location = invocation.NameLocation();
                Report(context, location, KindForever, "'" + invocation.TargetMethod.Name + "' retries forever");
            }

            public void AnalyzeArgument(OperationAnalysisContext context, IArgumentOperation argument)
            {
                // The constant first: few arguments are int constants, and it costs no lookup.
                if (argument.ArgumentKind != ArgumentKind.Explicit
                    || argument.Value.ConstantValue is not { HasValue: true, Value: int count }
                    || !_apis.Sinks.IsSink(argument, SinkKind.RetryCount))
                {
                    return;
                }

                var budget = Budget(context);
                if (count <= budget)
                {
                    return;
                }

                // ClientRetryPolicy belongs to a gateway SDK; a Polly count is in scope when its policy is.
                if (argument.Parent is IInvocationOperation invocation && !IsV7InScope(invocation, context.CancellationToken))
                {
                    return;
                }

                var owner = argument.Parent switch
                {
                    IInvocationOperation call => "'" + call.TargetMethod.Name + "'",
                    IObjectCreationOperation creation => "'" + creation.Type?.Name + "'",
                    _ => "The retry",
                };
                Report(context, argument.Value.Syntax.GetLocation(), KindCount, Describe(owner, count, budget), budget);
            }

            public void AnalyzeAssignment(OperationAnalysisContext context)
            {
                var assignment = (ISimpleAssignmentOperation)context.Operation;
                if (assignment.Value.ConstantValue is not { HasValue: true, Value: int count }
                    || assignment.Target is not IPropertyReferenceOperation { Property: { } property } target
                    || !_apis.Sinks.IsSink(property, SinkKind.RetryCount))
                {
                    return;
                }

                var budget = Budget(context);
                if (count <= budget || !IsOptionsInScope(target, context.CancellationToken))
                {
                    return;
                }

                Report(context, assignment.Value.Syntax.GetLocation(), KindCount, Describe("'" + property.Name + "'", count, budget), budget);
            }

            public void AnalyzeLoop(OperationAnalysisContext context)
            {
                var loop = (ILoopOperation)context.Operation;
                if (!IsEndless(loop) || !IsUnboundedResendLoop(loop, context.CancellationToken))
                {
                    return;
                }

                var keyword = loop.Syntax switch
                {
                    WhileStatementSyntax w => w.WhileKeyword.GetLocation(),
                    ForStatementSyntax f => f.ForKeyword.GetLocation(),
                    DoStatementSyntax d => d.DoKeyword.GetLocation(),
                    _ => loop.Syntax.GetLocation(),
                };
                Report(context, keyword, KindLoop, "This loop resends a gateway request after a failure with no attempt limit");
            }

            private static string Describe(string owner, int count, int budget)
            {
                return count == int.MaxValue
                    ? owner + " set to int.MaxValue retries forever"
                    : owner + " allows " + count + " retries, above the budget of " + budget;
            }

            private static void Report(OperationAnalysisContext context, Location location, string kind, string what, int? budget = null)
            {
                var limit = budget ?? Budget(context);
                var properties = ImmutableDictionary<string, string?>.Empty
                    .Add(KindProperty, kind)
                    .Add(BudgetProperty, limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnboundedRetry, location, properties, what, limit));
            }

            private static int Budget(OperationAnalysisContext context)
            {
                var budget = CometGuardOptions.GetInt32(context.Options, context.Operation.Syntax.SyntaxTree, CometGuardOptions.MaxRetryAttempts, CometGuardOptions.DefaultMaxRetryAttempts);
                return budget < 0 ? CometGuardOptions.DefaultMaxRetryAttempts : budget;
            }

            private bool IsV7InScope(IInvocationOperation invocation, CancellationToken cancellationToken)
            {
                return _apis.KindOf(invocation.TargetMethod) == RetryMethodKind.None
                    || _apis.IsInScope(invocation, _apis.HandledByChain(invocation.Receiver()), cancellationToken);
            }

            private bool IsOptionsInScope(IPropertyReferenceOperation target, CancellationToken cancellationToken)
            {
                var options = target.Instance?.Type;
                if (!_apis.IsRetryStrategyOptions(options, out var outcome))
                {
                    // ClientRetryPolicy and any other catalogued property belong to a gateway SDK.
                    return true;
                }

                // In an object initialiser, the options' own ShouldHandle says what is retried
                // (a non-generic RetryStrategyOptions handling HttpRequestException is an HTTP retry).
                var handled = new List<ITypeSymbol?> { outcome };
                if (target.Parent is ISimpleAssignmentOperation { Parent: IObjectOrCollectionInitializerOperation initializer })
                {
                    var state = new RetryOptionsState(_apis, _apis.IsHttpRetryStrategyOptions(options));
                    foreach (var member in initializer.Initializers)
                    {
                        if (member is ISimpleAssignmentOperation assignment)
                        {
                            state.Apply(assignment);
                        }
                    }

                    handled = state.Handled(outcome);
                }

                return _apis.IsInScope(target, handled, cancellationToken);
            }

            private static bool IsEndless(ILoopOperation loop)
            {
                return loop switch
                {
                    IWhileLoopOperation w => w.Condition?.ConstantValue is { HasValue: true, Value: true },
                    IForLoopOperation f => f.Condition is null || f.Condition.ConstantValue is { HasValue: true, Value: true },
                    _ => false,
                };
            }

            /// <summary>
            /// A resend loop calls a gateway and goes round again only after a failure: it leaves on
            /// success (a <c>return</c>/<c>break</c> in the <c>try</c> whose <c>catch</c> swallows the
            /// error, or under a status check) or it loops back under a status check and otherwise
            /// leaves. It is bounded when a counter it changes is compared, or it consults a clock or a
            /// cancellation token. A loop that reads input and calls the gateway each round is not one.
            /// </summary>
            private bool IsUnboundedResendLoop(ILoopOperation loop, CancellationToken cancellationToken)
            {
                var callsGateway = false;
                var retriesOnFailure = false;
                var changed = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
                var compared = new List<IOperation>();
                foreach (var operation in loop.Body.DescendantsAndSelf())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    switch (operation)
                    {
                        case IInvocationOperation invocation:
                            callsGateway |= _apis.IsGatewayCall(invocation);
                            if (IsClockOrCancellation(invocation.TargetMethod))
                            {
                                return false;
                            }

                            break;
                        case IPropertyReferenceOperation property:
                            if (IsClockOrCancellation(property.Property))
                            {
                                return false;
                            }

                            break;
                        case ITryOperation tryOperation:
                            retriesOnFailure |= _apis.ContainsGatewayCall(tryOperation.Body, cancellationToken)
                                && Leaves(loop, tryOperation.Body)
                                && tryOperation.Catches.Any(c => !EndsByLeaving(loop, c.Handler));
                            foreach (var catchClause in tryOperation.Catches)
                            {
                                if (catchClause.Filter is not null)
                                {
                                    compared.Add(catchClause.Filter);
                                }
                            }

                            break;
                        case IConditionalOperation conditional when conditional.Condition.DescendantsAndSelf().OfType<IPropertyReferenceOperation>().Any(IsStatusCheck):
                            retriesOnFailure |= Leaves(loop, conditional.WhenTrue)
                                || (conditional.WhenFalse is { } otherwise && Leaves(loop, otherwise))
                                || (Continues(loop, conditional) && EndsByLeaving(loop, loop.Body));
                            break;
                        case IIncrementOrDecrementOperation increment:
                            AddSymbol(changed, increment.Target);
                            break;
                        case ICompoundAssignmentOperation compound:
                            AddSymbol(changed, compound.Target);
                            break;
                        case IBinaryOperation binary when IsComparison(binary.OperatorKind):
                            compared.Add(binary);
                            break;
                    }
                }

                if (!callsGateway || !retriesOnFailure)
                {
                    return false;
                }

                // for (var attempt = 1; ; attempt++): the counter moves in the loop header.
                if (loop is IForLoopOperation forLoop)
                {
                    foreach (var step in forLoop.AtLoopBottom)
                    {
                        foreach (var operation in step.DescendantsAndSelf())
                        {
                            if (operation is IIncrementOrDecrementOperation increment)
                            {
                                AddSymbol(changed, increment.Target);
                            }
                            else if (operation is ICompoundAssignmentOperation compound)
                            {
                                AddSymbol(changed, compound.Target);
                            }
                        }
                    }
                }

                foreach (var comparison in compared)
                {
                    foreach (var operand in comparison.DescendantsAndSelf())
                    {
                        if (SymbolOf(operand) is { } symbol && changed.Contains(symbol))
                        {
                            return false;
                        }
                    }
                }

                return true;
            }

            /// <summary>
            /// True when <paramref name="operation"/> holds a statement that leaves <paramref name="loop"/>. Not
            /// <c>yield return</c> (the iterator goes on), not a <c>break</c> of a nested loop or switch, nothing in
            /// a lambda or local function.
            /// </summary>
            private static bool Leaves(ILoopOperation loop, IOperation operation)
            {
                if (IsExit(loop, operation))
                {
                    return true;
                }

                if (operation is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return false;
                }

                foreach (var child in operation.ChildOperations)
                {
                    if (Leaves(loop, child))
                    {
                        return true;
                    }
                }

                return false;
            }

            private static bool IsExit(ILoopOperation loop, IOperation operation)
            {
                return operation is IReturnOperation { Kind: OperationKind.Return or OperationKind.YieldBreak }
                    || (operation is IBranchOperation { BranchKind: BranchKind.Break } branch && SymbolEqualityComparer.Default.Equals(branch.Target, loop.ExitLabel));
            }

            private static bool Continues(ILoopOperation loop, IConditionalOperation conditional)
            {
                return conditional.WhenTrue.DescendantsAndSelf().Any(o => o is IBranchOperation { BranchKind: BranchKind.Continue } branch
                    && SymbolEqualityComparer.Default.Equals(branch.Target, loop.ContinueLabel));
            }

            /// <summary>True when the last statement of <paramref name="body"/> leaves <paramref name="loop"/>.</summary>
            private static bool EndsByLeaving(ILoopOperation loop, IOperation body)
            {
                var last = body is IBlockOperation { Operations.Length: > 0 } block ? block.Operations[block.Operations.Length - 1] : body;
                return IsExit(loop, last) || last is IThrowOperation or IExpressionStatementOperation { Operation: IThrowOperation };
            }

            private bool IsStatusCheck(IPropertyReferenceOperation property)
            {
                var owner = property.Property.ContainingType;
                return (TypeLookup.DerivesFrom(owner, _apis.HttpResponseMessage) && property.Property.Name is "IsSuccessStatusCode" or "StatusCode")
                    || (TypeLookup.DerivesFrom(owner, _apis.ClientResultException) && property.Property.Name == "Status");
            }

            private bool IsClockOrCancellation(ISymbol member)
            {
                var owner = member.ContainingType;
                if (SymbolEqualityComparer.Default.Equals(owner, _apis.CancellationToken))
                {
                    return member.Name is "IsCancellationRequested" or "ThrowIfCancellationRequested";
                }

                return SymbolEqualityComparer.Default.Equals(owner, _apis.DateTime)
                    || SymbolEqualityComparer.Default.Equals(owner, _apis.DateTimeOffset)
                    || SymbolEqualityComparer.Default.Equals(owner, _apis.Stopwatch)
                    || TypeLookup.DerivesFrom(owner, _apis.TimeProvider);
            }

            private static bool IsComparison(BinaryOperatorKind kind)
            {
                return kind is BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual
                    or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual
                    or BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals;
            }

            private static void AddSymbol(HashSet<ISymbol> symbols, IOperation target)
            {
                if (SymbolOf(target) is { } symbol)
                {
                    symbols.Add(symbol);
                }
            }

            private static ISymbol? SymbolOf(IOperation operation)
            {
                return operation switch
                {
                    ILocalReferenceOperation local => local.Local,
                    IFieldReferenceOperation field => field.Field,
                    IParameterReferenceOperation parameter => parameter.Parameter,
                    IPropertyReferenceOperation property => property.Property,
                    _ => null,
                };
            }

        }
    }
}
