using Origin.Serving.Tests.Support;
using Origin.Testing;

namespace Origin.Serving.Tests.Http;

/// <summary>Storage faults as the viewer sees them: retried when transient, a 502 with a reason when not.</summary>
public sealed class StorageFaultTests : IAsyncLifetime
{
    StaticWebServer _storage = null!;
    OriginServer _origin = null!;

    public async Task InitializeAsync()
    {
        _storage = await StaticWebServer.StartAsync(ignoreRange: false);
        foreach (var file in Directory.GetFiles(RepositoryFiles.Samples))
            await _storage.PutAsync(Path.GetFileName(file), await File.ReadAllBytesAsync(file));
        _origin = await OriginServer.StartAsync(new Dictionary<string, string> { ["web"] = _storage.BaseUri.ToString() });
        (await _origin.Client.GetAsync("/web/demo.ism/.mpd")).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        await _origin.DisposeAsync();
        await _storage.DisposeAsync();
    }

    [Fact]
    public async Task A_transient_storage_error_is_retried_and_the_viewer_gets_the_segment()
    {
        var expected = await _origin.Client.GetByteArrayAsync("/web/demo.ism/demo-video=150000-2.m4s");
        _storage.Faults.Enqueue(new(Status: 503));
        Assert.Equal(expected, await _origin.Client.GetByteArrayAsync("/web/demo.ism/demo-video=150000-2.m4s"));
    }

    [Fact]
    public async Task A_failing_store_gives_502_with_a_reason()
    {
        for (int i = 0; i < 3; i++) _storage.Faults.Enqueue(new(Status: 500));
        using var response = await _origin.Client.GetAsync("/web/demo.ism/demo-video=500000-6.m4s");
        Assert.Equal(502, (int)response.StatusCode);
        Assert.Contains("upstream answered 500", await response.Content.ReadAsStringAsync());
    }
}
