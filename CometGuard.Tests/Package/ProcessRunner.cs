using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using System.Threading.Tasks;

namespace CometGuard.Tests.Package
{
    /// <summary>What a finished process printed: each stream alone, and both interleaved as they arrived.</summary>
    internal sealed record ProcessResult(int ExitCode, string Stdout, string Stderr, string Output)
    {
        public string[] StderrLines => Stderr.Replace("\r\n", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);

        public void Deconstruct(out int exitCode, out string output)
        {
            exitCode = ExitCode;
            output = Output;
        }
    }

    /// <summary>Runs a command with a time limit and captures everything it prints.</summary>
    internal static class ProcessRunner
    {
        /// <param name="environment">Variables to set; a null value removes the variable from the child's environment.</param>
        public static async Task<ProcessResult> RunAsync(string fileName, string arguments, string workingDirectory, TimeSpan timeout, IDictionary<string, string?>? environment = null)
        {
            var start = new ProcessStartInfo(fileName, arguments)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
            foreach (var pair in environment ?? new Dictionary<string, string?>())
            {
                if (pair.Value is null)
                {
                    start.Environment.Remove(pair.Key);
                }
                else
                {
                    start.Environment[pair.Key] = pair.Value;
                }
            }

            var output = new StringBuilder();
            var stdout = new StringBuilder();
            var stderr = new StringBuilder();
            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => Append(e.Data, stdout);
            process.ErrorDataReceived += (_, e) => Append(e.Data, stderr);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var exited = await Task.Run(() => process.WaitForExit((int)timeout.TotalMilliseconds));
            if (!exited)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"'{fileName} {arguments}' did not finish within {timeout}. Output so far:\n{Snapshot(output)}");
            }

            process.WaitForExit();
            lock (output)
            {
                return new ProcessResult(process.ExitCode, stdout.ToString(), stderr.ToString(), output.ToString());
            }

            void Append(string? line, StringBuilder stream)
            {
                if (line is null)
                {
                    return;
                }

                lock (output)
                {
                    output.AppendLine(line);
                    stream.AppendLine(line);
                }
            }
        }

        private static string Snapshot(StringBuilder output)
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }
}
