using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace CometGuard.Probe
{
    /// <summary>
    /// Appends a report's JSON Lines to an evidence log. Each call writes the scrubbed lines of one
    /// run in a single append under an exclusive lock, so concurrent writers and interrupted runs
    /// leave whole lines.
    /// </summary>
    public static class EvidenceLogWriter
    {
        /// <summary>Appends the report's records to a JSON Lines file, creating the file (not its directory) when missing.</summary>
        /// <param name="path">The evidence log's path.</param>
        /// <param name="report">The report.</param>
        /// <param name="cancellationToken">Cancels the write.</param>
        /// <returns>A task that completes when the lines are flushed to disk.</returns>
        public static async Task AppendJsonLinesAsync(string path, SmokeProbeReport report, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                throw new ArgumentException("The evidence log path is empty.", nameof(path));
            }

            if (report is null)
            {
                throw new ArgumentNullException(nameof(report));
            }

            var text = EvidenceRenderer.RenderJsonLines(report);
            var attempt = 0;
            while (true)
            {
                try
                {
                    await AppendOnceAsync(path, text, cancellationToken).ConfigureAwait(false);
                    return;
                }
                catch (IOException) when (++attempt < 20 && File.Exists(path))
                {
                    // Another writer holds the file for its own single append: wait briefly and retry.
                    await Task.Delay(25 * attempt, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        private static async Task AppendOnceAsync(string path, string text, CancellationToken cancellationToken)
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.OpenOrCreate,
                Access = FileAccess.ReadWrite,
                Share = FileShare.None, // an exclusive lock: two appenders never compute the same end
                Options = FileOptions.Asynchronous | FileOptions.WriteThrough,
            };

            await using var stream = new FileStream(path, options);
            var prefix = string.Empty;
            if (stream.Length > 0)
            {
                // Never glue a record onto a line an interrupted writer left unterminated.
                stream.Seek(-1, SeekOrigin.End);
                if (stream.ReadByte() != '\n')
                {
                    prefix = "\n";
                }
            }

            stream.Seek(0, SeekOrigin.End);
            var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(prefix + text);
            await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
