namespace CometGuard.Analyzers.Configuration
{
    /// <summary>
    /// One string value of a configuration file: its .NET configuration key (<c>Gateway:ApiKey</c>,
    /// <c>profiles:App:environmentVariables:OPENAI_API_KEY</c>), its decoded text, and where each decoded character sits
    /// in the file, so a finding inside it points at the exact line and column.
    /// </summary>
    internal sealed class ConfigurationValue
    {
        private readonly int _start;
        private readonly int[]? _offsets;

        public ConfigurationValue(string key, string value, int start, int[]? offsets)
        {
            Key = key;
            Value = value;
            _start = start;
            _offsets = offsets;
        }

        public string Key { get; }

        public string Value { get; }

        /// <summary>The span in the file of <paramref name="length"/> decoded characters from <paramref name="index"/>.</summary>
        public Microsoft.CodeAnalysis.Text.TextSpan Span(int index, int length)
        {
            if (_offsets is null)
            {
                return new Microsoft.CodeAnalysis.Text.TextSpan(_start + index, length);
            }

            // An escape sequence (\u0041, \") is several characters of the file for one of the value.
            var start = _offsets[index];
            var end = _offsets[index + length];
            return Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(start, end);
        }
    }
}
