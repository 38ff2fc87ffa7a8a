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

    PresentationTrack[]? _keyframes;

    /// <summary>
    /// The trick-play track of each video track (<see cref="PresentationTrack.Keyframes"/>), derived from this
    /// view's tracks (so filters and clips apply), listed apart from <see cref="Tracks"/>: only HLS I-frame
    /// playlists over fMP4 and DASH trick-mode sets offer them.
    /// </summary>
    public IReadOnlyList<PresentationTrack> KeyframeTracks => _keyframes ??= [.. Tracks.Select(t => t.Keyframes()).OfType<PresentationTrack>()];

    public PresentationTrack? FindKeyframeTrack(string key)
    {
        if (!key.Contains(PresentationTrack.KeyframesSuffix + "=", StringComparison.Ordinal)) return null;
        foreach (var t in KeyframeTracks)
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

    /// <summary>
    /// A trick-play track: each segment serves only the sync sample that opens it, shown for the whole segment, so
    /// a player scrubbing or fast-forwarding fetches one picture per segment.
    /// </summary>
    public bool KeyframesOnly { get; init; }

    /// <summary>What a trick-play track's name adds to its video track's (its key stays that of a track).</summary>
    public const string KeyframesSuffix = "_iframe";

    /// <summary>This track with other segments (a clip's).</summary>
    public PresentationTrack WithSegments(TrackSegments segments) => Copy(segments, Name, KeyframesOnly);

    PresentationTrack Copy(TrackSegments segments, string name, bool keyframesOnly) => new()
    {
        Index = Index, SourceStorage = SourceStorage, SourcePath = SourcePath, SourceInfo = SourceInfo, Name = name,
        Bitrate = Bitrate, Segments = segments, Language = Language, Params = Params, KeyframesOnly = keyframesOnly,
    };

    /// <summary>
    /// This video track's trick-play track, <c>{name}_iframe={bitrate}</c>, with a segment per sync sample of a
    /// progressive source (each as long as its GOP, as large as its picture) and per fragment of a fragmented one
    /// (fragments open with one, as CMAF and Smooth require). A fragment's sync sample is known only once its moof
    /// is read, so those segments keep the fragment's size: an upper bound, as a bandwidth must be.
    /// </summary>
    public PresentationTrack? Keyframes()
    {
        if (Kind != TrackKind.Video || KeyframesOnly || Segments.Count == 0) return null;
        var segments = Segments;
        if (Index.Samples is { } samples)
        {
            var (first, _) = segments.SampleRange(0);
            var (last, lastCount) = segments.SampleRange(segments.Count - 1);
            var syncs = new List<int>();
            for (int i = first; i < last + lastCount; i++)
                if (samples.IsSync(i)) syncs.Add(i);
            if (syncs.Count == 0 || syncs[0] != first) return null;
            var perSync = TrackSegments.FromSampleBoundaries(samples, syncs, last + lastCount, segments.TimeShift);
            segments = perSync.WithBytes(i => samples.Sizes[perSync.SampleRange(i).First]);
        }
        return Copy(segments, Name + KeyframesSuffix, keyframesOnly: true);
    }

    /// <summary>Unified Origin's track key, <c>name=bitrate</c>, as used in every segment and playlist URL.</summary>
    public string Key => $"{Name}={Bitrate}";

    /// <summary>The highest bit rate of any segment: what HLS BANDWIDTH and DASH bandwidth must cover (a track's
    /// declared bit rate counts too, except a trick-play track's, which its video's is).</summary>
    public long PeakBitrate => KeyframesOnly ? Segments.PeakBitrate(Index.Timescale) : Math.Max(Segments.PeakBitrate(Index.Timescale), Bitrate);

    /// <summary>The mean bit rate players budget for (HLS AVERAGE-BANDWIDTH).</summary>
    public long AverageBitrate => KeyframesOnly ? Segments.AverageBitrate(Index.Timescale) : Bitrate;

    /// <summary>The widest and the tallest picture among <paramref name="tracks"/> (DASH maxWidth, Smooth MaxWidth).</summary>
    public static (int Width, int Height) LargestPicture(IEnumerable<PresentationTrack> tracks)
    {
        int width = 0, height = 0;
        foreach (var t in tracks) (width, height) = (Math.Max(width, t.Index.Codec.Width), Math.Max(height, t.Index.Codec.Height));
        return (width, height);
    }
}
