using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace CometGuard.Analyzers.Configuration
{
    /// <summary>
    /// The string values of a JSON configuration file, as the .NET JSON configuration provider reads it: comments
    /// (<c>//</c>, <c>/* */</c>) and trailing commas are allowed, keys are joined with <c>:</c> and array items are
    /// numbered. A reader of its own rather than System.Text.Json: the analyzer targets netstandard2.0, where
    /// System.Text.Json is not part of the platform and would have to ship beside the analyzer, and a second copy of it
    /// in the compiler's load context is a known source of load failures across hosts (dotnet/roslyn#41785); this
    /// reader also keeps every value's offset in the file, which a DOM does not.
    /// </summary>
    internal static class JsonValues
    {
        private const int MaxDepth = 64;

        /// <summary>Reads every string value into <paramref name="values"/>; false when the text is not JSON.</summary>
        public static bool TryRead(string text, List<ConfigurationValue> values)
        {
            var reader = new Reader(text, values);
            return reader.ReadDocument();
        }

        private sealed class Reader
        {
            private readonly string _text;
            private readonly List<ConfigurationValue> _values;
            private int _position;

            public Reader(string text, List<ConfigurationValue> values)
            {
                _text = text;
                _values = values;
            }

            public bool ReadDocument()
            {
                // A byte order mark is not whitespace to JSON, but every editor writes one.
                if (_text.Length > 0 && _text[0] == '\uFEFF')
                {
                    _position = 1;
                }

                if (!SkipTrivia() || !Value(string.Empty, 0) || !SkipTrivia())
                {
                    return false;
                }

                return _position == _text.Length;
            }

            private bool Value(string key, int depth)
            {
                if (depth > MaxDepth || _position >= _text.Length)
                {
                    return false;
                }

                switch (_text[_position])
                {
                    case '{':
                        return Object(key, depth);
                    case '[':
                        return Array(key, depth);
                    case '"':
                        if (!String(out var value, out var start, out var offsets))
                        {
                            return false;
                        }

                        _values.Add(new ConfigurationValue(key, value, start, offsets));
                        return true;
                    default:
                        // true, false, null, numbers: nothing a key can be.
                        var begin = _position;
                        while (_position < _text.Length && IsLiteralCharacter(_text[_position]))
                        {
                            _position++;
                        }

                        return _position > begin;
                }
            }

            private bool Object(string key, int depth)
            {
                _position++;
                while (true)
                {
                    if (!SkipTrivia() || _position >= _text.Length)
                    {
                        return false;
                    }

                    if (_text[_position] == '}')
                    {
                        _position++;
                        return true;
                    }

                    if (_text[_position] != '"' || !String(out var name, out _, out _) || !SkipTrivia()
                        || _position >= _text.Length || _text[_position] != ':')
                    {
                        return false;
                    }

                    _position++;
                    if (!SkipTrivia() || !Value(Join(key, name), depth + 1) || !SkipTrivia() || _position >= _text.Length)
                    {
                        return false;
                    }

                    if (_text[_position] == ',')
                    {
                        _position++;
                    }
                    else if (_text[_position] != '}')
                    {
                        return false;
                    }
                }
            }

            private bool Array(string key, int depth)
            {
                _position++;
                var index = 0;
                while (true)
                {
                    if (!SkipTrivia() || _position >= _text.Length)
                    {
                        return false;
                    }

                    if (_text[_position] == ']')
                    {
                        _position++;
                        return true;
                    }

                    if (!Value(Join(key, index.ToString(CultureInfo.InvariantCulture)), depth + 1) || !SkipTrivia() || _position >= _text.Length)
                    {
                        return false;
                    }

                    index++;
                    if (_text[_position] == ',')
                    {
                        _position++;
                    }
                    else if (_text[_position] != ']')
                    {
                        return false;
                    }
                }
            }

            /// <summary>A string at the current <c>"</c>: its decoded value, where its contents start, and the offsets of each decoded character when it holds escapes.</summary>
            private bool String(out string value, out int start, out int[]? offsets)
            {
                value = string.Empty;
                offsets = null;
                start = ++_position;
                var end = start;
                var escaped = false;
                while (end < _text.Length && _text[end] != '"')
                {
                    if (_text[end] == '\\')
                    {
                        escaped = true;
                        end++;
                    }
                    else if (_text[end] == '\n' || _text[end] == '\r')
                    {
                        return false;
                    }

                    end++;
                }

                if (end >= _text.Length)
                {
                    return false;
                }

                _position = end + 1;
                if (!escaped)
                {
                    value = _text.Substring(start, end - start);
                    return true;
                }

                var builder = new StringBuilder(end - start);
                var positions = new List<int>(end - start + 1);
                for (var i = start; i < end;)
                {
                    positions.Add(i);
                    if (_text[i] != '\\')
                    {
                        builder.Append(_text[i++]);
                        continue;
                    }

                    var escape = _text[i + 1];
                    switch (escape)
                    {
                        case 'u':
                            if (i + 6 > end || !int.TryParse(_text.Substring(i + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                            {
                                return false;
                            }

                            builder.Append((char)code);
                            i += 6;
                            continue;
                        case 'n':
                            builder.Append('\n');
                            break;
                        case 't':
                            builder.Append('\t');
                            break;
                        case 'r':
                            builder.Append('\r');
                            break;
                        case 'b':
                            builder.Append('\b');
                            break;
                        case 'f':
                            builder.Append('\f');
                            break;
                        default:
                            builder.Append(escape);
                            break;
                    }

                    i += 2;
                }

                positions.Add(end);
                value = builder.ToString();
                offsets = positions.ToArray();
                return true;
            }

            /// <summary>Skips whitespace and comments; false on a comment that never ends.</summary>
            private bool SkipTrivia()
            {
                while (_position < _text.Length)
                {
                    var c = _text[_position];
                    if (c is ' ' or '\t' or '\r' or '\n')
                    {
                        _position++;
                    }
                    else if (c == '/' && _position + 1 < _text.Length && _text[_position + 1] == '/')
                    {
                        while (_position < _text.Length && _text[_position] != '\n')
                        {
                            _position++;
                        }
                    }
                    else if (c == '/' && _position + 1 < _text.Length && _text[_position + 1] == '*')
                    {
                        var close = _text.IndexOf("*/", _position + 2, System.StringComparison.Ordinal);
                        if (close < 0)
                        {
                            return false;
                        }

                        _position = close + 2;
                    }
                    else
                    {
                        return true;
                    }
                }

                return true;
            }

            private static bool IsLiteralCharacter(char c) => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c is '-' or '+' or '.' or 'E';

            private static string Join(string key, string name) => key.Length == 0 ? name : key + ":" + name;
        }
    }
}
