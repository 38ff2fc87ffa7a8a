using Origin.Media.Index;

namespace Origin.Media.Presentation;

/// <summary>
/// Cuts progressive tracks into segments. The first video track decides: a segment starts at the first sync sample
/// at least the target duration after the previous cut. Every other track cuts at the same instants (audio at the
/// first sample at or after each instant), so audio and video segments line up.
/// </summary>
public static class SegmentPlanner
{
    /// <summary>Cut instants in seconds-as-ratio: (ticks, timescale) of the reference track.</summary>
    public readonly record struct Cuts(long[] Ticks, uint Timescale);

    public static Cuts PlanCuts(IReadOnlyList<TrackIndex> tracks, double targetSeconds)
    {
        TrackIndex? reference = null;
        foreach (var t in tracks)
            if (t.Samples is not null && (reference is null || (t.Kind == TrackKind.Video && reference.Kind != TrackKind.Video))) reference = t;
        if (reference?.Samples is not { } samples) return new Cuts([0], 1);

        long target = (long)Math.Round(targetSeconds * reference.Timescale);
        var cuts = new List<long> { samples.DecodeTimes[0] };
        for (int i = 1; i < samples.Count; i++)
        {
            long t = samples.DecodeTimes[i];
            if (samples.IsSync(i) && t - cuts[^1] >= target) cuts.Add(t);
        }
        return new Cuts([.. cuts], reference.Timescale);
    }

    public static TrackSegments Apply(TrackIndex track, Cuts cuts) => Apply(track, cuts, 0, track.Samples?.Count ?? 0, 0);

    /// <summary>
    /// Cuts samples <paramref name="first"/> to <paramref name="end"/> (exclusive) at <paramref name="cuts"/> after
    /// the first, times less <paramref name="timeShift"/>: a clip's part of the track.
    /// </summary>
    public static TrackSegments Apply(TrackIndex track, Cuts cuts, int first, int end, long timeShift)
    {
        var samples = track.Samples ?? throw new ArgumentException("only progressive tracks are cut", nameof(track));
        var starts = new List<int>();
        if (first < end) starts.Add(first);
        int i = first;
        for (int c = 1; c < cuts.Ticks.Length && starts.Count > 0; c++)
        {
            // Convert the instant to this track's timescale; rounding keeps an exact match exact.
            long at = (long)Math.Round((double)cuts.Ticks[c] * track.Timescale / cuts.Timescale);
            while (i < end && (samples.DecodeTimes[i] < at || !(track.Kind != TrackKind.Video || samples.IsSync(i)))) i++;
            if (i >= end) break;
            if (i > starts[^1]) starts.Add(i);
        }
        return TrackSegments.FromSampleBoundaries(samples, starts, end, timeShift);
    }
}
