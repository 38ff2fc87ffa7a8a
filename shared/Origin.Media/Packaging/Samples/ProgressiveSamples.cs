using Origin.Media.Boxes;
using Origin.Media.Index;

namespace Origin.Media.Packaging.Samples;

/// <summary>Turns a run of a progressive track's samples into fragment samples with absolute byte ranges.</summary>
public static class ProgressiveSamples
{
    public static SegmentSamples Collect(TrackIndex track, int first, int count)
    {
        var table = track.Samples ?? throw new ArgumentException("not a progressive track", nameof(track));
        var samples = new TrackRunSample[count];
        var ranges = new List<ByteRange>();
        var offsets = table.CompositionOffsets;
        for (int i = 0; i < count; i++)
        {
            int n = first + i;
            samples[i] = new TrackRunSample(
                (uint)table.Durations[n],
                (uint)table.Sizes[n],
                table.IsSync(n) ? SampleFlags.Sync : SampleFlags.NonSync,
                offsets is null ? 0 : (int)(offsets[n] - track.CompositionShift));
            SegmentSamples.AddRange(ranges, table.Offsets[n], table.Sizes[n]);
        }
        return new SegmentSamples { DecodeTime = table.DecodeTimes[first], Samples = samples, Ranges = ranges };
    }
}
