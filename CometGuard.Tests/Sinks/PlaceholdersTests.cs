using System;
using System.Text;
using CometGuard.Analyzers.Secrets;
using CometGuard.Analyzers.Sinks;
using Xunit.Abstractions;

namespace CometGuard.Tests.Sinks
{
    public class PlaceholdersTests
    {
        private readonly ITestOutputHelper _output;

        public PlaceholdersTests(ITestOutputHelper output) => _output = output;

        [Theory]
        [InlineData("MODEL_NAME")]
        [InlineData("YOUR_MODEL")]
        [InlineData("DEPLOYMENT")]
        [InlineData("<model>")]
        [InlineData("<your-deployment>")]
        [InlineData("${MODEL}")]
        [InlineData("{{model}}")]
        [InlineData("mock-model")]
        [InlineData("fake-gpt")]
        [InlineData("dummy-model")]
        [InlineData("test-model")]
        [InlineData("example-model")]
        [InlineData("your-model-here")]
        [InlineData("model_name_replaced")]
        [InlineData("model")]
        [InlineData("Model")]
        [InlineData("test")]
        [InlineData("placeholder")]
        [InlineData("  ")]
        public void Placeholder_model_ids(string value) => Assert.True(Placeholders.IsModelPlaceholder(value), value);

        [Theory]
        [InlineData("gpt-4o")]
        [InlineData("o3-mini")]
        [InlineData("claude-3-5-sonnet-20241022")]
        [InlineData("llama-3.1-8b")]
        [InlineData("gpt-4o-2024-08-06")]
        [InlineData("chat")]
        [InlineData("summarizer")]
        [InlineData("my-gpt4o-deployment")]
        [InlineData("deepseek-chat")]
        [InlineData("GPT4O")]
        [InlineData("testing-gpt")]
        [InlineData("models/gemini-1.5-pro")]
        public void Real_model_ids_and_deployment_names(string value) => Assert.False(Placeholders.IsModelPlaceholder(value), value);

        [Theory]
        [InlineData("sk-not-a-real-key")]
        [InlineData("sk-not-a-real-credential")]
        [InlineData("not-a-real-key-just-for-unit-tests-42")]
        [InlineData("sk-fake-1234567890abcdef1234")]
        [InlineData("sk-invalid-key-for-tests-0001")]
        [InlineData("sk-dummy_0123456789abcdefghij")]
        [InlineData("sk-test-key-0123456789")]
        [InlineData("sk-proj-example-0123456789abcdefghij")]
        [InlineData("<API_KEY>")]
        [InlineData("YOUR_API_KEY")]
        [InlineData("sk-...")]
        public void Self_described_fake_keys(string value) => Assert.True(Placeholders.IsKeyPlaceholder(value), value);

        /// <summary>
        /// The word rule over every key shape CG0002 detects, with the base64url alphabet real keys use: no generated key
        /// may read as a placeholder, and each must still be found. A token such as <c>-not-</c> inside a random body is the
        /// one way a real key could slip; the count shows how rare that is.
        /// </summary>
        [Fact]
        public void No_real_format_key_reads_as_a_placeholder()
        {
            const int PerShape = 20_000;
            var random = new Random(20261202);
            var shapes = new (string Name, Func<string> Make)[]
            {
                ("sk- (48)", () => "sk-" + Body(random, 48)),
                ("sk-proj- marker", () => "sk-proj-" + Body(random, 74) + "T3BlbkFJ" + Body(random, 74)),
                ("sk-svcacct- marker", () => "sk-svcacct-" + Body(random, 44) + "T3BlbkFJ" + Body(random, 44)),
                ("sk-ant-api03-", () => "sk-ant-api03-" + Body(random, 93) + "AA"),
                ("AIza (35)", () => "AIza" + Body(random, 35)),
                ("gsk_ (52)", () => "gsk_" + Alnum(random, 52)),
                ("xai- (80)", () => "xai-" + Alnum(random, 80)),
                ("hf_ (34)", () => "hf_" + Alnum(random, 34)),
                ("pplx- (48)", () => "pplx-" + Alnum(random, 48)),
                ("r8_ (37)", () => "r8_" + Body(random, 37)),
                ("generic (40)", () => Body(random, 40)),
            };

            var placeholders = 0;
            var vendorMissed = 0;
            foreach (var (name, make) in shapes)
            {
                var read = 0;
                var missed = 0;
                for (var i = 0; i < PerShape; i++)
                {
                    var key = make();
                    read += Placeholders.IsKeyPlaceholder(key) ? 1 : 0;
                    missed += SecretShapes.IsCredentialLike(key) ? 0 : 1;
                    // A vendor shape is found anywhere, not only in a credential position.
                    missed += name.StartsWith("generic", StringComparison.Ordinal) || (SecretShapes.TryFindKey("x = \"" + key + "\";", out var found) && found == key) ? 0 : 1;
                }

                // A generic token made of letters only is not credential-like by design (a word is no key): about
                // (52/64)^40 of random 40-character bodies, so a few per 20,000 are expected there and only there.
                _output.WriteLine(name + ": " + read + " of " + PerShape + " read as placeholders, " + missed + " not credential-like or not found anywhere");
                placeholders += read;
                vendorMissed += name.StartsWith("generic", StringComparison.Ordinal) ? 0 : missed;
            }

            Assert.Equal(0, placeholders);
            Assert.Equal(0, vendorMissed);
        }

        private static string Alnum(Random random, int length) => Body(random, length, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");

        private static string Body(Random random, int length, string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        {
            var builder = new StringBuilder(length);
            for (var i = 0; i < length; i++)
            {
                builder.Append(alphabet[random.Next(alphabet.Length)]);
            }

            return builder.ToString();
        }
    }
}
