namespace Origin.Storage;

/// <summary>
/// Storage round trips and bytes spent on behalf of one request. Flows with the async context, so every layer that
/// reads storage adds to the counters of the request that caused it without threading them through every call.
/// </summary>
public sealed class StorageStatistics
{
    static readonly AsyncLocal<StorageStatistics?> CurrentStatistics = new();

    long _reads, _bytes, _elapsedTicks, _pendingReads, _pendingBytes;

    public static StorageStatistics? Current => CurrentStatistics.Value;

    public long Reads => Interlocked.Read(ref _reads);
    public long Bytes => Interlocked.Read(ref _bytes);
    public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref _elapsedTicks));

    /// <summary>Reads done so far plus those a response body will still make (headers go out before the body).</summary>
    public long PlannedReads => Reads + Interlocked.Read(ref _pendingReads);
    public long PlannedBytes => Bytes + Interlocked.Read(ref _pendingBytes);

    /// <summary>Announces storage work that streaming the body will do after the headers are sent.</summary>
    public void ExpectBodyReads(long reads, long bytes)
    {
        Interlocked.Add(ref _pendingReads, reads);
        Interlocked.Add(ref _pendingBytes, bytes);
    }

    /// <summary>Starts counting for the current async flow (one request).</summary>
    public static StorageStatistics Begin()
    {
        var statistics = new StorageStatistics();
        CurrentStatistics.Value = statistics;
        return statistics;
    }

    public static void RecordRead(long bytes, TimeSpan elapsed)
    {
        var s = CurrentStatistics.Value;
        if (s is null) return;
        Interlocked.Increment(ref s._reads);
        Interlocked.Add(ref s._bytes, bytes);
        Interlocked.Add(ref s._elapsedTicks, elapsed.Ticks);
    }

    public static void RecordBytes(long bytes)
    {
        var s = CurrentStatistics.Value;
        if (s is not null) Interlocked.Add(ref s._bytes, bytes);
    }
}
