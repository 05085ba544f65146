namespace CometGuard.CodeFixes.Infrastructure
{
    /// <summary>
    /// A fix is offered only where its output compiles for the document's language version (the crash sweep
    /// applies every fix at every version and fails on a new compiler error).
    /// </summary>
    internal static class LanguageGate
    {
        public static bool Allows(SyntaxTree tree, LanguageVersion minimum)
            => tree.Options is not CSharpParseOptions options || options.LanguageVersion >= minimum;
    }
}
