using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis.Text;

namespace CometGuard.Analyzers.Rules
{
    /// <summary>
    /// CG0009: a bearer credential sent to a hard-coded <c>http://</c> endpoint whose host is not
    /// loopback. SDK client endpoints always carry the client's credential; raw HTTP addresses are
    /// reported when the same type (with its nested types) also sets an Authorization credential.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class CredentialOverPlainHttpAnalyzer : RuleAnalyzer
    {
        private static readonly ulong Kinds = SinkKinds.Of(SinkKind.AuthenticatedEndpoint, SinkKind.Endpoint);

        public CredentialOverPlainHttpAnalyzer()
            : base(Descriptors.CredentialOverPlainHttp)
        {
        }

        private protected override void OnCompilationStart(CompilationStartAnalysisContext start)
        {
            var sinks = ResolvedSinks.Create(start.Compilation);
            if (!sinks.Has(SinkKind.Endpoint) && !sinks.Has(SinkKind.AuthenticatedEndpoint))
            {
                return;
            }

            var analysis = new CompilationAnalysis(sinks, KnownSymbols.For(start.Compilation)[KnownType.Uri]);
            start.RegisterOperationAction(SinkArguments.Create(sinks, Kinds, analysis.AnalyzeArgument), SinkArguments.OperationKinds);
            start.RegisterOperationAction(analysis.AnalyzeAssignment, OperationKind.SimpleAssignment);
        }

        private sealed class CompilationAnalysis
        {
            private readonly ResolvedSinks _sinks;
            private readonly INamedTypeSymbol? _uriType;

            // The names of endpoint properties, checked before anything else on every assignment.
            private readonly NameFilter _endpoints;

            // Whether a type (nested types included) sets a credential, asked for raw HTTP endpoints only.
            private readonly PerType<bool> _setsCredential;

            // A literal shared by several endpoints (a const used twice) is reported once.
            private readonly ConcurrentDictionary<(SyntaxTree Tree, TextSpan Span), byte> _reported = new();

            public CompilationAnalysis(ResolvedSinks sinks, INamedTypeSymbol? uriType)
            {
                _sinks = sinks;
                _uriType = uriType;
                _setsCredential = new PerType<bool>((operations, _) => SetsCredential(operations));
                _endpoints = sinks.Names(Kinds);
            }

            public void AnalyzeArgument(OperationAnalysisContext context, IArgumentOperation argument)
            {
                if (argument.Parameter is null)
                {
                    return;
                }

                if (_sinks.IsSink(argument, SinkKind.AuthenticatedEndpoint))
                {
                    Analyze(context, argument.Value, authenticated: true, argument.Parameter);
                }
                else if (_sinks.IsSink(argument, SinkKind.Endpoint))
                {
                    Analyze(context, argument.Value, authenticated: false, argument.Parameter);
                }
            }

            public void AnalyzeAssignment(OperationAnalysisContext context)
            {
                var assignment = (ISimpleAssignmentOperation)context.Operation;

                // The property's name on every assignment; the lookups only for a name an endpoint row can have.
                if (assignment.Target is not IPropertyReferenceOperation { Property: { } property } || !_endpoints.MayName(property) || _sinks.MemberKinds(property, Kinds) == 0)
                {
                    return;
                }

                if (_sinks.IsSink(property, SinkKind.AuthenticatedEndpoint))
                {
                    Analyze(context, assignment.Value, authenticated: true, property);
                }
                else if (_sinks.IsSink(property, SinkKind.Endpoint))
                {
                    Analyze(context, assignment.Value, authenticated: false, property);
                }
            }

            /// <summary><paramref name="position"/> (the parameter or property) is described only for a report.</summary>
            private void Analyze(OperationAnalysisContext context, IOperation value, bool authenticated, ISymbol position)
            {
                var endpoint = EndpointUri.Find(value, _uriType, context.CancellationToken);
                if (!endpoint.IsKnown || EndpointUri.PlainHttpHost(endpoint.Text) is not { } host || EndpointUri.IsLoopback(host))
                {
                    return;
                }

                var source = endpoint.Source!;
                var allowed = CometGuardOptions.GetList(context.Options, source.SyntaxTree, CometGuardOptions.AllowedHttpHosts);
                if (EndpointUri.IsAllowed(host, allowed)
                    || (!authenticated && !_setsCredential.Get(context)))
                {
                    return;
                }

                // The address as written when it is in the member being analysed; a field or constant declared
                // elsewhere is reported where this member sends it, so the IDE finds the diagnostic (and its fix)
                // when it analyses only the lines under the cursor.
                var location = InMember(source, context) ? source.GetLocation() : value.Syntax.GetLocation();
                if (_reported.TryAdd((location.SourceTree!, location.SourceSpan), 0))
                {
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.CredentialOverPlainHttp, location, host, DiagnosticText.Position(position)));
                }
            }

            private static bool InMember(SyntaxNode source, OperationAnalysisContext context)
            {
                foreach (var reference in context.ContainingSymbol.DeclaringSyntaxReferences)
                {
                    if (reference.SyntaxTree == source.SyntaxTree && reference.Span.Contains(source.Span))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>A credential argument or a credential property assignment anywhere in the type.</summary>
            private bool SetsCredential(IEnumerable<IOperation> operations)
            {
                foreach (var operation in operations)
                {
                    if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { } property } })
                    {
                        if (_sinks.IsSink(property, SinkKind.Credential))
                        {
                            return true;
                        }

                        continue;
                    }

                    var (method, arguments) = SinkArguments.Call(operation);
                    if (method is null || !_sinks.MayTakeSink(method, SinkKinds.Of(SinkKind.Credential)))
                    {
                        continue;
                    }

                    foreach (var argument in arguments)
                    {
                        if (_sinks.IsSink(argument, SinkKind.Credential))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }
        }
    }
}
