using System.Collections.Concurrent;
using System.Diagnostics;
using Origin.Media.Presentation;
using Origin.Media.ServerManifest;
using Origin.Serving.Caching;
using Origin.Serving.Configuration;
using Origin.Serving.Routing;
using Origin.Storage;

namespace Origin.Serving.Assets;

/// <summary>
/// Turns a request's asset into a presentation. Stored assets: the server manifest (or lone MP4) in the mount's
/// storage, trusted for <see cref="OriginOptions.MetadataTtlSeconds"/> before one round trip revalidates it, so warm
/// manifest requests cost no storage reads. Proxied mounts are handed to <see cref="ProxiedAssets"/>.
/// </summary>
public sealed class AssetResolver(OriginOptions options, IndexStore indexes, PresentationAssembler assembler, ProxiedAssets proxied, CpixDocuments cpix)
{
    sealed class Resolved(AssembledPresentation assembled, string validator, CpixReference? keys = null, string? keysIdentity = null)
    {
        /// <summary>The CPIX document the keys came from, if any, and its version then: a change rebuilds the presentation.</summary>
        public CpixReference? Keys { get; } = keys;
        public string? KeysIdentity { get; } = keysIdentity;
        public Presentation Presentation => Assembled.Presentation;
        public AssembledPresentation Assembled { get; } = assembled;
        public string Validator { get; } = validator;
        public long CheckedAt { get; set; } = Stopwatch.GetTimestamp();
    }

    // Assets whose sources changed under an unchanged manifest: their next build asks storage, not the source map.
    readonly ConcurrentDictionary<string, bool> _distrustSourceMap = new(StringComparer.Ordinal);
    readonly BoundedCache<Resolved> _presentations = new(options.IndexCacheBytes / 4, p => 4096 + p.Presentation.Tracks.Count * 64L);

    public Task<Presentation> ResolveAsync(Mount mount, OriginRequest request, string query, CancellationToken cancellationToken) =>
        mount.IsProxied ? proxied.ResolveAsync(mount, request, query) : ResolveStoredAsync(mount, mount.Storage!, request, cancellationToken);

    /// <summary>Whether what a presentation was built from is unchanged: its manifest's validator, and its CPIX document's version.</summary>
    async Task<bool> UnchangedAsync(Resolved cached, IStorageObject asset, Mount mount) =>
        cached.Validator == asset.Info.Validator && (cached.Keys is null || await cpix.IdentityAsync(cached.Keys, mount) == cached.KeysIdentity);

    static string Key(Mount mount, OriginRequest request) => $"{mount.Options.Name}|{request.AssetPath}";

    async Task<Presentation> ResolveStoredAsync(Mount mount, IMediaStorage storage, OriginRequest request, CancellationToken cancellationToken)
    {
        string key = Key(mount, request);
        if (_presentations.TryGet(key, out var cached) && Stopwatch.GetElapsedTime(cached.CheckedAt).TotalSeconds < options.MetadataTtlSeconds)
            return cached.Presentation;

        var asset = await OpenAsync(storage, request.AssetPath, "asset", cancellationToken);
        if (cached is not null && await UnchangedAsync(cached, asset, mount))
        {
            cached.CheckedAt = Stopwatch.GetTimestamp();
            return cached.Presentation;
        }
        // Keyed by the manifest's version; a build whose CPIX has changed since is dropped first.
        if (cached is not null && cached.Validator == asset.Info.Validator) _presentations.Remove($"{key}|{asset.Info.Validator}");
        var built = await _presentations.GetOrLoadAsync($"{key}|{asset.Info.Validator}", () => BuildStoredAsync(key, mount, storage, asset, request));
        _presentations.Add(key, built);
        return built.Presentation;
    }

    /// <summary>
    /// Forgets the request's presentation, whose sources changed under it, and the indexes it was built from, so the
    /// next resolve rebuilds it from fresh metadata.
    /// </summary>
    public void Invalidate(Mount mount, OriginRequest request, string query)
    {
        if (mount.IsProxied)
        {
            if (proxied.Invalidate(mount, request, query) is { } stale) Forget(stale);
            return;
        }
        string key = Key(mount, request);
        if (_presentations.TryGet(key, out var resolved))
        {
            Forget(resolved.Assembled);
            _presentations.Remove($"{key}|{resolved.Validator}");
        }
        _presentations.Remove(key);
        _distrustSourceMap[key] = true;
    }

    void Forget(AssembledPresentation stale)
    {
        foreach (var index in stale.Indexes) indexes.Forget(index);
    }

    async Task<Resolved> BuildStoredAsync(string key, Mount mount, IMediaStorage storage, IStorageObject asset, OriginRequest request)
    {
        // Shared by every request waiting on it, so no single request's cancellation applies.
        var ct = CancellationToken.None;
        var fingerprint = new Fingerprint().Add(asset.Info.Validator);
        if (!request.HasServerManifest)
            return new Resolved(await assembler.FromMediaAsync(request.AssetName, storage, asset, fingerprint), asset.Info.Validator);

        var manifest = await ReadServerManifestAsync(asset, ct);
        CpixReference? keys = null;
        string? keysIdentity = null;
        if (CpixDocuments.MetaOf(manifest) is { } meta)
        {
            keys = CpixDocuments.ForStored(mount, storage, request.AssetPath, meta);
            (manifest, keysIdentity, _) = await cpix.ApplyAsync(manifest, keys, mount);
            fingerprint = fingerprint.Add(keysIdentity);
        }
        bool distrusted = _distrustSourceMap.TryRemove(key, out _);
        // Known from the durable cache: the sources' versions and their indexes, in one GET.
        var known = distrusted ? null : await indexes.GetAssetAsync(storage, asset);
        var used = new ConcurrentDictionary<string, StorageObjectInfo>(StringComparer.Ordinal);
        var assembled = await assembler.FromManifestAsync(request.AssetName, manifest, fingerprint, async entry =>
        {
            var path = ResolveSource(request.AssetPath, entry.Source);
            // Known: attach without a metadata request (reads still check the version).
            var source = known is not null && known.TryGetValue(path, out var info) ? storage.Attach(path, info) : await OpenAsync(storage, path, "source", ct);
            used[path] = source.Info;
            return new LocatedSource(storage, source);
        });
        if (known is null) await indexes.PutAssetAsync(storage, asset, used, replace: distrusted);
        return new Resolved(assembled, asset.Info.Validator, keys, keysIdentity);
    }

    static async Task<ServerManifest> ReadServerManifestAsync(IStorageObject asset, CancellationToken ct)
    {
        if (asset.Info.Length > ServerManifestReader.MaxBytes) throw new OriginProblem(502, "server manifest is too large");
        var bytes = new byte[asset.Info.Length];
        int read = await asset.ReadAsync(0, bytes, ct);
        return PresentationAssembler.ParseManifest(bytes, read);
    }

    /// <summary>A src is relative to the manifest's folder; it may not climb out of the mount.</summary>
    internal static string ResolveSource(string manifestPath, string source) =>
        source.Contains("://", StringComparison.Ordinal) ? throw new OriginProblem(502, $"absolute source URLs need a ManifestProxy mount: {StoragePaths.ForDisplay(source)}")
        : StoragePaths.Resolve(manifestPath, source) ?? throw new OriginProblem(502, $"source {StoragePaths.ForDisplay(source)} lies outside the mount");

    /// <summary>
    /// Opens an object with its first window in the same round trip: what is opened here is read from its start (a
    /// server manifest whole, an MP4's first index window, a CPIX document), so those reads cost nothing more.
    /// </summary>
    public static async Task<IStorageObject> OpenAsync(IMediaStorage storage, string path, string what, CancellationToken ct)
    {
        var result = await storage.OpenAsync(path, Media.Index.MediaIndexReader.WindowSize, ct);
        return result.Status switch
        {
            StorageStatus.Ok => result.Object!,
            StorageStatus.NotFound => throw new OriginProblem(what == "asset" ? 404 : 502, $"{what} {StoragePaths.ForDisplay(path)} not found"),
            StorageStatus.Invalid => throw new OriginProblem(400, $"{what} path is not allowed"),
            StorageStatus.Forbidden => throw new OriginProblem(403, result.Reason ?? "not allowed"),
            StorageStatus.Timeout => throw new OriginProblem(504, $"storage timed out reading {StoragePaths.ForDisplay(path)}"),
            _ => throw new OriginProblem(502, $"storage failed reading {StoragePaths.ForDisplay(path)}: {result.Reason}"),
        };
    }
}
