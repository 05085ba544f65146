using System.Text;

namespace CometGuard.Analyzers.Bodies
{
    /// <summary>
    /// The top-level property names of a JSON object literal, without a JSON library (analyzers run on
    /// netstandard2.0 with no dependencies). Returns false for anything that is not a well-formed object
    /// at the top level; nested values are skipped by bracket depth, strings by their escapes.
    /// </summary>
    internal static class JsonKeys
    {
        public static bool TryGetTopLevel(string json, out ImmutableArray<string> keys)
        {
            keys = ImmutableArray<string>.Empty;
            var i = SkipWhitespace(json, 0);
            if (i >= json.Length || json[i] != '{')
            {
                return false;
            }

            var builder = ImmutableArray.CreateBuilder<string>();
            var depth = 0;
            var expectKey = true;
            for (; i < json.Length; i++)
            {
                var c = json[i];
                switch (c)
                {
                    case '"':
                        var start = i + 1;
                        if (!TrySkipString(json, ref i))
                        {
                            return false;
                        }

                        if (depth == 1 && expectKey)
                        {
                            builder.Add(Unescape(json.Substring(start, i - start)));
                            expectKey = false;
                        }

                        break;
                    case '{':
                    case '[':
                        depth++;
                        break;
                    case '}':
                    case ']':
                        depth--;
                        if (depth == 0)
                        {
                            keys = builder.ToImmutable();
                            return true;
                        }

                        break;
                    case ',':
                        if (depth == 1)
                        {
                            expectKey = true;
                        }

                        break;
                }
            }

            return false;
        }

        private static int SkipWhitespace(string text, int i)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            return i;
        }

        /// <summary>On entry <paramref name="i"/> is at the opening quote; on success, at the closing one.</summary>
        private static bool TrySkipString(string text, ref int i)
        {
            for (i++; i < text.Length; i++)
            {
                if (text[i] == '\\')
                {
                    i++;
                }
                else if (text[i] == '"')
                {
                    return true;
                }
            }

            return false;
        }

        private static string Unescape(string text)
        {
            if (text.IndexOf('\\') < 0)
            {
                return text;
            }

            var builder = new StringBuilder(text.Length);
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '\\' && i + 1 < text.Length)
                {
                    i++;
                }

                builder.Append(text[i]);
            }

            return builder.ToString();
        }
    }
}
