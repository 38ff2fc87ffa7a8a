using Origin.Media.Boxes;
using Origin.Media.Bytes;
using Origin.Storage;

namespace Origin.Media.Index;

/// <summary>
/// Builds the index of an MP4 source with as few range reads as its layout allows: one window at the head finds
/// ftyp/moov (and usually the first moof or a sidx); a moov at the end costs one more; a fragmented file's mfra is
/// read from the tail. Only files with neither mfra nor sidx are walked fragment by fragment.
/// </summary>
public static class MediaIndexReader
{
    public const int WindowSize = 64 * 1024;

    /// <param name="storage">Where <paramref name="source"/> lives: an index MP4's data references are looked up
    /// there, relative to it. Without it, such a file is refused.</param>
    public static async Task<MediaIndex> ReadAsync(IStorageObject source, CancellationToken cancellationToken, IMediaStorage? storage = null)
    {
        if (Text.Reading.SubtitleReader.FormatOf(source.Path) is { } subtitles) return await SubtitleIndexReader.ReadAsync(source, subtitles, cancellationToken);
        var window = new SourceWindow(source, WindowSize);
        var layout = await TopLevelLayout.ReadAsync(window, cancellationToken);
        return await ReadAsync(window, layout, MovieTrack.ReadAll(layout.Moov), source, storage, cancellationToken);
    }

    /// <summary>The index from a moov already found, reading on through the same window.</summary>
    internal static async Task<MediaIndex> ReadAsync(SourceWindow window, TopLevelLayout layout, List<MovieTrack> tracks,
        IStorageObject source, IMediaStorage? storage, CancellationToken cancellationToken)
    {
        if (tracks.Count == 0) throw new MediaFormatException("no audio or video track", BoxTypes.Moov);

        bool referencesMedia = tracks.Exists(t => t.DataLocation is not null);
        if (referencesMedia && storage is null) throw new MediaFormatException("an index file's media cannot be located here", BoxTypes.Dref);
        // An index MP4 is small and every moof in it is visited: one read takes it whole.
        if (referencesMedia && layout.IsFragmented) await window.LoadWholeAsync(DataReferenceResolver.MaxIndexFileBytes, cancellationToken);

        var indexes = layout.IsFragmented
            ? await FragmentTableReader.ReadAsync(window, layout, tracks, cancellationToken)
            : BuildProgressive(tracks);
        if (referencesMedia) indexes = await DataReferenceResolver.ResolveAsync(window, source, storage!, tracks, indexes, cancellationToken);
        return new MediaIndex { Path = source.Path, Validator = source.Info.Validator, Tracks = indexes };
    }

    static List<TrackIndex> BuildProgressive(List<MovieTrack> tracks)
    {
        var indexes = new List<TrackIndex>(tracks.Count);
        foreach (var track in tracks)
        {
            var samples = SampleTableBuilder.Build(track.Stbl);
            if (samples.Count == 0) continue;
            long bytes = 0, duration = 0;
            foreach (var size in samples.Sizes) bytes += size;
            foreach (var d in samples.Durations) duration += d;
            indexes.Add(NewTrack(track, duration, bytes, samples: samples, typicalSampleDuration: TypicalDuration(samples.Durations)));
        }
        return indexes;
    }

    /// <summary>The most frequent sample duration: robust to a short last frame or a few irregular ones.</summary>
    static long TypicalDuration(ReadOnlySpan<int> durations)
    {
        var counts = new Dictionary<int, int>();
        foreach (var d in durations) counts[d] = counts.GetValueOrDefault(d) + 1;
        int best = 0, bestCount = 0;
        foreach (var (d, c) in counts)
            if (c > bestCount) (best, bestCount) = (d, c);
        return best;
    }

    internal static TrackIndex NewTrack(MovieTrack track, long duration, long bytes, FragmentTable? fragments = null,
        SampleTable? samples = null, long typicalSampleDuration = 0) => new()
    {
        FrameRate = track.Kind == TrackKind.Video && typicalSampleDuration > 0 ? Math.Round(track.Timescale / (double)typicalSampleDuration, 3) : 0,
        TrackId = track.TrackId,
        Kind = track.Kind,
        Timescale = track.Timescale,
        Language = track.Language,
        SampleEntry = track.SampleEntry,
        Codec = CodecDescription.From(track.SampleEntry),
        Duration = duration,
        // Only reordered (B-frame) video needs its composition shifted; an audio edit is encoder priming, which
        // players tolerate and which would otherwise push the first samples before zero.
        CompositionShift = track.Kind == TrackKind.Video ? track.EditMediaTime : 0,
        Fragments = fragments,
        FragmentDefaults = track.Extends,
        Samples = samples,
        MediaBytes = bytes,
    };
}

/// <summary>Where the top-level boxes that matter are: moov, the first moof and a sidx if any.</summary>
internal sealed record TopLevelLayout(ContainerBox Moov, long FirstMoofOffset, SegmentIndexBox? Sidx, long SidxEnd)
{
    public bool IsFragmented => Moov.Children.Find(BoxTypes.Mvex) is not null && FirstMoofOffset >= 0;

    public static async Task<TopLevelLayout> ReadAsync(SourceWindow window, CancellationToken cancellationToken)
    {
        ContainerBox? moov = null;
        SegmentIndexBox? sidx = null;
        long sidxEnd = 0, offset = 0;
        while (offset < window.Length)
        {
            var header = await window.GetHeaderAsync(offset, cancellationToken);
            if (header is not { } h) break;
            if (offset == 0 && h.Type is not (BoxTypes.Ftyp or BoxTypes.Styp or BoxTypes.Moov or BoxTypes.Free or BoxTypes.Skip or BoxTypes.Mdat))
                throw new MediaFormatException("not an MP4 file", h.Type, 0);
            switch (h.Type)
            {
                case BoxTypes.Moov:
                    moov = await window.GetBoxAsync(offset, h, cancellationToken) as ContainerBox;
                    break;
                case BoxTypes.Sidx when sidx is null:
                    sidx = await window.GetBoxAsync(offset, h, cancellationToken) as SegmentIndexBox;
                    sidxEnd = offset + h.Size;
                    break;
                case BoxTypes.Moof when moov is not null:
                    return new TopLevelLayout(moov, offset, sidx, sidxEnd);
            }
            offset += h.Size;
        }
        if (moov is null) throw new MediaFormatException("no moov box");
        return new TopLevelLayout(moov, -1, sidx, sidxEnd);
    }
}
