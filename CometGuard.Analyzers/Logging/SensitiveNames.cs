using System;

namespace CometGuard.Analyzers.Logging
{
    /// <summary>
    /// Names that say a value is a secret, a prompt or generated text (<c>apiKey</c>, <c>client_secret</c>,
    /// <c>OpenAI:ApiKey</c>), compared at the end of a name with case and separators ignored.
    /// </summary>
    internal static class SensitiveNames
    {
        /// <summary>Matched against the end of a name, lower-cased with <c>_</c> and <c>-</c> removed.</summary>
        public static readonly ImmutableArray<string> Defaults = CredentialNames.Suffixes.AddRange("prompt", "completiontext");

        /// <summary>Names that are sensitive only on their own (<c>token</c>, not <c>continuationToken</c>).</summary>
        private static readonly ImmutableArray<string> Exact = ImmutableArray.Create("token");

        /// <summary>True when <paramref name="name"/>, normalised, is exactly <paramref name="exact"/> (already normalised).</summary>
        public static bool IsExactly(string name, string exact) => EndsWithNormalized(name, exact, whole: true);

        public static string Normalize(string name)
        {
            var builder = new System.Text.StringBuilder(name.Length);
            foreach (var c in name)
            {
                if (!IsSeparator(c))
                {
                    builder.Append(char.ToLowerInvariant(c));
                }
            }

            return builder.ToString();
        }

        /// <summary>True when <paramref name="name"/> ends with one of <paramref name="names"/> (normalised), or is an exact-only name.</summary>
        public static bool IsSensitive(string name, ImmutableArray<string> names)
        {
            foreach (var exact in Exact)
            {
                if (EndsWithNormalized(name, exact, whole: true))
                {
                    return true;
                }
            }

            foreach (var sensitive in names)
            {
                if (EndsWithNormalized(name, sensitive, whole: false))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The last segment of a configuration key (<c>OpenAI:ApiKey</c>) or environment name (<c>OPENAI__APIKEY</c>).</summary>
        public static string LastSegment(string key)
        {
            var colon = key.LastIndexOf(':');
            var doubleUnderscore = key.LastIndexOf("__", StringComparison.Ordinal);
            var cut = Math.Max(colon, doubleUnderscore >= 0 ? doubleUnderscore + 1 : -1);
            return cut >= 0 ? key.Substring(cut + 1) : key;
        }

        /// <summary>
        /// Whether <see cref="Normalize"/>(<paramref name="name"/>) ends with (or, <paramref name="whole"/>, is) the
        /// normalised <paramref name="suffix"/>, compared from the end without building the normalised name:
        /// every logged variable and member name passes here.
        /// </summary>
        private static bool EndsWithNormalized(string name, string suffix, bool whole)
        {
            var i = name.Length - 1;
            for (var j = suffix.Length - 1; j >= 0; j--, i--)
            {
                while (i >= 0 && IsSeparator(name[i]))
                {
                    i--;
                }

                if (i < 0 || char.ToLowerInvariant(name[i]) != suffix[j])
                {
                    return false;
                }
            }

            while (whole && i >= 0 && IsSeparator(name[i]))
            {
                i--;
            }

            return !whole || i < 0;
        }

        private static bool IsSeparator(char c) => c is '_' or '-' or ':' or '.';
    }
}
