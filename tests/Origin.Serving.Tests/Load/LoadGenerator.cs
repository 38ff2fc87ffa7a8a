using System.Diagnostics;

namespace Origin.Serving.Tests.Load;

/// <summary>What one load run measured.</summary>
public sealed record LoadResult(int Connections, TimeSpan Elapsed, long Requests, long Errors, long Bytes,
    double P50Milliseconds, double P90Milliseconds, double P99Milliseconds, double MaxMilliseconds, IReadOnlyList<string> ErrorSamples)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;
    public double MegabytesPerSecond => Bytes / Elapsed.TotalSeconds / 1e6;
}

/// <summary>
/// A closed-loop HTTP load: N connections, each asking for the next URL of a list as soon as its last answer has
/// been read whole. Latencies go into a fixed log-scale histogram, so a long run allocates nothing as it goes (the
/// origin's memory is measured in the same process).
/// </summary>
public static class LoadGenerator
{
    /// <summary>Buckets 2% apart from 10 µs: bucket 800 is about 80 s.</summary>
    const double BucketBase = 1.02, FirstBucketMilliseconds = 0.01;
    const int Buckets = 800;

    public static async Task<LoadResult> RunAsync(Uri baseUri, IReadOnlyList<string> paths, int connections, TimeSpan duration)
    {
        using var client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseCookies = false,
        }) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
        var histograms = new long[connections][];
        var requests = new long[connections];
        var bytes = new long[connections];
        var errors = new long[connections];
        var samples = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var clock = Stopwatch.StartNew();
        var end = clock.Elapsed + duration;
        await Task.WhenAll(Enumerable.Range(0, connections).Select(worker => Task.Run(async () =>
        {
            var histogram = histograms[worker] = new long[Buckets];
            var buffer = new byte[64 * 1024];
            // Workers start at different places in the list so that the mix is the same at every moment.
            for (long i = worker * (long)paths.Count / connections; clock.Elapsed < end; i++)
            {
                var path = paths[(int)(i % paths.Count)];
                long started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
                    await using var body = await response.Content.ReadAsStreamAsync();
                    long received = 0;
                    for (int n; (n = await body.ReadAsync(buffer)) > 0;) received += n;
                    bytes[worker] += received;
                    if (!response.IsSuccessStatusCode || received != response.Content.Headers.ContentLength)
                        throw new InvalidOperationException($"{(int)response.StatusCode}, {received} of {response.Content.Headers.ContentLength} bytes");
                }
                catch (Exception e)
                {
                    errors[worker]++;
                    if (samples.Count < 5) samples.Enqueue($"{path}: {e.Message}");
                }
                requests[worker]++;
                histogram[Bucket(Stopwatch.GetElapsedTime(started).TotalMilliseconds)]++;
            }
        })));
        var elapsed = clock.Elapsed;
        var merged = new long[Buckets];
        foreach (var histogram in histograms)
            for (int b = 0; b < Buckets; b++) merged[b] += histogram[b];
        return new LoadResult(connections, elapsed, requests.Sum(), errors.Sum(), bytes.Sum(),
            Percentile(merged, 0.50), Percentile(merged, 0.90), Percentile(merged, 0.99), Percentile(merged, 1.0), [.. samples]);
    }

    static int Bucket(double milliseconds) =>
        milliseconds <= FirstBucketMilliseconds ? 0
        : Math.Min(Buckets - 1, (int)Math.Ceiling(Math.Log(milliseconds / FirstBucketMilliseconds, BucketBase)));

    /// <summary>The upper bound of the bucket holding the given share of the requests.</summary>
    static double Percentile(long[] histogram, double share)
    {
        long total = histogram.Sum(), target = Math.Max(1, (long)Math.Ceiling(total * share)), seen = 0;
        for (int b = 0; b < Buckets; b++)
            if ((seen += histogram[b]) >= target) return FirstBucketMilliseconds * Math.Pow(BucketBase, b);
        return double.NaN;
    }
}
