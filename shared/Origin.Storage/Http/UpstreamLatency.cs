namespace Origin.Storage.Http;

/// <summary>
/// How long one upstream took to answer (response headers) over its last requests, and the 95th percentile of it:
/// the time a range read waits before a second request is hedged. Until enough requests were seen there is no
/// percentile, and no hedging: a guess would either double every request or never help.
/// </summary>
public sealed class UpstreamLatency
{
    const int Window = 256;
    public const int MinSamples = 20;
    /// <summary>The percentile is sorted out again every this many requests, not on each one.</summary>
    const int RecomputeEvery = 16;

    readonly double[] _milliseconds = new double[Window];
    readonly double[] _sorted = new double[Window];
    readonly Lock _lock = new();
    long _count;
    TimeSpan? _p95;

    public TimeSpan? P95
    {
        get { lock (_lock) return _p95; }
    }

    public void Record(TimeSpan elapsed)
    {
        lock (_lock)
        {
            _milliseconds[_count % Window] = elapsed.TotalMilliseconds;
            _count++;
            if (_count < MinSamples || (_count != MinSamples && _count % RecomputeEvery != 0)) return;
            int n = (int)Math.Min(_count, Window);
            Array.Copy(_milliseconds, _sorted, n);
            Array.Sort(_sorted, 0, n);
            _p95 = TimeSpan.FromMilliseconds(_sorted[(int)Math.Ceiling(n * 0.95) - 1]);
        }
    }
}
