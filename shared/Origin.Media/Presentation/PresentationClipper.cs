using Origin.Media.Index;

namespace Origin.Media.Presentation;

/// <summary>A time range of a presentation in 100 ns ticks from its start; <see cref="End"/> null runs to the end.</summary>
/// <summary>A clip's begin and end in 100 ns ticks; <see cref="WholeFragments"/> ends a fragmented source's clip at
/// the end of the fragment holding <see cref="End"/> rather than at it.</summary>
public readonly record struct ClipRange(long Begin, long? End, bool WholeFragments = false)
{
    public const long TicksPerSecond = 10_000_000;
}

/// <summary>A clip that holds nothing of the asset: it begins after the end, or ends before anything starts.</summary>
public sealed class ClipException(string message) : Exception(message);

/// <summary>
/// Cuts tracks to a clip without touching a sample. The first video track (else audio) decides the instants: the
/// clip starts at its sync sample at or before the clip's begin (a progressive source) or at the start of the
/// fragment holding it (a fragmented one), and ends at the clip's end, to the frame (pictures shown from the end on
/// are left out where nothing kept needs them; a fragment reaching past the end loses its samples from there).
/// Every track then starts where that instant falls in it (audio at its first sample from there, or the fragment
/// starting nearest it) and counts its times from its own first sample, which lies within <see cref="Nudge"/> of the
/// instant (else from the instant): every track starts at 0, as players want (hls.js finds a hole in audio that
/// starts 10 ms in), and the tracks stay in sync to a few milliseconds, well within what lip sync allows. Progressive
/// tracks keep the asset's segment cuts after the clip's start, so a clip's segments are the asset's but the first.
/// </summary>
public static class PresentationClipper
{
    /// <summary>How far a track's first sample may lie from the clip's instant and still be its 0.</summary>
    const double Nudge = 0.05;

    public static List<PresentationTrack> Cut(IReadOnlyList<PresentationTrack> tracks, ClipRange clip)
    {
        var reference = tracks.FirstOrDefault(t => t.Kind == TrackKind.Video) ?? tracks.FirstOrDefault(t => t.Kind == TrackKind.Audio)
            ?? throw new ClipException("the asset has no audio or video to cut");
        uint scale = reference.Index.Timescale;
        var (start, end) = Instants(reference, clip);
        if (start >= end)
            throw new ClipException($"the clip lies outside the asset ({reference.Segments.TotalDuration / (double)scale:0.###} s long)");
        var cuts = Cuts(reference, start, end);

        var clipped = new List<PresentationTrack>(tracks.Count);
        PresentationTrack? cutReference = null;
        foreach (var track in tracks)
        {
            if (track.Index.Subtitles is not null) continue;
            uint timescale = track.Index.Timescale;
            long from = Convert(start, scale, timescale), to = Convert(end, scale, timescale);
            var segments = track.Index.Fragments is not null ? Fragments(track.Segments, from, clip.WholeFragments ? long.MaxValue : to, to, timescale) : Samples(track.Index, cuts, from, to);
            if (segments.Count == 0) continue;
            var cut = track.WithSegments(segments);
            clipped.Add(cut);
            if (track == reference) cutReference = cut;
        }
        foreach (var track in tracks)
            if (track.Index.Subtitles is not null && cutReference is not null)
            {
                uint timescale = track.Index.Timescale;
                var segments = PresentationBuilder.SubtitleSegments(cutReference, timescale, Convert(start, scale, timescale));
                if (segments.Count > 0) clipped.Add(track.WithSegments(segments));
            }
        // The tracks' own order, whatever order they were cut in.
        clipped.Sort((a, b) => IndexOf(tracks, a).CompareTo(IndexOf(tracks, b)));
        return clipped;
    }

    static int IndexOf(IReadOnlyList<PresentationTrack> tracks, PresentationTrack cut)
    {
        for (int i = 0; i < tracks.Count; i++)
            if (tracks[i].Index == cut.Index && tracks[i].Key == cut.Key) return i;
        return tracks.Count;
    }

    /// <summary>Where the reference track's clip starts and ends, in its own time.</summary>
    static (long Start, long End) Instants(PresentationTrack reference, ClipRange clip)
    {
        uint scale = reference.Index.Timescale;
        long begin = Convert(clip.Begin, ClipRange.TicksPerSecond, scale);
        long end = clip.End is { } e ? Convert(e, ClipRange.TicksPerSecond, scale) : long.MaxValue;
        var segments = reference.Segments;
        // A clip that begins when the asset is over holds nothing, not its last GOP.
        if (segments.Count == 0 || begin >= segments.Times[^1] + segments.Durations[^1]) return (0, 0);
        if (reference.Index.Samples is not { } samples)
        {
            int first = Math.Max(0, LastStartingAtOrBefore(segments.Times, begin));
            long fragmentsEnd = segments.Times[^1] + segments.Durations[^1];
            if (end < fragmentsEnd && clip.WholeFragments)
            {
                int last = LastStartingAtOrBefore(segments.Times, end - 1);
                end = last < first ? 0 : segments.Times[last] + segments.Durations[last];
                if (end == 0) return (0, 0);
            }
            return (segments.Times[first], end >= fragmentsEnd ? long.MaxValue : end);
        }
        int sync = 0;
        for (int i = 0; i < samples.Count && samples.DecodeTimes[i] <= begin; i++)
            if (samples.IsSync(i)) sync = i;
        // An end past the track's is no end: nothing shown at the last moments is left out for it.
        long trackEnd = samples.DecodeTimes[^1] + samples.Durations[^1];
        return (samples.DecodeTimes[sync], end >= trackEnd ? long.MaxValue : end);
    }

    static int LastStartingAtOrBefore(ReadOnlySpan<long> times, long time)
    {
        int i = times.BinarySearch(time);
        return i >= 0 ? i : ~i - 1;
    }

    /// <summary>The clip's start, then the reference track's own segment starts within the clip.</summary>
    static SegmentPlanner.Cuts Cuts(PresentationTrack reference, long start, long end)
    {
        var ticks = new List<long> { start };
        var times = reference.Segments.Times;
        for (int i = 0; i < times.Length; i++)
            if (times[i] > start && times[i] < end) ticks.Add(times[i]);
        return new SegmentPlanner.Cuts([.. ticks], reference.Index.Timescale);
    }

    /// <summary>
    /// The fragments of the clip: from the one starting nearest the clip's start (muxers start audio fragments a
    /// few milliseconds off the video's) to the one holding its end <paramref name="to"/>, whose samples from
    /// <paramref name="cut"/> on are left out (no cut: long.MaxValue, whole fragments).
    /// </summary>
    static TrackSegments Fragments(TrackSegments segments, long from, long cut, long to, uint timescale)
    {
        var times = segments.Times;
        int first = times.BinarySearch(from);
        if (first < 0)
        {
            first = ~first;
            if (first > 0 && (first == times.Length || from - times[first - 1] < times[first] - from)) first--;
        }
        int last = LastStartingAtOrBefore(times, to - 1);
        if (first >= times.Length || last < first) return TrackSegments.FromTimeline([], []);
        long zero = ZeroOf(times[first], from, timescale);
        return segments.Part(first, last - first + 1, zero, cut == long.MaxValue ? null : cut - zero);
    }

    /// <summary>
    /// The samples of the clip: from the first at or after its start (a sync sample for video) to its end, less
    /// trailing pictures shown at or after the end: the last in decode order, nothing kept refers to them.
    /// </summary>
    static TrackSegments Samples(TrackIndex track, SegmentPlanner.Cuts cuts, long from, long to)
    {
        var samples = track.Samples!;
        bool video = track.Kind == TrackKind.Video;
        int first = 0;
        while (first < samples.Count && (samples.DecodeTimes[first] < from || (video && !samples.IsSync(first)))) first++;
        int end = first;
        while (end < samples.Count && samples.DecodeTimes[end] < to) end++;
        if (samples.CompositionOffsets is { } offsets)
            while (end > first + 1 && samples.DecodeTimes[end - 1] + offsets[end - 1] - track.CompositionShift >= to) end--;
        return SegmentPlanner.Apply(track, cuts, first, end, first < end ? ZeroOf(samples.DecodeTimes[first], from, track.Timescale) : from);
    }

    /// <summary>The time a track's clip counts from: its first sample's, if that is near the instant; else the
    /// instant, or the first sample's where that is earlier (decode times cannot go below 0).</summary>
    static long ZeroOf(long firstSample, long instant, uint timescale) =>
        Math.Abs(firstSample - instant) <= Nudge * timescale ? firstSample : Math.Min(firstSample, instant);

    static long Convert(long time, long from, long to) =>
        time == long.MaxValue ? long.MaxValue : (long)Math.Round((double)time * to / from);
}
