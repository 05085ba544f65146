using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CometGuard.Probe
{
    /// <summary>A response path such as <c>choices[0].message.content</c>, evaluated against a parsed body.</summary>
    internal sealed class ResponsePath
    {
        private static readonly Regex Segment = new Regex(
            @"\G(?:(?<name>[A-Za-z_][A-Za-z0-9_-]*)|\[(?<index>\d{1,6})\])",
            RegexOptions.CultureInvariant | RegexOptions.Compiled);

        private readonly List<object> _steps;

        private ResponsePath(List<object> steps)
        {
            _steps = steps;
        }

        public static bool TryParse(string? text, out ResponsePath path)
        {
            path = new ResponsePath(new List<object>());
            if (string.IsNullOrWhiteSpace(text) || text!.Length > 256)
            {
                return false;
            }

            var steps = new List<object>();
            var position = 0;
            var expectName = true;
            while (position < text.Length)
            {
                if (text[position] == '.' && !expectName && position + 1 < text.Length)
                {
                    position++;
                    expectName = true;
                }

                var match = Segment.Match(text, position);
                if (!match.Success || (expectName && !match.Groups["name"].Success))
                {
                    return false;
                }

                if (match.Groups["name"].Success)
                {
                    steps.Add(match.Groups["name"].Value);
                }
                else
                {
                    steps.Add(int.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture));
                }

                position += match.Length;
                expectName = false;
            }

            path = new ResponsePath(steps);
            return steps.Count > 0;
        }

        /// <summary>Whether the path leads to a non-null value.</summary>
        public bool IsPresentIn(JsonElement root)
        {
            var current = root;
            foreach (var step in _steps)
            {
                if (step is string name)
                {
                    if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
                    {
                        return false;
                    }
                }
                else
                {
                    var index = (int)step;
                    if (current.ValueKind != JsonValueKind.Array || index >= current.GetArrayLength())
                    {
                        return false;
                    }

                    current = current[index];
                }
            }

            return current.ValueKind != JsonValueKind.Null && current.ValueKind != JsonValueKind.Undefined;
        }
    }
}
