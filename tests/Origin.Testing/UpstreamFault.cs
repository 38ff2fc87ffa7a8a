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
        if (DelayMilliseconds > 0)
            try { await Task.Delay(DelayMilliseconds, context.RequestAborted); } catch (OperationCanceledException) { return true; }
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
    /// Ends a cut body, after the stall if there is one. The response simply ends short of its Content-Length:
    /// Kestrel then sends what was written and closes the connection, so the client gets exactly those bytes and then
    /// a premature end. (Aborting instead would race the socket: Abort discards output still queued for it.)
    /// </summary>
    public async Task BreakAsync(HttpContext context)
    {
        await context.Response.Body.FlushAsync();
        if (StallBodyMilliseconds > 0)
            try { await Task.Delay(StallBodyMilliseconds, context.RequestAborted); } catch (OperationCanceledException) { }
    }
}
