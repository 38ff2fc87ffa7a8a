using System.Diagnostics;
using System.Security.Cryptography;
using Origin.Media.Protection.Cpix;
using Origin.Media.ServerManifest;
using Origin.Serving.Caching;
using Origin.Serving.Configuration;
using Origin.Storage;

namespace Origin.Serving.Assets;

/// <summary>
/// Where a server manifest's <c>cpix</c> meta points: a document in the mount's storage (relative to the manifest),
/// or a key service URL. Its <see cref="Identity"/> is what the presentation's version gains from it.
/// </summary>
public sealed record CpixReference(IMediaStorage? Storage, string? Path, Uri? Url)
{
    // A service URL may carry a token in its path or query: only its host is ever shown.
    public override string ToString() => Url is { } url ? $"from {url.Host}" : StoragePaths.ForDisplay(Path!);
}

/// <summary>A server manifest with its CPIX keys applied, the CPIX version, and for how long a fetched one holds.</summary>
public readonly record struct CpixApplied(ServerManifest Manifest, string Identity, int? MaxAgeSeconds);

/// <summary>
/// Loads the CPIX documents server manifests name (meta <c>cpix</c>) and applies them. A document beside the
/// manifest is read from storage, its validator its version; a key service is reached like a CMS (the mount's
/// AllowedHosts, address policy and timeout; <c>https://</c> unless the mount allows private addresses) and its
/// answer reused for its Cache-Control max-age (else the metadata TTL), its hash its version. Faults are 502/504
/// with a reason that names the document, never a key.
/// </summary>
public sealed class CpixDocuments(OriginOptions options)
{
    sealed record Fetched(CpixDocument Document, string Identity, int? MaxAge, long ExpiresAt);

    readonly BoundedCache<Fetched> _fetched = new(8 << 20, f => 4096);

    public static string? MetaOf(ServerManifest manifest) =>
        manifest.Metas.GetValueOrDefault("cpix") is { } value && value.Trim() is { Length: > 0 } trimmed ? trimmed : null;

    /// <summary>A stored manifest's cpix: a path beside it (not leaving the mount), or an absolute key service URL.</summary>
    public static CpixReference ForStored(Mount mount, IMediaStorage storage, string manifestPath, string meta)
    {
        if (meta.Contains("://", StringComparison.Ordinal)) return ForUrl(mount, meta);
        var path = StoragePaths.Resolve(manifestPath, meta) ?? throw new OriginProblem(502, $"cpix {StoragePaths.ForDisplay(meta)} lies outside the mount");
        return new CpixReference(storage, path, null);
    }

    /// <summary>A proxied manifest's cpix: a URL, relative to the manifest's.</summary>
    public static CpixReference ForProxied(Mount mount, Uri manifestUrl, string meta) =>
        Uri.TryCreate(manifestUrl, meta, out var url) ? ForUrl(mount, url.AbsoluteUri) : throw new OriginProblem(502, "cpix is not a valid URL");

    static CpixReference ForUrl(Mount mount, string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
            throw new OriginProblem(502, "cpix is neither a path beside the manifest nor an http(s) URL");
        if (url.Scheme == "http" && !mount.Options.AllowPrivateAddresses)
            throw new OriginProblem(502, $"the CPIX service {url.Host} must be reached over https");
        if (!mount.AllowedHosts.Allows(url.Host)) throw new OriginProblem(502, $"the CPIX service host {url.Host} is not in Origin:Mounts:{mount.Options.Name}:AllowedHosts");
        return new CpixReference(null, null, url);
    }

    public async Task<CpixApplied> ApplyAsync(ServerManifest manifest, CpixReference where, Mount mount)
    {
        var fetched = await LoadAsync(where, mount);
        try
        {
            return new CpixApplied(CpixKeys.Apply(manifest, fetched.Document), fetched.Identity, fetched.MaxAge);
        }
        catch (CpixException e)
        {
            throw new OriginProblem(502, $"CPIX document {where}: {e.Message}");
        }
    }

    /// <summary>The document's version now: a stored one's validator (one metadata request), a fetched one's hash.</summary>
    public async Task<string> IdentityAsync(CpixReference where, Mount mount) =>
        where.Storage is { } storage ? StoredIdentity(await AssetResolver.OpenAsync(storage, where.Path!, "CPIX document", CancellationToken.None))
        : (await LoadAsync(where, mount)).Identity;

    static string StoredIdentity(IStorageObject document) => "stored:" + document.Info.Validator;

    async Task<Fetched> LoadAsync(CpixReference where, Mount mount)
    {
        if (where.Storage is { } storage)
        {
            var document = await AssetResolver.OpenAsync(storage, where.Path!, "CPIX document", CancellationToken.None);
            if (document.Info.Length > CpixReader.MaxBytes) throw new OriginProblem(502, $"CPIX document {where} is too large");
            var bytes = new byte[document.Info.Length];
            int read = await document.ReadAsync(0, bytes, CancellationToken.None);
            return new Fetched(Parse(bytes, read, where), StoredIdentity(document), null, 0);
        }
        string key = $"{mount.Options.Name}|{where.Url!.AbsoluteUri}";
        if (_fetched.TryGet(key, out var cached) && Stopwatch.GetTimestamp() < cached.ExpiresAt) return cached;
        var (body, maxAge) = await UpstreamFetch.GetAsync(mount, where.Url, $"the CPIX service {where.Url.Host}", CpixReader.MaxBytes, notFound: 502);
        // Without a max-age the answer holds for the metadata TTL, and so do the manifests built on it.
        int seconds = maxAge ?? (int)Math.Ceiling(options.MetadataTtlSeconds);
        var fetched = new Fetched(Parse(body, body.Length, where), "fetched:" + Convert.ToHexString(SHA256.HashData(body)), seconds,
            Stopwatch.GetTimestamp() + (long)(seconds * (double)Stopwatch.Frequency));
        _fetched.Add(key, fetched);
        return fetched;
    }

    static CpixDocument Parse(byte[] bytes, int length, CpixReference where)
    {
        try
        {
            return CpixReader.Read(bytes, length);
        }
        catch (CpixException e)
        {
            throw new OriginProblem(502, $"CPIX document {where}: {e.Message}");
        }
    }
}
