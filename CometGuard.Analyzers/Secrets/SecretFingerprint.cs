using System;
using System.Security.Cryptography;
using System.Text;

namespace CometGuard.Analyzers.Secrets
{
    /// <summary>
    /// The only way a secret may appear in a message: its public prefix (if any), its length and a
    /// short SHA-256 fingerprint, so two reports of the same key can be matched without showing it.
    /// </summary>
    internal static class SecretFingerprint
    {
        public static string Describe(string secret)
        {
            var prefix = string.Empty;
            foreach (var candidate in SecretShapes.Prefixes)
            {
                if (secret.StartsWith(candidate, StringComparison.Ordinal))
                {
                    prefix = candidate;
                    break;
                }
            }

            return (prefix.Length == 0 ? "'…'" : "'" + prefix + "…'") + " (" + secret.Length + " chars, " + Fingerprint(secret) + ")";
        }

        /// <summary><c>sha256:</c> and the first 8 hex digits of the digest: what a message prints and an allow-list names.</summary>
        public static string Fingerprint(string secret) => "sha256:" + Hash(secret);

        private static string Hash(string secret)
        {
            using var sha = SHA256.Create();
            var digest = sha.ComputeHash(Encoding.UTF8.GetBytes(secret));
            var builder = new StringBuilder(8);
            for (var i = 0; i < 4; i++)
            {
                builder.Append(digest[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }

            return builder.ToString();
        }
    }
}
