using System.Linq;

namespace CometGuard.Analyzers.Rules
{
    /// <summary>
    /// CG0012: a literal key in a configuration file the build sees (<c>appsettings*.json</c>,
    /// <c>Properties/launchSettings.json</c>, <c>.env</c>, added as <c>AdditionalFiles</c> by the package): a vendor key
    /// shape anywhere, a connection string's <c>Key=</c> segment, or a credential-looking value under a credential name.
    /// Reported at the value's line and column; the message shows prefix, length and fingerprint only.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class LiteralKeyInConfigurationAnalyzer : RuleAnalyzer
    {
        public LiteralKeyInConfigurationAnalyzer()
            : base(Descriptors.LiteralKeyInConfiguration)
        {
        }

        private protected override void OnCompilationStart(CompilationStartAnalysisContext start)
        {
            if (start.Options.AdditionalFiles.IsEmpty)
            {
                return;
            }

            start.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(CometGuardOptions.AllowedKeyFingerprints, out var allowed);
            var accepted = CometGuardOptions.ParseList(allowed);

            // A file listed twice (by the project and by the package, or by two imports) is read once: one report per key.
            var read = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>(System.StringComparer.Ordinal);
            start.RegisterAdditionalFileAction(context =>
            {
                if (read.TryAdd(FullPath(context.AdditionalFile.Path), true))
                {
                    Analyze(context, accepted);
                }
            });
        }

        private static string FullPath(string path)
        {
            try
            {
                return System.IO.Path.GetFullPath(path);
            }
            catch (System.Exception e) when (e is System.ArgumentException or System.NotSupportedException or System.IO.PathTooLongException or System.Security.SecurityException)
            {
                return path;
            }
        }

        private static void Analyze(AdditionalFileAnalysisContext context, ImmutableArray<string> accepted)
        {
            var file = context.AdditionalFile;
            var marked = context.Options.AnalyzerConfigOptionsProvider.GetOptions(file).TryGetValue(ConfigurationFiles.MetadataKey, out var value)
                && string.Equals(value, "true", System.StringComparison.OrdinalIgnoreCase);
            var kind = ConfigurationFiles.KindOf(file.Path, marked);
            if (kind == ConfigurationFiles.Kind.None || file.GetText(context.CancellationToken) is not { } text)
            {
                return;
            }

            foreach (var secret in ConfigurationFiles.Find(text, kind))
            {
                if (accepted.Contains(SecretFingerprint.Fingerprint(secret.Secret), System.StringComparer.OrdinalIgnoreCase))
                {
                    continue;
                }

                var location = Location.Create(file.Path, secret.Span, text.Lines.GetLinePositionSpan(secret.Span));
                var variable = secret.Key.Replace(":", "__");
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.LiteralKeyInConfiguration,
                    location,
                    SecretFingerprint.Describe(secret.Secret),
                    secret.Key,
                    System.IO.Path.GetFileName(file.Path),
                    variable));
            }
        }
    }
}
