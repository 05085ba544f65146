using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CometGuard.Analyzers.Infrastructure
{
    /// <summary>
    /// The <c>cometguard.*</c> keys read from <c>.editorconfig</c> / <c>.globalconfig</c>. Every key is
    /// documented on the page of the rule that reads it.
    /// </summary>
    internal static class CometGuardOptions
    {
        public const string ModelVariable = "cometguard.model_variable";
        public const string DefaultModelVariable = "COMETAPI_MODEL";
        public const string ModelConfigurationKey = "cometguard.model_configuration_key";
        public const string DefaultModelConfigurationKey = "CometApi:Model";

        public const string ApiKeyVariable = "cometguard.api_key_variable";
        public const string DefaultApiKeyVariable = "COMETAPI_API_KEY";

        public static string GetString(AnalyzerOptions options, SyntaxTree tree, string key, string defaultValue)
        {
            return options.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value)
                ? value.Trim()
                : defaultValue;
        }

        public static int GetInt32(AnalyzerOptions options, SyntaxTree tree, string key, int defaultValue)
        {
            return options.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue(key, out var value)
                && int.TryParse(value.Trim(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : defaultValue;
        }
    }
}
