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

        /// <summary>A gateway endpoint or base address (CG0009, CG0010).</summary>
        Endpoint,

        /// <summary>A request body as JSON text, checked for a gateway request with a hard-coded model (CG0001).</summary>
        RequestBody,
    }
}
