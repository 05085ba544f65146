
namespace CometGuard.Analyzers.Engine
{
    /// <summary>
    /// The <c>cometguard.*</c> keys read from <c>.editorconfig</c> / <c>.globalconfig</c>. Every key is
    /// documented on the page of the rule that reads it.
    /// </summary>
    internal static class CometGuardOptions
    {
        /// <summary>
        /// Every option with its documented default and the rules that read it: the README's option table and each rule
        /// page are checked against this list, and each listed rule against the code that reads the key.
        /// </summary>
        public static ImmutableArray<OptionDefinition> All { get; } = ImmutableArray.Create(
            new OptionDefinition(ModelVariable, DefaultModelVariable, RuleIdentifiers.HardCodedModelId),
            new OptionDefinition(ModelConfigurationKey, DefaultModelConfigurationKey, RuleIdentifiers.HardCodedModelId),
            new OptionDefinition(ApiKeyVariable, DefaultApiKeyVariable, RuleIdentifiers.LiteralApiKey),
            new OptionDefinition(MaxRetryAttempts, "3", RuleIdentifiers.UnboundedRetry),
            new OptionDefinition(LoggerTypes, string.Empty, RuleIdentifiers.SensitiveDataLogged),
            new OptionDefinition(SensitiveMemberNames, string.Empty, RuleIdentifiers.SensitiveDataLogged),
            new OptionDefinition(ConsoleIsLog, DefaultConsoleIsLog, RuleIdentifiers.SensitiveDataLogged),
            new OptionDefinition(AllowedHttpHosts, string.Empty, RuleIdentifiers.CredentialOverPlainHttp),
            new OptionDefinition(AllowedKeyFingerprints, string.Empty, RuleIdentifiers.LiteralKeyInConfiguration));

        public const string ModelVariable = "cometguard.model_variable";
        public const string DefaultModelVariable = "COMETAPI_MODEL";
        public const string ModelConfigurationKey = "cometguard.model_configuration_key";
        public const string DefaultModelConfigurationKey = "CometApi:Model";

        public const string ApiKeyVariable = "cometguard.api_key_variable";
        public const string DefaultApiKeyVariable = "COMETAPI_API_KEY";

        /// <summary>CG0003: retries allowed per request (the SRE book's limit, the standard resilience handler's default).</summary>
        public const string MaxRetryAttempts = "cometguard.max_retry_attempts";
        public const int DefaultMaxRetryAttempts = 3;
        /// <summary>CG0008: extra logger types (metadata names); every string or object argument of their methods is logged.</summary>
        public const string LoggerTypes = "cometguard.logger_types";

        /// <summary>CG0008: extra member or variable names whose value is sensitive.</summary>
        public const string SensitiveMemberNames = "cometguard.sensitive_member_names";

        /// <summary>
        /// CG0008: whether <c>Console.Write*</c> is a log: <c>false</c> (the default: the console is a tool's user interface),
        /// <c>true</c> (a service whose stdout is collected), <c>auto</c> (when Microsoft.Extensions.Logging is referenced).
        /// </summary>
        public const string ConsoleIsLog = "cometguard.console_is_log";
        public const string DefaultConsoleIsLog = "false";

        /// <summary>CG0009: hosts allowed over plain HTTP besides loopback (<c>host</c> or <c>*.suffix</c>).</summary>
        public const string AllowedHttpHosts = "cometguard.allowed_http_hosts";

        /// <summary>
        /// CG0012: fingerprints (<c>sha256:…</c>, as the message prints them) of committed values the team accepts, such as
        /// a test fixture. A global option: <c>.editorconfig</c> sections do not apply to additional files, a <c>.globalconfig</c> does.
        /// </summary>
        public const string AllowedKeyFingerprints = "cometguard.allowed_key_fingerprints";

        public static string GetString(AnalyzerOptions options, SyntaxTree tree, string key, string defaultValue)
        {
            return options.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value)
                ? value.Trim()
                : defaultValue;
        }

        /// <summary>A comma- or space-separated list; empty when the key is absent.</summary>
        public static System.Collections.Immutable.ImmutableArray<string> GetList(AnalyzerOptions options, SyntaxTree tree, string key)
        {
            return options.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue(key, out var value)
                ? ParseList(value)
                : System.Collections.Immutable.ImmutableArray<string>.Empty;
        }

        public static System.Collections.Immutable.ImmutableArray<string> ParseList(string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return System.Collections.Immutable.ImmutableArray<string>.Empty;
            }

            var builder = System.Collections.Immutable.ImmutableArray.CreateBuilder<string>();
            foreach (var part in value!.Split(new[] { ',', ' ', ';', '\t' }, System.StringSplitOptions.RemoveEmptyEntries))
            {
                builder.Add(part.Trim());
            }

            return builder.ToImmutable();
        }

        public static int GetInt32(AnalyzerOptions options, SyntaxTree tree, string key, int defaultValue)
        {
            return options.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue(key, out var value)
                && int.TryParse(value.Trim(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : defaultValue;
        }
    }

    /// <summary>One <c>cometguard.*</c> option: its key, its default as the docs give it (empty for none), the rules that read it.</summary>
    internal sealed class OptionDefinition
    {
        public OptionDefinition(string key, string defaultValue, params string[] rules)
        {
            Key = key;
            Default = defaultValue;
            Rules = ImmutableArray.Create(rules);
        }

        public string Key { get; }

        public string Default { get; }

        public ImmutableArray<string> Rules { get; }
    }
}
