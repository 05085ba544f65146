namespace CometGuard.Analyzers.Engine
{
    /// <summary>How messages name code: members, parameters and long expressions.</summary>
    internal static class DiagnosticText
    {
        /// <summary><c>'Type' constructor</c> or <c>'Type.Member'</c>.</summary>
        public static string Member(ISymbol member)
        {
            return member is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor
                ? "'" + constructor.ContainingType.Name + "' constructor"
                : "'" + member.ContainingType?.Name + "." + member.Name + "'";
        }

        /// <summary><c>'Type.Member' parameter 'name'</c>.</summary>
        public static string Parameter(IParameterSymbol parameter) => Member(parameter.ContainingSymbol) + " parameter '" + parameter.Name + "'";

        /// <summary><c>property 'Type.Name'</c>.</summary>
        public static string Property(IPropertySymbol property) => "property '" + property.ContainingType.Name + "." + property.Name + "'";

        /// <summary>A parameter or a property: where a value is written.</summary>
        public static string Position(ISymbol position) => position is IParameterSymbol parameter ? Parameter(parameter) : position is IPropertySymbol property ? Property(property) : Member(position);

        /// <summary>A value from source, trimmed, its first <paramref name="length"/> characters when longer.</summary>
        public static string Value(string value, int length)
        {
            value = value.Trim();
            return value.Length <= length ? value : value.Substring(0, length - 3) + "...";
        }

        /// <summary>An expression as written, its last 80 characters when longer (the read is at the end).</summary>
        public static string Tail(SyntaxNode node)
        {
            var text = node.ToString();
            return text.Length <= 80 ? text : "…" + text.Substring(text.Length - 79);
        }

        /// <summary>An expression as written, its first 80 characters when longer (the call is at the start).</summary>
        public static string Head(SyntaxNode node)
        {
            var text = node.ToString();
            return text.Length <= 80 ? text : text.Substring(0, 79) + "…";
        }
    }
}
