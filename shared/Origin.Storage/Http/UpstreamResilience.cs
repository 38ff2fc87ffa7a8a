using System.Net.Http.Headers;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Hedging;

namespace Origin.Storage.Http;

/// <summary>
/// What a GET to one upstream goes through before its body is read: hedging inside retries. A request that has not
/// answered by the upstream's 95th percentile gets a second one beside it, the first answer wins and the other is
/// cancelled (and its response disposed); an answer that is a transient fault (5xx, 429, a reset, a stall past the
/// deadline) is retried with jittered exponential backoff, after Retry-After when the upstream gives one. Nothing here
/// reads a body, so a retry never repeats bytes already used. Hedges are rationed by a <see cref="HedgingBudget"/>.
/// </summary>
static class UpstreamResilience
{
    public static ResiliencePipeline<HttpResponseMessage> Build(HttpUpstreamOptions options, UpstreamLatency latency, HedgingBudget budget)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (options.Retries > 0)
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.Retries,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome) && RefusedWait(args.Outcome.Result, options) is null),
            });
        if (options.Hedging)
            builder.AddHedging(new HedgingStrategyOptions<HttpResponseMessage>
            {
                MaxHedgedAttempts = 1,
                // Any answer is taken: faults are the retry's to handle, so a failing upstream is not asked twice as often.
                ShouldHandle = _ => ValueTask.FromResult(false),
                DelayGenerator = _ => ValueTask.FromResult(HedgeAfter(latency, options)),
                ActionGenerator = args => budget.TryTake() ? () => args.Callback(args.ActionContext) : null,
            });
        return builder.Build();
    }

    /// <summary>Waits no less than the floor, and forever (no hedge) while the percentile is unknown.</summary>
    static TimeSpan HedgeAfter(UpstreamLatency latency, HttpUpstreamOptions options) =>
        latency.P95 is { } p95 ? (p95 > options.MinHedgingDelay ? p95 : options.MinHedgingDelay) : Timeout.InfiniteTimeSpan;

    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is StorageException { Status: StorageStatus.Timeout or StorageStatus.Unavailable }
        || (outcome.Result is { } response && (int)response.StatusCode is 429 or 500 or 502 or 503 or 504);

    /// <summary>
    /// The wait a transient fault asks for when it is longer than the origin will hold a viewer for (failed at once
    /// instead); null for any other answer.
    /// </summary>
    public static TimeSpan? RefusedWait(HttpResponseMessage? response, HttpUpstreamOptions options) =>
        response is not null && IsTransient(Outcome.FromResult(response)) && RetryAfter(response.Headers.RetryAfter) is { } wait && wait > options.MaxRetryAfter
            ? wait : null;

    static TimeSpan? RetryAfter(RetryConditionHeaderValue? header) =>
        header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
}
