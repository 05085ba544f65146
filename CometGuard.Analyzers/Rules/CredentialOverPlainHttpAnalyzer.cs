using System.Collections.Concurrent;
using Microsoft.CodeAnalysis.Text;

namespace CometGuard.Analyzers.Rules
{
    /// <summary>
    /// CG0009: a bearer credential sent to a hard-coded <c>http://</c> endpoint whose host is not
    /// loopback. SDK client endpoints always carry the client's credential (unless its key is null); raw HTTP
    /// addresses are reported when the same type (with its nested types) attaches a credential to that client
    /// or request, or to one that may be it (<see cref="CredentialCarriers"/>).
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

            var analysis = new CompilationAnalysis(sinks, KnownSymbols.For(start.Compilation));
            start.RegisterOperationAction(SinkArguments.Create(sinks, Kinds, analysis.AnalyzeArgument), SinkArguments.OperationKinds);
            start.RegisterOperationAction(analysis.AnalyzeAssignment, OperationKind.SimpleAssignment);
        }

        private sealed class CompilationAnalysis
        {
            private readonly ResolvedSinks _sinks;
            private readonly KnownSymbols _known;
            private readonly INamedTypeSymbol? _uriType;

            // The names of endpoint properties, checked before anything else on every assignment.
            private readonly NameFilter _endpoints;

            // The clients and requests a type (nested types included) attaches a credential to, asked for raw HTTP endpoints only.
            private readonly PerType<CredentialCarriers> _carriers;

            // A literal shared by several endpoints (a const used twice) is reported once.
            private readonly ConcurrentDictionary<(SyntaxTree Tree, TextSpan Span), byte> _reported = new();

            public CompilationAnalysis(ResolvedSinks sinks, KnownSymbols known)
            {
                _sinks = sinks;
                _known = known;
                _uriType = known[KnownType.Uri];
                _carriers = new PerType<CredentialCarriers>((operations, _) => CredentialCarriers.Collect(operations, sinks, known));
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
                    if (!SendsNoKey(argument))
                    {
                        Analyze(context, argument.Value, authenticated: true, argument.Parameter, argument);
                    }
                }
                else if (_sinks.IsSink(argument, SinkKind.Endpoint))
                {
                    Analyze(context, argument.Value, authenticated: false, argument.Parameter, argument);
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
                    Analyze(context, assignment.Value, authenticated: true, property, assignment);
                }
                else if (_sinks.IsSink(property, SinkKind.Endpoint))
                {
                    Analyze(context, assignment.Value, authenticated: false, property, assignment);
                }
            }

            /// <summary>
            /// A registration given the key null sends none (Semantic Kernel's keyless overloads for local servers):
            /// the key argument of the same call is the constant null.
            /// </summary>
            private bool SendsNoKey(IArgumentOperation endpoint)
            {
                var (_, arguments) = SinkArguments.Call(endpoint.Parent!);
                foreach (var argument in arguments)
                {
                    if (argument.Value.ConstantValue is { HasValue: true, Value: null } && _sinks.IsSink(argument, SinkKind.Credential))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary><paramref name="position"/> (the parameter or property) is described only for a report; <paramref name="sent"/> is the argument or assignment.</summary>
            private void Analyze(OperationAnalysisContext context, IOperation value, bool authenticated, ISymbol position, IOperation sent)
            {
                var endpoint = EndpointUri.Find(value, _uriType, context.CancellationToken);
                if (!endpoint.IsKnown || EndpointUri.PlainHttpHost(endpoint.Text) is not { } host || EndpointUri.IsLoopback(host))
                {
                    return;
                }

                var source = endpoint.Source!;
                var allowed = CometGuardOptions.GetList(context.Options, source.SyntaxTree, CometGuardOptions.AllowedHttpHosts);
                if (EndpointUri.IsAllowed(host, allowed)
                    || (!authenticated && !CarriesCredential(context, sent)))
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

            private bool CarriesCredential(OperationAnalysisContext context, IOperation sent)
            {
                var carriers = _carriers.Get(context);
                return carriers is { IsEmpty: false } && carriers.MayCarry(CredentialCarriers.AddressOwners(sent, _known, context.CancellationToken));
            }
        }
    }
}
