using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Help;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace CometGuard.Probe.Cli
{
    /// <summary>
    /// <c>cometguard-probe</c>: parses the command line, maps it to <see cref="SmokeProbeOptions"/>,
    /// runs <see cref="SmokeProbe"/> and renders with the library's renderers. Records go to stdout;
    /// progress, explanations and errors go to stderr. The exit code follows <c>fallback_decision</c>.
    /// </summary>
    public static class CliApp
    {
        /// <summary><c>ROUTE_CANARY</c>: both checks passed; the route may take canary traffic.</summary>
        public const int ExitRouteCanary = 0;

        /// <summary>Unexpected internal failure (a bug: please report it).</summary>
        public const int ExitInternalError = 1;

        /// <summary>Usage or configuration error (bad option, missing key variable, bad URL); nothing was sent.</summary>
        public const int ExitUsage = 2;

        /// <summary><c>KEEP_PRIMARY</c>: keep traffic on the primary route.</summary>
        public const int ExitKeepPrimary = 10;

        /// <summary><c>ESCALATE</c>: a person must look (credentials, wrong path, rejected shape, accepted invalid request).</summary>
        public const int ExitEscalate = 20;

        /// <summary><c>ROLL_BACK</c>: the route carries canary traffic and must stop.</summary>
        public const int ExitRollBack = 30;

        /// <summary>Cancelled (Ctrl+C) before the run finished.</summary>
        public const int ExitCancelled = 130;

        /// <summary>The default <c>--key-env</c>.</summary>
        public const string DefaultKeyVariable = "COMETAPI_API_KEY";

        private const string Description =
            "Smoke-probe one OpenAI-compatible gateway route (CometAPI, OpenAI, Azure OpenAI, OpenRouter, LiteLLM): "
            + "a minimal happy-path request and an intentionally invalid error-path request (never retried), "
            + "classified by the runbook's decision matrix. Records go to stdout, progress to stderr. "
            + "The key is read only from the environment variable named by --key-env, never from an argument.\n\n"
            + "Exit codes (by fallback_decision):\n"
            + "  0    ROUTE_CANARY   both checks passed; canary traffic only\n"
            + "  10   KEEP_PRIMARY   keep traffic on the primary route\n"
            + "  20   ESCALATE       a person must look (401/403, wrong path, rejected shape, invalid request accepted)\n"
            + "  30   ROLL_BACK      the route already carries canary traffic and must stop\n"
            + "  2    usage or configuration error (missing key variable, bad URL...); nothing was sent\n"
            + "  1    unexpected internal failure;  130  cancelled\n"
            + "  --dry-run exits 0 when the options are valid.";

        private static readonly Regex KeyOption = new("^-{1,2}(api-?key|key|token|bearer)(=.*)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        private static readonly Regex VariableName = new("^[A-Za-z_][A-Za-z0-9_]{0,127}$", RegexOptions.CultureInvariant);

        /// <summary>Runs the tool with the process's console and environment.</summary>
        /// <param name="args">The command-line arguments.</param>
        /// <param name="cancellationToken">Cancels the run (Ctrl+C).</param>
        /// <returns>The exit code.</returns>
        public static Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
            => RunAsync(args, Console.Out, Console.Error, Environment.GetEnvironmentVariable, cancellationToken);

        /// <summary>Runs the tool end to end; testable in-process.</summary>
        /// <param name="args">The command-line arguments.</param>
        /// <param name="stdout">Where records (and help) go.</param>
        /// <param name="stderr">Where progress, explanations and errors go.</param>
        /// <param name="getEnvironmentVariable">Reads an environment variable (the key and <c>--model-env</c>).</param>
        /// <param name="cancellationToken">Cancels the run.</param>
        /// <returns>The exit code: 0/10/20/30 by decision, 2 for usage or configuration errors.</returns>
        public static async Task<int> RunAsync(
            string[] args,
            TextWriter stdout,
            TextWriter stderr,
            Func<string, string?> getEnvironmentVariable,
            CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(args);
            ArgumentNullException.ThrowIfNull(stdout);
            ArgumentNullException.ThrowIfNull(stderr);
            ArgumentNullException.ThrowIfNull(getEnvironmentVariable);

            var command = new ProbeCommand();
            // No @response-file expansion: arguments are taken as typed.
            var parseResult = command.Root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
            var invocation = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };

            if (parseResult.Errors.Count > 0 && parseResult.Action is not { ClearsParseErrors: true })
            {
                if (parseResult.UnmatchedTokens.Any(t => KeyOption.IsMatch(t)))
                {
                    stderr.WriteLine("error: the key is never accepted as an argument; put it in the environment variable named by --key-env (default " + DefaultKeyVariable + ").");
                }

                // One line per problem, without echoing long values (a key pasted by mistake stays out of the log).
                foreach (var error in parseResult.Errors)
                {
                    stderr.WriteLine("error: " + HideLongValues(error.Message, args, command.Root));
                }

                stderr.WriteLine("Run 'cometguard-probe --help' for usage.");
                return ExitUsage;
            }

            command.Root.SetAction(async (parse, token) =>
            {
                try
                {
                    return await RunParsedAsync(command, parse, stdout, stderr, getEnvironmentVariable, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    // Ctrl+C (System.CommandLine's termination handling) or the caller's token.
                    stderr.WriteLine("cancelled: no decision.");
                    return ExitCancelled;
                }
            });
            try
            {
                // --help and --version run their own actions; everything else runs the probe.
                return await parseResult.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                stderr.WriteLine("cancelled: no decision.");
                return ExitCancelled;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Never a stack trace: it could carry request details. The type is enough to report a bug.
                stderr.WriteLine("error: unexpected failure (" + ex.GetType().Name + "); no decision.");
                return ExitInternalError;
            }
        }

        /// <summary>Maps a decision to the tool's exit code.</summary>
        /// <param name="decision">The run's <c>fallback_decision</c>.</param>
        /// <returns>0, 10, 20 or 30.</returns>
        public static int ExitCodeFor(FallbackDecision decision) => decision switch
        {
            FallbackDecision.RouteCanary => ExitRouteCanary,
            FallbackDecision.KeepPrimary => ExitKeepPrimary,
            FallbackDecision.Escalate => ExitEscalate,
            FallbackDecision.RollBack => ExitRollBack,
            _ => ExitEscalate,
        };

        private static async Task<int> RunParsedAsync(
            ProbeCommand command,
            ParseResult parse,
            TextWriter stdout,
            TextWriter stderr,
            Func<string, string?> getEnv,
            CancellationToken cancellationToken)
        {
            if (!TryBuildOptions(command, parse, getEnv, out var options, out var keyVariable, out var problem))
            {
                stderr.WriteLine("error: " + problem);
                return ExitUsage;
            }

            var format = parse.GetValue(command.Format) switch
            {
                "jsonl" => EvidenceFormat.JsonLines,
                "markdown" => EvidenceFormat.Markdown,
                _ => EvidenceFormat.RunbookTemplate,
            };
            var outFile = parse.GetValue(command.Out);

            if (parse.GetValue(command.DryRun))
            {
                return DryRun(options, keyVariable, getEnv, stdout, stderr);
            }

            var key = getEnv(keyVariable);
            if (string.IsNullOrWhiteSpace(key))
            {
                stderr.WriteLine("error: environment variable " + keyVariable + " is not set or is empty; export the gateway key into it from your secret store (the key is never accepted as an argument).");
                return ExitUsage;
            }

            // Read once, here; the library keeps it only for the Authorization header and scrubs every rendering for it.
            options.ApiKey = SecretSource.FromDelegate(() => key, "environment variable " + keyVariable);

            if (outFile is not null && !CanAppend(outFile, out var outProblem))
            {
                stderr.WriteLine("error: --out: " + outProblem);
                return ExitUsage;
            }

            try
            {
                options.Validate();
            }
            catch (SmokeProbeOptionsException ex)
            {
                WriteProblems(stderr, ex);
                return ExitUsage;
            }

            stderr.WriteLine(
                "Probing " + EvidenceRenderer.Token(options.EndpointFamily) + " at " + SmokeProbe.PreviewRequests(options)[0].Uri.AbsoluteUri
                + " with model " + options.Model + " (key from environment variable " + keyVariable + ")...");

            SmokeProbeReport report;
            using (var http = new HttpClient(SmokeProbe.CreateHandler()) { Timeout = Timeout.InfiniteTimeSpan })
            {
                report = await SmokeProbe.RunAsync(options, http, cancellationToken).ConfigureAwait(false);
            }

            await stdout.WriteAsync(report.Render(format)).ConfigureAwait(false);
            await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);

            if (outFile is not null)
            {
                try
                {
                    await EvidenceLogWriter.AppendJsonLinesAsync(outFile, report, cancellationToken).ConfigureAwait(false);
                    stderr.WriteLine("Appended " + report.Records.Count + " JSON Lines records to " + outFile + ".");
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    stderr.WriteLine("error: --out: could not append to " + outFile + " (" + ex.GetType().Name + "); the records above are the evidence.");
                    stderr.WriteLine(report.Summary);
                    return ExitUsage;
                }
            }

            var exit = ExitCodeFor(report.FallbackDecision);
            stderr.WriteLine(report.Summary);
            stderr.WriteLine("exit code " + exit.ToString(CultureInfo.InvariantCulture) + " (" + EvidenceRenderer.Token(report.FallbackDecision) + ")");
            return exit;
        }

        private static int DryRun(SmokeProbeOptions options, string keyVariable, Func<string, string?> getEnv, TextWriter stdout, TextWriter stderr)
        {
            options.ApiKey = SecretSource.FromDelegate(() => null, "environment variable " + keyVariable);
            IReadOnlyList<SmokeProbeRequestPreview> previews;
            try
            {
                previews = SmokeProbe.PreviewRequests(options);
            }
            catch (SmokeProbeOptionsException ex)
            {
                WriteProblems(stderr, ex);
                return ExitUsage;
            }

            stderr.WriteLine("Dry run: nothing is sent. The two requests a run would send:");
            var first = true;
            foreach (var preview in previews)
            {
                if (!first)
                {
                    stdout.WriteLine();
                }

                first = false;
                stdout.WriteLine("# " + EvidenceRenderer.Token(preview.RequestType));
                stdout.Write(preview.ToString());
            }

            stderr.WriteLine(string.IsNullOrWhiteSpace(getEnv(keyVariable))
                ? "note: environment variable " + keyVariable + " is not set; a real run would stop with exit code 2."
                : "Key variable " + keyVariable + " is set (value not shown).");
            return ExitRouteCanary;
        }

        private static bool TryBuildOptions(
            ProbeCommand command,
            ParseResult parse,
            Func<string, string?> getEnv,
            out SmokeProbeOptions options,
            out string keyVariable,
            out string problem)
        {
            options = new SmokeProbeOptions();
            problem = string.Empty;
            keyVariable = parse.GetValue(command.KeyEnv) ?? DefaultKeyVariable;

            if (!VariableName.IsMatch(keyVariable))
            {
                // Never echo it: a key pasted here by mistake must not reach the log.
                problem = "--key-env takes the NAME of an environment variable (letters, digits, '_'), never the key itself.";
                return false;
            }

            var baseUrl = parse.GetValue(command.BaseUrl) ?? SmokeProbeOptions.DefaultBaseAddress.AbsoluteUri;
            if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var baseAddress)
                || (baseAddress.Scheme != Uri.UriSchemeHttp && baseAddress.Scheme != Uri.UriSchemeHttps))
            {
                problem = "--base-url must be an absolute http or https URL, for example " + SmokeProbeOptions.DefaultBaseAddress.AbsoluteUri + ".";
                return false;
            }

            options.BaseAddress = baseAddress;
            options.EndpointFamily = parse.GetValue(command.EndpointFamily) == "responses" ? EndpointFamily.Responses : EndpointFamily.ChatCompletions;

            var model = parse.GetValue(command.Model);
            var modelEnv = parse.GetValue(command.ModelEnv);
            if (model is not null && modelEnv is not null)
            {
                problem = "use --model or --model-env, not both.";
                return false;
            }

            if (modelEnv is not null)
            {
                if (!VariableName.IsMatch(modelEnv))
                {
                    problem = "--model-env takes the NAME of an environment variable (letters, digits, '_').";
                    return false;
                }

                model = getEnv(modelEnv);
                if (string.IsNullOrWhiteSpace(model))
                {
                    problem = "environment variable " + modelEnv + " (--model-env) is not set or is empty.";
                    return false;
                }
            }

            if (string.IsNullOrWhiteSpace(model))
            {
                problem = "a model is required: pass --model ID or --model-env NAME (for example --model-env COMETAPI_MODEL).";
                return false;
            }

            options.Model = model.Trim();
            options.Environment = parse.GetValue(command.Environment);
            options.Operator = parse.GetValue(command.Operator);
            foreach (var path in parse.GetValue(command.Reads) ?? Array.Empty<string>())
            {
                options.ApplicationReads.Add(path);
            }

            foreach (var link in parse.GetValue(command.EvidenceLinks) ?? Array.Empty<string>())
            {
                options.EvidenceLinks.Add(link);
            }

            var timeout = parse.GetValue(command.Timeout);
            if (timeout is double seconds)
            {
                if (!(seconds > 0 && seconds <= 600))
                {
                    problem = "--timeout must be a number of seconds between 0 and 600.";
                    return false;
                }

                options.AttemptTimeout = TimeSpan.FromSeconds(seconds);
                // Room for every attempt a run can make (happy path, its one retry, error path).
                var room = TimeSpan.FromSeconds(seconds * 3) + options.RetryAfterCap;
                if (room > options.OverallDeadline)
                {
                    options.OverallDeadline = room;
                }
            }

            options.EnableSingleRetry = parse.GetValue(command.AllowSingleRetry);
            options.CurrentRoute = parse.GetValue(command.CurrentRoute) == "canary" ? CurrentRoute.Canary : CurrentRoute.Standby;
            return true;
        }

        private static bool CanAppend(string path, out string problem)
        {
            problem = string.Empty;
            string? directory;
            try
            {
                directory = Path.GetDirectoryName(Path.GetFullPath(path));
            }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
            {
                problem = "'" + path + "' is not a valid file path.";
                return false;
            }

            if (Directory.Exists(path))
            {
                problem = "'" + path + "' is a directory; give a file to append JSON Lines to.";
                return false;
            }

            if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
            {
                problem = "directory '" + directory + "' does not exist.";
                return false;
            }

            return true;
        }

        private static void WriteProblems(TextWriter stderr, SmokeProbeOptionsException ex)
        {
            foreach (var problem in ex.Problems)
            {
                stderr.WriteLine("error: " + problem);
            }
        }

        /// <summary>Replaces every argument of 16 characters or more that is not an option name by a placeholder.</summary>
        private static string HideLongValues(string message, IEnumerable<string> args, Command root)
        {
            var names = new HashSet<string>(root.Options.SelectMany(o => o.Aliases.Append(o.Name)), StringComparer.Ordinal);
            foreach (var arg in args.Where(a => a.Length >= 16 && !names.Contains(a)).OrderByDescending(a => a.Length))
            {
                message = message.Replace(arg, "[value hidden]", StringComparison.Ordinal);
            }

            return message;
        }

        /// <summary>The command's symbols, built per run (System.CommandLine symbols are not shared between parses).</summary>
        private sealed class ProbeCommand
        {
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
                Root = new Command("cometguard-probe", Description)
                {
                    BaseUrl, EndpointFamily, Model, ModelEnv, KeyEnv, Environment, Operator, Reads, EvidenceLinks,
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

            public Option<string[]> EvidenceLinks { get; }

            public Option<double?> Timeout { get; }

            public Option<bool> AllowSingleRetry { get; }

            public Option<string> CurrentRoute { get; }

            public Option<string> Format { get; }

            public Option<string> Out { get; }

            public Option<bool> DryRun { get; }
        }
    }
}
