namespace CometGuard.Analyzers.Retry
{
    /// <summary>
    /// The retry rules (CG0003-CG0005, CG0011): the retry APIs of the compilation resolved once for all four, and each
    /// rule's bail-out when the compilation references none of what it checks.
    /// </summary>
    public abstract class RetryAnalyzer : RuleAnalyzer
    {
        /// <summary>Diagnostic property: which retry shape was reported (each rule lists its kinds); the fixes dispatch on it.</summary>
        public const string KindProperty = "Kind";

        private protected RetryAnalyzer(DiagnosticDescriptor descriptor)
            : base(descriptor)
        {
        }

        private protected sealed override void OnCompilationStart(CompilationStartAnalysisContext start)
        {
            var apis = RetryApis.Create(start.Compilation);
            if (AppliesTo(apis))
            {
                Register(start, apis);
            }
        }

        /// <summary>False when the compilation references none of the retry APIs the rule checks.</summary>
        private protected abstract bool AppliesTo(RetryApis apis);

        private protected abstract void Register(CompilationStartAnalysisContext start, RetryApis apis);
    }
}
