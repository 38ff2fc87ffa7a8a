using Origin.Media.Index;

namespace Origin.Media.Presentation;

/// <summary>An asset as players see it: its tracks, each named and cut into segments, and the playout switches.</summary>
public sealed class Presentation
{
    /// <summary>The asset's base name: "demo" for demo.ism, used in every output file name.</summary>
    public required string Name { get; init; }
    public required IReadOnlyList<PresentationTrack> Tracks { get; init; }
    public ServerManifest.ServerManifest? ServerManifest { get; init; }
    /// <summary>Identifies the sources' versions and the packaging options: output bytes are a function of it.</summary>
    public required string Version { get; init; }

    public double DurationSeconds
    {
        get
        {
            double longest = 0;
            foreach (var t in Tracks) longest = Math.Max(longest, t.Segments.TotalDuration / (double)t.Index.Timescale);
            return longest;
        }
    }

    public PresentationTrack? FindTrack(string key)
    {
        foreach (var t in Tracks)
            if (t.Key.Equals(key, StringComparison.Ordinal)) return t;
        return null;
    }

    public bool IsPlayoutEnabled(string meta) => ServerManifest?.IsPlayoutEnabled(meta) ?? true;

    /// <summary>For manifests a CMS generated: how long its Cache-Control let it be cached, which output manifests follow.</summary>
    public int? ManifestMaxAgeSeconds { get; init; }

    /// <summary>How DASH output is encrypted (from the server manifest's DRM markup); null when it is served clear.</summary>
    public Protection.TrackProtection? DashProtection { get; init; }

    /// <summary>How Smooth Streaming output is encrypted (PIFF, PlayReady); null when it is served clear.</summary>
    public Protection.TrackProtection? SmoothProtection { get; init; }

    /// <summary>How HLS output is encrypted; null when it is served clear.</summary>
    public Protection.HlsProtection? HlsProtection { get; init; }

    /// <summary>The server manifest gives content keys: a format with no protection of its own is not served clear unasked.</summary>
    public bool HasKeys { get; init; }

    /// <summary>HLS playlists of this view list MPEG-TS variants rather than fMP4 ones.</summary>
    public bool HlsTransportStream { get; init; }

    /// <summary>
    /// This presentation as a request's options show it: <paramref name="tracks"/> (its own, unchanged) under
    /// <paramref name="version"/>, which must name those options as well as this version. Over MPEG-TS, SAMPLE-AES
    /// is TS's kind (or stays fMP4's where no system delivers keys for TS, which TS requests then refuse).
    /// </summary>

    public Presentation View(IReadOnlyList<PresentationTrack> tracks, string version, bool hlsTransportStream = false) => new()
    {
        Name = Name,
        Tracks = tracks,
        ServerManifest = ServerManifest,
        Version = version,
        ManifestMaxAgeSeconds = ManifestMaxAgeSeconds,
        DashProtection = DashProtection,
        HlsProtection = hlsTransportStream && HlsProtection is Protection.HlsSampleAes sampleAes ? sampleAes.ForTransportStream() ?? HlsProtection : HlsProtection,
        SmoothProtection = SmoothProtection,
        HasKeys = HasKeys,
        HlsTransportStream = hlsTransportStream,
    };
}

/// <summary>One track as offered to players: the index it comes from, the file it lives in, a name and a bit rate.</summary>
public sealed class PresentationTrack
{
    public required TrackIndex Index { get; init; }
    /// <summary>Where the source lives (the mount's storage, or the host a proxied manifest points at).</summary>
    public required Storage.IMediaStorage SourceStorage { get; init; }
    /// <summary>The source file, relative to <see cref="SourceStorage"/>.</summary>
    public required string SourcePath { get; init; }
    /// <summary>The version of the source the index was built from: segments read it without asking storage again.</summary>
    public required Storage.StorageObjectInfo SourceInfo { get; init; }
    /// <summary>trackName: "video", "audio", "audio_eng"…</summary>
    public required string Name { get; init; }
    public required long Bitrate { get; init; }
    public required TrackSegments Segments { get; init; }
    public TrackKind Kind => Index.Kind;
    /// <summary>ISO 639-2 code: the server manifest's systemLanguage when given, else the track's mdhd language.</summary>
    public required string Language { get; init; }

    /// <summary>The server manifest's params of the track (role, default…), empty for a lone MP4's.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Params { get; init; } = [];

    /// <summary>This track with other segments (a clip's).</summary>
    public PresentationTrack WithSegments(TrackSegments segments) => new()
    {
        Index = Index, SourceStorage = SourceStorage, SourcePath = SourcePath, SourceInfo = SourceInfo, Name = Name,
        Bitrate = Bitrate, Segments = segments, Language = Language, Params = Params,
    };

    /// <summary>Unified Origin's track key, <c>name=bitrate</c>, as used in every segment and playlist URL.</summary>
    public string Key => $"{Name}={Bitrate}";

    /// <summary>The highest bit rate of any segment: what HLS BANDWIDTH and DASH bandwidth must cover.</summary>
    public long PeakBitrate => Math.Max(Segments.PeakBitrate(Index.Timescale), Bitrate);

    /// <summary>The widest and the tallest picture among <paramref name="tracks"/> (DASH maxWidth, Smooth MaxWidth).</summary>
    public static (int Width, int Height) LargestPicture(IEnumerable<PresentationTrack> tracks)
    {
        int width = 0, height = 0;
        foreach (var t in tracks) (width, height) = (Math.Max(width, t.Index.Codec.Width), Math.Max(height, t.Index.Codec.Height));
        return (width, height);
    }
}
