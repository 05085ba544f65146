using System;
using System.Text;

namespace CometGuard.Bench
{
    /// <summary>
    /// Fake credentials for planted CG0002 problems, assembled at run time from a seeded generator
    /// so that no key-shaped literal is ever committed (the generated project lives in the
    /// git-ignored bench/out/).
    /// </summary>
    internal static class Keys
    {
        private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

        public static string Make(Random random, int shape)
        {
            return (shape % 4) switch
            {
                0 => "sk-" + "proj-" + Chars(random, 74) + "T3Blbk" + "FJ" + Chars(random, 74),
                1 => "sk-" + Chars(random, 48),
                2 => "sk-" + "ant-api03-" + Chars(random, 93) + "AA",
                _ => Chars(random, 40),
            };
        }

        /// <summary>A key of another OpenAI-compatible provider, in its documented shape: Google, Groq, xAI or Hugging Face.</summary>
        public static string Vendor(Random random, int shape)
        {
            return (shape % 4) switch
            {
                0 => "AI" + "za" + Chars(random, 35),
                1 => "gsk" + "_" + Chars(random, 52),
                2 => "xai" + "-" + Chars(random, 80),
                _ => "hf" + "_" + Chars(random, 34),
            };
        }

        /// <summary>An Azure OpenAI resource key: 32 hexadecimal digits.</summary>
        public static string Hex(Random random, int length)
        {
            var builder = new StringBuilder(length);
            for (var i = 0; i < length; i++)
            {
                builder.Append("0123456789abcdef"[random.Next(16)]);
            }

            return builder.ToString();
        }

        private static string Chars(Random random, int length)
        {
            var builder = new StringBuilder(length);
            for (var i = 0; i < length; i++)
            {
                builder.Append(Alphabet[random.Next(Alphabet.Length)]);
            }

            // A generic token must not be letters only (detectors drop those): pin one digit.
            builder[length / 2] = (char)('0' + random.Next(10));
            return builder.ToString();
        }
    }
}
