namespace CometGuard.Analyzers.Engine
{
    /// <summary>
    /// What every CometGuard rule does the same way: one descriptor, concurrent execution, generated code skipped
    /// (<see cref="GeneratedCode.Skip"/>), and everything else decided per compilation in
    /// <see cref="OnCompilationStart"/>, where a rule bails out when the compilation references nothing it looks at.
    /// </summary>
    public abstract class RuleAnalyzer : DiagnosticAnalyzer
    {
        private protected RuleAnalyzer(DiagnosticDescriptor descriptor)
        {
            SupportedDiagnostics = ImmutableArray.Create(descriptor);
        }

        public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

        public sealed override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCode.Skip);
            context.RegisterCompilationStartAction(OnCompilationStart);
        }

        /// <summary>Registers the rule's actions for one compilation, or nothing when the compilation cannot hold a finding.</summary>
        private protected abstract void OnCompilationStart(CompilationStartAnalysisContext start);
    }
}
