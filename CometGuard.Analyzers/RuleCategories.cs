namespace CometGuard.Analyzers
{
    internal static class RuleCategories
    {
        public const string Security = "Security";
        public const string Reliability = "Reliability";
        public const string Configuration = "Configuration";
        public const string Correctness = "Correctness";
    }
}
