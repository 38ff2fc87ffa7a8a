using Origin.Media.Index;
using Origin.Media.Protection;
using Origin.Media.ServerManifest;

namespace Origin.Media.Presentation;

/// <summary>Joins a server manifest's tracks (or a lone MP4's) to their indexes and names them the way URLs will.</summary>
public static class PresentationBuilder
{
    /// <summary>A track chosen from a file (a media file, or an index MP4 pointing at one), with what the server manifest says of it.</summary>
    public readonly record struct Selected(TrackIndex Index, Storage.IMediaStorage Storage, string IndexPath, Storage.StorageObjectInfo IndexInfo, ServerManifestTrack? Entry)
    {
        /// <summary>Where the samples are read: the indexed file, unless its data references point elsewhere.</summary>
        public string SourcePath => Index.Data?.Path ?? IndexPath;
        public Storage.StorageObjectInfo SourceInfo => Index.Data?.Info ?? IndexInfo;
    }

    /// <summary>
    /// A systemBitrate of 1 (or 0) is a placeholder, as CMSs that write SMIL for any file use it: the track is then
    /// named and announced by the bit rate the file declares, else the one measured, as when systemBitrate is absent.
    /// </summary>
    public const long PlaceholderBitrate = 1;

    public static Presentation Build(string name, ServerManifest.ServerManifest? manifest, IReadOnlyList<Selected> selected,
        PackagingOptions options, string version, int? manifestMaxAgeSeconds = null)
    {
        var indexes = new List<TrackIndex>(selected.Count);
        foreach (var s in selected) indexes.Add(s.Index);
        var cuts = SegmentPlanner.PlanCuts(indexes, options.TargetSegmentSeconds);

        var audioLanguages = new HashSet<string>();
        foreach (var s in selected)
            if (s.Index.Kind == TrackKind.Audio) audioLanguages.Add(LanguageOf(s));

        var tracks = new List<PresentationTrack>(selected.Count);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        // Subtitle files are cut where the first video track (else audio track) is, once those are cut.
        var order = Enumerable.Range(0, selected.Count).OrderBy(i => selected[i].Index.Subtitles is null ? 0 : 1);
        var positions = new Dictionary<PresentationTrack, int>();
        foreach (int position in order)
        {
            var s = selected[position];
            var segments = s.Index.Fragments is { } fragments ? TrackSegments.FromFragments(fragments)
                : s.Index.Subtitles is not null ? SubtitleSegments(tracks.Find(t => t.Kind == TrackKind.Video) ?? tracks.Find(t => t.Kind == TrackKind.Audio), s.Index.Timescale)
                : SegmentPlanner.Apply(s.Index, cuts);
            if (segments.Count == 0) continue;
            long bitrate = s.Entry?.SystemBitrate is > PlaceholderBitrate and var b ? b : s.Index.Bitrate;
            string language = LanguageOf(s);
            string trackName = s.Entry?.TrackName is { Length: > 0 } given ? given : DefaultName(s.Index.Kind, language, audioLanguages.Count > 1);
            // Two tracks may not share a key: the URL would be ambiguous.
            if (!keys.Add($"{trackName}={bitrate}"))
            {
                trackName = $"{trackName}_{s.Index.TrackId}";
                keys.Add($"{trackName}={bitrate}");
            }
            var track = new PresentationTrack { Index = s.Index, SourceStorage = s.Storage, SourcePath = s.SourcePath, SourceInfo = s.SourceInfo, Name = trackName, Language = language, Bitrate = bitrate, Segments = segments, Params = s.Entry?.Params ?? [] };
            tracks.Add(track);
            positions[track] = position;
        }
        // Tracks in the manifest's order, whatever order they were cut in.
        tracks.Sort((a, b) => positions[a].CompareTo(positions[b]));
        return new Presentation
        {
            Name = name, Tracks = tracks, ServerManifest = manifest, Version = version, ManifestMaxAgeSeconds = manifestMaxAgeSeconds,
            DashProtection = ServerManifestProtection.ForDash(manifest), HlsProtection = ServerManifestProtection.ForHls(manifest),
            SmoothProtection = ServerManifestProtection.ForSmooth(manifest), HasKeys = ServerManifestProtection.HasKeys(manifest),
        };
    }

    /// <summary>
    /// A subtitle file's segments: those of the <paramref name="reference"/> track (the first video track, else
    /// audio), in the file's timescale, so each text segment covers what the picture's segment of that number does;
    /// none without one. A clip's are less its start, <paramref name="timeShift"/> in the file's timescale.
    /// </summary>
    internal static TrackSegments SubtitleSegments(PresentationTrack? reference, uint timescale, long timeShift = 0)
    {
        if (reference is null) return TrackSegments.FromTimeline([], []);
        var source = reference.Segments;
        long Convert(long time) => (long)Math.Round((double)time * timescale / reference.Index.Timescale);
        var times = new long[source.Count];
        var durations = new long[source.Count];
        for (int i = 0; i < source.Count; i++)
        {
            times[i] = Convert(source.Times[i]);
            // Each ends where the next starts, in this timescale too: no rounding gap between text segments.
            durations[i] = Convert(source.Times[i] + source.Durations[i]) - times[i];
        }
        return TrackSegments.FromTimeline(times, durations, timeShift);
    }

    static string LanguageOf(Selected s) => s.Entry?.SystemLanguage is { Length: > 0 } language ? language : s.Index.Language;

    /// <summary>trackName when the server manifest gives none: "video", "audio", or "audio_eng" when audio languages differ.</summary>
    public static string DefaultName(TrackKind kind, string language, bool severalAudioLanguages) => kind switch
    {
        TrackKind.Video => "video",
        TrackKind.Audio when severalAudioLanguages && language != "und" => "audio_" + language,
        TrackKind.Audio => "audio",
        _ when language != "und" => "textstream_" + language,
        _ => "textstream",
    };

    /// <summary>Picks the track a server manifest entry means: by trackID, else the first of the entry's kind.</summary>
    public static TrackIndex? SelectTrack(MediaIndex index, ServerManifestTrack entry)
    {
        var kind = entry.Kind switch
        {
            ServerManifestTrackKind.Video => TrackKind.Video,
            ServerManifestTrackKind.Audio => TrackKind.Audio,
            _ => TrackKind.Text,
        };
        foreach (var t in index.Tracks)
            if (entry.TrackId is { } id ? t.TrackId == id : t.Kind == kind) return t;
        return null;
    }
}
