namespace CometGuard.Probe
{
    /// <summary>The API shape the probe calls; chosen by the operator from the gateway's current docs.</summary>
    public enum EndpointFamily
    {
        /// <summary>Not chosen. Rejected by validation: there is deliberately no default.</summary>
        Unspecified = 0,

        /// <summary><c>POST {base}/chat/completions</c> (runbook value <c>CHAT_COMPLETIONS</c>).</summary>
        ChatCompletions = 1,

        /// <summary><c>POST {base}/responses</c> (runbook value <c>RESPONSES</c>).</summary>
        Responses = 2,
    }

    /// <summary>Which of the runbook's two requests a record describes.</summary>
    public enum RequestType
    {
        /// <summary>The minimal valid request (runbook value <c>HAPPY_PATH</c>).</summary>
        HappyPath = 0,

        /// <summary>The intentionally invalid request, never retried (runbook value <c>ERROR_PATH</c>).</summary>
        ErrorPath = 1,
    }

    /// <summary>The runbook's status class of the final attempt.</summary>
    public enum StatusClass
    {
        /// <summary>No HTTP status: connection failure, reset, timeout, or not attempted (<c>NETWORK_ERROR</c>).</summary>
        NetworkError = 0,

        /// <summary>1xx/2xx (<c>2XX</c>; a stray 1xx never reaches the caller of <c>HttpClient</c>).</summary>
        Success2xx = 2,

        /// <summary>A redirect, recorded and never followed (<c>3XX</c>).</summary>
        Redirect3xx = 3,

        /// <summary><c>4XX</c>.</summary>
        ClientError4xx = 4,

        /// <summary><c>5XX</c>.</summary>
        ServerError5xx = 5,
    }

    /// <summary>Whether a field was in the observed body (runbook values <c>TRUE|FALSE|NOT_RETURNED</c>).</summary>
    public enum FieldPresence
    {
        /// <summary>No JSON object body was observed, so the field could not be checked (<c>NOT_RETURNED</c>).</summary>
        NotReturned = 0,

        /// <summary>The body is a JSON object and has the field (<c>TRUE</c>).</summary>
        Present = 1,

        /// <summary>The body is a JSON object without the field (<c>FALSE</c>).</summary>
        Absent = 2,
    }

    /// <summary>The runbook's <c>retry_decision</c>.</summary>
    public enum RetryDecision
    {
        /// <summary><c>NO_RETRY</c>.</summary>
        NoRetry = 0,

        /// <summary>The opt-in single retry was spent (<c>SINGLE_RETRY</c>).</summary>
        SingleRetry = 1,

        /// <summary>The gateway asked for a wait beyond the cap: a person decides (<c>ESCALATE</c>).</summary>
        Escalate = 2,
    }

    /// <summary>
    /// The runbook's <c>fallback_decision</c>. A smoke probe never promotes beyond
    /// <see cref="RouteCanary"/>.
    /// </summary>
    public enum FallbackDecision
    {
        /// <summary>Keep traffic on the primary route (<c>KEEP_PRIMARY</c>).</summary>
        KeepPrimary = 0,

        /// <summary>The route may take canary traffic (<c>ROUTE_CANARY</c>); the highest a smoke test can decide.</summary>
        RouteCanary = 1,

        /// <summary>The route already carries canary traffic and must stop (<c>ROLL_BACK</c>).</summary>
        RollBack = 2,

        /// <summary>A person must look: credentials, wrong path, rejected shape, accepted invalid request (<c>ESCALATE</c>).</summary>
        Escalate = 3,
    }

    /// <summary>What the probed route carries today; decides between <c>KEEP_PRIMARY</c> and <c>ROLL_BACK</c>.</summary>
    public enum CurrentRoute
    {
        /// <summary>The route carries no production traffic yet (default).</summary>
        Standby = 0,

        /// <summary>The route already carries canary traffic: a failing probe means <c>ROLL_BACK</c>.</summary>
        Canary = 1,
    }

    /// <summary>How the served <c>model</c> compares with the requested model id.</summary>
    public enum ServedModelMatch
    {
        /// <summary>The body had no <c>model</c> field (or no JSON body).</summary>
        NotReturned = 0,

        /// <summary>The served id equals the requested one.</summary>
        Exact = 1,

        /// <summary>The served id is a dated snapshot of the requested one (<c>gpt-4o</c> → <c>gpt-4o-2024-08-06</c>).</summary>
        DatedVariant = 2,

        /// <summary>The served id is another model.</summary>
        Different = 3,
    }

    /// <summary>The classified outcome of one request (its final attempt).</summary>
    public enum ProbeOutcome
    {
        /// <summary>2xx with the expected object, an id and a finished state.</summary>
        Success = 0,

        /// <summary>2xx whose body is an <c>{"error": ...}</c> envelope.</summary>
        ErrorBodyOn2xx,

        /// <summary>2xx whose <c>object</c> is missing or not the family's object type.</summary>
        UnexpectedObject,

        /// <summary>2xx without an <c>id</c>.</summary>
        MissingId,

        /// <summary>Chat Completions 2xx with no <c>choices</c> or no <c>finish_reason</c>.</summary>
        EmptyChoices,

        /// <summary>Responses 2xx whose <c>status</c> is not <c>completed</c>.</summary>
        NotCompleted,

        /// <summary>A body that should be JSON and is not.</summary>
        UnparseableBody,

        /// <summary>A body larger than the 64 KiB read cap.</summary>
        OversizedBody,

        /// <summary>A 3xx (never followed), or a redirect followed by the caller's handler.</summary>
        Redirect,

        /// <summary>An HTML page where JSON was expected: a wrong base address or path.</summary>
        HtmlBody,

        /// <summary>404: wrong base address or path, or a model the route does not serve.</summary>
        NotFound,

        /// <summary>401 or 403: credentials or permissions.</summary>
        CredentialsRejected,

        /// <summary>400 or 422 (on the error path, the expected answer).</summary>
        RequestRejected,

        /// <summary>Another 4xx (402, 409, 413...).</summary>
        OtherClientError,

        /// <summary>408, 429 or 503: the gateway asks the client to slow down.</summary>
        Throttled,

        /// <summary>Another 5xx.</summary>
        ServerError,

        /// <summary>The per-attempt timeout or the overall deadline elapsed.</summary>
        Timeout,

        /// <summary>The connection failed or was reset.</summary>
        ConnectionFailed,

        /// <summary>Not sent: the overall deadline was spent before this request.</summary>
        NotAttempted,
    }

    /// <summary>The happy path's row key in the <see cref="DecisionMatrix"/>.</summary>
    public enum HappyPathClass
    {
        /// <summary>2xx, right object, id, finished, every application read present, served model acceptable.</summary>
        Healthy = 0,

        /// <summary>Healthy shape, but a path the application reads is missing.</summary>
        ApplicationReadMissing,

        /// <summary>Healthy shape, but the served model is not an exact match and the operator required one.</summary>
        ServedModelMismatch,

        /// <summary>2xx with an error body, wrong object, no id, unfinished, unparseable or oversized body.</summary>
        ShapeMismatch,

        /// <summary>401 or 403.</summary>
        CredentialsRejected,

        /// <summary>404, 3xx or HTML: wrong base address, wrong path, or model not served.</summary>
        WrongPath,

        /// <summary>400, 422 or another 4xx: the endpoint family or parameters were rejected.</summary>
        RequestRejected,

        /// <summary>408, 429 or 503, not retried (not opted in, no <c>Retry-After</c>, or retry already spent).</summary>
        Throttled,

        /// <summary>408, 429 or 503 whose <c>Retry-After</c> exceeds the cap.</summary>
        ThrottledBeyondCap,

        /// <summary>Another 5xx, a timeout, a reset or a connection failure.</summary>
        Unavailable,
    }

    /// <summary>The error path's column key in the <see cref="DecisionMatrix"/>.</summary>
    public enum ErrorPathClass
    {
        /// <summary>A 4xx other than 401/403/404/408/429: the invalid request was rejected, as expected.</summary>
        Rejected = 0,

        /// <summary>A 2xx: the gateway accepted an invalid request.</summary>
        Accepted,

        /// <summary>401 or 403.</summary>
        CredentialsRejected,

        /// <summary>5xx, network failure, timeout, 3xx, 404, 408, 429 or not attempted: stop at classification.</summary>
        Ambiguous,
    }

    /// <summary>Output formats of the evidence record.</summary>
    public enum EvidenceFormat
    {
        /// <summary>The runbook template: <c>key: value</c> lines in the runbook's order and vocabulary.</summary>
        RunbookTemplate = 0,

        /// <summary>One JSON object per record, with a schema version.</summary>
        JsonLines = 1,

        /// <summary>A Markdown table for a CI job summary.</summary>
        Markdown = 2,
    }
}
