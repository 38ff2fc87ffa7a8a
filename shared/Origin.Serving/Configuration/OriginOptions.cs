using System.Globalization;
using Microsoft.Extensions.Configuration;
using Origin.Media.Presentation;

namespace Origin.Serving.Configuration;

/// <summary>One mount: a URL prefix and the storage behind it.</summary>
public sealed record MountOptions(string Name, string Path, string Storage);

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

    public static OriginOptions Read(IConfiguration configuration)
    {
        var origin = configuration.GetSection("Origin");
        var mounts = new List<MountOptions>();
        foreach (var mount in origin.GetSection("Mounts").GetChildren())
        {
            var path = mount["Path"] ?? throw new OriginConfigurationException($"Origin:Mounts:{mount.Key}:Path is missing");
            var storage = mount["Storage"] ?? throw new OriginConfigurationException($"Origin:Mounts:{mount.Key}:Storage is missing");
            if (!path.StartsWith('/')) throw new OriginConfigurationException($"Origin:Mounts:{mount.Key}:Path must start with '/'");
            mounts.Add(new MountOptions(mount.Key, "/" + path.Trim('/'), storage));
        }
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
        };
    }

    static double Number(IConfiguration section, string key, double fallback, double min, double max)
    {
        var text = section[key];
        if (string.IsNullOrEmpty(text)) return fallback;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new OriginConfigurationException($"Origin:{key} must be a number from {min} to {max}, not \"{text}\"");
        return value;
    }
}

public sealed class OriginConfigurationException(string message) : Exception(message);
