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
        private static readonly Regex KeyOption = new("^-{1,2}(api-?key|key|token|bearer)(=.*)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

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
                    stderr.WriteLine("error: the key is never accepted as an argument; put it in the environment variable named by --key-env (default " + ProbeCommand.DefaultKeyVariable + ").");
                }

                // One line per problem, without echoing long values (a key pasted by mistake stays out of the log).
                foreach (var error in parseResult.Errors)
                {
                    stderr.WriteLine("error: " + HideLongValues(error.Message, args, command.Root));
                }

                stderr.WriteLine("Run 'cometguard-probe --help' for usage.");
                return ExitCodes.Usage;
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
                    return ExitCodes.Cancelled;
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
                return ExitCodes.Cancelled;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Never a stack trace: it could carry request details. The type is enough to report a bug.
                stderr.WriteLine("error: unexpected failure (" + ex.GetType().Name + "); no decision.");
                return ExitCodes.InternalError;
            }
        }

        private static async Task<int> RunParsedAsync(
            ProbeCommand command,
            ParseResult parse,
            TextWriter stdout,
            TextWriter stderr,
            Func<string, string?> getEnv,
            CancellationToken cancellationToken)
        {
            if (!OptionsBinder.TryBind(command, parse, getEnv, out var options, out var keyVariable, out var problem))
            {
                stderr.WriteLine("error: " + problem);
                return ExitCodes.Usage;
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
                return ExitCodes.Usage;
            }

            // Read once, here; the library keeps it only for the Authorization header and scrubs every rendering for it.
            options.ApiKey = SecretSource.FromDelegate(() => key, "environment variable " + keyVariable);

            if (outFile is not null && !CanAppend(outFile, out var outProblem))
            {
                stderr.WriteLine("error: --out: " + outProblem);
                return ExitCodes.Usage;
            }

            try
            {
                options.Validate();
            }
            catch (SmokeProbeOptionsException ex)
            {
                OptionsBinder.WriteProblems(stderr, ex);
                return ExitCodes.Usage;
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
                    return ExitCodes.Usage;
                }
            }

            var exit = ExitCodes.For(report.FallbackDecision);
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
                OptionsBinder.WriteProblems(stderr, ex);
                return ExitCodes.Usage;
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
            return ExitCodes.RouteCanary;
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
    }
}
