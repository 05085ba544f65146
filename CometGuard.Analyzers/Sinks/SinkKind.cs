namespace CometGuard.Analyzers.Sinks
{
    /// <summary>
    /// What a catalogued position is to the rules. Most kinds are sinks (a position that receives a model id, a
    /// credential, a body, a log value); the response and status kinds from <see cref="ResponseState"/> on are the reads
    /// and guards CG0006 and CG0007 reason about, catalogued the same way so that no rule compares a member name.
    /// </summary>
    public enum SinkKind
    {
        /// <summary>A model or deployment id (CG0001).</summary>
        ModelId,

        /// <summary>An API key or bearer token (CG0002, CG0008, CG0009).</summary>
        Credential,

        /// <summary>A retry attempt count (CG0003).</summary>
        RetryCount,

        /// <summary>A sleep-duration sequence helper with no random part: Polly.Contrib's <c>Backoff.ExponentialBackoff</c> (CG0004).</summary>
        UnjitteredBackoff,

        /// <summary>A gateway endpoint, base address or request URI of raw HTTP (CG0009, CG0010).</summary>
        Endpoint,

        /// <summary>The endpoint of an SDK client, which always sends its credential there (CG0009, CG0010).</summary>
        AuthenticatedEndpoint,

        /// <summary>A value written to a log, the console, a trace, an exception message or a telemetry tag (CG0008).</summary>
        Log,

        /// <summary>Console output (CG0008): a log in services, the user interface in console tools; see <c>cometguard.console_is_log</c>.</summary>
        ConsoleOutput,

        /// <summary>A member whose value is sensitive: a credential, a prompt, generated text, a response body (CG0008).</summary>
        SensitiveValue,

        /// <summary>A position that receives request messages or input (CG0008): what flows in is a prompt.</summary>
        Prompt,

        /// <summary>A constant argument naming a secret, as in <c>GetEnvironmentVariable("OPENAI_API_KEY")</c> (CG0008).</summary>
        SecretName,

        /// <summary>The options of a Chat Completions client (CG0010).</summary>
        ChatCompletionsClientOptions,

        /// <summary>The options of a Responses client (CG0010).</summary>
        ResponsesClientOptions,

        /// <summary>The body sent with a raw HTTP request, or a wrapper argument that carries one (CG0010).</summary>
        RequestPayload,

        /// <summary>A request body as JSON text, checked for a gateway request with a hard-coded model (CG0001).</summary>
        RequestBody,

        /// <summary>A response collection that a gateway may return empty: choices, content parts, output items (CG0006).</summary>
        ResponseCollection,

        /// <summary>A response field a gateway may leave out, declared nullable: usage, finish reason (CG0006).</summary>
        ResponseOptionalField,

        /// <summary>A response's finish reason or status; checking it guards the reads that depend on it (CG0006).</summary>
        ResponseState,

        /// <summary>
        /// Text computed from its owner's response collection: <c>ChatResponse.Text</c> joins its messages' text, so a
        /// non-empty text proves a message exists (CG0006).
        /// </summary>
        DerivedText,

        /// <summary>The string a blank test reads: <c>string.IsNullOrEmpty</c>, <c>IsNullOrWhiteSpace</c> (CG0006).</summary>
        BlankTextCheck,

        /// <summary>The source of an element read that throws on an empty sequence: <c>First</c>, <c>Single</c>, <c>ElementAt</c> (CG0006).</summary>
        ThrowingElementRead,

        /// <summary>The source of an element read that yields null on an empty sequence: <c>FirstOrDefault</c> (CG0006).</summary>
        NullableElementRead,

        /// <summary>A sequence test that proves an element exists: <c>Any()</c> (CG0006).</summary>
        NonEmptyCheck,

        /// <summary>A sequence count that a comparison can turn into a guard: <c>Count()</c> (CG0006).</summary>
        CountRead,

        /// <summary>A JSON member lookup that throws when the member is missing: <c>JsonElement.GetProperty</c> (CG0006).</summary>
        ThrowingJsonLookup,

        /// <summary>A JSON member test that guards later lookups: <c>TryGetProperty</c>, <c>GetArrayLength</c>, <c>ValueKind</c> (CG0006).</summary>
        JsonShapeCheck,

        /// <summary>The JSON text or stream a parser or deserializer reads (CG0006, CG0007).</summary>
        JsonParseInput,

        /// <summary>An HTTP body read that yields structured content: <c>ReadFromJsonAsync</c>, <c>ReadAsStreamAsync</c> (CG0007).</summary>
        HttpBodyRead,

        /// <summary>An HTTP body read as text, a problem only when the text is parsed as JSON: <c>ReadAsStringAsync</c> (CG0007).</summary>
        HttpTextRead,

        /// <summary>The body of an HTTP response: <c>HttpResponseMessage.Content</c> (CG0007).</summary>
        HttpResponseBody,

        /// <summary>A status check on an HTTP response: <c>IsSuccessStatusCode</c>, <c>StatusCode</c>, <c>EnsureSuccessStatusCode()</c> (CG0007).</summary>
        HttpStatusCheck,
    }
}
