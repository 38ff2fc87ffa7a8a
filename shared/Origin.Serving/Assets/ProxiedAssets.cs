using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using Origin.Media.Presentation;
using Origin.Media.ServerManifest;
using Origin.Serving.Caching;
using Origin.Serving.Configuration;
using Origin.Serving.Routing;
using Origin.Storage;
using Origin.Storage.Http;

namespace Origin.Serving.Assets;

/// <summary>
/// ManifestProxy mounts (Unified Origin's IsmProxyPass): the server manifest for <c>/{Path}/{rest}.ism/…</c> comes
/// from <c>{ManifestProxy}{rest}.ism</c> with the request's query string, so a CMS can change tracks, keys and
/// playout switches per request; it is reused for the CMS's Cache-Control max-age (or the mount's TTL), so segment
/// requests do not reach the CMS. Media <c>src</c> resolve against the manifest URL or are absolute (http(s),
/// s3://, az://); a signed http(s) <c>src</c> is read with its query, which is shown nowhere. With
/// <c>ManifestProxy: "http://"</c> the host is the first path segment, which also re-streams a plain MP4 from another
/// web server. Every outbound host must be allowed, and connections go only to public addresses unless the mount
/// allows private ones.
/// </summary>
public sealed class ProxiedAssets(OriginOptions options, PresentationAssembler assembler, CpixDocuments cpix, IEnumerable<IStorageProvider> providers)
{
    sealed record Cached(AssembledPresentation Assembled, long ExpiresAt)
    {
        public Presentation Presentation => Assembled.Presentation;
    }
    sealed record KnownSource(IStorageObject Object, long CheckedAt, int KeyLength);

    readonly BoundedCache<Cached> _presentations = new(options.IndexCacheBytes / 4, p => 4096 + p.Presentation.Tracks.Count * 64L);
    readonly ConcurrentDictionary<string, HttpStorage> _hosts = new(StringComparer.OrdinalIgnoreCase);
    readonly BoundedCache<KnownSource> _sources = new(16 << 20, s => 256 + (s.Object.Path.Length + s.KeyLength) * 2L);

    public async Task<Presentation> ResolveAsync(Mount mount, OriginRequest request, string query)
    {
        var url = ManifestUrl(mount, request.AssetPath, query);
        string key = Key(mount, url);
        if (_presentations.TryGet(key, out var cached) && Stopwatch.GetTimestamp() < cached.ExpiresAt) return cached.Presentation;
        // Concurrent refreshes share one load under a flight key that is dropped afterwards, so an expired entry
        // never satisfies a fresh load and finished flights do not pile up in the cache.
        string flight = $"{key}|{cached?.ExpiresAt}";
        var fresh = await _presentations.GetOrLoadAsync(flight, () => LoadAsync(mount, request, url));
        _presentations.Add(key, fresh);
        _presentations.Remove(flight);
        return fresh.Presentation;
    }

    static string Key(Mount mount, Uri manifestUrl) => $"{mount.Options.Name}|{manifestUrl.AbsoluteUri}";

    /// <summary>
    /// Forgets the request's presentation and every source known from a CMS's manifests (which manifests name the
    /// changed one is not known); the presentation forgotten, if it was still cached, so its indexes can be too.
    /// </summary>
    public AssembledPresentation? Invalidate(Mount mount, OriginRequest request, string query)
    {
        _sources.Clear();
        string key = Key(mount, ManifestUrl(mount, request.AssetPath, query));
        if (!_presentations.TryGet(key, out var cached)) return null;
        _presentations.Remove(key);
        return cached.Assembled;
    }

    async Task<Cached> LoadAsync(Mount mount, OriginRequest request, Uri url)
    {
        if (!request.HasServerManifest)
        {
            // A plain MP4 on another web server, re-streamed: its own metadata decides when it changed. The viewer's
            // query went to no CMS here and is not the media server's business (nor a valid signature for it).
            var mediaUrl = new Uri(url.GetLeftPart(UriPartial.Path));
            var (storage, path) = Locate(mount, mediaUrl);
            var media = await OpenSourceAsync(mount, mediaUrl, storage, path);
            var presentation = await assembler.FromMediaAsync(request.AssetName, storage, media, new Fingerprint());
            return new Cached(presentation, Expiry(mount.Options.ProxyManifestTtlSeconds));
        }

        var (bytes, maxAge) = await UpstreamFetch.GetAsync(mount, url, "the manifest server", ServerManifestReader.MaxBytes, notFound: 404);
        var manifest = PresentationAssembler.ParseManifest(bytes, bytes.Length);
        var fingerprint = new Fingerprint().Add(Convert.ToHexString(SHA256.HashData(bytes)));
        if (CpixDocuments.MetaOf(manifest) is { } meta)
        {
            // The keys hold for as long as both the manifest and the CPIX answer do.
            var applied = await cpix.ApplyAsync(manifest, CpixDocuments.ForProxied(mount, url, meta), mount);
            manifest = applied.Manifest;
            fingerprint = fingerprint.Add(applied.Identity);
            if (applied.MaxAgeSeconds is { } keysAge) maxAge = Math.Min(maxAge ?? keysAge, keysAge);
        }
        var built = await assembler.FromManifestAsync(request.AssetName, manifest, fingerprint, async entry =>
        {
            var source = ResolveSource(url, entry.Source);
            var (storage, path) = Locate(mount, source);
            return new LocatedSource(storage, await OpenSourceAsync(mount, source, storage, path));
        }, maxAge);
        return new Cached(built, Expiry(maxAge ?? mount.Options.ProxyManifestTtlSeconds));
    }

    static long Expiry(double seconds) => Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);

    /// <summary>{ManifestProxy}{rest}?{query}, or with "http://" the first path segment as host; the host must be allowed.</summary>
    static Uri ManifestUrl(Mount mount, string assetPath, string query)
    {
        var proxy = mount.Options.ManifestProxy!;
        if (!Uri.TryCreate(proxy + assetPath + query, UriKind.Absolute, out var url) || url.Host.Length == 0)
            throw new OriginProblem(400, "the path does not make a valid upstream URL");
        if (!mount.AllowedHosts.Allows(url.Host)) throw new OriginProblem(403, $"host {url.Host} is not allowed");
        return url;
    }

    static Uri ResolveSource(Uri manifestUrl, string source) =>
        Uri.TryCreate(source, UriKind.Absolute, out var absolute) && absolute.Scheme.Length > 1 ? absolute
        : Uri.TryCreate(manifestUrl, source, out var relative) ? relative
        : throw new OriginProblem(502, $"source {StoragePaths.ForDisplay(source)} is not a valid URL");

    /// <summary>The storage and path a media URL names: allowed web hosts, or this deployment's own buckets and containers.</summary>
    (IMediaStorage Storage, string Path) Locate(Mount mount, Uri url)
    {
        switch (url.Scheme)
        {
            case "http" or "https":
                if (!mount.AllowedHosts.Allows(url.Host)) throw new OriginProblem(403, $"host {url.Host} is not allowed");
                var root = url.GetLeftPart(UriPartial.Authority) + "/";
                // A signed URL authorises only itself, and its signature changes as the CMS re-signs: it gets storage
                // of its own (connections are still pooled per host), not a cached one per signature.
                var storage = url.Query.Length > 1 ? new HttpStorage(new Uri(root), mount.Upstreams!, url.Query)
                    : _hosts.GetOrAdd($"{mount.Options.Name}|{root}", _ => new HttpStorage(new Uri(root), mount.Upstreams!));
                return (storage, Uri.UnescapeDataString(url.AbsolutePath.TrimStart('/')));
            case "s3" or "az":
                var container = $"{url.Scheme}://{url.Host}";
                var cloud = MountTable.OpenStorage(container, "source", providers);
                return (cloud, Uri.UnescapeDataString(url.AbsolutePath.TrimStart('/')));
            default:
                throw new OriginProblem(502, $"source scheme {url.Scheme} is not supported");
        }
    }

    /// <summary>
    /// Source metadata is reused for the metadata TTL, so refreshing a manifest does not re-ask every source. The key
    /// is the whole URL: a source signed anew is opened with its new signature, not served by the expiring one.
    /// </summary>
    async Task<IStorageObject> OpenSourceAsync(Mount mount, Uri url, IMediaStorage storage, string path)
    {
        string key = $"{mount.Options.Name}|{url.AbsoluteUri}";
        if (_sources.TryGet(key, out var known) && Stopwatch.GetElapsedTime(known.CheckedAt).TotalSeconds < options.MetadataTtlSeconds)
            return known.Object;
        var opened = await AssetResolver.OpenAsync(storage, path, "source", CancellationToken.None);
        _sources.Add(key, new KnownSource(opened, Stopwatch.GetTimestamp(), key.Length));
        return opened;
    }
}
