
namespace CometGuard.Analyzers.Engine
{
    /// <summary>How every rule treats generated code.</summary>
    internal static class GeneratedCode
    {
        /// <summary>
        /// Generated files and <c>[GeneratedCode]</c> symbols are not analysed: without
        /// <see cref="GeneratedCodeAnalysisFlags.Analyze"/> the driver runs no callback there. The rules report only at
        /// what their callbacks analysed, so the driver's second, per-diagnostic check is left out
        /// (<see cref="GeneratedCodeAnalysisFlags.ReportDiagnostics"/>): it scans the file's tokens and takes a
        /// driver-wide lock on every report (docs/performance.md).
        /// </summary>
        public const GeneratedCodeAnalysisFlags Skip = GeneratedCodeAnalysisFlags.ReportDiagnostics;
    }
}
