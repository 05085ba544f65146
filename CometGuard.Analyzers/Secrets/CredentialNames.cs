namespace CometGuard.Analyzers.Secrets
{
    /// <summary>
    /// Names that say a value is a credential (<c>ApiKey</c>, <c>client_secret</c>, <c>OPENAI_API_KEY</c>,
    /// <c>Authorization</c>), compared at the end of a name with case and separators ignored: what CG0008 treats as a
    /// secret in a log and CG0012 as a credential position in a configuration file.
    /// </summary>
    internal static class CredentialNames
    {
        /// <summary>Matched against the end of a name, lower-cased with <c>_</c>, <c>-</c>, <c>:</c> and <c>.</c> removed.</summary>
        public static readonly ImmutableArray<string> Suffixes = ImmutableArray.Create(
            "apikey", "secret", "secretkey", "privatekey", "accesskey", "subscriptionkey", "password", "passwd", "accesstoken", "bearertoken", "authtoken", "apitoken", "refreshtoken", "idtoken",
            "sessiontoken", "bearer", "authorization", "authorizationheader", "credential", "credentials");

        /// <summary>
        /// A configuration key's last segment or a variable name that names a credential: a suffix above, or exactly
        /// <c>Key</c> or <c>Token</c> (not <c>CacheKey</c>, not <c>ContinuationToken</c>).
        /// </summary>
        public static bool IsCredentialName(string name)
            => Logging.SensitiveNames.IsSensitive(name, Suffixes) || Logging.SensitiveNames.IsExactly(name, "key");
    }
}
