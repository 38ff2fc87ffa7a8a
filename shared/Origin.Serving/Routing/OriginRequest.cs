using Origin.Serving.Options;

namespace Origin.Serving.Routing;

public enum OutputFormat { Hls, Dash, Smooth }

public enum ResourceKind { Manifest, MediaPlaylist, InitSegment, MediaSegment }

/// <summary>
/// A parsed origin URL: which asset, which output format and resource, which track and which segment (by 1-based
/// number for HLS, by start time for DASH and Smooth).
/// </summary>
public sealed record OriginRequest
{
    /// <summary>The asset's path relative to its mount, e.g. "movies/demo.ism" or "clips/movie.mp4".</summary>
    public required string AssetPath { get; init; }
    /// <summary>The asset's base name, e.g. "demo"; output file names start with it.</summary>
    public required string AssetName { get; init; }
    public bool HasServerManifest => IsServerManifest(AssetPath);

    /// <summary>Server manifests (SMIL documents, read alike): <c>.ism</c>, <c>.isml</c> (Unified's live form, served
    /// here as the VOD it describes) and <c>.smil</c> (what CMSs and other origins call theirs).</summary>
    public static bool IsServerManifest(ReadOnlySpan<char> file) =>
        file.EndsWith(".ism", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".isml", StringComparison.OrdinalIgnoreCase)
        || file.EndsWith(".smil", StringComparison.OrdinalIgnoreCase);
    public required OutputFormat Format { get; init; }
    public required ResourceKind Kind { get; init; }
    /// <summary><c>name=bitrate</c>, for everything but the top-level manifests.</summary>
    public string? TrackKey { get; init; }
    /// <summary>MPEG-TS HLS: the audio track muxed into <see cref="TrackKey"/>'s playlist and segments, if any.</summary>
    public string? MuxedAudioKey { get; init; }
    /// <summary>An HLS segment asked for as MPEG-TS (<c>.ts</c>) rather than fMP4.</summary>
    public bool TransportStream { get; init; }
    /// <summary>An HLS subtitle segment (<c>.vtt</c>, or Unified's <c>.webvtt</c>).</summary>
    public bool WebVtt { get; init; }
    public int SegmentNumber { get; init; }
    public long SegmentTime { get; init; }
    /// <summary>The options the query asks for (the server manifest's are added once it is read).</summary>
    public RequestOptions Options { get; init; } = RequestOptions.None;

    /// <summary>Which of the server manifest's playout switches governs this format.</summary>
    public string PlayoutMeta => Format switch
    {
        OutputFormat.Hls => "hls_playout",
        OutputFormat.Dash => "mpd_playout",
        _ => "iss_playout",
    };
}
