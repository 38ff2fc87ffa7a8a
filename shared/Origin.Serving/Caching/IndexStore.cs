using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Origin.Media.Index;
using Origin.Media.Index.Serialization;
using Origin.Storage;

namespace Origin.Serving.Caching;

/// <summary>
/// Where indexes come from, cheapest first: L1 in this instance's memory (bounded by bytes, LRU); L2, the durable
/// cache every instance shares (one GET; entries immutable, keyed by source and validator, checksummed); and only
/// then the source itself, after which the new entry is written to L2 with create-if-absent. Misses for one source
/// on one instance build once. An index built from an index file also names the version of the media it points to,
/// which the key cannot: when that media is found changed, the entry is built again and replaces the durable one.
/// A server manifest version also gets one entry holding its sources and all their indexes (<see cref="AssetEntry"/>).
/// </summary>
public sealed partial class IndexStore(long memoryBytes, IObjectStore? durable, ILogger<IndexStore> logger)
{
    /// <summary>An index entry larger than this is neither read nor written (about 8 M progressive samples).</summary>
    public const int MaxEntryBytes = 256 << 20;

    readonly BoundedCache<MediaIndex> _memory = new(memoryBytes, i => i.EstimatedBytes);
    /// <summary>Keys whose durable entry names media versions that are gone: the next load skips and replaces it.</summary>
    readonly ConcurrentDictionary<string, bool> _stale = new(StringComparer.Ordinal);

    public string? DurableDescription => durable?.Description;

    public Task<MediaIndex> GetAsync(IMediaStorage storage, IStorageObject source)
    {
        string key = Key(storage, source.Path, source.Info.Validator);
        if (_memory.TryGet(key, out var cached))
        {
            IndexTierNote.Note(IndexTier.Memory);
            return Task.FromResult(cached);
        }
        return _memory.GetOrLoadAsync(key, () => LoadAsync(key, storage, source));
    }

    /// <summary>
    /// Drops an index whose source changed. When it came from an index file whose media changed under it, the durable
    /// entry is stale too, as its key still matches the unchanged index file.
    /// </summary>
    public void Forget(IndexUse index)
    {
        var key = Key(index.Storage, index.Path, index.Validator);
        if (index.MediaElsewhere) _stale[key] = true;
        _memory.Remove(key);
    }

    /// <summary>
    /// The sources an asset version was built from, from its durable <see cref="AssetEntry"/>, null when unknown;
    /// the indexes the entry holds go into memory, so the asset costs this one GET.
    /// </summary>
    public async Task<Dictionary<string, StorageObjectInfo>?> GetAssetAsync(IMediaStorage storage, IStorageObject asset)
    {
        if (durable is null) return null;
        try
        {
            if (await durable.GetAsync(AssetEntryName(storage, asset), MaxEntryBytes, CancellationToken.None) is not { } bytes) return null;
            if (AssetEntry.Read(bytes) is not var (sources, found))
            {
                LogRejected(logger, AssetEntryName(storage, asset));
                return null;
            }
            foreach (var index in found)
            {
                var key = Key(storage, index.Path, index.Validator);
                if (!_stale.ContainsKey(key) && !_memory.TryGet(key, out _)) _memory.Add(key, index);
            }
            if (found.Count > 0) IndexTierNote.Note(IndexTier.Durable);
            return sources;
        }
        catch (Exception e) when (e is StorageException or IOException or HttpRequestException or TimeoutException)
        {
            LogUnavailable(logger, "read", e.Message);
            return null;
        }
    }

    /// <summary>
    /// Writes an asset version's entry: its sources and their indexes, as this instance holds them now. Created if
    /// absent; <paramref name="replace"/> when the one there named sources that had changed.
    /// </summary>
    public async Task PutAssetAsync(IMediaStorage storage, IStorageObject asset, IReadOnlyDictionary<string, StorageObjectInfo> sources, bool replace)
    {
        if (durable is null) return;
        var held = new List<MediaIndex>(sources.Count);
        foreach (var (path, info) in sources)
            if (_memory.TryGet(Key(storage, path, info.Validator), out var index)) held.Add(index);
        try
        {
            var bytes = AssetEntry.Write(sources, held);
            if (bytes.Length > MaxEntryBytes) return;
            if (replace) await durable.PutAsync(AssetEntryName(storage, asset), bytes, CancellationToken.None);
            else await durable.CreateAsync(AssetEntryName(storage, asset), bytes, CancellationToken.None);
        }
        catch (Exception e) when (e is StorageException or IOException or HttpRequestException or TimeoutException or UnauthorizedAccessException)
        {
            LogUnavailable(logger, "write", e.Message);
        }
    }

    static string AssetEntryName(IMediaStorage storage, IStorageObject asset) =>
        EntryName(Key(storage, asset.Path, asset.Info.Validator)).Replace(".idx", ".asset", StringComparison.Ordinal);

    async Task<MediaIndex> LoadAsync(string key, IMediaStorage storage, IStorageObject source)
    {
        // Shared by every request waiting on it, so no single request's cancellation applies.
        var ct = CancellationToken.None;
        var entry = EntryName(key);
        bool stale = _stale.TryRemove(key, out _);
        if (durable is not null && !stale)
        {
            try
            {
                if (await durable.GetAsync(entry, MaxEntryBytes, ct) is { } bytes)
                {
                    if (IndexSerializer.Deserialize(bytes) is { } index && index.Path == source.Path && index.Validator == source.Info.Validator)
                    {
                        IndexTierNote.Note(IndexTier.Durable);
                        return index;
                    }
                    LogRejected(logger, entry);
                    stale = true; // replaced below, so every instance does not rebuild it again
                }
            }
            catch (Exception e) when (e is StorageException or IOException or HttpRequestException or TimeoutException)
            {
                LogUnavailable(logger, "read", e.Message);
            }
        }

        var built = await MediaIndexReader.ReadAsync(source, ct, storage);
        IndexTierNote.Note(IndexTier.Built);
        foreach (var track in built.Tracks)
            if (track.Subtitles is { Skipped: > 0 } subtitles) LogSkippedCues(logger, StoragePaths.ForDisplay(source.Path), subtitles.Skipped);
        if (durable is not null)
        {
            try
            {
                var serialized = IndexSerializer.Serialize(built);
                // Create-if-absent, as another instance may have written it meanwhile; a stale entry is replaced.
                if (serialized.Length <= MaxEntryBytes && stale) await durable.PutAsync(entry, serialized, ct);
                else if (serialized.Length <= MaxEntryBytes) await durable.CreateAsync(entry, serialized, ct);
            }
            catch (Exception e) when (e is StorageException or IOException or HttpRequestException or TimeoutException or UnauthorizedAccessException)
            {
                LogUnavailable(logger, "write", e.Message);
            }
        }
        return built;
    }

    static string Key(IMediaStorage storage, string path, string validator) => $"{storage.Description}|{path}|{validator}";

    /// <summary>v{format}/{2 hex}/{64 hex}.idx: the format version is part of the name, so an upgrade never reads old entries.</summary>
    static string EntryName(string key)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        return $"v{IndexSerializer.FormatVersion}/{hash[..2]}/{hash}.idx";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subtitles {Path}: {Skipped} cues skipped, their times unreadable; the others are served")]
    static partial void LogSkippedCues(ILogger logger, string path, int skipped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Index cache entry {Entry} is corrupt or foreign; rebuilding from the source")]
    static partial void LogRejected(ILogger logger, string entry);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Index cache {Operation} failed ({Reason}); serving from the source")]
    static partial void LogUnavailable(ILogger logger, string operation, string reason);
}
