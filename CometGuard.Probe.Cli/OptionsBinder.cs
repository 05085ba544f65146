using System;
using System.CommandLine;
using System.IO;
using System.Text.RegularExpressions;

namespace CometGuard.Probe.Cli
{
    /// <summary>
    /// From the parsed command line to <see cref="SmokeProbeOptions"/>: what only a command line has to settle (which
    /// environment variables to read, the text of a URL or a number), leaving every rule about the options themselves
    /// to <see cref="SmokeProbeOptions.Validate"/>, whose problems are shown with the option each comes from.
    /// </summary>
    internal static class OptionsBinder
    {
        private static readonly Regex VariableName = new("^[A-Za-z_][A-Za-z0-9_]{0,127}$", RegexOptions.CultureInvariant);

        /// <summary>The command-line option that sets each <see cref="SmokeProbeOptions"/> property a problem can name.</summary>
        private static readonly (string Property, string Option)[] OptionOf =
        {
            ("BaseAddress", "--base-url"),
            ("EndpointFamily", "--endpoint-family"),
            ("Model", "--model"),
            ("AttemptTimeout", "--timeout"),
            ("OverallDeadline", "--timeout"),
            ("ApplicationReads", "--reads"),
            ("ApiKey", "--key-env"),
        };

        public static bool TryBind(ProbeCommand command, ParseResult parse, Func<string, string?> getEnv, out SmokeProbeOptions options, out string keyVariable, out string problem)
        {
            options = new SmokeProbeOptions();
            problem = string.Empty;
            keyVariable = parse.GetValue(command.KeyEnv) ?? ProbeCommand.DefaultKeyVariable;
            if (!VariableName.IsMatch(keyVariable))
            {
                // Never echo it: a key pasted here by mistake must not reach the log.
                problem = "--key-env takes the NAME of an environment variable (letters, digits, '_'), never the key itself.";
                return false;
            }

            var baseUrl = parse.GetValue(command.BaseUrl) ?? SmokeProbeOptions.DefaultBaseAddress.AbsoluteUri;
            if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var baseAddress))
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

            options.Model = model?.Trim();
            options.Environment = parse.GetValue(command.Environment);
            options.Operator = parse.GetValue(command.Operator);
            foreach (var path in parse.GetValue(command.Reads) ?? Array.Empty<string>())
            {
                options.ApplicationReads.Add(path);
            }

            if (parse.GetValue(command.ReadsFrom) is { } readsFrom)
            {
                try
                {
                    options.ReadManifest = ReadManifest.FromFile(readsFrom.FullName);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or BadImageFormatException or InvalidDataException)
                {
                    problem = "--reads-from: " + readsFrom.Name + " could not be read as a .NET assembly (" + e.GetType().Name + ").";
                    return false;
                }

                if (options.ReadManifest.Reads.Count == 0)
                {
                    problem = "--reads-from: " + readsFrom.Name + " carries no CometGuard manifest (build it with the CometGuard package, and CometGuardResponseReads not false).";
                    return false;
                }
            }

            foreach (var link in parse.GetValue(command.EvidenceLinks) ?? Array.Empty<string>())
            {
                options.EvidenceLinks.Add(link);
            }

            if (parse.GetValue(command.Timeout) is double seconds)
            {
                if (double.IsNaN(seconds) || seconds > 600)
                {
                    problem = "--timeout must be a number of seconds, at most 600.";
                    return false;
                }

                // Zero or negative is the library's to reject (AttemptTimeout must be positive).
                options.AttemptTimeout = TimeSpan.FromSeconds(Math.Max(seconds, -1));

                // Room for every attempt a run can make (happy path, its one retry, error path).
                var room = TimeSpan.FromSeconds(Math.Max(seconds, 0) * 3) + options.RetryAfterCap;
                if (room > options.OverallDeadline)
                {
                    options.OverallDeadline = room;
                }
            }

            options.EnableSingleRetry = parse.GetValue(command.AllowSingleRetry);
            options.CurrentRoute = parse.GetValue(command.CurrentRoute) == "canary" ? CurrentRoute.Canary : CurrentRoute.Standby;
            return true;
        }

        /// <summary>The library's problems, each with the option it comes from: <c>error: --base-url: BaseAddress must use http or https.</c></summary>
        public static void WriteProblems(TextWriter stderr, SmokeProbeOptionsException ex)
        {
            foreach (var problem in ex.Problems)
            {
                var option = Array.Find(OptionOf, o => problem.StartsWith(o.Property, StringComparison.Ordinal)).Option;
                stderr.WriteLine("error: " + (option is null ? string.Empty : option + ": ") + problem);
            }
        }
    }
}
