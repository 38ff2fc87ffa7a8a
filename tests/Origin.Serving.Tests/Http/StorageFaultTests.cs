using Origin.Serving.Tests.Support;
using Origin.Testing;

namespace Origin.Serving.Tests.Http;

/// <summary>
/// Storage faults as the viewer sees them: retried when transient, a 502 with a reason when not, and a body that
/// breaks off mid-segment aborts the response (a CDN must not cache a short segment as complete).
/// </summary>
public sealed class StorageFaultTests : IAsyncLifetime
{
    StaticWebServer _storage = null!;
    OriginServer _origin = null!;
    readonly string _indexCache = Directory.CreateTempSubdirectory("index-cache").FullName;
    const string Segment = "/web/demo.ism/demo-video=500000-3.m4s";

    public async Task InitializeAsync()
    {
        _storage = await StaticWebServer.StartAsync(ignoreRange: false);
        await _storage.PutSamplesAsync();
        _origin = await OriginServer.StartAsync(new Dictionary<string, string> { ["web"] = _storage.BaseUri.ToString() },
            new Dictionary<string, string?> { ["Origin:UpstreamTimeoutSeconds"] = "1", ["Origin:IndexCache"] = "file://" + _indexCache });
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

    [Theory]
    [InlineData(0)]
    [InlineData(10_000)]
    public async Task A_segment_whose_storage_body_breaks_off_is_aborted_not_sent_short(int stallMilliseconds)
    {
        var expected = await _origin.Client.GetByteArrayAsync(Segment);
        _storage.Faults.Enqueue(new(TruncateAfterBytes: expected.Length / 2, StallBodyMilliseconds: stallMilliseconds));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var fetched = await CdnFetch.GetAsync(_origin.Client, Segment);
        Assert.True(fetched.Broke, "the response ended as if complete");
        // The headers, when they left before the break, promised the whole segment.
        if (fetched.Status != 0) Assert.Equal((200, expected.Length), (fetched.Status, fetched.Promised));
        Assert.True(fetched.Received.Length < expected.Length);
        Assert.Equal(expected.AsSpan(0, fetched.Received.Length).ToArray(), fetched.Received);
        // A stall ends at the 1 s upstream deadline, not when the upstream gives up.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Equal(expected, await _origin.Client.GetByteArrayAsync(Segment));
    }

    [Fact]
    public async Task An_index_whose_reads_keep_failing_is_not_cached_and_is_built_on_the_next_request()
    {
        var entries = () => Directory.GetFiles(_indexCache, "*", SearchOption.AllDirectories).Length;
        int before = entries();
        for (int i = 0; i < 9; i++) _storage.Faults.Enqueue(new(TruncateAfterBytes: 8));
        using (var failed = await _origin.Client.GetAsync("/web/progressive.mp4/.mpd"))
        {
            Assert.Equal(502, (int)failed.StatusCode);
            var reason = await failed.Content.ReadAsStringAsync();
            Assert.True(reason.Contains("storage", StringComparison.Ordinal), reason);
        }
        Assert.Equal(before, entries());
        _storage.Faults.Clear();
        using var served = await _origin.Client.GetAsync("/web/progressive.mp4/.mpd");
        Assert.Equal(200, (int)served.StatusCode);
        Assert.True(entries() > before);
    }
}
