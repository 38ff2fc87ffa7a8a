using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Origin.Serving;

namespace Origin.AzureFunctions;

/// <summary>
/// Every GET, HEAD and OPTIONS under the app's root (host.json sets no route prefix) goes to the origin, which writes
/// the response itself on the worker's ASP.NET Core server: status, headers, and the body streamed as it is read.
/// </summary>
public sealed class OriginFunction(IOriginHandler origin)
{
    [Function("origin")]
    public async Task<IActionResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "options", Route = "{*path}")] HttpRequest request)
    {
        await origin.HandleAsync(request.HttpContext);
        // The response is complete: a result that writes nothing, so the integration adds nothing to it.
        return new EmptyResult();
    }
}
