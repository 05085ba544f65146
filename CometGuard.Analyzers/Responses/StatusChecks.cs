using System;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CometGuard.Analyzers.Responses
{
    /// <summary>
    /// Status checks on gateway responses (CG0007): from a body read back to its response, the parse that reads body
    /// text as the success shape, the gateway evidence of a method, and whether an <c>EnsureSuccessStatusCode()</c> or
    /// a status comparison stands on every path before the read.
    /// </summary>
    internal sealed class StatusChecks
    {
        private readonly ResponseShapes _shapes;

        // A method body's gateway evidence, looked for once however many reads it holds.
        private readonly PerBody<bool> _evidence;

        // Whether a method body checks any response's status anywhere (the guards all look for one).
        private readonly PerBody<bool> _statusChecks;

        private readonly StatusHelpers _helpers;

        public StatusChecks(ResponseShapes shapes)
        {
            _shapes = shapes;
            _helpers = new StatusHelpers(shapes.Known);
            _evidence = new PerBody<bool>(FindGatewayEvidence);
            _statusChecks = new PerBody<bool>(FindStatusCheck);
        }

        private ResolvedSinks Sinks => _shapes.Sinks;

        /// <summary>
        /// From an <c>HttpContent</c> back to its <c>HttpResponseMessage</c> (<c>response.Content</c>, a local
        /// holding it). <paramref name="alreadyChecked"/> is set for <c>x.EnsureSuccessStatusCode().Content</c>.
        /// </summary>
        public bool TryFindResponse(IOperation? content, out IOperation response, out bool alreadyChecked)
            => TryFindResponse(Sinks, content, out response, out alreadyChecked);

        /// <inheritdoc cref="TryFindResponse(IOperation?, out IOperation, out bool)"/>
        public static bool TryFindResponse(ResolvedSinks sinks, IOperation? content, out IOperation response, out bool alreadyChecked)
        {
            response = null!;
            alreadyChecked = false;
            for (var hop = 0; content is not null && hop < 3; hop++)
            {
                content = content.Unwrap();
                switch (content)
                {
                    case IPropertyReferenceOperation { Instance: { } instance } property when sinks.IsSink(property.Property, SinkKind.HttpResponseBody):
                        response = instance;
                        alreadyChecked = IsCheckedAtSource(sinks, instance);
                        return true;
                    case ILocalReferenceOperation local:
                        content = local.Local.Initializer(local);
                        continue;
                    default:
                        return false;
                }
            }

            return false;
        }

        /// <summary><c>x.EnsureSuccessStatusCode()</c> itself, or a local initialised from it.</summary>
        private static bool IsCheckedAtSource(ResolvedSinks sinks, IOperation response)
        {
            for (var hop = 0; hop < 3; hop++)
            {
                response = response.Unwrap();
                switch (response)
                {
                    case IInvocationOperation invocation when sinks.IsSink(invocation.TargetMethod, SinkKind.HttpStatusCheck):
                        return true;
                    case ILocalReferenceOperation local when local.Local.Initializer(local) is { } initializer:
                        response = initializer;
                        continue;
                    case IAwaitOperation awaited:
                        response = awaited.Operation;
                        continue;
                    default:
                        return false;
                }
            }

            return false;
        }

        /// <summary>The parse or deserialize call that reads the text, directly or through one local.</summary>
        public IInvocationOperation? FindParse(IInvocationOperation read, IOperation root)
        {
            var value = read.Parent is IAwaitOperation awaited ? (IOperation)awaited : read;
            // Any conversion, user-defined included: `byte[]` reaches `Deserialize(ReadOnlySpan<byte> utf8Json)` through one.
            var parent = value.ParentThroughConversions();

            if (parent is IArgumentOperation argument && Sinks.IsSink(argument, SinkKind.JsonParseInput))
            {
                return argument.Parent as IInvocationOperation;
            }

            if (parent is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
            {
                return null;
            }

            foreach (var operation in root.Descendants())
            {
                if (operation is IArgumentOperation candidate
                    && UnwrapAll(candidate.Value) is ILocalReferenceOperation local
                    && SymbolEqualityComparer.Default.Equals(local.Local, declarator.Symbol)
                    && Sinks.IsSink(candidate, SinkKind.JsonParseInput))
                {
                    return candidate.Parent as IInvocationOperation;
                }
            }

            return null;
        }

        /// <summary>
        /// A raw stream read into a local (<c>var stream = await response.Content.ReadAsStreamAsync();</c>) whose every use
        /// lies behind a status check: reading the stream is harmless, and the uses decide (an error reader inside
        /// <c>if (!response.IsSuccessStatusCode)</c>, the parse after it). False when the stream is used anywhere unguarded.
        /// </summary>
        public bool IsStreamUsedOnlyAfterCheck(OperationAnalysisContext context, IInvocationOperation read, IOperation root, ImmutableArray<AccessPath> paths)
        {
            if (!_shapes.Known.IsOrDerives(UnwrapTask(read.TargetMethod.ReturnType), KnownType.Stream)
                || (read.Parent is IAwaitOperation awaited ? awaited.Parent : read.Parent) is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
            {
                return false;
            }

            var uses = 0;
            foreach (var operation in root.Descendants())
            {
                if (operation is ILocalReferenceOperation local && SymbolEqualityComparer.Default.Equals(local.Local, declarator.Symbol))
                {
                    if (!IsAfterEnsureStatement(local, paths) && !IsGuarded(context, local.Syntax, paths))
                    {
                        return false;
                    }

                    uses++;
                }
            }

            return uses > 0;
        }

        private static ITypeSymbol? UnwrapTask(ITypeSymbol type)
            => type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } task ? task.TypeArguments[0] : type;

        /// <summary>A bearer credential, a gateway path, a gateway-shaped body or result anywhere in the method.</summary>
        public bool HasGatewayEvidence(IOperation root) => _evidence.Get(root);

        public bool HasStatusCheck(IOperation root) => _statusChecks.Get(root);

        private bool FindStatusCheck(IOperation root)
        {
            foreach (var operation in root.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IInvocationOperation invocation when Sinks.IsSink(invocation.TargetMethod, SinkKind.HttpStatusCheck):
                    case IPropertyReferenceOperation property when Sinks.IsSink(property.Property, SinkKind.HttpStatusCheck):
                        return true;
                    case IInvocationOperation invocation when _helpers.CheckedArgument(invocation, default) is not null:
                        return true;
                }
            }

            return false;
        }

        private bool FindGatewayEvidence(IOperation root)
        {
            foreach (var operation in root.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IArgumentOperation argument when Sinks.IsSink(argument, SinkKind.Credential):
                        return true;
                    case ILiteralOperation { ConstantValue: { HasValue: true, Value: string literal } } when GatewayRequestBodies.IsGatewayPath(literal) || IsGatewayJson(literal):
                        return true;
                    case IAnonymousObjectCreationOperation anonymous when _shapes.IsGatewayRequestBody(anonymous.Type):
                        return true;
                    case IObjectCreationOperation creation when _shapes.IsGatewayRequestBody(creation.Type) || _shapes.IsGatewayDto(creation.Type):
                        return true;
                    case IInvocationOperation invocation when invocation.TargetMethod.TypeArguments.Length == 1 && _shapes.IsGatewayDto(invocation.TargetMethod.TypeArguments[0]):
                        return true;
                    case IInvocationOperation invocation when invocation.Arguments.Length > 0
                        && Sinks.IsSink(invocation.Arguments[0], SinkKind.ThrowingJsonLookup)
                        && ResponseShapes.Contains(SinkCatalogue.GatewaySpecificCollectionNames, invocation.Arguments[0].Value.ConstantValue.Value as string):
                        return true;
                    case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer
                        when Sinks.IsSink(indexer.Arguments[0], SinkKind.ThrowingJsonLookup)
                        && ResponseShapes.Contains(SinkCatalogue.GatewaySpecificCollectionNames, indexer.Arguments[0].Value.ConstantValue.Value as string):
                        return true;
                }
            }

            return false;
        }

        private static bool IsGatewayJson(string literal)
        {
            if (literal.IndexOf("\"model\"", StringComparison.Ordinal) < 0)
            {
                return false;
            }

            foreach (var name in SinkCatalogue.GatewayRequestBodyNames)
            {
                if (literal.IndexOf("\"" + name + "\"", StringComparison.Ordinal) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        public bool IsGuarded(OperationAnalysisContext context, SyntaxNode checkpoint, ImmutableArray<AccessPath> paths)
        {
            if (FlowGuards.Locate(context, checkpoint) is not { } guards)
            {
                return false;
            }

            // Either outcome of a status check counts: reading the error envelope after `!IsSuccessStatusCode` is right.
            return guards.IsGuardedByStatement((operation, captures) => IsEnsureSuccess(operation, captures, paths))
                || guards.IsGuardedByBranch((condition, captures) => IsStatusCheck(condition, captures, paths, depth: 0) ? GuardWhen.Either : GuardWhen.Never);
        }

        /// <summary>
        /// The common safe shapes without building a control flow graph, as earlier statements of a block around
        /// the read: <c>x.EnsureSuccessStatusCode();</c> (or a local initialised from it), which runs on every path
        /// to the read, and <c>if (!x.IsSuccessStatusCode) { ...; return; }</c>, which the read is reached only past
        /// by one outcome of the check (the graph's branch guard). Both hold unless a label between them lets a
        /// <c>goto</c> in, so a label sends the question to the graph. Anything else is left to the graph too.
        /// </summary>
        public bool IsAfterEnsureStatement(IOperation checkpoint, ImmutableArray<AccessPath> paths)
            => StraightLineGuards.Precedes(checkpoint, statement => IsEnsureStatement(statement, paths) || IsStatusExit(statement, paths));

        private bool IsEnsureStatement(IOperation statement, ImmutableArray<AccessPath> paths)
        {
            var value = statement switch
            {
                IExpressionStatementOperation expression => expression.Operation,
                IVariableDeclarationGroupOperation { Declarations.Length: 1 } group
                    when group.Declarations[0].Declarators.Length == 1 => group.Declarations[0].Declarators[0].Initializer?.Value,
                _ => null,
            };

            while (value is IAwaitOperation or IConversionOperation or ISimpleAssignmentOperation)
            {
                value = value switch
                {
                    IAwaitOperation awaited => awaited.Operation,
                    IConversionOperation conversion => conversion.Operand,
                    ISimpleAssignmentOperation assignment => assignment.Value,
                    _ => null,
                };
            }

            return value is IInvocationOperation invocation && ChecksStatusOf(invocation, paths, captures: null);
        }

        /// <summary><c>x.EnsureSuccessStatusCode()</c>, or a helper that checks <c>x</c>'s status and throws (<see cref="StatusHelpers"/>).</summary>
        private bool ChecksStatusOf(IInvocationOperation invocation, ImmutableArray<AccessPath> paths, CaptureMap? captures)
        {
            if (invocation.Instance is { } instance && Sinks.IsSink(invocation.TargetMethod, SinkKind.HttpStatusCheck))
            {
                return AccessPath.AnyEqual(AccessPath.WithAlias(instance, captures), paths);
            }

            return _helpers.CheckedArgument(invocation, default) is { } argument
                && AccessPath.AnyEqual(AccessPath.WithAlias(argument.Value.Unwrap(), captures), paths);
        }

        /// <summary>
        /// <c>if (x.IsSuccessStatusCode) ...</c>-style statement with no <c>else</c> whose body cannot complete
        /// normally (ends in <c>return</c> or <c>throw</c>), on one status member compared with a constant at most:
        /// a compound condition is more than one branch, and is left to the graph.
        /// </summary>
        private bool IsStatusExit(IOperation statement, ImmutableArray<AccessPath> paths)
        {
            if (!StraightLineGuards.IsEarlyExit(statement, out var exitCondition))
            {
                return false;
            }

            IOperation? condition = exitCondition.Unwrap();
            while (condition is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
            {
                condition = not.Operand.Unwrap();
            }

            if (condition is IBinaryOperation
                {
                    OperatorMethod: null,
                    OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals or BinaryOperatorKind.LessThan
                        or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual,
                } comparison)
            {
                condition = comparison.RightOperand.ConstantValue.HasValue ? comparison.LeftOperand.Unwrap()
                    : comparison.LeftOperand.ConstantValue.HasValue ? comparison.RightOperand.Unwrap()
                    : null;
            }

            return condition is IPropertyReferenceOperation { Instance: { } instance } property
                && Sinks.IsSink(property.Property, SinkKind.HttpStatusCheck)
                && AccessPath.AnyEqual(AccessPath.WithAlias(instance), paths);
        }

        private bool IsEnsureSuccess(IOperation operation, CaptureMap captures, ImmutableArray<AccessPath> paths)
        {
            foreach (var node in operation.DescendantsAndSelf())
            {
                if (node is IInvocationOperation invocation && ChecksStatusOf(invocation, paths, captures))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsStatusCheck(IOperation condition, CaptureMap captures, ImmutableArray<AccessPath> paths, int depth)
        {
            foreach (var node in condition.DescendantsAndSelf())
            {
                switch (node)
                {
                    case IPropertyReferenceOperation { Instance: { } instance } property
                        when Sinks.IsSink(property.Property, SinkKind.HttpStatusCheck) && AccessPath.AnyEqual(AccessPath.WithAlias(instance, captures), paths):
                        return true;
                    case IFlowCaptureReferenceOperation reference when depth < 2 && captures.TryGetValue(reference.Id, out var captured)
                        && IsStatusCheck(captured, captures, paths, depth + 1):
                        return true;
                    case ILocalReferenceOperation local when depth < 2 && local.Local.Initializer(local, captures.Model) is { } initializer
                        && IsStatusCheck(initializer, captures, paths, depth + 1):
                        return true;
                }
            }

            return false;
        }

        private static IOperation UnwrapAll(IOperation operation)
        {
            while (operation is IConversionOperation { Operand: { } operand })
            {
                operation = operand;
            }

            return operation;
        }

        public static bool IsSimpleReference(ExpressionSyntax syntax) => syntax switch
        {
            IdentifierNameSyntax => true,
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax or IdentifierNameSyntax } => true,
            _ => false,
        };
    }
}
