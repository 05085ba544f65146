using System;
using System.Collections.Concurrent;
using System.Threading;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CometGuard.Analyzers.Responses
{
    /// <summary>
    /// Calls that check a raw HTTP response's status for the caller (CG0007): <c>await response.CheckResponseAsync();</c>
    /// or <c>EnsureOk(response);</c>, whose declaration in source reads the parameter's status
    /// (<c>IsSuccessStatusCode</c>, <c>StatusCode</c>, <c>EnsureSuccessStatusCode()</c>) and throws; or, when the body is not
    /// in source, a method named <c>Ensure…</c>/<c>Check…</c>/<c>Validate…</c>/<c>ThrowIf…</c> that takes the response. The
    /// helper's own syntax is read (its declaring references), never another tree's semantic model.
    /// </summary>
    internal sealed class StatusHelpers
    {
        private readonly KnownSymbols _known;

        // Per helper and parameter: whether it checks that parameter's status and throws. Decided once per compilation.
        private readonly ConcurrentDictionary<IParameterSymbol, bool> _checks = new(SymbolEqualityComparer.Default);

        public StatusHelpers(KnownSymbols known)
        {
            _known = known;
        }

        /// <summary>The parameter through which <paramref name="invocation"/> checks a response, or null.</summary>
        public IArgumentOperation? CheckedArgument(IInvocationOperation invocation, CancellationToken cancellationToken)
        {
            if (invocation.Arguments.IsEmpty || _known[KnownType.HttpResponseMessage] is not { } responseType)
            {
                return null;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is { } parameter
                    && SymbolEqualityComparer.Default.Equals(parameter.Type, responseType)
                    && _checks.GetOrAdd(parameter.OriginalDefinition, p => Checks(p, cancellationToken)))
                {
                    return argument;
                }
            }

            return null;
        }

        private static bool Checks(IParameterSymbol parameter, CancellationToken cancellationToken)
        {
            if (parameter.ContainingSymbol is not IMethodSymbol method)
            {
                return false;
            }

            if (method.DeclaringSyntaxReferences.IsEmpty)
            {
                foreach (var prefix in KnownMembers.StatusHelperPrefixes)
                {
                    if (method.Name.StartsWith(prefix, StringComparison.Ordinal))
                    {
                        return true;
                    }
                }

                return false;
            }

            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                var body = reference.GetSyntax(cancellationToken) switch
                {
                    BaseMethodDeclarationSyntax declaration => (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody,
                    LocalFunctionStatementSyntax local => (SyntaxNode?)local.Body ?? local.ExpressionBody,
                    _ => null,
                };

                if (body is not null && ChecksAndThrows(body, parameter.Name))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The body reads the parameter's status and throws (or calls <c>EnsureSuccessStatusCode()</c>, which throws).</summary>
        private static bool ChecksAndThrows(SyntaxNode body, string parameter)
        {
            var reads = false;
            var throws = false;
            foreach (var node in body.DescendantNodes())
            {
                switch (node)
                {
                    case ThrowStatementSyntax or ThrowExpressionSyntax:
                        throws = true;
                        break;
                    case MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax target } access when target.Identifier.ValueText == parameter:
                        var name = access.Name.Identifier.ValueText;
                        if (name == KnownMembers.EnsureSuccessStatusCode)
                        {
                            return true;
                        }

                        reads |= name is KnownMembers.IsSuccessStatusCode or KnownMembers.StatusCode;
                        break;
                }

                if (reads && throws)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
