using System;
using System.Text;
using System.Text.RegularExpressions;

namespace CometGuard.Analyzers.Sinks
{
    /// <summary>
    /// The one placeholder table: values that say they stand for something else. CG0001 (model ids), CG0002 (keys) and the
    /// configuration-file rule ask it, and the rule pages list it from here (a documentation test renders it).
    /// </summary>
    public static class Placeholders
    {
        /// <summary>Longer than any vendor key; a longer value is no placeholder, and the bound keeps matching linear.</summary>
        private const int Window = 512;

        /// <summary>Templates for a value substituted later, for keys and model ids alike: blank, <c>&lt;…&gt;</c>, <c>${VAR}</c>, <c>$(VAR)</c>, <c>$VAR</c>, <c>{{var}}</c>, <c>%VAR%</c>.</summary>
        public static ImmutableArray<string> Templates { get; } = ImmutableArray.Create("<…>", "${…}", "$(…)", "$VAR", "{{…}}", "%VAR%");

        /// <summary>
        /// Words that make a key a placeholder when the value, or the key's body after its vendor prefix (<c>sk-</c>,
        /// <c>sk-proj-</c>, …), starts with one (<c>YOUR_API_KEY</c>, <c>sk-xxxx…</c>, <c>changeme123</c>), or when one stands as a
        /// whole word between separators (<c>-</c>, <c>_</c>, <c>.</c>, space); in lower case, capitals or capitalised.
        /// </summary>
        public static ImmutableArray<string> KeyMarkers { get; } = ImmutableArray.Create(
            "your", "placeholder", "example", "redacted", "changeme", "replace", "dummy", "xxxx", "not-a-real", "test-key", "testkey");

        /// <summary>
        /// Words that make a key a placeholder when one stands as a whole word between separators (cased as the markers): a key
        /// spelled in words (<c>sk-not-a-real-key</c>, <c>sk-fake-123</c>).
        /// </summary>
        public static ImmutableArray<string> KeyWords { get; } = ImmutableArray.Create(
            "not", "fake", "invalid", "sample", "mock", "bogus", "fictional", "demo");

        /// <summary>Characters no key holds, anywhere in the value: an elided key.</summary>
        public static ImmutableArray<string> KeyElisions { get; } = ImmutableArray.Create("...", "***", "…");

        /// <summary>Starts of a model id that say it is not a real one, ignoring case.</summary>
        public static ImmutableArray<string> ModelPrefixes { get; } = ImmutableArray.Create(
            "mock-", "fake-", "dummy-", "test-", "example-", "your-", "mock_", "fake_", "dummy_", "test_", "example_", "your_", "model_name", "model-name");

        /// <summary>Whole model ids that are placeholders, ignoring case. Other single words stay ids: Azure deployment names are words a team chose.</summary>
        public static ImmutableArray<string> ModelWords { get; } = ImmutableArray.Create("model", "test", "placeholder");

        private static class Patterns
        {
            public static readonly Regex Template = new Regex(
                @"^\s*$|^<.*>$|^\$\{.*\}$|^\$\(.*\)$|^\$[A-Za-z_][A-Za-z0-9_]*$|^\{\{.*\}\}$|^%[A-Za-z_][A-Za-z0-9_]*%$",
                RegexOptions.CultureInvariant,
                Regex.InfiniteMatchTimeout);

            // Compiled: tried on every value in a credential position; compiling is paid once, when the analyzer loads.
            // A random body starts with a marker, or holds a word between two separators, too rarely to matter: the
            // tests measure it over every detected key shape. A marker anywhere inside (`your` in a random body) is not
            // enough: real keys held such runs about once in ten thousand.
            public static readonly Regex Key = new Regex(
                @"^(?:sk-(?:proj-|svcacct-|admin-|ant-|or-)?)?(?:" + Alternation(KeyMarkers, cased: true) + ")"
                    + @"|(?:^|[-_. ])(?:" + Alternation(KeyMarkers, cased: true) + "|" + Alternation(KeyWords, cased: true) + @")(?:$|[-_. ])"
                    + "|" + Alternation(KeyElisions, cased: false),
                RegexOptions.CultureInvariant | RegexOptions.Compiled,
                Regex.InfiniteMatchTimeout);

            // MODEL_NAME, YOUR_MODEL, DEPLOYMENT: capitals, digits and underscores, the shape of an environment variable.
            public static readonly Regex ConstantName = new Regex(@"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$|^[A-Z]{4,}$", RegexOptions.CultureInvariant, Regex.InfiniteMatchTimeout);

            /// <summary>
            /// The words as written, and (<paramref name="cased"/>) in capitals and capitalised: a person writes <c>fake</c>,
            /// <c>FAKE</c> or <c>Fake</c>, while a random body's mixed case (<c>fAkE</c>) is no word.
            /// </summary>
            private static string Alternation(ImmutableArray<string> words, bool cased)
            {
                var pattern = new StringBuilder();
                foreach (var word in words)
                {
                    Append(word);
                    if (cased)
                    {
                        Append(word.ToUpperInvariant());
                        Append(char.ToUpperInvariant(word[0]) + word.Substring(1));
                    }
                }

                return pattern.ToString();

                void Append(string text) => pattern.Append(pattern.Length == 0 ? string.Empty : "|").Append(Regex.Escape(text));
            }
        }

        /// <summary>A value to be substituted later (see <see cref="Templates"/>).</summary>
        public static bool IsTemplate(string value) => value.Length <= Window && Patterns.Template.IsMatch(value);

        /// <summary>A key that says it is none: a template, a marker at its start or as a word, a key word, an elision.</summary>
        public static bool IsKeyPlaceholder(string value)
            => value.Length <= Window && (Patterns.Template.IsMatch(value) || Patterns.Key.IsMatch(value));

        /// <summary>A model id that says it is none: a template, an environment-variable-shaped name, a placeholder prefix or word.</summary>
        public static bool IsModelPlaceholder(string value)
        {
            value = value.Trim();
            if (value.Length == 0 || value.Length > Window || Patterns.Template.IsMatch(value) || Patterns.ConstantName.IsMatch(value))
            {
                return true;
            }

            foreach (var word in ModelWords)
            {
                if (string.Equals(value, word, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            foreach (var prefix in ModelPrefixes)
            {
                if (value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
