using System;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CometGuard.Analyzers.Endpoints
{
    /// <summary>The endpoint family a request path belongs to.</summary>
    internal enum EndpointFamily
    {
        None,
        ChatCompletions,
        Responses,
    }

    /// <summary>
    /// A hard-coded endpoint: a string, or <c>new Uri("...")</c>, directly or one hop away through a
    /// local or <c>static readonly</c> field. <see cref="Source"/> is the literal that holds it.
    /// </summary>
    internal readonly struct EndpointUri
    {
        private EndpointUri(string text, SyntaxNode source)
        {
            Text = text;
            Source = source;
        }

        public string Text { get; }

        public SyntaxNode? Source { get; }

        public bool IsKnown => Source is not null;

        public static EndpointUri Find(IOperation? operation, INamedTypeSymbol? uriType, CancellationToken cancellationToken)
            => Find(operation, uriType, depth: 0, cancellationToken);

        private static EndpointUri Find(IOperation? operation, INamedTypeSymbol? uriType, int depth, CancellationToken cancellationToken)
        {
            operation = operation?.Unwrap();
            if (operation is null || depth > 2)
            {
                return default;
            }

            if (operation.Type?.SpecialType == SpecialType.System_String)
            {
                var value = HardCodedValue.Find(operation, cancellationToken);
                if (value.Kind != HardCodedKind.Literal)
                {
                    return default;
                }

                var source = value.Source is { } literal && operation.SemanticModel?.Compilation.ContainsSyntaxTree(literal.SyntaxTree) == true
                    ? literal
                    : operation.Syntax;
                return new EndpointUri(value.Value, source);
            }

            if (uriType is null || !SymbolEqualityComparer.Default.Equals(operation.Type, uriType))
            {
                return default;
            }

            switch (operation)
            {
                case IObjectCreationOperation { Arguments.Length: >= 1 } creation
                    when creation.Arguments[0].Value.Type?.SpecialType == SpecialType.System_String:
                    return Find(creation.Arguments[0].Value, uriType, depth + 1, cancellationToken);
                case ILocalReferenceOperation { Local: { } local }:
                    return FromInitializer(local, operation, uriType, depth, cancellationToken);
                case IFieldReferenceOperation { Field: { IsReadOnly: true } field }:
                    return FromInitializer(field, operation, uriType, depth, cancellationToken);
                default:
                    return default;
            }
        }

        private static EndpointUri FromInitializer(ISymbol symbol, IOperation reference, INamedTypeSymbol uriType, int depth, CancellationToken cancellationToken)
        {
            if (symbol.DeclaringSyntaxReferences.Length != 1
                || symbol.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: { } initializer }
                || reference.SemanticModel is not { } model)
            {
                return default;
            }

            // One hop within the same file: a semantic model for another tree is not ours to create.
            if (initializer.SyntaxTree != model.SyntaxTree)
            {
                return default;
            }

            return Find(model.GetOperation(initializer, cancellationToken), uriType, depth + 1, cancellationToken);
        }

        /// <summary>The host of an absolute <c>http://</c> URI; null for https, relative or unparsable text.</summary>
        public static string? PlainHttpHost(string text)
        {
            text = text.Trim();
            if (!text.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
                || !Uri.TryCreate(text, UriKind.Absolute, out var uri)
                || uri.Host.Length == 0)
            {
                return null;
            }

            return uri.Host;
        }

        /// <summary>Loopback: <c>localhost</c> (and <c>*.localhost</c>, RFC 6761), 127.0.0.0/8, <c>[::1]</c>.</summary>
        public static bool IsLoopback(string host)
        {
            host = host.Trim('[', ']').TrimEnd('.');
            if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
                || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (host == "::1" || host == "0:0:0:0:0:0:0:1")
            {
                return true;
            }

            var octets = host.Split('.');
            return octets.Length == 4
                && octets[0] == "127"
                && Array.TrueForAll(octets, o => byte.TryParse(o, NumberStyles.None, CultureInfo.InvariantCulture, out _));
        }

        /// <summary>True when <paramref name="host"/> is listed: an exact host, or <c>*.suffix</c> for its subdomains.</summary>
        public static bool IsAllowed(string host, ImmutableArray<string> allowed)
        {
            foreach (var entry in allowed)
            {
                if (string.Equals(entry, host, StringComparison.OrdinalIgnoreCase)
                    || (entry.StartsWith("*.", StringComparison.Ordinal) && host.EndsWith(entry.Substring(1), StringComparison.OrdinalIgnoreCase)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The family of the path an absolute or relative URI ends in, query and trailing slash ignored.</summary>
        public static EndpointFamily FamilyOf(string text)
        {
            var path = text.Trim();
            var cut = path.IndexOfAny(new[] { '?', '#' });
            if (cut >= 0)
            {
                path = path.Substring(0, cut);
            }

            path = path.TrimEnd('/');
            if (EndsWithSegment(path, "chat/completions"))
            {
                return EndpointFamily.ChatCompletions;
            }

            return EndsWithSegment(path, "responses") ? EndpointFamily.Responses : EndpointFamily.None;
        }

        private static bool EndsWithSegment(string path, string segment)
        {
            return path.EndsWith("/" + segment, StringComparison.OrdinalIgnoreCase)
                || string.Equals(path, segment, StringComparison.OrdinalIgnoreCase);
        }
    }
}
