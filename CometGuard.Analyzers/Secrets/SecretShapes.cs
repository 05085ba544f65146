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

        /// <summary>
        /// The public prefixes that start a key detected anywhere, each before the shorter ones it contains: with the OpenAI
        /// marker, the cheap pre-filter for every literal, and what a message may show of a key.
        /// </summary>
        public static readonly string[] Prefixes =
        {
            "sk-ant-api03-", "sk-ant-admin01-", "sk-or-v1-", "sk-svcacct-", "sk-admin-", "sk-proj-", "sk-None-", "sk-ant-",
            "api_org_", "lsv2_", "pplx-", "AIza", "gsk_", "xai-", "hf_", "r8_", "sk-",
        };

        /// <summary>The prefixes no other prefix is contained in (`sk-` covers every `sk-…`): the pre-filter scans each once.</summary>
        private static readonly string[] ScannedPrefixes = Array.FindAll(Prefixes, p => !Array.Exists(Prefixes, q => q != p && p.Contains(q)));

        // Built on first use, only when a literal passes the cheap pre-filter. Interpreted patterns
        // (RegexOptions.Compiled costs more at analyzer load than it saves; docs/performance.md). They run
        // only on bounded windows, so no match timeout is needed: a timeout would make results
        // depend on how loaded the build machine is.
        private static class Patterns
        {
            private static readonly TimeSpan Timeout = Regex.InfiniteMatchTimeout;

            // The key ends where key characters end: a longer run is an identifier or a blob, not this key.
            private const string End = "(?![A-Za-z0-9_-])";

            /// <summary>
            /// Each shape with the prefix it starts at, in the order they are tried: the most specific first. Fixed
            /// prefix and length as gitleaks (config/gitleaks.toml at b58d3f1: gcp-api-key, huggingface-access-token,
            /// huggingface-organization-api-token, perplexity-api-key, anthropic-api-key, openai-api-key) and trufflehog
            /// (pkg/detectors at 3ab759f: openrouter, groq, xai, replicate, langsmith) define them. Fireworks' `fw_` is in
            /// neither, so it is left to the credential-position rule.
            /// </summary>
            public static readonly (string Prefix, Regex Pattern)[] Keys =
            {
                // OpenAI: sk-, sk-proj-, sk-svcacct-, sk-admin-, sk-None- with the T3BlbkFJ marker, or a long
                // random tail (project keys, CometAPI and other OpenAI-compatible gateways' sk- keys).
                ("sk-", new Regex(@"^sk-(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}", RegexOptions.CultureInvariant, Timeout)),
                ("sk-ant-", new Regex(@"^sk-ant-(?:api\d\d|admin\d\d)-[A-Za-z0-9_-]{40,}", RegexOptions.CultureInvariant, Timeout)),
                ("sk-or-v1-", new Regex("^sk-or-v1-[0-9a-f]{64}" + End, RegexOptions.CultureInvariant, Timeout)),
                ("sk-", new Regex(@"^sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{32,}", RegexOptions.CultureInvariant, Timeout)),
                ("AIza", new Regex("^AIza[0-9A-Za-z_-]{35}" + End, RegexOptions.CultureInvariant, Timeout)),
                ("gsk_", new Regex("^gsk_[A-Za-z0-9]{52}" + End, RegexOptions.CultureInvariant, Timeout)),
                ("xai-", new Regex("^xai-[0-9A-Za-z_]{80}" + End, RegexOptions.CultureInvariant, Timeout)),
                ("hf_", new Regex("^hf_[A-Za-z0-9]{34}" + End, RegexOptions.CultureInvariant, Timeout)),
                ("api_org_", new Regex("^api_org_[A-Za-z0-9]{34}" + End, RegexOptions.CultureInvariant, Timeout)),
                ("pplx-", new Regex("^pplx-[A-Za-z0-9]{48}" + End, RegexOptions.CultureInvariant, Timeout)),
                ("r8_", new Regex("^r8_[0-9A-Za-z_-]{37}" + End, RegexOptions.CultureInvariant, Timeout)),
                ("lsv2_", new Regex("^lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}" + End, RegexOptions.CultureInvariant, Timeout)),
            };
        }

        /// <summary>Cheap pre-filter for literals anywhere in the code: only these are matched against the key shapes.</summary>
        public static bool MayContainKey(string text)
        {
            if (text.Length < 30)
            {
                return false;
            }

            foreach (var prefix in ScannedPrefixes)
            {
                if (text.IndexOf(prefix, StringComparison.Ordinal) >= 0)
                {
                    return true;
                }
            }

            return text.IndexOf("T3BlbkFJ", StringComparison.Ordinal) >= 0;
        }

        /// <summary>Finds a vendor key shape inside <paramref name="text"/>; the match is the key.</summary>
        public static bool TryFindKey(string text, out string key)
        {
            key = string.Empty;
            if (!MayContainKey(text))
            {
                return false;
            }

            foreach (var (prefix, pattern) in Patterns.Keys)
            {
                // Every key starts at a token boundary (not `sk-` inside "disk-" or "task-", not `hf_` inside "chf_").
                for (var start = text.IndexOf(prefix, StringComparison.Ordinal); start >= 0; start = text.IndexOf(prefix, start + prefix.Length, StringComparison.Ordinal))
                {
                    if (start > 0 && IsKeyCharacter(text[start - 1]))
                    {
                        continue;
                    }

                    var match = pattern.Match(text.Substring(start, Math.Min(Window, text.Length - start)));
                    // The prefix is the evidence: a vendor key made of letters only (a Google `AIza…` often is) still counts.
                    if (match.Success && !Placeholders.IsKeyPlaceholder(match.Value) && LooksRandom(match.Value, requireNonLetter: false))
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

        private static bool LooksRandom(string value, bool requireNonLetter = true)
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

            return (hasDigitOrSymbol || !requireNonLetter) && !allSame && ShannonEntropy(value) > 3.0;
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
