using Microsoft.AspNetCore.Http;

namespace Origin.Testing;

/// <summary>
/// A reverse proxy on loopback in front of a real upstream (an emulator), injecting <see cref="UpstreamFault"/>s into
/// the next requests: the cloud SDKs then meet 5xx, throttling, resets and broken bodies as they would in service.
/// Headers pass unchanged (Host included, so request signatures stay valid).
/// </summary>
public sealed class FaultProxy : FaultingServer
{
    static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase) { "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade" };
    readonly HttpClient _client = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false });
    readonly Uri _target;

    FaultProxy(Uri target) => _target = target;

    public static async Task<FaultProxy> StartAsync(Uri target)
    {
        var proxy = new FaultProxy(target);
        await proxy.StartAsync();
        return proxy;
    }

    protected override async Task ServeAsync(HttpContext context, UpstreamFault? fault)
    {
        var incoming = context.Request;
        using var request = new HttpRequestMessage(new HttpMethod(incoming.Method), new Uri(_target, incoming.Path + incoming.QueryString));
        if (incoming.ContentLength > 0 || incoming.Headers.TransferEncoding.Count > 0) request.Content = new StreamContent(incoming.Body);
        foreach (var (name, values) in incoming.Headers)
        {
            if (HopByHop.Contains(name)) continue;
            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values)) request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
        }
        using var answer = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        var response = context.Response;
        response.StatusCode = (int)answer.StatusCode;
        foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers))
            if (!HopByHop.Contains(name)) response.Headers[name] = values.ToArray();
        await using var body = await answer.Content.ReadAsStreamAsync(context.RequestAborted);
        long length = answer.Content.Headers.ContentLength ?? long.MaxValue;
        if (fault?.Cuts(length) != true)
        {
            await body.CopyToAsync(response.Body, context.RequestAborted);
            return;
        }
        var buffer = new byte[fault.TruncateAfterBytes];
        await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, context.RequestAborted);
        await response.Body.WriteAsync(buffer, context.RequestAborted);
        await fault.BreakAsync(context);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _client.Dispose();
    }
}
