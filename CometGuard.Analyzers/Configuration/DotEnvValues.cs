using System.Collections.Generic;

namespace CometGuard.Analyzers.Configuration
{
    /// <summary>
    /// The assignments of a <c>.env</c> file: <c>NAME=value</c>, optionally after <c>export</c>, the value bare (up to a
    /// <c> #</c> comment) or in single or double quotes; blank lines and <c>#</c> comments skipped.
    /// </summary>
    internal static class DotEnvValues
    {
        public static void Read(string text, List<ConfigurationValue> values)
        {
            var lineStart = 0;
            while (lineStart < text.Length)
            {
                var lineEnd = text.IndexOf('\n', lineStart);
                if (lineEnd < 0)
                {
                    lineEnd = text.Length;
                }

                ReadLine(text, lineStart, lineEnd, values);
                lineStart = lineEnd + 1;
            }
        }

        private static void ReadLine(string text, int start, int end, List<ConfigurationValue> values)
        {
            var i = Skip(text, start, end);
            if (string.CompareOrdinal(text, i, "export", 0, 6) == 0 && i + 6 < end && text[i + 6] is ' ' or '\t')
            {
                i = Skip(text, i + 6, end);
            }

            var nameStart = i;
            while (i < end && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.' or '-'))
            {
                i++;
            }

            var name = text.Substring(nameStart, i - nameStart);
            i = Skip(text, i, end);
            if (name.Length == 0 || i >= end || text[i] != '=')
            {
                return;
            }

            i = Skip(text, i + 1, end);
            int valueStart;
            int valueEnd;
            if (i < end && text[i] is '"' or '\'')
            {
                var quote = text[i];
                valueStart = i + 1;
                valueEnd = text.IndexOf(quote, valueStart);
                if (valueEnd < 0 || valueEnd > end)
                {
                    return;
                }
            }
            else
            {
                valueStart = i;
                valueEnd = end;
                for (var j = valueStart; j < end; j++)
                {
                    if (text[j] == '#' && j > valueStart && char.IsWhiteSpace(text[j - 1]))
                    {
                        valueEnd = j;
                        break;
                    }
                }

                while (valueEnd > valueStart && char.IsWhiteSpace(text[valueEnd - 1]))
                {
                    valueEnd--;
                }
            }

            if (valueEnd > valueStart)
            {
                values.Add(new ConfigurationValue(name, text.Substring(valueStart, valueEnd - valueStart), valueStart, offsets: null));
            }
        }

        private static int Skip(string text, int i, int end)
        {
            // A byte order mark a host left in the text counts as blank.
            while (i < end && text[i] is ' ' or '\t' or '\r' or '\uFEFF')
            {
                i++;
            }

            return i;
        }
    }
}
