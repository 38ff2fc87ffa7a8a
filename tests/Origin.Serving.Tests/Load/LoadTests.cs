using System.Diagnostics;
using System.Globalization;
using Origin.Serving.Tests.Support;
using Origin.Testing;
using Xunit.Abstractions;

namespace Origin.Serving.Tests.Load;

/// <summary>
/// Sustained load over loopback: manifests and segments of every format, of a fragmented and a progressive asset,
/// from a local folder and from HTTP storage, at 64 and 256 concurrent connections. No request may fail, the
/// managed heap must not grow over the run, and the origin must reuse a bounded set of storage connections (the
/// seed's IsmProxyPass exhausted local ports under load). A short run in CI; <c>LOAD_SECONDS=60</c> for the long
/// one (bench/load.sh), with the report appended to <c>LOAD_REPORT</c>.
/// </summary>
[Trait("Category", "Load")]
[Collection(SoloCollection.Name)] // memory is measured in this process: nothing else may run beside it
public sealed class LoadTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>The origin's default limit of connections per storage host.</summary>
    const int StorageConnectionLimit = 64;
    StaticWebServer _storage = null!;
    OriginServer _origin = null!;

    static TimeSpan Duration => TimeSpan.FromSeconds(
        double.TryParse(Environment.GetEnvironmentVariable("LOAD_SECONDS"), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? s : 3);

    public async Task InitializeAsync()
    {
        _storage = await StaticWebServer.StartAsync(ignoreRange: false);
        await _storage.PutSamplesAsync();
        _origin = await OriginServer.StartAsync(new Dictionary<string, string>
        {
            ["local"] = RepositoryFiles.Samples,
            ["web"] = _storage.BaseUri.ToString(),
        });
    }

    public async Task DisposeAsync()
    {
        await _origin.DisposeAsync();
        await _storage.DisposeAsync();
    }

    /// <summary>Every manifest and segment URL of the samples on both mounts, as players would ask for them.</summary>
    async Task<List<string>> MixAsync()
    {
        var urls = new List<string>();
        foreach (var mount in new[] { "local", "web" })
        foreach (var (asset, name) in new[] { ("demo.ism", "demo"), ("progressive.mp4", "progressive") })
        {
            var root = _origin.Url($"/{mount}/{asset}/");
            urls.AddRange([root + ".m3u8", root + ".mpd", root + "Manifest"]);
            var tracks = (await SegmentLists.FromHlsAsync(_origin.Client, root + ".m3u8"))
                .Concat(await SegmentLists.FromDashAsync(_origin.Client, root + ".mpd"))
                .Concat(await SegmentLists.FromSmoothAsync(_origin.Client, root + "Manifest", name));
            foreach (var track in tracks) urls.AddRange([track.Init, .. track.Segments]);
            urls.AddRange((await _origin.Client.GetStringAsync(root + ".m3u8")).Split('\n')
                .Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => root + l.Trim()));
        }
        return [.. urls.Distinct().Select(u => u[_origin.BaseUrl.Length..])];
    }

    static long HeapAfterCollection()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    [Theory]
    [InlineData(64)]
    [InlineData(256)]
    public async Task Mixed_load_has_no_errors_flat_memory_and_reused_storage_connections(int connections)
    {
        var paths = await MixAsync();
        // Warm-up: every URL once (each must work), then a second of load, so caches hold what the run will use.
        foreach (var path in paths) (await _origin.Client.GetAsync(path)).EnsureSuccessStatusCode();
        await LoadGenerator.RunAsync(new Uri(_origin.BaseUrl), paths, connections, TimeSpan.FromSeconds(1));

        long heapBefore = HeapAfterCollection();
        int storageRequestsBefore = _storage.Requests;
        _storage.Connections.Clear();
        long peakWorkingSet = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            using var process = Process.GetCurrentProcess();
            while (!sampling.IsCancellationRequested)
            {
                process.Refresh();
                peakWorkingSet = Math.Max(peakWorkingSet, process.WorkingSet64);
                try { await Task.Delay(250, sampling.Token); } catch (OperationCanceledException) { }
            }
        });
        var result = await LoadGenerator.RunAsync(new Uri(_origin.BaseUrl), paths, connections, Duration);
        await sampling.CancelAsync();
        await sampler;
        long heapAfter = HeapAfterCollection();
        int storageRequests = _storage.Requests - storageRequestsBefore, storageConnections = _storage.Connections.Count;

        var report = string.Create(CultureInfo.InvariantCulture,
            $"""
             load: {connections} connections, {result.Elapsed.TotalSeconds:0.0} s, {paths.Count} URLs (manifests and segments; HLS, DASH, Smooth; fragmented and progressive; folder and HTTP storage)
               requests {result.Requests} ({result.RequestsPerSecond:0} /s), {result.MegabytesPerSecond:0} MB/s, errors {result.Errors}
               latency p50 {result.P50Milliseconds:0.0} ms, p90 {result.P90Milliseconds:0.0} ms, p99 {result.P99Milliseconds:0.0} ms, max {result.MaxMilliseconds:0.0} ms
               managed heap after full collection: {heapBefore / 1048576.0:0.0} MiB before, {heapAfter / 1048576.0:0.0} MiB after ({(heapAfter - heapBefore) / 1048576.0:+0.0;-0.0} MiB); peak working set {peakWorkingSet / 1048576.0:0} MiB (load client included)
               HTTP storage: {storageRequests} requests over {storageConnections} connections ({(storageConnections == 0 ? 0 : storageRequests / (double)storageConnections):0} requests per connection)

             """);
        output.WriteLine(report);
        if (Environment.GetEnvironmentVariable("LOAD_REPORT") is { Length: > 0 } file) await File.AppendAllTextAsync(file, report);

        Assert.True(result.Errors == 0, $"{result.Errors} errors, e.g. {string.Join("; ", result.ErrorSamples)}");
        Assert.True(result.Requests > connections, $"only {result.Requests} requests");
        Assert.True(storageRequests > 0, "the run did not reach HTTP storage");
        Assert.True(storageConnections <= StorageConnectionLimit, $"{storageConnections} storage connections for {storageRequests} requests");
        // Flat: what the run leaves behind after a full collection is noise, not a share of what it served.
        Assert.True(heapAfter - heapBefore < 32L << 20, $"the managed heap grew from {heapBefore >> 20} to {heapAfter >> 20} MiB");
    }
}
