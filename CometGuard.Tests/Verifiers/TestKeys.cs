using System;
using System.Text;

namespace CometGuard.Tests.Verifiers
{
    /// <summary>
    /// Fake but realistically shaped credentials, assembled at run time from a seeded generator so
    /// that no key-shaped literal is ever committed to this repository. Tests assert that none of
    /// these values appears in a diagnostic message, a build log or an evidence record.
    /// </summary>
    internal static class TestKeys
    {
        private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

        /// <summary>A project key: <c>sk-proj-</c>, 74 characters, the <c>T3BlbkFJ</c> marker, 74 more.</summary>
        public static string OpenAiProject { get; } = "sk-" + "proj-" + Random(11, 74) + "T3Blbk" + "FJ" + Random(12, 74);

        /// <summary>A legacy / gateway-style key: <c>sk-</c> and 48 random characters.</summary>
        public static string OpenAiLegacy { get; } = "sk-" + Random(13, 48);

        /// <summary>A service-account key with the marker.</summary>
        public static string OpenAiServiceAccount { get; } = "sk-" + "svcacct-" + Random(14, 44) + "T3Blbk" + "FJ" + Random(15, 44);

        /// <summary>An Anthropic key: <c>sk-ant-api03-</c>, 93 characters, <c>AA</c>.</summary>
        public static string Anthropic { get; } = "sk-" + "ant-api03-" + Random(16, 93) + "AA";

        /// <summary>The other OpenAI-compatible providers' shapes (prefix and length as gitleaks and trufflehog define them).</summary>
        public static string Google { get; } = "AIza" + Random(31, 35);

        public static string Groq { get; } = "gsk" + "_" + Random(32, 52);

        public static string XAi { get; } = "xai" + "-" + Random(33, 80);

        public static string HuggingFace { get; } = "hf" + "_" + Random(34, 34);

        public static string Perplexity { get; } = "pplx" + "-" + Random(35, 48);

        public static string Replicate { get; } = "r8" + "_" + Random(36, 37);

        public static string OpenRouter { get; } = "sk-" + "or-v1-" + Hex(37, 64);

        /// <summary>A generic high-entropy token with no vendor prefix, as a self-hosted gateway issues.</summary>
        public static string Generic { get; } = Random(17, 40);

        public static string Random(int seed, int length)
        {
            var random = new Random(seed);
            var builder = new StringBuilder(length);
            for (var i = 0; i < length; i++)
            {
                builder.Append(Alphabet[random.Next(Alphabet.Length)]);
            }

            return builder.ToString();
        }

        /// <summary>Lower-case hex, as Azure OpenAI issues its 32-character keys.</summary>
        public static string Hex(int seed, int length)
        {
            var random = new Random(seed);
            var builder = new StringBuilder(length);
            for (var i = 0; i < length; i++)
            {
                builder.Append("0123456789abcdef"[random.Next(16)]);
            }

            return builder.ToString();
        }

        public static string[] All => new[] { OpenAiProject, OpenAiLegacy, OpenAiServiceAccount, Anthropic, Generic };
    }
}
