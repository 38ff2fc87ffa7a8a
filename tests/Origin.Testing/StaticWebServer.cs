using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Origin.Testing;

/// <summary>
/// A web server on loopback serving a folder as object storage does (Range, Content-Range, a strong ETag,
/// Last-Modified, 416), or, for the second suite, ignoring Range; it injects faults on request.
/// </summary>
public sealed class StaticWebServer : FaultingServer
{
    readonly bool _ignoreRange;
    public string Root { get; } = Directory.CreateTempSubdirectory("web").FullName;
    /// <summary>When set, a request with any other query gets 403, as a store that checks signed URLs answers.</summary>
    public string? RequiredQuery { get; set; }

    StaticWebServer(bool ignoreRange) => _ignoreRange = ignoreRange;

    public static async Task<StaticWebServer> StartAsync(bool ignoreRange)
    {
        var server = new StaticWebServer(ignoreRange);
        await server.StartAsync();
        return server;
    }

    protected override async Task ServeAsync(HttpContext context, UpstreamFault? fault)
    {
        var path = context.Request.Path.Value ?? "/";
        if (RequiredQuery is { } signature && context.Request.QueryString.Value != signature)
        {
            context.Response.StatusCode = 403;
            return;
        }
        if (path.StartsWith("/moved/", StringComparison.Ordinal)) { context.Response.Redirect("/media" + path[6..]); return; }
        if (path.StartsWith("/away/", StringComparison.Ordinal)) { context.Response.Redirect("http://192.0.2.1/x"); return; }
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

    /// <summary>Puts the bundled sample files (media and demo.ism) under <paramref name="folder"/> ("" or "x/").</summary>
    public async Task PutSamplesAsync(string folder = "")
    {
        foreach (var file in Directory.GetFiles(RepositoryFiles.Samples))
            await PutAsync(folder + Path.GetFileName(file), await System.IO.File.ReadAllBytesAsync(file));
    }
}
