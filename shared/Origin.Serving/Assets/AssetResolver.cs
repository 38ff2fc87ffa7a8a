using System.Diagnostics;
using System.Globalization;
using Origin.Media.Bytes;
using Origin.Media.Index;
using Origin.Media.Presentation;
using Origin.Media.ServerManifest;
using Origin.Serving.Caching;
using Origin.Serving.Configuration;
using Origin.Serving.Routing;
using Origin.Storage;

namespace Origin.Serving.Assets;

/// <summary>
/// Turns a request's asset into a presentation: reads the server manifest (or takes a lone MP4), gets each
/// source's index from the cache or builds it, and caches the result. A cached presentation is trusted for
/// <see cref="OriginOptions.MetadataTtlSeconds"/>; after that one metadata round trip revalidates it, so warm
/// manifest requests cost no storage reads at all.
/// </summary>
public sealed class AssetResolver(OriginOptions options, IndexStore indexes)
{
    sealed class Resolved(Presentation presentation, string validator)
    {
        public Presentation Presentation { get; } = presentation;
        public string Validator { get; } = validator;
        public long CheckedAt { get; set; } = Stopwatch.GetTimestamp();
    }

    // Assets whose sources changed under an unchanged manifest: their next build asks storage, not the source map.
    readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _distrustSourceMap = new(StringComparer.Ordinal);
    readonly BoundedCache<Resolved> _presentations = new(options.IndexCacheBytes / 4, p => 4096 + p.Presentation.Tracks.Count * 64L);

    public async Task<Presentation> ResolveAsync(Mount mount, OriginRequest request, CancellationToken cancellationToken)
    {
        string key = $"{mount.Options.Name}|{request.AssetPath}";
        if (_presentations.TryGet(key, out var cached) && Stopwatch.GetElapsedTime(cached.CheckedAt).TotalSeconds < options.MetadataTtlSeconds)
            return cached.Presentation;

        var asset = await OpenAsync(mount.Storage, request.AssetPath, "asset", cancellationToken);
        if (cached is not null && cached.Validator == asset.Info.Validator)
        {
            cached.CheckedAt = Stopwatch.GetTimestamp();
            return cached.Presentation;
        }
        var built = await _presentations.GetOrLoadAsync($"{key}|{asset.Info.Validator}", () => BuildAsync(mount.Storage, asset, request));
        _presentations.Add(key, built);
        return built.Presentation;
    }

    /// <summary>Forgets a presentation whose sources changed under it, so the next resolve rebuilds it.</summary>
    public void Invalidate(Mount mount, OriginRequest request, Presentation stale)
    {
        foreach (var track in stale.Tracks)
            indexes.Forget(mount.Storage, track.SourcePath, track.SourceInfo.Validator);
        if (_presentations.TryGet($"{mount.Options.Name}|{request.AssetPath}", out var resolved))
            _presentations.Remove($"{mount.Options.Name}|{request.AssetPath}|{resolved.Validator}");
        _presentations.Remove($"{mount.Options.Name}|{request.AssetPath}");
        _distrustSourceMap[$"{mount.Storage.Description}|{request.AssetPath}"] = true;
    }

    async Task<Resolved> BuildAsync(IMediaStorage storage, IStorageObject asset, OriginRequest request)
    {
        // Shared by every request waiting on it, so no single request's cancellation applies.
        var ct = CancellationToken.None;
        var fingerprint = new Fingerprint().Add(asset.Info.Validator)
            .Add(options.Packaging.TargetSegmentSeconds.ToString("R", CultureInfo.InvariantCulture));
        var selected = new List<PresentationBuilder.Selected>();
        ServerManifest? manifest = null;
        try
        {
            if (request.HasServerManifest)
            {
                manifest = await ReadServerManifestAsync(asset, ct);
                var known = _distrustSourceMap.TryRemove($"{storage.Description}|{request.AssetPath}", out _) ? null
                    : await indexes.GetSourcesAsync(storage, asset);
                var used = new Dictionary<string, StorageObjectInfo>(StringComparer.Ordinal);
                foreach (var entry in manifest.Tracks)
                {
                    var sourcePath = ResolveSource(request.AssetPath, entry.Source);
                    // Known from the durable cache: attach without a metadata request (reads still check the version).
                    var source = known is not null && known.TryGetValue(sourcePath, out var info)
                        ? storage.Attach(sourcePath, info)
                        : await OpenAsync(storage, sourcePath, "source", ct);
                    used[sourcePath] = source.Info;
                    var index = await indexes.GetAsync(storage, source);
                    var track = PresentationBuilder.SelectTrack(index, entry)
                        ?? throw new OriginProblem(502, $"{entry.Source} has no track {entry.TrackId?.ToString(CultureInfo.InvariantCulture) ?? entry.Kind.ToString().ToLowerInvariant()}");
                    if (track.Kind == TrackKind.Text) continue; // subtitles are not packaged yet
                    selected.Add(new(track, sourcePath, source.Info, entry));
                    fingerprint = fingerprint.Add(sourcePath).Add(source.Info.Validator);
                }
                if (known is null) await indexes.PutSourcesAsync(storage, asset, used);
            }
            else
            {
                var index = await indexes.GetAsync(storage, asset);
                foreach (var track in index.Tracks)
                    if (track.Kind != TrackKind.Text) selected.Add(new(track, asset.Path, asset.Info, null));
            }
        }
        catch (MediaFormatException e)
        {
            throw new OriginProblem(502, $"invalid media: {e.Message}");
        }
        catch (ServerManifestException e)
        {
            throw new OriginProblem(502, $"invalid server manifest: {e.Message}");
        }
        if (selected.Count == 0) throw new OriginProblem(502, "the asset has no audio or video track");
        var presentation = PresentationBuilder.Build(request.AssetName, manifest, selected, options.Packaging, fingerprint.ToHex());
        return new Resolved(presentation, asset.Info.Validator);
    }

    static async Task<ServerManifest> ReadServerManifestAsync(IStorageObject asset, CancellationToken ct)
    {
        if (asset.Info.Length > ServerManifestReader.MaxBytes) throw new OriginProblem(502, "server manifest is too large");
        var bytes = new byte[asset.Info.Length];
        int read = await asset.ReadAsync(0, bytes, ct);
        using var stream = new MemoryStream(bytes, 0, read);
        return ServerManifestReader.Read(stream);
    }

    /// <summary>A src is relative to the manifest's folder; it may not climb out of the mount.</summary>
    internal static string ResolveSource(string manifestPath, string source)
    {
        if (source.Contains("://", StringComparison.Ordinal)) throw new OriginProblem(502, $"absolute source URLs are not supported here: {source}");
        var folder = manifestPath.Contains('/') ? manifestPath[..manifestPath.LastIndexOf('/')] : "";
        var parts = new List<string>(folder.Length == 0 ? [] : folder.Split('/'));
        foreach (var part in source.Split('/'))
        {
            if (part is "" or ".") continue;
            if (part == "..")
            {
                if (parts.Count == 0) throw new OriginProblem(502, $"source {source} lies outside the mount");
                parts.RemoveAt(parts.Count - 1);
            }
            else parts.Add(part);
        }
        return string.Join('/', parts);
    }

    public static async Task<IStorageObject> OpenAsync(IMediaStorage storage, string path, string what, CancellationToken ct)
    {
        var result = await storage.OpenAsync(path, ct);
        return result.Status switch
        {
            StorageStatus.Ok => result.Object!,
            StorageStatus.NotFound => throw new OriginProblem(what == "asset" ? 404 : 502, $"{what} {path} not found"),
            StorageStatus.Invalid => throw new OriginProblem(400, $"{what} path is not allowed"),
            StorageStatus.Timeout => throw new OriginProblem(504, $"storage timed out reading {path}"),
            _ => throw new OriginProblem(502, $"storage failed reading {path}: {result.Reason}"),
        };
    }
}
