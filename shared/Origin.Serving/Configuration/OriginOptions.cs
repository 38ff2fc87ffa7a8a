using System.Globalization;
using Microsoft.Extensions.Configuration;
using Origin.Media.Presentation;
using Origin.Storage.Http;

namespace Origin.Serving.Configuration;

/// <summary>
/// One mount: a URL prefix and the storage behind it, or (IsmProxyPass) the CMS that generates its server manifests.
/// </summary>
public sealed record MountOptions(string Name, string Path, string? Storage)
{
    /// <summary><c>http://cms.example/</c>: manifests are fetched from here plus the rest of the path; <c>http://</c>
    /// alone takes the host from the path.</summary>
    public string? ManifestProxy { get; init; }
    /// <summary>Hosts a proxied mount may reach (manifest and media); the ManifestProxy host is always allowed.</summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];
    /// <summary>Lets a proxied mount reach loopback and private addresses (a CMS inside the network); off by default.</summary>
    public bool AllowPrivateAddresses { get; init; }
    /// <summary>HLS in MPEG-TS rather than fMP4 unless an asset or a request says otherwise (HlsContainer: ts).</summary>
    public bool HlsTransportStream { get; init; }
    /// <summary>How long a CMS manifest is reused when its response carries no Cache-Control max-age.</summary>
    public double ProxyManifestTtlSeconds { get; init; } = 5;
    /// <summary>Query parameters carried into the URLs manifests reference: null for the default (all on a
    /// ManifestProxy mount, none on a stored one), "*" for all.</summary>
    public IReadOnlyList<string>? CarryQuery { get; init; }
    /// <summary>Query parameters never carried (CDN tokens the CDN signs per URL).</summary>
    public IReadOnlyList<string> DropQuery { get; init; } = [];
}

/// <summary>
/// The origin's user-facing configuration (section <c>Origin</c>). Read by hand rather than by the reflection
/// binder, so the app stays trimming- and AOT-safe, and each bad value gets a message naming its key.
/// </summary>
public sealed record OriginOptions
{
    public required IReadOnlyList<MountOptions> Mounts { get; init; }
    public PackagingOptions Packaging { get; init; } = new();
    /// <summary>The durable index cache shared by all instances (file:, az://, s3://), or null for none.</summary>
    public string? IndexCache { get; init; }
    /// <summary>In-process index cache size (all instances' L1).</summary>
    public long IndexCacheBytes { get; init; } = 256L << 20;
    public int ManifestMaxAgeSeconds { get; init; } = 60;
    /// <summary>How long a server manifest's (or lone MP4's) validator is trusted before one round trip rechecks it.</summary>
    public double MetadataTtlSeconds { get; init; } = 10;
    public int SegmentMaxAgeSeconds { get; init; } = 31_536_000;
    /// <summary>Deadline for one outbound HTTP request (web storage, a CMS), headers and body; a miss is a 504.</summary>
    public double UpstreamTimeoutSeconds { get; init; } = 20;
    /// <summary>A second request beside an outbound range read that is slower than the upstream's 95th percentile.</summary>
    public bool UpstreamHedging { get; init; } = true;
    /// <summary>The preview page at <c>/</c> (and each mount's root): the assets played in the browser beside what
    /// each request cost. On in the local sample settings, off unless set elsewhere.</summary>
    public bool Preview { get; init; }
    /// <summary>Follow symbolic links in <c>file:</c> mounts that lead outside the mount's folder (refused by default).</summary>
    public bool FileLinksOutsideMounts { get; init; }

    /// <summary>The outbound HTTP limits these options imply; <paramref name="addresses"/> is null for configured hosts.</summary>
    public HttpUpstreamOptions Upstreams(AddressPolicy? addresses = null) =>
        new() { RequestTimeout = TimeSpan.FromSeconds(UpstreamTimeoutSeconds), Hedging = UpstreamHedging, Addresses = addresses };

    public static OriginOptions Read(IConfiguration configuration)
    {
        var origin = configuration.GetSection("Origin");
        var mounts = new List<MountOptions>();
        foreach (var mount in origin.GetSection("Mounts").GetChildren())
            mounts.Add(ReadMount(mount));
        if (mounts.Count == 0) throw new OriginConfigurationException("no mounts configured (Origin:Mounts:<name>:Path and :Storage)");
        return new OriginOptions
        {
            Mounts = mounts,
            IndexCache = origin["IndexCache"] switch
            {
                null or "" => "file:" + Path.Combine(Path.GetTempPath(), "origin-index-cache"),
                "none" => null,
                var locator => locator,
            },
            Packaging = new PackagingOptions { TargetSegmentSeconds = Number(origin, "SegmentDurationSeconds", 4.0, 0.5, 60) },
            IndexCacheBytes = (long)Number(origin, "IndexCacheMegabytes", 256, 1, 1 << 20) << 20,
            ManifestMaxAgeSeconds = (int)Number(origin, "ManifestMaxAgeSeconds", 60, 0, 31_536_000),
            MetadataTtlSeconds = Number(origin, "MetadataTtlSeconds", 10, 0, 86_400),
            SegmentMaxAgeSeconds = (int)Number(origin, "SegmentMaxAgeSeconds", 31_536_000, 0, 31_536_000),
            UpstreamTimeoutSeconds = Number(origin, "UpstreamTimeoutSeconds", 20, 0.1, 120),
            FileLinksOutsideMounts = string.Equals(origin["FileLinksOutsideMounts"], "true", StringComparison.OrdinalIgnoreCase),
            Preview = string.Equals(origin["Preview"], "true", StringComparison.OrdinalIgnoreCase),
            UpstreamHedging = !string.Equals(origin["UpstreamHedging"], "false", StringComparison.OrdinalIgnoreCase),
        };
    }

    static MountOptions ReadMount(IConfigurationSection mount)
    {
        string key = $"Origin:Mounts:{mount.Key}";
        var path = mount["Path"] ?? throw new OriginConfigurationException($"{key}:Path is missing");
        if (!path.StartsWith('/')) throw new OriginConfigurationException($"{key}:Path must start with '/'");
        var proxy = mount["ManifestProxy"] is { Length: > 0 } p ? p : null;
        var storage = mount["Storage"] is { Length: > 0 } s ? s : null;
        if (storage is null && proxy is null) throw new OriginConfigurationException($"{key}:Storage is missing");
        var hosts = List(mount, "AllowedHosts") ?? [];
        if (proxy is not null)
        {
            bool hostInPath = proxy is "http://" or "https://";
            if (!hostInPath && !(Uri.TryCreate(proxy, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && proxy.EndsWith('/')))
                throw new OriginConfigurationException($"{key}:ManifestProxy must be an http(s) URL ending in '/', or \"http://\" to take the host from the path");
            if (hostInPath && hosts.Count == 0)
                throw new OriginConfigurationException($"{key}:AllowedHosts must list the hosts that \"{proxy}\" may reach");
        }
        return new MountOptions(mount.Key, "/" + path.Trim('/'), storage)
        {
            ManifestProxy = proxy,
            AllowedHosts = hosts,
            AllowPrivateAddresses = string.Equals(mount["AllowPrivateAddresses"], "true", StringComparison.OrdinalIgnoreCase),
            ProxyManifestTtlSeconds = Number(mount, "ProxyManifestTtlSeconds", 5, 0, 86_400, key),
            HlsTransportStream = mount["HlsContainer"] switch
            {
                null or "" or "fmp4" => false,
                "ts" => true,
                _ => throw new OriginConfigurationException($"{key}:HlsContainer must be fmp4 or ts"),
            },
            CarryQuery = mount["CarryQuery"] is "none" ? [] : List(mount, "CarryQuery"),
            DropQuery = List(mount, "DropQuery") ?? [],
        };
    }

    /// <summary>A list in JSON, or one comma-separated value (handy in environment variables); null when absent.</summary>
    static List<string>? List(IConfigurationSection mount, string key)
    {
        var section = mount.GetSection(key);
        if (!section.Exists()) return null;
        var items = new List<string>();
        foreach (var child in section.GetChildren())
            if (child.Value is { Length: > 0 } item) items.Add(item.Trim());
        if (section.Value is { Length: > 0 } list) items.AddRange(list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return items;
    }

    static double Number(IConfiguration section, string key, double fallback, double min, double max, string prefix = "Origin")
    {
        var text = section[key];
        if (string.IsNullOrEmpty(text)) return fallback;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new OriginConfigurationException($"{prefix}:{key} must be a number from {min} to {max}, not \"{text}\"");
        return value;
    }
}

public sealed class OriginConfigurationException(string message) : Exception(message);
