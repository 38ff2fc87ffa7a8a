using Microsoft.AspNetCore.Http;

namespace Origin.Serving;

/// <summary>
/// The origin as one call: every host (the Kestrel app, a Functions worker) hands it each request and writes
/// nothing itself. Registered by <c>AddOrigin</c>; its configuration is checked when the host starts.
/// </summary>
public interface IOriginHandler
{
    /// <summary>Answers the request: a manifest, a segment, a 304, or a status with a one-line reason.</summary>
    Task HandleAsync(HttpContext context);
}
