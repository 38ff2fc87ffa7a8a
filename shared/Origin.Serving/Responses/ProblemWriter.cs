using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Origin.Serving.Responses;

/// <summary>RFC 9457 problem details with a one-line reason, written without reflection.</summary>
public static class ProblemWriter
{
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
            json.WriteString("detail", reason);
            json.WriteEndObject();
        }
        response.ContentLength = buffer.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
            await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted);
    }
}
