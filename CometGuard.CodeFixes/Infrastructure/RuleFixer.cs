namespace CometGuard.CodeFixes.Infrastructure
{
    /// <summary>
    /// What every CometGuard fix does the same way: one rule's diagnostics, Fix All by batching unless the fix says
    /// otherwise, nothing offered below the language version its output needs (<see cref="LanguageGate"/>), and one
    /// registration per diagnostic.
    /// </summary>
    public abstract class RuleFixer : CodeFixProvider
    {
        private readonly LanguageVersion _minimum;

        private protected RuleFixer(string id, LanguageVersion minimum)
        {
            FixableDiagnosticIds = ImmutableArray.Create(id);
            _minimum = minimum;
        }

        public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || !LanguageGate.Allows(root.SyntaxTree, _minimum))
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                await RegisterAsync(context, root, diagnostic).ConfigureAwait(false);
            }
        }

        /// <summary>Registers the fix for one diagnostic, or nothing when the code around it has no safe rewrite.</summary>
        private protected abstract Task RegisterAsync(CodeFixContext context, SyntaxNode root, Diagnostic diagnostic);
    }

    /// <summary>
    /// The retry fixes (CG0003-CG0005): each diagnostic says in its <c>Kind</c> property which retry shape was
    /// reported, and the fix for that shape starts at the reported node.
    /// </summary>
    public abstract class RetryFixer : RuleFixer
    {
        private protected RetryFixer(string id, LanguageVersion minimum)
            : base(id, minimum)
        {
        }

        private protected sealed override Task RegisterAsync(CodeFixContext context, SyntaxNode root, Diagnostic diagnostic)
        {
            if (diagnostic.Properties.TryGetValue(CometGuard.Analyzers.Retry.RetryAnalyzer.KindProperty, out var kind) && kind is not null)
            {
                Register(context, root, diagnostic, kind, root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true));
            }

            return Task.CompletedTask;
        }

        private protected abstract void Register(CodeFixContext context, SyntaxNode root, Diagnostic diagnostic, string kind, SyntaxNode node);
    }
}
