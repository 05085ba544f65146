using System.IO;
using System.CommandLine;
using System.CommandLine.Help;

namespace CometGuard.Probe.Cli
{
    /// <summary>The command's symbols, built per run (System.CommandLine symbols are not shared between parses).</summary>
    internal sealed class ProbeCommand
    {
        /// <summary>The default <c>--key-env</c>.</summary>
        public const string DefaultKeyVariable = "COMETAPI_API_KEY";

        private const string Summary =
            "Smoke-probe one OpenAI-compatible gateway route (CometAPI, OpenAI, Azure OpenAI, OpenRouter, LiteLLM): "
            + "a minimal happy-path request and an intentionally invalid error-path request (never retried), "
            + "classified by the runbook's decision matrix. Records go to stdout, progress to stderr. "
            + "The key is read only from the environment variable named by --key-env, never from an argument.";

        public ProbeCommand()
        {
            BaseUrl = new Option<string>("--base-url")
            {
                Description = "The gateway's OpenAI-compatible base URL.",
                HelpName = "URL",
                DefaultValueFactory = _ => SmokeProbeOptions.DefaultBaseAddress.AbsoluteUri,
            };
            EndpointFamily = new Option<string>("--endpoint-family")
            {
                Description = "The API shape to probe, chosen from the gateway's current docs (no default, by design).",
                Required = true,
            };
            EndpointFamily.AcceptOnlyFromAmong("chat-completions", "responses");
            Model = new Option<string>("--model") { Description = "The model id to probe. One of --model or --model-env is required.", HelpName = "ID" };
            ModelEnv = new Option<string>("--model-env") { Description = "Read the model id from this environment variable (e.g. COMETAPI_MODEL).", HelpName = "NAME" };
            KeyEnv = new Option<string>("--key-env")
            {
                Description = "The environment variable holding the gateway key. The key itself is never accepted as an argument.",
                HelpName = "NAME",
                DefaultValueFactory = _ => DefaultKeyVariable,
            };
            Environment = new Option<string>("--environment") { Description = "Environment name written into the evidence (staging, prod-eu...).", HelpName = "NAME" };
            Operator = new Option<string>("--operator") { Description = "Who runs the probe, written into the evidence (a handle).", HelpName = "HANDLE" };
            Reads = new Option<string[]>("--reads")
            {
                Description = "A response path the application reads, e.g. choices[0].message.content; a missing one blocks promotion. Repeatable.",
                HelpName = "PATH",
            };
            ReadsFrom = new Option<FileInfo>("--reads-from")
            {
                Description = "A built application assembly (bin/Release/net8.0/MyApp.dll): check the response fields CometGuard's build recorded it reads. Read as metadata, never loaded.",
                HelpName = "FILE",
            };
            EvidenceLinks = new Option<string[]>("--evidence-link")
            {
                Description = "A docs page or dashboard the decision relied on, written into the evidence. Repeatable.",
                HelpName = "URL",
            };
            Timeout = new Option<double?>("--timeout") { Description = "Timeout of one attempt, in seconds (default 30).", HelpName = "SECONDS" };
            AllowSingleRetry = new Option<bool>("--allow-single-retry")
            {
                Description = "Allow one retry of the happy path on 408/429/503 with a Retry-After of at most 10 s (recorded as SINGLE_RETRY).",
            };
            CurrentRoute = new Option<string>("--current-route")
            {
                Description = "What the route carries now: standby (default), or canary, which turns KEEP_PRIMARY into ROLL_BACK (exit 30).",
                DefaultValueFactory = _ => "standby",
            };
            CurrentRoute.AcceptOnlyFromAmong("standby", "canary");
            Format = new Option<string>("--format")
            {
                Description = "How records are written to stdout: the runbook template, JSON Lines, or a Markdown table (CI job summary).",
                DefaultValueFactory = _ => "template",
            };
            Format.AcceptOnlyFromAmong("template", "jsonl", "markdown");
            Out = new Option<string>("--out") { Description = "Also append the records as JSON Lines to this file.", HelpName = "FILE" };
            DryRun = new Option<bool>("--dry-run") { Description = "Print both request shapes (key not shown) and send nothing." };

            // A named command rather than RootCommand, so help says "cometguard-probe" whatever the host process is called.
            Root = new Command("cometguard-probe", Summary + "\n\n" + ExitCodes.HelpText())
            {
                BaseUrl, EndpointFamily, Model, ModelEnv, KeyEnv, Environment, Operator, Reads, ReadsFrom, EvidenceLinks,
                Timeout, AllowSingleRetry, CurrentRoute, Format, Out, DryRun, new HelpOption(), new VersionOption(),
            };
        }

        public Command Root { get; }

        public Option<string> BaseUrl { get; }

        public Option<string> EndpointFamily { get; }

        public Option<string> Model { get; }

        public Option<string> ModelEnv { get; }

        public Option<string> KeyEnv { get; }

        public Option<string> Environment { get; }

        public Option<string> Operator { get; }

        public Option<string[]> Reads { get; }

        public Option<FileInfo> ReadsFrom { get; }

        public Option<string[]> EvidenceLinks { get; }

        public Option<double?> Timeout { get; }

        public Option<bool> AllowSingleRetry { get; }

        public Option<string> CurrentRoute { get; }

        public Option<string> Format { get; }

        public Option<string> Out { get; }

        public Option<bool> DryRun { get; }
    }
}
