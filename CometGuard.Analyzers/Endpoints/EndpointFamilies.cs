using System.Collections.Generic;

namespace CometGuard.Analyzers.Endpoints
{
    /// <summary>The request shapes of the two endpoint families, and what a body's fields say about the family it is for.</summary>
    internal static class EndpointFamilies
    {
        private const string Messages = "messages";
        private const string Input = "input";

        /// <summary>Responses-only request fields, normalised (lower case, no <c>_</c>), with their wire names.</summary>
        private static readonly ImmutableArray<(string Normalized, string Wire)> ResponsesFields = ImmutableArray.Create(
            ("input", "input"), ("instructions", "instructions"), ("maxoutputtokens", "max_output_tokens"));

        /// <summary>Why a body with <paramref name="fields"/> (normalised) does not fit <paramref name="family"/>; null when it fits.</summary>
        public static string? Mismatch(EndpointFamily family, HashSet<string> fields)
        {
            if (family == EndpointFamily.ChatCompletions && !fields.Contains(Messages))
            {
                var found = new List<string>();
                foreach (var (normalized, wire) in ResponsesFields)
                {
                    if (fields.Contains(normalized))
                    {
                        found.Add("'" + wire + "'");
                    }
                }

                return found.Count == 0
                    ? null
                    : "This request to the Chat Completions endpoint (/chat/completions) carries Responses fields (" + string.Join(", ", found) + ") and no 'messages'";
            }

            if (family == EndpointFamily.Responses && fields.Contains(Messages) && !fields.Contains(Input))
            {
                return "This request to the Responses endpoint (/responses) carries the Chat Completions field 'messages' and no 'input'";
            }

            return null;
        }

        /// <summary>Why an SDK client of <paramref name="clientFamily"/> must not be given an endpoint of <paramref name="endpointFamily"/>; null when it may.</summary>
        public static string? ClientMismatch(EndpointFamily clientFamily, EndpointFamily endpointFamily, string client)
        {
            if (endpointFamily == EndpointFamily.None || endpointFamily == clientFamily)
            {
                return null;
            }

            var path = endpointFamily == EndpointFamily.Responses ? "/responses" : "/chat/completions";
            var kind = clientFamily == EndpointFamily.Responses ? "Responses" : "Chat Completions";
            return "The " + kind + " client '" + client + "' is given an endpoint ending in " + path + " (the other family; the SDK appends its own path to the base address)";
        }
    }
}
