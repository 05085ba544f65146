using System.Text;

namespace CometGuard.Analyzers.Bodies
{
    /// <summary>
    /// The JSON name a serialiser gives a property: <c>[JsonPropertyName("…")]</c> (System.Text.Json) or
    /// <c>[JsonProperty("…")]</c> / <c>[JsonProperty(PropertyName = "…")]</c> (Newtonsoft.Json) when declared.
    /// </summary>
    internal static class JsonNames
    {
        /// <summary>The name an attribute declares, or null.</summary>
        public static string? Declared(IPropertySymbol property, KnownSymbols known)
        {
            var systemText = known[KnownType.JsonPropertyNameAttribute];
            var newtonsoft = known[KnownType.NewtonsoftJsonPropertyAttribute];
            if (systemText is null && newtonsoft is null)
            {
                return null;
            }

            foreach (var attribute in property.GetAttributes())
            {
                if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, systemText) && !SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, newtonsoft))
                {
                    continue;
                }

                if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string name)
                {
                    return name;
                }

                foreach (var named in attribute.NamedArguments)
                {
                    if (named.Key == KnownMembers.PropertyName && named.Value.Value is string propertyName)
                    {
                        return propertyName;
                    }
                }
            }

            return null;
        }

        /// <summary>The declared name, else the property's own (default, camelCase and lower-case policies agree on it, case aside).</summary>
        public static string Of(IPropertySymbol property, KnownSymbols known) => Declared(property, known) ?? property.Name;

        /// <summary>The declared name, else the snake_case of the property's own (a gateway's wire names).</summary>
        public static string SnakeCaseOf(IPropertySymbol property, KnownSymbols known) => Declared(property, known) ?? SnakeCase(property.Name);

        private static string SnakeCase(string name)
        {
            var builder = new StringBuilder(name.Length + 4);
            for (var i = 0; i < name.Length; i++)
            {
                var c = name[i];
                if (char.IsUpper(c))
                {
                    if (i > 0 && name[i - 1] != '_')
                    {
                        builder.Append('_');
                    }

                    builder.Append(char.ToLowerInvariant(c));
                }
                else
                {
                    builder.Append(c);
                }
            }

            return builder.ToString();
        }
    }
}
