using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.CodeAnalysis.Text;

namespace CometGuard.Analyzers.Configuration
{
    /// <summary>
    /// Which additional files are configuration (<c>appsettings*.json</c>, <c>launchSettings.json</c>, <c>.env</c>, and any
    /// file the package's <c>CometGuardConfigurationFile</c> item marks), and the literal keys their values hold: a
    /// vendor key shape anywhere, the <c>Key=</c>/<c>ApiKey=</c>/<c>AccessKey=</c> segment of a connection string, and a
    /// credential-looking value under a credential name — the shape, placeholder and low-entropy tables of CG0002.
    /// </summary>
    internal static class ConfigurationFiles
    {
        /// <summary>Larger files are not configuration a team writes by hand; they are skipped unread.</summary>
        public const int MaxLength = 1 << 20;

        /// <summary>The item metadata the package sets on the files it adds (and on <c>CometGuardConfigurationFile</c> items).</summary>
        public const string MetadataKey = "build_metadata.AdditionalFiles.CometGuardConfiguration";

        /// <summary>The connection-string segments that hold a key (.NET Aspire's OpenAI and Azure OpenAI integrations read <c>Key=</c>).</summary>
        private static readonly string[] KeySegments = { "Key", "ApiKey", "AccessKey" };

        public enum Kind
        {
            None,
            Json,
            DotEnv,
        }

        public static Kind KindOf(string path, bool marked)
        {
            var name = Path.GetFileName(path);
            if (name.Equals(".env", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith(".env.", StringComparison.OrdinalIgnoreCase)
                || name.EndsWith(".env", StringComparison.OrdinalIgnoreCase))
            {
                return Kind.DotEnv;
            }

            if ((name.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                || name.Equals("launchSettings.json", StringComparison.OrdinalIgnoreCase))
            {
                return Kind.Json;
            }

            return marked ? Kind.Json : Kind.None;
        }

        /// <summary>The literal keys in a configuration file; none when it is too large or not valid JSON.</summary>
        public static List<ConfigurationSecret> Find(SourceText text, Kind kind)
        {
            var secrets = new List<ConfigurationSecret>();
            if (kind == Kind.None || text.Length > MaxLength)
            {
                return secrets;
            }

            var content = text.ToString();
            if (!SecretsMayBeIn(content))
            {
                return secrets;
            }

            var values = new List<ConfigurationValue>();
            if (kind == Kind.DotEnv)
            {
                DotEnvValues.Read(content, values);
            }
            else if (!JsonValues.TryRead(content, values))
            {
                return secrets;
            }

            foreach (var value in values)
            {
                Find(value, secrets);
            }

            return secrets;
        }

        private static void Find(ConfigurationValue value, List<ConfigurationSecret> secrets)
        {
            var text = value.Value;
            if (text.Length < 16)
            {
                return;
            }

            if (SecretShapes.TryFindKey(text, out var key))
            {
                secrets.Add(new ConfigurationSecret(value.Key, key, value.Span(text.IndexOf(key, StringComparison.Ordinal), key.Length)));
                return;
            }

            if (ConnectionStringKeys(value, secrets))
            {
                return;
            }

            if (CredentialNames.IsCredentialName(LastSegment(value.Key)) && SecretShapes.IsCredentialLike(text) && !IsReference(text))
            {
                var secret = SecretShapes.StripScheme(text.Trim());
                secrets.Add(new ConfigurationSecret(value.Key, secret, value.Span(text.IndexOf(secret, StringComparison.Ordinal), secret.Length)));
            }
        }

        /// <summary><c>Endpoint=https://…;Key=…</c>: a key segment holding a credential-looking value.</summary>
        private static bool ConnectionStringKeys(ConfigurationValue value, List<ConfigurationSecret> secrets)
        {
            var text = value.Value;
            if (text.IndexOf('=') < 0)
            {
                return false;
            }

            var found = false;
            var start = 0;
            while (start < text.Length)
            {
                var end = text.IndexOf(';', start);
                if (end < 0)
                {
                    end = text.Length;
                }

                var equals = text.IndexOf('=', start);
                if (equals > start && equals < end && IsKeySegment(text.Substring(start, equals - start).Trim()))
                {
                    var valueStart = equals + 1;
                    var valueEnd = end;
                    while (valueStart < valueEnd && char.IsWhiteSpace(text[valueStart]))
                    {
                        valueStart++;
                    }

                    while (valueEnd > valueStart && char.IsWhiteSpace(text[valueEnd - 1]))
                    {
                        valueEnd--;
                    }

                    if (valueEnd - valueStart >= 2 && text[valueStart] is '\'' or '"' && text[valueEnd - 1] == text[valueStart])
                    {
                        valueStart++;
                        valueEnd--;
                    }

                    var segment = text.Substring(valueStart, valueEnd - valueStart);
                    if (SecretShapes.IsCredentialLike(segment))
                    {
                        secrets.Add(new ConfigurationSecret(value.Key, segment, value.Span(valueStart, segment.Length)));
                        found = true;
                    }
                }

                start = end + 1;
            }

            return found;
        }

        /// <summary>
        /// A value that names where a secret lives rather than holding one: a URL or path (<c>/run/secrets/api_key</c>), a Key
        /// Vault reference (<c>@Microsoft.KeyVault(SecretUri=…)</c>), or words joined by separators (<c>openai-api-key-prod</c>,
        /// <c>X-Correlation-Id</c>): every part letters only.
        /// </summary>
        private static bool IsReference(string value)
        {
            if (value.IndexOf("://", StringComparison.Ordinal) >= 0 || value.StartsWith("/", StringComparison.Ordinal) || value.StartsWith("@", StringComparison.Ordinal))
            {
                return true;
            }

            foreach (var part in value.Split('-', '_', '.', ':', '/', ' '))
            {
                foreach (var c in part)
                {
                    if (!char.IsLetter(c))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private static bool IsKeySegment(string name)
        {
            foreach (var segment in KeySegments)
            {
                if (name.Equals(segment, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A file without a long token character run cannot hold a key: most configuration files end here.</summary>
        private static bool SecretsMayBeIn(string content)
        {
            var run = 0;
            foreach (var c in content)
            {
                run = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c is '_' or '-' or '+' or '/' or '=' ? run + 1 : 0;
                if (run >= 16)
                {
                    return true;
                }
            }

            return false;
        }

        private static string LastSegment(string key)
        {
            var colon = key.LastIndexOf(':');
            return colon >= 0 ? key.Substring(colon + 1) : key;
        }
    }

    /// <summary>A literal key found in a configuration file: its configuration key, the key itself, and its span in the file.</summary>
    internal sealed class ConfigurationSecret
    {
        public ConfigurationSecret(string key, string secret, TextSpan span)
        {
            Key = key;
            Secret = secret;
            Span = span;
        }

        /// <summary>The .NET configuration key that holds it (<c>Gateway:ApiKey</c>), or the variable name.</summary>
        public string Key { get; }

        public string Secret { get; }

        public TextSpan Span { get; }
    }
}
