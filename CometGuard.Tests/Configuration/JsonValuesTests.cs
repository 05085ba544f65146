using System.Collections.Generic;
using System.Linq;
using CometGuard.Analyzers.Configuration;

namespace CometGuard.Tests.Configuration
{
    public class JsonValuesTests
    {
        [Fact]
        public void Keys_join_with_colons_and_number_array_items()
        {
            var values = Read("""
                {
                  "Logging": { "LogLevel": { "Default": "Information" } },
                  "Routes": [ "primary", { "Model": "gpt-4o" }, [ "nested" ] ],
                  "Count": 3, "Enabled": true, "Missing": null
                }
                """);

            Assert.Equal(
                new[] { "Logging:LogLevel:Default=Information", "Routes:0=primary", "Routes:1:Model=gpt-4o", "Routes:2:0=nested" },
                values.Select(v => v.Key + "=" + v.Value));
        }

        [Fact]
        public void Comments_trailing_commas_and_a_byte_order_mark_are_read()
        {
            var values = Read("\uFEFF{ // line\n \"A\": \"1\", /* block */ \"B\": [ \"2\", ], }");
            Assert.Equal(new[] { "A=1", "B:0=2" }, values.Select(v => v.Key + "=" + v.Value));
        }

        [Fact]
        public void Escapes_are_decoded_and_spans_map_back_to_the_file()
        {
            const string text = "{ \"K\": \"a\\\"b\\u0063d\" }";
            var value = Assert.Single(Read(text));
            Assert.Equal("a\"bcd", value.Value);

            // "bcd" starts at the file's 'b' and ends after 'd', across the six-character \u0063.
            var span = value.Span(2, 3);
            Assert.Equal("b\\u0063d", text.Substring(span.Start, span.Length));
        }

        [Theory]
        [InlineData("{ \"A\": \"1\" ")]
        [InlineData("{ \"A\" \"1\" }")]
        [InlineData("{ \"A\": \"line\nbreak\" }")]
        [InlineData("{ \"A\": \"1\" } trailing")]
        [InlineData("{ /* never closed }")]
        [InlineData("")]
        public void Text_that_is_not_json_is_refused(string text)
        {
            Assert.False(JsonValues.TryRead(text, new List<ConfigurationValue>()));
        }

        [Fact]
        public void Nesting_beyond_the_bound_is_refused_not_overflowed()
        {
            Assert.False(JsonValues.TryRead(new string('[', 100_000) + new string(']', 100_000), new List<ConfigurationValue>()));
        }

        private static List<ConfigurationValue> Read(string text)
        {
            var values = new List<ConfigurationValue>();
            Assert.True(JsonValues.TryRead(text, values));
            return values;
        }
    }
}
