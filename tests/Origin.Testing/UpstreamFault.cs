using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Origin.Testing;

/// <summary>
/// How one upstream request fails: a stall before the headers, a reset, a status (with Retry-After), or a body that
/// breaks off (or stalls, then breaks off) after some bytes while the headers promise them all.
/// </summary>
public sealed record UpstreamFault(int Status = 0, int RetryAfterSeconds = 0, bool Reset = false, int DelayMilliseconds = 0,
    int TruncateAfterBytes = -1, int StallBodyMilliseconds = 0)
{
    /// <summary>Applies the part of the fault that comes before a body; true when the request has been answered.</summary>
    public async Task<bool> AnswerBeforeBodyAsync(HttpContext context)
    {
        if (DelayMilliseconds > 0) await Task.Delay(DelayMilliseconds);
        if (Reset)
        {
            context.Abort();
            return true;
        }
        if (Status == 0) return false;
        context.Response.StatusCode = Status;
        if (RetryAfterSeconds > 0) context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>Whether a body of this length is cut short.</summary>
    public bool Cuts(long length) => TruncateAfterBytes >= 0 && TruncateAfterBytes < length;

    /// <summary>
    /// Ends a cut body: the bytes sent must reach the client before the connection drops (Abort discards output still
    /// queued for the socket, and a client that got nothing at all retries on a fresh connection by itself).
    /// </summary>
    public async Task BreakAsync(HttpContext context)
    {
        await context.Response.Body.FlushAsync();
        try { await Task.Delay(Math.Max(StallBodyMilliseconds, 300), context.RequestAborted); } catch (OperationCanceledException) { }
        context.Abort();
    }
}
