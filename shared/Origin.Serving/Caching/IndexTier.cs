namespace Origin.Serving.Caching;

/// <summary>Where an index came from, in increasing order of cost.</summary>
public enum IndexTier { None, Memory, Durable, Built }

/// <summary>
/// The costliest tier any index of one request came from, for its log line and Server-Timing. Flows with the
/// request's async context, as <see cref="Storage.StorageStatistics"/> does, so the index store notes it without
/// the request being passed down.
/// </summary>
public sealed class IndexTierNote
{
    static readonly AsyncLocal<IndexTierNote?> CurrentNote = new();

    int _tier;

    public IndexTier Tier => (IndexTier)Volatile.Read(ref _tier);

    /// <summary>Starts noting for the current async flow (one request).</summary>
    public static IndexTierNote Begin() => CurrentNote.Value = new IndexTierNote();

    public static void Note(IndexTier tier)
    {
        if (CurrentNote.Value is not { } note) return;
        int current;
        do
        {
            current = Volatile.Read(ref note._tier);
            if ((int)tier <= current) return;
        } while (Interlocked.CompareExchange(ref note._tier, (int)tier, current) != current);
    }
}
