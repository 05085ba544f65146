namespace CometGuard.Analyzers.Sinks
{
    /// <summary>What a sink position receives.</summary>
    public enum SinkKind
    {
        /// <summary>A model or deployment id (CG0001).</summary>
        ModelId,

        /// <summary>An API key or bearer token (CG0002, CG0008, CG0009).</summary>
        Credential,

        /// <summary>A retry attempt count (CG0003).</summary>
        RetryCount,

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
    }
}
