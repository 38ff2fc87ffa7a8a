using Origin.Storage.Http;
using Origin.Testing;

namespace Origin.Storage.Tests;

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
        // Without hedging: on a busy machine a slow answer would rightly start a hedge on a second connection.
        using var upstreams = new HttpUpstreams(new HttpUpstreamOptions { Hedging = false });
        var obj = (await new HttpStorage(Server.BaseUri, upstreams).OpenAsync("media/k.mp4", default)).Object!;
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
