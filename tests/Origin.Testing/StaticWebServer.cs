using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace Origin.Testing;

/// <summary>A web server on loopback serving a folder with ranges and ETags, or (for the second suite) ignoring Range.</summary>
public sealed class StaticWebServer : IAsyncDisposable
{
    readonly WebApplication _app;
    public string Root { get; } = Directory.CreateTempSubdirectory("web").FullName;
    public Uri BaseUri { get; }
    public int Requests;

    /// <summary>How the next requests fail, in order: a status (with Retry-After), a reset, or a stall.</summary>
    public readonly System.Collections.Concurrent.ConcurrentQueue<Fault> Faults = new();
    public sealed record Fault(int Status = 0, int RetryAfterSeconds = 0, bool Reset = false, int DelayMilliseconds = 0);
    public readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> Connections = new();

    StaticWebServer(WebApplication app, Uri baseUri, string root)
    {
        _app = app;
        BaseUri = baseUri;
        Root = root;
    }

    public static async Task<StaticWebServer> StartAsync(bool ignoreRange)
    {
        var root = Directory.CreateTempSubdirectory("web").FullName;
        var app = LoopbackApp.CreateBuilder().Build();
        StaticWebServer? server = null;
        app.Use(async (context, next) =>
        {
            Interlocked.Increment(ref server!.Requests);
            server.Connections[context.Connection.Id] = true;
            if (context.Request.Path.StartsWithSegments("/moved")) { context.Response.Redirect("/media" + context.Request.Path.Value![6..]); return; }
            if (context.Request.Path.StartsWithSegments("/away")) { context.Response.Redirect("http://192.0.2.1/x"); return; }
            if (ignoreRange) context.Request.Headers.Remove("Range");
            if (server.Faults.TryDequeue(out var fault))
            {
                if (fault.DelayMilliseconds > 0) await Task.Delay(fault.DelayMilliseconds);
                if (fault.Reset) { context.Abort(); return; }
                if (fault.Status > 0)
                {
                    context.Response.StatusCode = fault.Status;
                    if (fault.RetryAfterSeconds > 0) context.Response.Headers.RetryAfter = fault.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    return;
                }
            }
            await next();
        });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(root), ServeUnknownFileTypes = true });
        server = new StaticWebServer(app, await LoopbackApp.StartAsync(app), root);
        return server;
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

