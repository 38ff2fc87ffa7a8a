using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Origin.Serving.Responses;

/// <summary>RFC 9457 problem details with a one-line reason, written without reflection.</summary>
public static class ProblemWriter
{
    /// <summary>
    /// A reason as one line: parser messages may quote the input they stopped at (a newline, a control byte), and a
    /// reason is read in logs and by people, one line per fault.
    /// </summary>
    public static string OneLine(string reason) =>
        reason.Any(char.IsControl) ? string.Concat(reason.Select(c => char.IsControl(c) ? ' ' : c)) : reason;

    public static async Task WriteAsync(HttpContext context, int status, string reason)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = ContentTypes.Problem;
        response.Headers.CacheControl = "no-store";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "about:blank");
            json.WriteString("title", ReasonPhrases.GetReasonPhrase(status));
            json.WriteNumber("status", status);
            json.WriteString("detail", OneLine(reason));
            json.WriteEndObject();
        }
        response.ContentLength = buffer.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
            await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted);
    }
}
