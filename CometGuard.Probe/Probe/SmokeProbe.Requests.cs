using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace CometGuard.Probe
{
    /// <content>The two request shapes, shared by the run and by <see cref="PreviewRequests"/>.</content>
    public static partial class SmokeProbe
    {
        /// <summary>
        /// Describes the two requests a run would send (endpoint, headers, body) without sending
        /// anything or reading the key: for a dry run or a review before the first live probe.
        /// </summary>
        /// <param name="options">What to probe; validated, except <see cref="SmokeProbeOptions.ApiKey"/> (only its description is used).</param>
        /// <returns>The happy-path request, then the error-path request.</returns>
        /// <exception cref="SmokeProbeOptionsException">The options are invalid.</exception>
        public static IReadOnlyList<SmokeProbeRequestPreview> PreviewRequests(SmokeProbeOptions options)
        {
            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            var problems = options.GetProblems(checkApiKey: false);
            if (problems.Count > 0)
            {
                throw new SmokeProbeOptionsException(problems);
            }

            var uri = EndpointFor(options);
            var authorization = "Bearer [key from " + (options.ApiKey?.Description ?? "the secret source") + ", not shown]";
            var headers = new[]
            {
                new KeyValuePair<string, string>("Authorization", authorization),
                new KeyValuePair<string, string>("Content-Type", "application/json"),
                new KeyValuePair<string, string>("Accept", "application/json"),
            };
            return new[]
            {
                new SmokeProbeRequestPreview(RequestType.HappyPath, uri, headers, Encoding.UTF8.GetString(RequestBodyFor(options, RequestType.HappyPath))),
                new SmokeProbeRequestPreview(RequestType.ErrorPath, uri, headers, Encoding.UTF8.GetString(RequestBodyFor(options, RequestType.ErrorPath))),
            };
        }

        internal static Uri EndpointFor(SmokeProbeOptions options)
        {
            var baseAddress = options.BaseAddress;
            if (!baseAddress.AbsolutePath.EndsWith("/", StringComparison.Ordinal))
            {
                baseAddress = new UriBuilder(baseAddress) { Path = baseAddress.AbsolutePath + "/" }.Uri;
            }

            return new Uri(baseAddress, options.EndpointFamily == EndpointFamily.Responses ? "responses" : "chat/completions");
        }

        internal static byte[] RequestBodyFor(SmokeProbeOptions options, RequestType type)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                writer.WriteString("model", options.Model!.Trim());
                var responses = options.EndpointFamily == EndpointFamily.Responses;
                if (type == RequestType.HappyPath)
                {
                    if (responses)
                    {
                        writer.WriteString("input", HappyPathMessage);
                        writer.WriteNumber("max_output_tokens", options.MaxOutputTokens);
                        writer.WriteBoolean("store", false);
                    }
                    else
                    {
                        writer.WriteStartArray("messages");
                        writer.WriteStartObject();
                        writer.WriteString("role", "user");
                        writer.WriteString("content", HappyPathMessage);
                        writer.WriteEndObject();
                        writer.WriteEndArray();
                        writer.WriteNumber("max_completion_tokens", options.MaxOutputTokens);
                    }
                }
                else
                {
                    // The required field (messages / input) is left out on purpose.
                    writer.WriteNumber(responses ? "max_output_tokens" : "max_completion_tokens", 16);
                }

                writer.WriteBoolean("stream", false);
                writer.WriteEndObject();
            }

            return stream.ToArray();
        }
    }

    /// <summary>One request a probe run would send, as shown by <see cref="SmokeProbe.PreviewRequests"/>; it never holds the key.</summary>
    public sealed class SmokeProbeRequestPreview
    {
        internal SmokeProbeRequestPreview(RequestType requestType, Uri uri, IReadOnlyList<KeyValuePair<string, string>> headers, string body)
        {
            RequestType = requestType;
            Uri = uri;
            Headers = headers;
            Body = body;
        }

        /// <summary>Happy path or error path.</summary>
        public RequestType RequestType { get; }

        /// <summary>Always <c>POST</c>.</summary>
        public string Method => "POST";

        /// <summary>The endpoint the request goes to.</summary>
        public Uri Uri { get; }

        /// <summary>The request headers; the Authorization value names the key's source, never the key.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

        /// <summary>The exact JSON body.</summary>
        public string Body { get; }

        /// <summary>The request as HTTP-like text: request line, headers, blank line, body.</summary>
        /// <returns>The text.</returns>
        public override string ToString()
        {
            var builder = new StringBuilder();
            builder.Append(Method).Append(' ').Append(Uri.AbsoluteUri).Append('\n');
            foreach (var header in Headers)
            {
                builder.Append(header.Key).Append(": ").Append(header.Value).Append('\n');
            }

            builder.Append('\n').Append(Body).Append('\n');
            return builder.ToString();
        }
    }
}
