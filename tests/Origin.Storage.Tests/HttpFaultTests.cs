using System.Diagnostics;
using Origin.Storage.Http;
using Origin.Testing;

namespace Origin.Storage.Tests;

/// <summary>Faults of a real HTTP upstream on loopback: transient ones are retried with backoff, the rest fail as values.</summary>
public sealed class HttpFaultTests : IAsyncLifetime
{
    StaticWebServer _server = null!;
    readonly HttpUpstreams _upstreams = new(new HttpUpstreamOptions { RetryDelay = TimeSpan.FromMilliseconds(10) });
    /// <summary>A short deadline, only for the stalls: elsewhere a slow attempt on a loaded machine would add a retry.</summary>
    readonly HttpUpstreams _quick = new(new HttpUpstreamOptions { RequestTimeout = TimeSpan.FromMilliseconds(800), RetryDelay = TimeSpan.FromMilliseconds(10) });
    IStorageObject _object = null!, _quickObject = null!;
    readonly byte[] _content = new byte[200_000];

    public async Task InitializeAsync()
    {
        _server = await StaticWebServer.StartAsync(ignoreRange: false);
        new Random(3).NextBytes(_content);
        await _server.PutAsync("m/a.mp4", _content);
        _object = (await new HttpStorage(_server.BaseUri, _upstreams).OpenAsync("m/a.mp4", default)).Object!;
        _quickObject = (await new HttpStorage(_server.BaseUri, _quick).OpenAsync("m/a.mp4", default)).Object!;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _upstreams.Dispose();
        _quick.Dispose();
    }

    async Task<byte[]> ReadAsync() => await ReadAsync(_object);

    static async Task<byte[]> ReadAsync(IStorageObject from)
    {
        var buffer = new byte[1000];
        await from.ReadAsync(5000, buffer, default);
        return buffer;
    }

    [Theory]
    [InlineData(503)]
    [InlineData(500)]
    [InlineData(502)]
    public async Task A_5xx_is_retried(int status)
    {
        _server.Faults.Enqueue(new(Status: status));
        Assert.Equal(_content.AsSpan(5000, 1000).ToArray(), await ReadAsync());
    }

    [Fact]
    public async Task A_429_waits_for_retry_after()
    {
        _server.Faults.Enqueue(new(Status: 429, RetryAfterSeconds: 1));
        var clock = Stopwatch.StartNew();
        Assert.Equal(_content.AsSpan(5000, 1000).ToArray(), await ReadAsync());
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9));
    }

    [Fact]
    public async Task A_reset_connection_is_retried()
    {
        _server.Faults.Enqueue(new(Reset: true));
        Assert.Equal(_content.AsSpan(5000, 1000).ToArray(), await ReadAsync());
    }

    [Fact]
    public async Task A_stalled_upstream_is_retried_then_times_out()
    {
        for (int i = 0; i < 3; i++) _server.Faults.Enqueue(new(DelayMilliseconds: 2000));
        var e = await Assert.ThrowsAsync<StorageException>(() => ReadAsync(_quickObject));
        Assert.Equal(StorageStatus.Timeout, e.Status);
    }

    [Fact]
    public async Task Persistent_errors_give_up_after_the_retries()
    {
        for (int i = 0; i < 3; i++) _server.Faults.Enqueue(new(Status: 500));
        var before = _server.Requests;
        var e = await Assert.ThrowsAsync<StorageException>(ReadAsync);
        Assert.Equal(StorageStatus.Unavailable, e.Status);
        Assert.Equal(3, _server.Requests - before);
    }

    [Fact]
    public async Task A_long_retry_after_fails_fast()
    {
        _server.Faults.Enqueue(new(Status: 503, RetryAfterSeconds: 60));
        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAsync<StorageException>(ReadAsync);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_read_slower_than_the_upstreams_p95_is_hedged_and_the_first_answer_wins(bool hedging)
    {
        using var upstreams = new HttpUpstreams(new HttpUpstreamOptions { Hedging = hedging });
        var source = (await new HttpStorage(_server.BaseUri, upstreams).OpenAsync("m/a.mp4", default)).Object!;
        for (int i = 0; i < UpstreamLatency.MinSamples; i++) await ReadAsync(source); // how long this upstream usually takes
        _server.Faults.Enqueue(new(DelayMilliseconds: 3000));
        var before = _server.Requests;
        var clock = Stopwatch.StartNew();
        Assert.Equal(_content.AsSpan(5000, 1000).ToArray(), await ReadAsync(source));
        if (hedging) Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1.5), $"took {clock.Elapsed}");
        else Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(2.9), $"took {clock.Elapsed}");
        Assert.Equal(hedging ? 2 : 1, _server.Requests - before);
        Assert.Equal(_content.AsSpan(5000, 1000).ToArray(), await ReadAsync(source)); // the cancelled request left nothing behind
    }

    [Fact]
    public async Task A_buffered_read_whose_body_breaks_off_is_read_again()
    {
        _server.Faults.Enqueue(new(TruncateAfterBytes: 300));
        var before = _server.Requests;
        Assert.Equal(_content.AsSpan(5000, 1000).ToArray(), await ReadAsync());
        Assert.Equal(2, _server.Requests - before);
    }

    [Fact]
    public async Task A_body_that_keeps_breaking_off_fails_after_the_retries()
    {
        for (int i = 0; i < 3; i++) _server.Faults.Enqueue(new(TruncateAfterBytes: 300));
        var e = await Assert.ThrowsAsync<StorageException>(ReadAsync);
        Assert.Equal(StorageStatus.Unavailable, e.Status);
    }

    [Fact]
    public async Task A_streamed_body_that_breaks_off_fails_after_the_bytes_it_really_got()
    {
        _server.Faults.Enqueue(new(TruncateAfterBytes: 30_000));
        await using var stream = await _object.OpenRangeAsync(5000, 100_000, default);
        var received = new MemoryStream();
        var e = await Assert.ThrowsAsync<StorageException>(() => stream.CopyToAsync(received));
        Assert.Equal(StorageStatus.Unavailable, e.Status);
        Assert.Equal(_content.AsSpan(5000, 30_000).ToArray(), received.ToArray());
    }

    [Fact]
    public async Task A_body_that_stalls_mid_way_times_out_within_the_deadline()
    {
        _server.Faults.Enqueue(new(TruncateAfterBytes: 30_000, StallBodyMilliseconds: 10_000));
        var clock = Stopwatch.StartNew();
        await using var stream = await _quickObject.OpenRangeAsync(5000, 100_000, default);
        var e = await Assert.ThrowsAsync<StorageException>(() => stream.CopyToAsync(Stream.Null));
        Assert.Equal(StorageStatus.Timeout, e.Status);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }
}
