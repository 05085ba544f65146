using System;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace CometGuard.Probe
{
    /// <summary>
    /// The last line of defence before any text leaves the probe: removes the run's key (found by
    /// fingerprint), key shapes (<c>sk-…</c>, the <c>T3BlbkFJ</c> marker) and <c>Bearer</c> credentials.
    /// </summary>
    internal static class EvidenceScrubber
    {
        public const string Redacted = "[REDACTED]";

        private static readonly Regex KeyShapes = new Regex(
            @"(?<![A-Za-z0-9])sk-[A-Za-z0-9_-]{6,}|[A-Za-z0-9_-]*T3BlbkFJ[A-Za-z0-9_-]*|\bBearer\b(?:\s+[A-Za-z0-9._~+/=-]+)?",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.Compiled,
            TimeSpan.FromSeconds(1));

        // Values extracted from a body must look like identifiers: object types, finish states, error
        // codes, model ids. Anything else (free text, URLs with queries, echoed input) is not copied.
        private static readonly Regex TokenShape = new Regex(
            @"^[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,127}$",
            RegexOptions.CultureInvariant | RegexOptions.Compiled,
            TimeSpan.FromSeconds(1));

        public static bool ContainsKeyShape(string text)
        {
            try
            {
                return KeyShapes.IsMatch(text);
            }
            catch (RegexMatchTimeoutException)
            {
                return true;
            }
        }

        public static string Scrub(string text, KeyFingerprint? key)
        {
            if (string.IsNullOrEmpty(text))
            {
                return text;
            }

            if (key is not null)
            {
                text = key.Redact(text);
            }

            try
            {
                return KeyShapes.Replace(text, Redacted);
            }
            catch (RegexMatchTimeoutException)
            {
                return Redacted;
            }
        }

        /// <summary>An allow-listed token from a response body, or a marker when the value is not one.</summary>
        public static string? Token(string? value, KeyFingerprint? key)
        {
            if (string.IsNullOrEmpty(value))
            {
                return null;
            }

            if (!TokenShape.IsMatch(value))
            {
                return "[unrecognized]";
            }

            var scrubbed = Scrub(value, key);
            return scrubbed == value ? value : Redacted;
        }
    }

    /// <summary>
    /// Length and SHA-256 of the run's key: enough to find the key in a rendering (every window of
    /// that length is hashed) without keeping the key in the report.
    /// </summary>
    internal sealed class KeyFingerprint
    {
        private const int MinimumLength = 4;
        private readonly byte[] _hash;

        private KeyFingerprint(int length, byte[] hash)
        {
            Length = length;
            _hash = hash;
        }

        public int Length { get; }

        public static KeyFingerprint? Create(string? key)
        {
            if (key is null || key.Length < MinimumLength)
            {
                return null;
            }

            return new KeyFingerprint(key.Length, Hash(key.AsSpan()));
        }

        public string Redact(string text)
        {
            if (text.Length < Length)
            {
                return text;
            }

            StringBuilder? builder = null;
            var copiedUpTo = 0;
            var i = 0;
            while (i <= text.Length - Length)
            {
                if (CryptographicOperations.FixedTimeEquals(Hash(text.AsSpan(i, Length)), _hash))
                {
                    builder ??= new StringBuilder(text.Length);
                    builder.Append(text, copiedUpTo, i - copiedUpTo).Append(EvidenceScrubber.Redacted);
                    i += Length;
                    copiedUpTo = i;
                }
                else
                {
                    i++;
                }
            }

            if (builder is null)
            {
                return text;
            }

            builder.Append(text, copiedUpTo, text.Length - copiedUpTo);
            return builder.ToString();
        }

        private static byte[] Hash(ReadOnlySpan<char> value)
        {
            var bytes = Encoding.UTF8.GetBytes(value.ToArray());
            return SHA256.HashData(bytes);
        }
    }
}
