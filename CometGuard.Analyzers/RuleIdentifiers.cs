namespace CometGuard.Analyzers
{
    /// <summary>Stable rule IDs. Never renumber: users suppress and configure by these.</summary>
    public static class RuleIdentifiers
    {
        public const string HardCodedModelId = "CG0001";
        public const string LiteralApiKey = "CG0002";
        public const string UnboundedRetry = "CG0003";
        public const string RetryWithoutJitter = "CG0004";
        public const string RetryOnClientError = "CG0005";
        public const string UncheckedResponseField = "CG0006";
        public const string BodyReadWithoutStatusCheck = "CG0007";
        public const string SensitiveDataLogged = "CG0008";
        public const string CredentialOverPlainHttp = "CG0009";
        public const string EndpointFamilyMismatch = "CG0010";
        public const string StackedRetries = "CG0011";
        public const string LiteralKeyInConfiguration = "CG0012";
    }
}
