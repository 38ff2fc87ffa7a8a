using System.Globalization;
using System.Text.RegularExpressions;
using Origin.Media.Packaging.Naming;
using Origin.Storage;

namespace Origin.Serving.Routing;

/// <summary>The result of parsing: a request, or the status and a one-line reason to answer with.</summary>
public readonly record struct ParseResult(OriginRequest? Request, int Status, string? Reason)
{
    public static ParseResult Ok(OriginRequest request) => new(request, 200, null);
    public static ParseResult Fail(int status, string reason) => new(null, status, reason);
}

/// <summary>
/// Parses the part of a URL after the mount prefix, in Unified Origin's scheme:
/// <c>{asset}.ism/{presentation}</c> or <c>{asset}.mp4/{presentation}</c>.
/// </summary>
public static partial class OriginUrlParser
{
    public const int MaxPathLength = 2048;

    public static ParseResult Parse(string path)
    {
        if (path.Length > MaxPathLength) return ParseResult.Fail(414, "URL too long");
        path = path.TrimStart('/');
        int boundary = AssetBoundary(path);
        if (boundary < 0) return ParseResult.Fail(404, "no .ism, .isml, .smil or .mp4 asset in the URL");
        string assetPath = path[..boundary], presentationPath = path[(boundary + 1)..];
        if (!IsSafeAssetPath(assetPath)) return ParseResult.Fail(400, "invalid asset path");
        string file = assetPath[(assetPath.LastIndexOf('/') + 1)..];
        string name = file[..file.LastIndexOf('.')];
        if (name.Length == 0) return ParseResult.Fail(400, "asset has no name");

        OriginRequest Request(OutputFormat format, ResourceKind kind, string? key = null, int number = 0, long time = 0) =>
            new() { AssetPath = assetPath, AssetName = name, Format = format, Kind = kind, TrackKey = key, SegmentNumber = number, SegmentTime = time };

        switch (presentationPath)
        {
            case OutputNames.HlsMaster: return ParseResult.Ok(Request(OutputFormat.Hls, ResourceKind.Manifest));
            case OutputNames.DashManifest: return ParseResult.Ok(Request(OutputFormat.Dash, ResourceKind.Manifest));
            case OutputNames.SmoothManifest: return ParseResult.Ok(Request(OutputFormat.Smooth, ResourceKind.Manifest));
        }

        if (SmoothFragment().Match(presentationPath) is { Success: true } smooth)
        {
            if (!TryTime(smooth.Groups["time"].Value, out var time)) return ParseResult.Fail(400, "invalid fragment time");
            var key = smooth.Groups["stream"].Value + "=" + smooth.Groups["bitrate"].Value;
            return ParseResult.Ok(Request(OutputFormat.Smooth, ResourceKind.MediaSegment, key, time: time));
        }

        bool dash = presentationPath.StartsWith("dash/", StringComparison.Ordinal);
        var fileName = dash ? presentationPath[5..] : presentationPath;
        if (!fileName.StartsWith(name + "-", StringComparison.Ordinal))
            return ParseResult.Fail(404, "unknown presentation path");
        var match = TrackFile().Match(fileName[(name.Length + 1)..]);
        if (!match.Success) return ParseResult.Fail(404, "unknown presentation path");
        string trackKey = match.Groups["key"].Value, extension = match.Groups["ext"].Value;
        var numberGroup = match.Groups["n"];
        // A muxed MPEG-TS variant names its audio first: name-audio=64000-video=300000(-n).m3u8|ts.
        var audioGroup = match.Groups["audio"];
        if (audioGroup.Success && (dash || extension is not ("m3u8" or "ts"))) return ParseResult.Fail(404, "unknown presentation path");
        string? audioKey = audioGroup.Success ? audioGroup.Value : null;

        switch (dash, extension, numberGroup.Success)
        {
            case (false, "m3u8", false):
                return ParseResult.Ok(Request(OutputFormat.Hls, ResourceKind.MediaPlaylist, trackKey) with { MuxedAudioKey = audioKey });
            case (false, "ts", true):
                if (!int.TryParse(numberGroup.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var tsNumber) || tsNumber < 1)
                    return ParseResult.Fail(400, "invalid segment number");
                return ParseResult.Ok(Request(OutputFormat.Hls, ResourceKind.MediaSegment, trackKey, number: tsNumber) with { MuxedAudioKey = audioKey, TransportStream = true });
            case (false, "vtt" or "webvtt", true):
                if (!int.TryParse(numberGroup.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var textNumber) || textNumber < 1)
                    return ParseResult.Fail(400, "invalid segment number");
                return ParseResult.Ok(Request(OutputFormat.Hls, ResourceKind.MediaSegment, trackKey, number: textNumber) with { WebVtt = true });
            case (false, "m4s", false):
                return ParseResult.Ok(Request(OutputFormat.Hls, ResourceKind.InitSegment, trackKey));
            case (false, "m4s", true):
                if (!int.TryParse(numberGroup.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
                    return ParseResult.Fail(400, "invalid segment number");
                return ParseResult.Ok(Request(OutputFormat.Hls, ResourceKind.MediaSegment, trackKey, number: number));
            case (true, "dash", false):
                return ParseResult.Ok(Request(OutputFormat.Dash, ResourceKind.InitSegment, trackKey));
            case (true, "dash", true):
                if (!TryTime(numberGroup.Value, out var t)) return ParseResult.Fail(400, "invalid segment time");
                return ParseResult.Ok(Request(OutputFormat.Dash, ResourceKind.MediaSegment, trackKey, time: t));
            default:
                return ParseResult.Fail(404, "unknown presentation path");
        }
    }

    /// <summary>Index of the '/' that ends the first path segment naming a server manifest (.ism, .isml, .smil) or an
    /// .mp4 file; -1 if none.</summary>
    static int AssetBoundary(string path)
    {
        int start = 0;
        while (start < path.Length)
        {
            int slash = path.IndexOf('/', start);
            if (slash < 0) return -1;
            var segment = path.AsSpan(start, slash - start);
            if (OriginRequest.IsServerManifest(segment) || segment.EndsWith(".mp4", StringComparison.OrdinalIgnoreCase))
                return slash;
            start = slash + 1;
        }
        return -1;
    }

    /// <summary>The storage rule, and no empty segment: one asset has one URL (a CDN caches "a//b" apart from "a/b").</summary>
    static bool IsSafeAssetPath(string assetPath) =>
        StoragePaths.SafeSegments(assetPath) is { } segments && segments.Length == assetPath.AsSpan().Count('/') + 1;

    static bool TryTime(string text, out long time) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out time) && text.Length <= 19;

    [GeneratedRegex(@"^QualityLevels\((?<bitrate>\d{1,12})\)/Fragments\((?<stream>[A-Za-z0-9_.]{1,64})=(?<time>\d{1,20})\)$", RegexOptions.CultureInvariant)]
    private static partial Regex SmoothFragment();

    [GeneratedRegex(@"^(?:(?<audio>[A-Za-z0-9_.]{1,64}=\d{1,12})-(?=[A-Za-z]))?(?<key>[A-Za-z0-9_.]{1,64}=\d{1,12})(?:-(?<n>\d{1,20}))?\.(?<ext>m3u8|m4s|dash|ts|vtt|webvtt)$", RegexOptions.CultureInvariant)]
    private static partial Regex TrackFile();
}
