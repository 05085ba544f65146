using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CometGuard.Analyzers.Rules
{
    /// <summary>
    /// CG0004: gateway retries that do not back off with jitter: Polly v7 <c>Retry(n)</c> (no
    /// wait), <c>WaitAndRetry</c> with a constant sleep, Polly v8 options left at
    /// <c>BackoffType.Constant</c> without <c>UseJitter = true</c>, or <c>Delay = TimeSpan.Zero</c>.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class RetryWithoutJitterAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: <see cref="KindImmediate"/>, <see cref="KindConstantSleep"/> or <see cref="KindOptions"/>.</summary>
        public const string KindProperty = "Kind";

        /// <summary>A Polly v7 <c>Retry</c>/<c>RetryAsync</c> name.</summary>
        public const string KindImmediate = "Immediate";

        /// <summary>A Polly v7 sleep-duration lambda that ignores the attempt.</summary>
        public const string KindConstantSleep = "ConstantSleep";

        /// <summary>
        /// Polly v8 options. The first additional location, when present, is the options' object
        /// creation; otherwise the reported assignment is one of a group of statements on the same
        /// receiver (a configure callback).
        /// </summary>
        public const string KindOptions = "Options";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.RetryWithoutJitter);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCode.Skip);
            context.RegisterCompilationStartAction(start =>
            {
                var apis = RetryApis.Create(start.Compilation);
                if (!apis.HasRetryLibrary)
                {
                    return;
                }

                var analysis = new CompilationAnalysis(apis);
                start.RegisterOperationAction(analysis.AnalyzeInvocation, OperationKind.Invocation);
                if (apis.RetryStrategyOptionsOfT is not null)
                {
                    start.RegisterOperationAction(analysis.AnalyzeCreation, OperationKind.ObjectCreation);
                    start.RegisterOperationAction(analysis.AnalyzeAssignment, OperationKind.SimpleAssignment);
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
                if (kind is not (RetryMethodKind.Immediate or RetryMethodKind.Wait or RetryMethodKind.WaitForever))
                {
                    return;
                }

                if (!_apis.IsInScope(invocation, _apis.HandledByChain(invocation.Receiver()), context.CancellationToken))
                {
                    return;
                }

                if (kind == RetryMethodKind.Immediate)
                {
                    var location = invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member }
                        ? member.Name.GetLocation()
                        : invocation.Syntax.GetLocation();
                    Report(context, location, KindImmediate, "'" + invocation.TargetMethod.Name + "' retries immediately, with no delay");
                    return;
                }

                foreach (var argument in invocation.Arguments)
                {
                    if (RetryApis.Unwrap(argument.Value) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }
                        && ReturnsTimeSpan(lambda.Symbol)
                        && IsConstant(lambda))
                    {
                        Report(context, lambda.Syntax.GetLocation(), KindConstantSleep, "'" + invocation.TargetMethod.Name + "' sleeps the same time before every attempt");
                    }
                }
            }

            public void AnalyzeCreation(OperationAnalysisContext context)
            {
                var creation = (IObjectCreationOperation)context.Operation;
                if (!_apis.IsRetryStrategyOptions(creation.Type, out var outcome))
                {
                    return;
                }

                var state = new RetryOptionsState(_apis, _apis.IsHttpRetryStrategyOptions(creation.Type));
                if (creation.Initializer is { } initializer)
                {
                    foreach (var member in initializer.Initializers)
                    {
                        if (member is ISimpleAssignmentOperation assignment)
                        {
                            state.Apply(assignment);
                        }
                    }
                }

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

                if (!state.LacksBackoffOrJitter || !_apis.IsInScope(creation, state.Handled(outcome), context.CancellationToken))
                {
                    return;
                }

                var offending = state.ZeroDelay ?? state.ExplicitNoJitter;
                // A diagnostic stays inside the analysed creation (a later statement on its local
                // would make it non-local, which fixes and incremental analysis cannot use).
                var location = offending is not null && creation.Syntax.Span.Contains(offending.Syntax.Span)
                    ? offending.Syntax.GetLocation()
                    : CreationLocation(creation);
                Report(context, location, KindOptions, Describe(creation.Type!.Name, state), creation.Syntax.GetLocation());
            }

            /// <summary>Statements on a receiver that is not a tracked creation, as in <c>options.Retry.UseJitter = false;</c>.</summary>
            public void AnalyzeAssignment(OperationAnalysisContext context)
            {
                var assignment = (ISimpleAssignmentOperation)context.Operation;

                // The property name first: a string comparison turns away ordinary assignments before the base-type walk.
                if (assignment.Target is not IPropertyReferenceOperation { Instance: { } receiver, Property.Name: "BackoffType" or "UseJitter" or "Delay" or "DelayGenerator" or "ShouldHandle" }
                    || receiver is IInstanceReferenceOperation or ILocalReferenceOperation
                    || !_apis.IsRetryStrategyOptions(receiver.Type, out var outcome)
                    || assignment.Parent is not IExpressionStatementOperation)
                {
                    return;
                }

                var state = new RetryOptionsState(_apis, _apis.IsHttpRetryStrategyOptions(receiver.Type));
                if (!state.Apply(assignment))
                {
                    return;
                }

                var scope = assignment.Parent.Parent ?? assignment.Parent;
                var first = assignment;
                state = new RetryOptionsState(_apis, _apis.IsHttpRetryStrategyOptions(receiver.Type));
                foreach (var operation in scope.Descendants())
                {
                    if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: { } other } } sibling
                        && SameReceiver(receiver, other)
                        && state.Apply(sibling))
                    {
                        if (sibling.Syntax.SpanStart < first.Syntax.SpanStart)
                        {
                            first = sibling;
                        }
                    }
                }

                // Report each group once, from its first assignment, and only for an explicit choice.
                if (!ReferenceEquals(first, assignment)
                    || state.HasDelayGenerator
                    || (state.ZeroDelay is null && (state.ExplicitNoJitter is null || !state.LacksBackoffOrJitter))
                    || !_apis.IsInScope(assignment, state.Handled(outcome), context.CancellationToken))
                {
                    return;
                }

                var offending = state.ZeroDelay ?? state.ExplicitNoJitter!;
                Report(context, offending.Syntax.GetLocation(), KindOptions, Describe(receiver.Type!.Name, state));
            }

            private static string Describe(string type, RetryOptionsState state)
            {
                return state.DelayIsZero
                    ? "'" + type + "' has Delay = TimeSpan.Zero and retries immediately"
                    : "'" + type + "' retries at a constant delay without jitter";
            }

            private static void Report(OperationAnalysisContext context, Location location, string kind, string what, Location? creation = null)
            {
                var properties = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, kind);
                var additional = creation is null ? null : new[] { creation };
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.RetryWithoutJitter, location, additional, properties, what));
            }

            private bool ReturnsTimeSpan(IMethodSymbol method)
            {
                return SymbolEqualityComparer.Default.Equals(method.ReturnType, _apis.TimeSpan);
            }

            /// <summary>A sleep provider that uses none of its parameters and no randomness returns one delay for every attempt.</summary>
            private bool IsConstant(IAnonymousFunctionOperation lambda)
            {
                foreach (var operation in lambda.Body.Descendants())
                {
                    switch (operation)
                    {
                        case IParameterReferenceOperation:
                        case ILocalReferenceOperation:
                            return false;
                        case IInvocationOperation invocation when TypeLookup.DerivesFrom(invocation.TargetMethod.ContainingType, _apis.Random):
                            return false;
                        case IPropertyReferenceOperation property when TypeLookup.DerivesFrom(property.Property.ContainingType, _apis.Random):
                            return false;
                        case IInvocationOperation invocation when !SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, _apis.TimeSpan):
                            // A helper computes the delay: assume it varies.
                            return false;
                    }
                }

                return true;
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

            private static Location CreationLocation(IObjectCreationOperation creation)
            {
                return creation.Syntax switch
                {
                    ObjectCreationExpressionSyntax explicitNew => Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(explicitNew.NewKeyword.SpanStart, explicitNew.Type.Span.End) is var span
                        ? Location.Create(explicitNew.SyntaxTree, span)
                        : explicitNew.GetLocation(),
                    ImplicitObjectCreationExpressionSyntax implicitNew => implicitNew.NewKeyword.GetLocation(),
                    _ => creation.Syntax.GetLocation(),
                };
            }

            private static bool SameReceiver(IOperation left, IOperation right)
            {
                left = RetryApis.Unwrap(left)!;
                right = RetryApis.Unwrap(right)!;
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
}
