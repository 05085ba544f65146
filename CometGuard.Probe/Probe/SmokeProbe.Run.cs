using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace CometGuard.Probe
{
    /// <content>The run: two requests, classification, decision, records.</content>
    public static partial class SmokeProbe
    {
        private const string Unspecified = "unspecified";

        private static async Task<SmokeProbeReport> RunCoreAsync(SmokeProbeOptions options, HttpClient httpClient, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var key = await options.ApiKey!.ResolveAsync(cancellationToken).ConfigureAwait(false);
            if (key is null || key.Trim().Length == 0)
            {
                throw new SmokeProbeOptionsException(new[] { options.ApiKey.MissingMessage });
            }

            var run = new Run(options, httpClient, key.Trim(), cancellationToken);
            return await run.ExecuteAsync().ConfigureAwait(false);
        }

        /// <summary>State of one run; the key lives only here, for the Authorization header.</summary>
        private sealed class Run
        {
            private readonly SmokeProbeOptions _options;
            private readonly HttpClient _http;
            private readonly string _key;
            private readonly KeyFingerprint? _fingerprint;
            private readonly CancellationToken _caller;
            private readonly TimeProvider _time;
            private readonly string _model;
            private int _requestsSent;

            public Run(SmokeProbeOptions options, HttpClient http, string key, CancellationToken caller)
            {
                _options = options;
                _http = http;
                _key = key;
                _fingerprint = KeyFingerprint.Create(key);
                _caller = caller;
                _time = options.TimeProvider;
                _model = options.Model!.Trim();
            }

            public async Task<SmokeProbeReport> ExecuteAsync()
            {
                using var deadlineSource = new CancellationTokenSource(_options.OverallDeadline);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(_caller, deadlineSource.Token);
                var deadline = linked.Token;
                var runStart = _time.GetTimestamp();

                // Happy path: at most one retry, opt-in, through Polly.
                var happyStart = _time.GetTimestamp();
                var retrySpent = false;
                var happyAttempts = 0;
                var pipeline = BuildRetryPipeline(runStart, () => retrySpent = true);
                AttemptObservation happy;
                try
                {
                    happy = await pipeline.ExecuteAsync(
                        async token =>
                        {
                            happyAttempts++;
                            return await SendAsync(RequestType.HappyPath, happyAttempts, token).ConfigureAwait(false);
                        },
                        deadline).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!_caller.IsCancellationRequested)
                {
                    // Only the retry delay can be cut here: the attempt itself turns timeouts into records.
                    happy = AttemptObservation.Network(ProbeOutcome.Timeout, "overall deadline of " + ResponseClassifier.Seconds(_options.OverallDeadline) + " reached during the retry delay");
                }

                var happyElapsed = _time.GetElapsedTime(happyStart);
                var happyAt = _time.GetUtcNow();

                // Error path: never retried, never through the pipeline.
                var errorStart = _time.GetTimestamp();
                AttemptObservation error;
                var errorAttempts = 0;
                if (deadline.IsCancellationRequested)
                {
                    _caller.ThrowIfCancellationRequested();
                    error = AttemptObservation.Network(ProbeOutcome.NotAttempted, "not sent: overall deadline of " + ResponseClassifier.Seconds(_options.OverallDeadline) + " already reached");
                }
                else
                {
                    errorAttempts = 1;
                    error = await SendAsync(RequestType.ErrorPath, 1, deadline).ConfigureAwait(false);
                }

                var errorElapsed = _time.GetElapsedTime(errorStart);
                var errorAt = _time.GetUtcNow();

                var happyClass = OutcomeClasses.OfHappyPath(happy, _options);
                var errorClass = OutcomeClasses.OfErrorPath(error);
                var decision = DecisionMatrix.Decide(happyClass, errorClass, _options.CurrentRoute, retrySpent);

                var happyRecord = BuildRecord(RequestType.HappyPath, happy, happyAttempts, happyElapsed, happyAt, decision, HappyNotes(happy, happyClass, retrySpent));
                var errorRecord = BuildRecord(RequestType.ErrorPath, error, errorAttempts, errorElapsed, errorAt, decision, ErrorNotes(error, errorClass));
                var report = new SmokeProbeReport(happyRecord, errorRecord, happyClass, errorClass, decision, _requestsSent, _fingerprint);
                _options.Logger?.LogInformation(
                    "CometGuard smoke probe decided {FallbackDecision} / {RetryDecision} after {Requests} requests",
                    EvidenceRenderer.Token(decision.Fallback),
                    EvidenceRenderer.Token(decision.Retry),
                    _requestsSent);
                return report;
            }

            private ResiliencePipeline<AttemptObservation> BuildRetryPipeline(long runStart, Action onRetry)
            {
                if (!_options.EnableSingleRetry)
                {
                    return ResiliencePipeline<AttemptObservation>.Empty;
                }

                return new ResiliencePipelineBuilder<AttemptObservation> { TimeProvider = _time }
                    .AddRetry(new RetryStrategyOptions<AttemptObservation>
                    {
                        MaxRetryAttempts = 1,
                        BackoffType = DelayBackoffType.Constant,
                        UseJitter = false,
                        ShouldHandle = args => new ValueTask<bool>(args.Outcome.Result is { } result && ShouldRetry(result, runStart)),
                        DelayGenerator = args => new ValueTask<TimeSpan?>(args.Outcome.Result?.RetryAfter ?? TimeSpan.Zero),
                        OnRetry = args =>
                        {
                            onRetry();
                            _options.Logger?.LogInformation(
                                "CometGuard smoke probe retries the happy path once after {Delay} ms",
                                (long)args.RetryDelay.TotalMilliseconds);
                            return default;
                        },
                    })
                    .Build();
            }

            private bool ShouldRetry(AttemptObservation result, long runStart)
            {
                if (result.Outcome != ProbeOutcome.Throttled || result.RetryAfter is not TimeSpan wait || wait > _options.RetryAfterCap)
                {
                    return false;
                }

                // The wait and a whole attempt must fit in what is left of the deadline.
                var left = _options.OverallDeadline - _time.GetElapsedTime(runStart);
                if (wait >= left)
                {
                    result.Detail = Append(result.Detail, "retry skipped: Retry-After would pass the overall deadline");
                    return false;
                }

                return true;
            }

            private async Task<AttemptObservation> SendAsync(RequestType type, int attempt, CancellationToken deadline)
            {
                using var attemptSource = CancellationTokenSource.CreateLinkedTokenSource(deadline);
                attemptSource.CancelAfter(_options.AttemptTimeout);
                var token = attemptSource.Token;
                var uri = EndpointFor(_options);
                AttemptObservation observation;
                try
                {
                    using var request = BuildRequest(type, uri);
                    Interlocked.Increment(ref _requestsSent);
                    using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
                    var status = (int)response.StatusCode;
                    var retryAfter = RetryAfter(response.Headers.RetryAfter);
                    var (body, oversized) = await ReadCappedAsync(response.Content, token).ConfigureAwait(false);
                    observation = ResponseClassifier.Classify(
                        status,
                        response.Content.Headers.ContentType?.MediaType,
                        body,
                        oversized,
                        _options.EndpointFamily,
                        _model,
                        type == RequestType.HappyPath ? _options.AllApplicationReads() : (IReadOnlyList<string>)Array.Empty<string>(),
                        _fingerprint);
                    observation.RetryAfter = retryAfter;
                    if (response.RequestMessage?.RequestUri is Uri final && final != uri)
                    {
                        // The caller's handler followed a redirect: record it as the 3xx it was.
                        observation.StatusClass = StatusClass.Redirect3xx;
                        observation.Outcome = ProbeOutcome.Redirect;
                        observation.Detail = "redirect followed by the HttpClient's handler; use SmokeProbe.CreateHandler()";
                    }

                    if (oversized)
                    {
                        observation.Detail = Append(observation.Detail, "body larger than " + (SmokeProbeOptions.MaxBodyBytes / 1024) + " KiB, not read");
                    }
                }
                catch (OperationCanceledException) when (_caller.IsCancellationRequested)
                {
                    _caller.ThrowIfCancellationRequested();
                    throw;
                }
                catch (OperationCanceledException ex)
                {
                    var detail = deadline.IsCancellationRequested
                        ? "overall deadline of " + ResponseClassifier.Seconds(_options.OverallDeadline) + " reached"
                        : token.IsCancellationRequested
                            ? "attempt timeout of " + ResponseClassifier.Seconds(_options.AttemptTimeout) + " elapsed"
                            : ex.InnerException is TimeoutException ? "HttpClient.Timeout elapsed" : "request cancelled by the handler";
                    observation = AttemptObservation.Network(ProbeOutcome.Timeout, detail);
                }
                catch (HttpRequestException ex)
                {
                    observation = AttemptObservation.Network(ProbeOutcome.ConnectionFailed, "connection failed: " + ex.HttpRequestError.ToString());
                }
                catch (IOException)
                {
                    observation = AttemptObservation.Network(ProbeOutcome.ConnectionFailed, "connection failed while reading the body");
                }
                catch (Exception ex) when (ex is not OutOfMemoryException and not StackOverflowException)
                {
                    // A handler or proxy failure the probe cannot name: still a record, never a crash.
                    observation = AttemptObservation.Network(ProbeOutcome.ConnectionFailed, "request failed: " + ex.GetType().Name);
                }

                _options.Logger?.LogInformation(
                    "CometGuard smoke probe {RequestType} attempt {Attempt}: {StatusClass} {StatusCode} {Outcome}",
                    EvidenceRenderer.Token(type),
                    attempt,
                    EvidenceRenderer.Token(observation.StatusClass),
                    observation.StatusCode,
                    EvidenceRenderer.OutcomeToken(observation.Outcome));
                return observation;
            }

            private HttpRequestMessage BuildRequest(RequestType type, Uri uri)
            {
                var request = new HttpRequestMessage(HttpMethod.Post, uri)
                {
                    Content = new ByteArrayContent(RequestBodyFor(_options, type)),
                };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _key);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                request.Headers.UserAgent.Add(new ProductInfoHeaderValue("CometGuard-Probe", "0.1"));
                return request;
            }

            private static async Task<(ReadOnlyMemory<byte> Body, bool Oversized)> ReadCappedAsync(HttpContent content, CancellationToken token)
            {
                if (content.Headers.ContentLength is long length && length > SmokeProbeOptions.MaxBodyBytes)
                {
                    return (ReadOnlyMemory<byte>.Empty, true);
                }

                var buffer = new byte[SmokeProbeOptions.MaxBodyBytes + 1];
                var total = 0;
                using var stream = await content.ReadAsStreamAsync(token).ConfigureAwait(false);
                while (total < buffer.Length)
                {
                    var read = await stream.ReadAsync(buffer.AsMemory(total), token).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    total += read;
                }

                return total > SmokeProbeOptions.MaxBodyBytes
                    ? (ReadOnlyMemory<byte>.Empty, true)
                    : (buffer.AsMemory(0, total), false);
            }

            private TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
            {
                if (header?.Delta is TimeSpan delta)
                {
                    return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
                }

                if (header?.Date is DateTimeOffset date)
                {
                    var wait = date - _time.GetUtcNow();
                    return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
                }

                return null;
            }

            private string HappyNotes(AttemptObservation o, HappyPathClass happyClass, bool retrySpent)
            {
                var notes = new List<string> { "outcome " + EvidenceRenderer.OutcomeToken(o.Outcome) };
                if (o.FinishState is not null)
                {
                    notes.Add("finish_state " + o.FinishState);
                }

                if (o.IncompleteReason is not null)
                {
                    notes.Add("incomplete_details.reason " + o.IncompleteReason);
                }

                if (o.ErrorType is not null || o.ErrorCode is not null)
                {
                    notes.Add("error.type " + (o.ErrorType ?? "-") + ", error.code " + (o.ErrorCode ?? "-"));
                }

                if (o.ServedModelMatch is ServedModelMatch.DatedVariant or ServedModelMatch.Different)
                {
                    notes.Add("served model " + (o.ServedModel ?? "-") + " (" + EvidenceRenderer.Token(o.ServedModelMatch) + ")");
                }

                var missing = o.ApplicationReads.Where(r => r.Presence != FieldPresence.Present).Select(r => r.Path).ToList();
                if (missing.Count > 0 && o.Outcome == ProbeOutcome.Success)
                {
                    notes.Add("application reads missing: " + string.Join(", ", missing.Select(ReadBy)));
                }

                if (o.RetryAfter is TimeSpan wait)
                {
                    notes.Add("Retry-After " + ResponseClassifier.Seconds(wait) + (wait > _options.RetryAfterCap ? " exceeds cap " + ResponseClassifier.Seconds(_options.RetryAfterCap) : string.Empty));
                }

                if (retrySpent)
                {
                    notes.Add("single retry spent");
                }
                else if (o.Outcome == ProbeOutcome.Throttled && !_options.EnableSingleRetry)
                {
                    notes.Add("retry not opted in");
                }
                else if (o.Outcome == ProbeOutcome.Throttled && o.RetryAfter is null)
                {
                    notes.Add("no Retry-After, not retried");
                }

                if (o.Detail is not null)
                {
                    notes.Add(o.Detail);
                }

                return string.Join("; ", notes);
            }

            private static string ErrorNotes(AttemptObservation o, ErrorPathClass errorClass)
            {
                var notes = new List<string> { "outcome " + EvidenceRenderer.OutcomeToken(o.Outcome) };
                if (o.ErrorType is not null || o.ErrorCode is not null)
                {
                    notes.Add("error.type " + (o.ErrorType ?? "-") + ", error.code " + (o.ErrorCode ?? "-"));
                }

                notes.Add(OutcomeClasses.Describe(errorClass));

                if (o.Detail is not null)
                {
                    notes.Add(o.Detail);
                }

                return string.Join("; ", notes);
            }

            private SmokeProbeEvidence BuildRecord(RequestType type, AttemptObservation o, int attempts, TimeSpan elapsed, DateTimeOffset at, ProbeDecision decision, string notes)
            {
                var links = _options.EvidenceLinks
                    .Where(l => !string.IsNullOrWhiteSpace(l))
                    .Select(SafeLink)
                    .ToList();
                return new SmokeProbeEvidence
                {
                    Timestamp = at,
                    Operator = Clean(_options.Operator),
                    Environment = Clean(_options.Environment),
                    EndpointFamily = _options.EndpointFamily,
                    ModelReference = Clean(_model),
                    RequestType = type,
                    StatusClass = o.StatusClass,
                    StatusCode = o.StatusCode,
                    Outcome = o.Outcome,
                    ResponseIdPresent = o.ResponseIdPresent,
                    ResponseObjectType = o.ObjectType,
                    UsageFieldPresent = o.UsagePresent,
                    FinishState = o.FinishState,
                    ErrorType = o.ErrorType,
                    ErrorCode = o.ErrorCode,
                    ServedModel = o.ServedModel,
                    ServedModelMatch = o.ServedModelMatch,
                    RetryAfter = o.RetryAfter,
                    Attempts = attempts,
                    Elapsed = elapsed,
                    ApplicationReads = o.ApplicationReads.ToArray(),
                    RetryDecision = decision.Retry,
                    FallbackDecision = decision.Fallback,
                    EvidenceLinks = links,
                    Notes = EvidenceScrubber.Scrub(notes + "; decision: " + decision.Rule.Reason, _fingerprint),
                };
            }

            /// <summary>A missing path with the code the manifest says reads it (file: member; never an absolute path).</summary>
            private string ReadBy(string path)
                => _options.ReadManifest?.ReadersOf(path) is { Count: > 0 } readers
                    ? path + " (read by " + Clean(string.Join(", ", readers)) + ")"
                    : path;

            private string Clean(string? value)
                => string.IsNullOrWhiteSpace(value) ? Unspecified : EvidenceScrubber.Scrub(value!.Trim().Replace('\n', ' ').Replace('\r', ' '), _fingerprint);

            private string SafeLink(string link)
            {
                // Query strings and user info can carry tokens (signed URLs); keep scheme, host and path.
                var trimmed = link.Trim();
                if (Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
                {
                    trimmed = uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
                }

                return Clean(trimmed);
            }

            private static string Append(string? existing, string detail) => existing is null ? detail : existing + "; " + detail;
        }
    }
}
