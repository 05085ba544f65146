using System;
using System.Text.RegularExpressions;

namespace CometGuard.Analyzers.Secrets
{
    /// <summary>
    /// Recognises credential-shaped strings (placeholders are <see cref="Placeholders"/>'s). Patterns follow gitleaks, trufflehog
    /// and detect-secrets: anchored on public prefixes and markers, never fixed-length.
    /// </summary>
    internal static class SecretShapes
    {
        /// <summary>Longer than any vendor key; matching runs only on windows of this size, so cost stays linear.</summary>
        private const int Window = 512;

        // Built on first use, only when a literal passes the cheap pre-filter. Interpreted patterns
        // (RegexOptions.Compiled costs more at analyzer load than it saves; docs/performance.md). They run
        // only on bounded windows, so no match timeout is needed: a timeout would make results
        // depend on how loaded the build machine is.
        private static class Patterns
        {
            private static readonly TimeSpan Timeout = Regex.InfiniteMatchTimeout;

            // OpenAI: sk-, sk-proj-, sk-svcacct-, sk-admin-, sk-None- with the T3BlbkFJ marker, or a long
            // random tail (project keys, CometAPI and other OpenAI-compatible gateways' sk- keys).
            public static readonly Regex OpenAiMarked = new Regex(
                @"^sk-(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}",
                RegexOptions.CultureInvariant,
                Timeout);

            public static readonly Regex OpenAiLong = new Regex(
                @"^sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{32,}",
                RegexOptions.CultureInvariant,
                Timeout);

            public static readonly Regex Anthropic = new Regex(
                @"^sk-ant-(?:api\d\d|admin\d\d)-[A-Za-z0-9_-]{40,}",
                RegexOptions.CultureInvariant,
                Timeout);

            /// <summary>In the order they are tried: the most specific shape first.</summary>
            public static readonly Regex[] Keys = { OpenAiMarked, Anthropic, OpenAiLong };
        }

        /// <summary>Cheap pre-filter for literals anywhere in the code: only these are matched against the key shapes.</summary>
        public static bool MayContainKey(string text)
        {
            return text.Length >= 30
                && (text.IndexOf("sk-", StringComparison.Ordinal) >= 0 || text.IndexOf("T3BlbkFJ", StringComparison.Ordinal) >= 0);
        }

        /// <summary>Finds a vendor key shape inside <paramref name="text"/>; the match is the key.</summary>
        public static bool TryFindKey(string text, out string key)
        {
            key = string.Empty;
            if (!MayContainKey(text))
            {
                return false;
            }

            // Every key shape starts with "sk-" at a token boundary (not inside "disk-" or "task-").
            for (var start = text.IndexOf("sk-", StringComparison.Ordinal); start >= 0; start = text.IndexOf("sk-", start + 3, StringComparison.Ordinal))
            {
                if (start > 0 && IsKeyCharacter(text[start - 1]))
                {
                    continue;
                }

                var window = text.Substring(start, Math.Min(Window, text.Length - start));
                foreach (var pattern in Patterns.Keys)
                {
                    var match = pattern.Match(window);
                    if (match.Success && !Placeholders.IsKeyPlaceholder(match.Value) && LooksRandom(match.Value))
                    {
                        key = match.Value;
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// A hard-coded value in a credential position is reported when it is not a placeholder and
        /// looks like a secret: a vendor key shape, or a generic token of 16+ characters that is not
        /// letters-only, not one repeated character, and has Shannon entropy above 3 bits.
        /// </summary>
        public static bool IsCredentialLike(string value)
        {
            value = StripScheme(value.Trim());
            if (value.Length == 0 || Placeholders.IsKeyPlaceholder(value))
            {
                return false;
            }

            if (TryFindKey(value, out _))
            {
                return true;
            }

            return value.Length >= 16 && LooksRandom(value);
        }

        /// <summary>Removes a leading <c>Bearer </c> scheme, as in an Authorization header value.</summary>
        public static string StripScheme(string value)
        {
            const string Bearer = "Bearer ";
            return value.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) ? value.Substring(Bearer.Length).Trim() : value;
        }

        private static bool IsKeyCharacter(char c) => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';

        private static bool LooksRandom(string value)
        {
            var hasDigitOrSymbol = false;
            var first = value[0];
            var allSame = true;
            foreach (var c in value)
            {
                if (!char.IsLetter(c))
                {
                    hasDigitOrSymbol = true;
                }

                if (c != first)
                {
                    allSame = false;
                }
            }

            return hasDigitOrSymbol && !allSame && ShannonEntropy(value) > 3.0;
        }

        private static double ShannonEntropy(string value)
        {
            var counts = new int[128];
            var other = 0;
            foreach (var c in value)
            {
                if (c < 128)
                {
                    counts[c]++;
                }
                else
                {
                    other++;
                }
            }

            double entropy = 0;
            double length = value.Length;
            foreach (var count in counts)
            {
                if (count > 0)
                {
                    var p = count / length;
                    entropy -= p * Math.Log(p, 2);
                }
            }

            if (other > 0)
            {
                var p = other / length;
                entropy -= p * Math.Log(p, 2);
            }

            return entropy;
        }
    }
}
