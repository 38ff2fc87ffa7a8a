using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Origin.Testing;

/// <summary>
/// A web server on loopback serving a folder as object storage does (Range, Content-Range, a strong ETag,
/// Last-Modified, 416), or, for the second suite, ignoring Range; it injects faults on request.
/// </summary>
public sealed class StaticWebServer : IAsyncDisposable
{
    readonly WebApplication _app;
    readonly bool _ignoreRange;
    public string Root { get; }
    public Uri BaseUri { get; private set; } = null!;
    public int Requests;

    /// <summary>How the next requests fail, in order.</summary>
    public readonly System.Collections.Concurrent.ConcurrentQueue<UpstreamFault> Faults = new();

    /// <summary>Every connection that ever carried a request, by Kestrel's connection id.</summary>
    public readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> Connections = new();

    StaticWebServer(bool ignoreRange)
    {
        _ignoreRange = ignoreRange;
        Root = Directory.CreateTempSubdirectory("web").FullName;
        _app = LoopbackApp.CreateBuilder().Build();
        _app.Run(HandleAsync);
    }

    public static async Task<StaticWebServer> StartAsync(bool ignoreRange)
    {
        var server = new StaticWebServer(ignoreRange);
        server.BaseUri = await LoopbackApp.StartAsync(server._app);
        return server;
    }

    async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref Requests);
        Connections[context.Connection.Id] = true;
        var path = context.Request.Path.Value ?? "/";
        if (path.StartsWith("/moved/", StringComparison.Ordinal)) { context.Response.Redirect("/media" + path[6..]); return; }
        if (path.StartsWith("/away/", StringComparison.Ordinal)) { context.Response.Redirect("http://192.0.2.1/x"); return; }
        Faults.TryDequeue(out var fault);
        if (fault is not null && await fault.AnswerBeforeBodyAsync(context)) return;
        await SendFileAsync(context, path, fault);
    }

    async Task SendFileAsync(HttpContext context, string path, UpstreamFault? fault)
    {
        var response = context.Response;
        var file = new FileInfo(Path.GetFullPath(Path.Combine(Root, Uri.UnescapeDataString(path.TrimStart('/')))));
        if (!file.FullName.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !file.Exists)
        {
            response.StatusCode = 404;
            return;
        }
        long length = file.Length, from = 0, to = length - 1;
        response.Headers.ETag = string.Create(CultureInfo.InvariantCulture, $"\"{length:x}-{file.LastWriteTimeUtc.Ticks:x}\"");
        response.Headers.LastModified = file.LastWriteTimeUtc.ToString("R", CultureInfo.InvariantCulture);
        response.Headers.AcceptRanges = _ignoreRange ? "none" : "bytes";
        var range = _ignoreRange ? null : context.Request.GetTypedHeaders().Range?.Ranges.FirstOrDefault();
        if (range is not null)
        {
            from = range.From ?? Math.Max(0, length - range.To!.Value);
            to = range.From is null ? length - 1 : Math.Min(range.To ?? length - 1, length - 1);
            if (from >= length)
            {
                response.StatusCode = 416;
                response.Headers.ContentRange = $"bytes */{length}";
                return;
            }
            response.StatusCode = 206;
            response.Headers.ContentRange = $"bytes {from}-{to}/{length}";
        }
        response.ContentLength = to - from + 1;
        if (HttpMethods.IsHead(context.Request.Method)) return;
        bool cut = fault?.Cuts(to - from + 1) == true;
        long count = cut ? fault!.TruncateAfterBytes : to - from + 1;
        await using (var stream = file.OpenRead())
        {
            stream.Position = from;
            var buffer = new byte[64 * 1024];
            while (count > 0)
            {
                int n = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count)));
                await response.Body.WriteAsync(buffer.AsMemory(0, n));
                count -= n;
            }
        }
        if (cut) await fault!.BreakAsync(context);
    }

    public async Task PutAsync(string path, byte[] content)
    {
        var full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await System.IO.File.WriteAllBytesAsync(full, content);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
