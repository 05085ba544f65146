using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading;
using CometGuard.Analyzers.Infrastructure;
using CometGuard.Analyzers.Sinks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace CometGuard.Analyzers.Rules
{
    /// <summary>
    /// CG0009: a bearer credential sent to a hard-coded <c>http://</c> endpoint whose host is not
    /// loopback. SDK client endpoints always carry the client's credential; raw HTTP addresses are
    /// reported when the same type also sets an Authorization credential.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class CredentialOverPlainHttpAnalyzer : DiagnosticAnalyzer
    {
        private static readonly ulong Kinds = SinkKinds.Of(SinkKind.Credential, SinkKind.AuthenticatedEndpoint, SinkKind.Endpoint);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CredentialOverPlainHttp);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var sinks = ResolvedSinks.Create(start.Compilation);
                if (!sinks.Has(SinkKind.Endpoint) && !sinks.Has(SinkKind.AuthenticatedEndpoint))
                {
                    return;
                }

                var analysis = new CompilationAnalysis(sinks, start.Compilation.FindType(SinkCatalogue.UriType));
                start.RegisterSymbolStartAction(
                    symbolStart =>
                    {
                        var type = new TypeAnalysis(analysis);
                        symbolStart.RegisterOperationAction(SinkArguments.Create(sinks, Kinds, type.AnalyzeArgument), SinkArguments.OperationKinds);
                        symbolStart.RegisterOperationAction(type.AnalyzeAssignment, OperationKind.SimpleAssignment);
                        symbolStart.RegisterSymbolEndAction(type.Report);
                    },
                    SymbolKind.NamedType);
            });
        }

        private sealed class CompilationAnalysis
        {
            // A literal shared by several endpoints (a const used twice) is reported once.
            private readonly ConcurrentDictionary<(SyntaxTree Tree, TextSpan Span), byte> _reported = new();

            public CompilationAnalysis(ResolvedSinks sinks, INamedTypeSymbol? uriType)
            {
                Sinks = sinks;
                UriType = uriType;
            }

            public ResolvedSinks Sinks { get; }

            public INamedTypeSymbol? UriType { get; }

            public bool TryClaim(Location location) => _reported.TryAdd((location.SourceTree!, location.SourceSpan), 0);
        }

        /// <summary>What one type sends where; decided at the end of the type, when all its members are seen.</summary>
        private sealed class TypeAnalysis
        {
            private readonly CompilationAnalysis _analysis;

            // Created on the first endpoint: most types have none, and this object exists for every type.
            private ConcurrentQueue<Candidate>? _candidates;
            private int _credentialSeen;

            public TypeAnalysis(CompilationAnalysis analysis)
            {
                _analysis = analysis;
            }

            public void AnalyzeArgument(OperationAnalysisContext context, IArgumentOperation argument)
            {
                if (argument.Parameter is null)
                {
                    return;
                }

                var sinks = _analysis.Sinks;
                if (sinks.IsSink(argument, SinkKind.Credential))
                {
                    Interlocked.Exchange(ref _credentialSeen, 1);
                }
                else if (sinks.IsSink(argument, SinkKind.AuthenticatedEndpoint))
                {
                    Add(argument.Value, authenticated: true, Describe(argument.Parameter), context.CancellationToken);
                }
                else if (sinks.IsSink(argument, SinkKind.Endpoint))
                {
                    Add(argument.Value, authenticated: false, Describe(argument.Parameter), context.CancellationToken);
                }
            }

            public void AnalyzeAssignment(OperationAnalysisContext context)
            {
                var assignment = (ISimpleAssignmentOperation)context.Operation;
                if (assignment.Target is not IPropertyReferenceOperation { Property: { } property })
                {
                    return;
                }

                var sinks = _analysis.Sinks;
                if (sinks.IsSink(property, SinkKind.Credential))
                {
                    Interlocked.Exchange(ref _credentialSeen, 1);
                }
                else if (sinks.IsSink(property, SinkKind.AuthenticatedEndpoint))
                {
                    Add(assignment.Value, authenticated: true, Describe(property), context.CancellationToken);
                }
                else if (sinks.IsSink(property, SinkKind.Endpoint))
                {
                    Add(assignment.Value, authenticated: false, Describe(property), context.CancellationToken);
                }
            }

            public void Report(SymbolAnalysisContext context)
            {
                if (Volatile.Read(ref _candidates) is not { } candidates)
                {
                    return;
                }

                var credentialSeen = Volatile.Read(ref _credentialSeen) == 1;
                foreach (var candidate in candidates)
                {
                    if (!candidate.Authenticated && !credentialSeen)
                    {
                        continue;
                    }

                    var location = candidate.Source.GetLocation();
                    var allowed = CometGuardOptions.GetList(context.Options, candidate.Source.SyntaxTree, CometGuardOptions.AllowedHttpHosts);
                    if (EndpointUri.IsAllowed(candidate.Host, allowed) || !_analysis.TryClaim(location))
                    {
                        continue;
                    }

                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.CredentialOverPlainHttp, location, candidate.Host, candidate.Position));
                }
            }

            private void Add(IOperation value, bool authenticated, string position, CancellationToken cancellationToken)
            {
                var endpoint = EndpointUri.Find(value, _analysis.UriType, cancellationToken);
                if (!endpoint.IsKnown || EndpointUri.PlainHttpHost(endpoint.Text) is not { } host || EndpointUri.IsLoopback(host))
                {
                    return;
                }

                LazyInitializer.EnsureInitialized(ref _candidates, static () => new ConcurrentQueue<Candidate>())!
                    .Enqueue(new Candidate(endpoint.Source!, host, authenticated, position));
            }

            private static string Describe(IPropertySymbol property) => "property '" + property.ContainingType.Name + "." + property.Name + "'";

            private static string Describe(IParameterSymbol parameter)
            {
                var member = parameter.ContainingSymbol;
                var owner = member is IMethodSymbol { MethodKind: MethodKind.Constructor }
                    ? "'" + member.ContainingType.Name + "' constructor"
                    : "'" + member.ContainingType?.Name + "." + member.Name + "'";
                return owner + " parameter '" + parameter.Name + "'";
            }
        }

        private sealed class Candidate
        {
            public Candidate(SyntaxNode source, string host, bool authenticated, string position)
            {
                Source = source;
                Host = host;
                Authenticated = authenticated;
                Position = position;
            }

            public SyntaxNode Source { get; }

            public string Host { get; }

            public bool Authenticated { get; }

            public string Position { get; }
        }
    }
}
