using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CometGuard.Analyzers.Manifest
{
    /// <summary>A response read found by the generator: family, wire path, the file and the member that read it.</summary>
    internal sealed class ResponseRead : System.IEquatable<ResponseRead>
    {
        public ResponseRead(string family, string path, string file, string reader)
        {
            Family = family;
            Path = path;
            File = file;
            Reader = reader;
        }

        public string Family { get; }

        public string Path { get; }

        public string File { get; }

        public string Reader { get; }

        public bool Equals(ResponseRead? other)
            => other is not null && Family == other.Family && Path == other.Path && File == other.File && Reader == other.Reader;

        public override bool Equals(object? obj) => Equals(obj as ResponseRead);

        public override int GetHashCode() => (Family, Path, File, Reader).GetHashCode();
    }

    /// <summary>The generator's syntax filter and the binding of one candidate read chain.</summary>
    internal static class ReadSyntax
    {
        /// <summary>A member access named like a wire member, a JSON lookup by a literal name: syntax only, no binding.</summary>
        public static bool IsCandidate(SyntaxNode node, System.Threading.CancellationToken cancellationToken)
        {
            switch (node)
            {
                case MemberAccessExpressionSyntax access:
                    return WireMap.CandidateNames.Contains(access.Name.Identifier.ValueText) && !IsWritten(access);
                case MemberBindingExpressionSyntax binding:
                    return WireMap.CandidateNames.Contains(binding.Name.Identifier.ValueText);
                case ElementAccessExpressionSyntax { ArgumentList.Arguments.Count: 1 } element:
                    return element.ArgumentList.Arguments[0].Expression.IsKind(SyntaxKind.StringLiteralExpression) && !IsWritten(element);
                default:
                    return false;
            }
        }

        /// <summary>The read the candidate ends, or null when an outer candidate continues the chain or nothing maps.</summary>
        public static ResponseRead? Read(GeneratorSyntaxContext context, System.Threading.CancellationToken cancellationToken)
        {
            var node = context.Node;
            var read = node.Parent is InvocationExpressionSyntax call && call.Expression == node ? call : node;
            var end = ChainEnd(read);
            if (end is null)
            {
                return null;
            }

            var model = context.SemanticModel;
            var paths = WirePaths.For(model.Compilation);
            if (paths.IsEmpty)
            {
                return null;
            }

            var found = paths.Read(model.GetOperation(end, cancellationToken), model)
                ?? (end == read ? null : paths.Read(model.GetOperation(read, cancellationToken), model));
            if (found is not { } wire)
            {
                return null;
            }

            return new ResponseRead(wire.Family, wire.Path, node.SyntaxTree.FilePath, ReaderOf(model, node.SpanStart, cancellationToken));
        }

        private static bool IsWritten(ExpressionSyntax node)
            => node.Parent is AssignmentExpressionSyntax assignment && assignment.Left == node;

        /// <summary>
        /// The chain's end, through element picks (<c>[0]</c>, <c>First()</c>), <c>!</c> and parentheses; null when the next
        /// step is itself a candidate (the outer read covers this one).
        /// </summary>
        private static SyntaxNode? ChainEnd(SyntaxNode read)
        {
            var end = read;
            for (var step = 0; step < 8; step++)
            {
                switch (end.Parent)
                {
                    case PostfixUnaryExpressionSyntax postfix when postfix.IsKind(SyntaxKind.SuppressNullableWarningExpression):
                    case ParenthesizedExpressionSyntax:
                        end = end.Parent;
                        continue;
                    case ElementAccessExpressionSyntax element when element.Expression == end:
                        if (IsCandidate(element, default))
                        {
                            return null;
                        }

                        end = element;
                        continue;
                    case MemberAccessExpressionSyntax access when access.Expression == end:
                        var name = access.Name.Identifier.ValueText;
                        if (WireMap.CandidateNames.Contains(name))
                        {
                            return null;
                        }

                        if (access.Parent is InvocationExpressionSyntax pick && pick.Expression == access
                            && (System.Array.IndexOf(WireMap.ElementCalls, name) >= 0 || System.Array.IndexOf(WireMap.PassThroughCalls, name) >= 0))
                        {
                            end = pick;
                            continue;
                        }

                        return end;
                    case ConditionalAccessExpressionSyntax conditional when conditional.Expression == end:
                        return FirstBinding(conditional.WhenNotNull) is { } binding && WireMap.CandidateNames.Contains(binding) ? null : end;
                    default:
                        return end;
                }
            }

            return end;
        }

        private static string? FirstBinding(ExpressionSyntax whenNotNull)
        {
            for (SyntaxNode? node = whenNotNull; node is not null; node = node.ChildNodes().FirstOrDefault())
            {
                if (node is MemberBindingExpressionSyntax binding)
                {
                    return binding.Name.Identifier.ValueText;
                }

                if (node is ElementBindingExpressionSyntax)
                {
                    return null;
                }
            }

            return null;
        }

        private static string ReaderOf(SemanticModel model, int position, System.Threading.CancellationToken cancellationToken)
        {
            var symbol = model.GetEnclosingSymbol(position, cancellationToken);
            while (symbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
            {
                symbol = symbol.ContainingSymbol;
            }

            if (symbol is IMethodSymbol { AssociatedSymbol: { } property })
            {
                symbol = property;
            }

            return symbol is null ? string.Empty : (symbol.ContainingType?.Name is { } type ? type + "." : string.Empty) + symbol.Name;
        }
    }
}
