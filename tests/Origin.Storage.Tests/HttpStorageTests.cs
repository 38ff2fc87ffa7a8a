using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Origin.Storage.Http;

namespace Origin.Storage.Tests;

/// <summary>A web server on loopback serving a folder with ranges and ETags, or (for the second suite) ignoring Range.</summary>
public sealed class StaticWebServer : IAsyncDisposable
{
    readonly WebApplication _app;
    public string Root { get; } = Directory.CreateTempSubdirectory("web").FullName;
    public Uri BaseUri { get; }
    public int Requests;
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
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        StaticWebServer? server = null;
        app.Use(async (context, next) =>
        {
            Interlocked.Increment(ref server!.Requests);
            server.Connections[context.Connection.Id] = true;
            if (context.Request.Path.StartsWithSegments("/moved")) { context.Response.Redirect("/media" + context.Request.Path.Value![6..]); return; }
            if (context.Request.Path.StartsWithSegments("/away")) { context.Response.Redirect("http://192.0.2.1/x"); return; }
            if (ignoreRange) context.Request.Headers.Remove("Range");
            await next();
        });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(root), ServeUnknownFileTypes = true });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new StaticWebServer(app, new Uri(address + "/"), root);
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

public class HttpStorageTests : StorageConformanceTests, IAsyncLifetime
{
    protected StaticWebServer Server = null!;
    readonly HttpUpstreams _upstreams = new(new HttpUpstreamOptions());
    protected virtual bool IgnoreRange => false;

    protected override IMediaStorage Storage => new HttpStorage(Server.BaseUri, _upstreams);
    protected override Task PutAsync(string path, byte[] content) => Server.PutAsync(path, content);

    public async Task InitializeAsync() => Server = await StaticWebServer.StartAsync(IgnoreRange);

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        _upstreams.Dispose();
    }

    [Fact]
    public async Task Same_host_redirects_are_followed_and_others_refused()
    {
        await PutAsync("media/r.mp4", Content(5, 1000));
        var moved = await Storage.OpenAsync("moved/r.mp4", default);
        Assert.Equal(StorageStatus.Ok, moved.Status);
        Assert.Equal(1000, moved.Object!.Info.Length);
        var e = await Assert.ThrowsAsync<StorageException>(async () => await Storage.OpenAsync("away/r.mp4", default));
        Assert.Contains("another host", e.Message);
    }

    [Fact]
    public async Task Connections_are_reused()
    {
        await PutAsync("media/k.mp4", Content(6, 10_000));
        var obj = (await Storage.OpenAsync("media/k.mp4", default)).Object!;
        for (int i = 0; i < 20; i++) await obj.ReadAsync(i * 100, new byte[100], default);
        Assert.Equal(21, Server.Requests);
        Assert.Single(Server.Connections); // one keep-alive connection carried all of them
    }

    [Fact]
    public async Task An_unreachable_server_is_unavailable_not_a_crash()
    {
        using var upstreams = new HttpUpstreams(new HttpUpstreamOptions { ConnectTimeout = TimeSpan.FromSeconds(1) });
        var storage = new HttpStorage(new Uri("http://127.0.0.1:9/"), upstreams);
        var e = await Assert.ThrowsAsync<StorageException>(async () => await storage.OpenAsync("a.mp4", default));
        Assert.Equal(StorageStatus.Unavailable, e.Status);
    }
}

/// <summary>The same contract against a server that ignores Range and always answers 200 with the whole file.</summary>
public sealed class HttpStorageIgnoringRangeTests : HttpStorageTests
{
    protected override bool IgnoreRange => true;
}
