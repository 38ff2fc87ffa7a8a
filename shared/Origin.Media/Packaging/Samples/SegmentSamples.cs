using Origin.Media.Boxes;

namespace Origin.Media.Packaging.Samples;

/// <summary>A byte range of the source holding samples, in output order.</summary>
public readonly record struct ByteRange(long Offset, long Length);

/// <summary>
/// The samples of one output segment (timing, size, flags) and where their bytes are in the source, in sample order:
/// what a reader needs to fetch them and a muxer to frame them.
/// </summary>
public sealed class SegmentSamples
{
    public required long DecodeTime { get; init; }
    public required TrackRunSample[] Samples { get; init; }
    /// <summary>The samples' bytes, in order; consecutive samples that are adjacent in the source share a range.</summary>
    public required List<ByteRange> Ranges { get; init; }

    /// <summary>What the samples add up to in the output's mdat (after transforms, where a muxer applied them).</summary>
    public long PayloadSize
    {
        get
        {
            long size = 0;
            foreach (var s in Samples) size += s.Size;
            return size;
        }
    }

    public long Duration
    {
        get
        {
            long total = 0;
            foreach (var s in Samples) total += s.Duration;
            return total;
        }
    }

    /// <summary>These samples with decode times <paramref name="shift"/> earlier (a clip's, which counts from its
    /// start); never below 0, which a clip's first segment is at most a few milliseconds off.</summary>
    public SegmentSamples Shifted(long shift) =>
        shift == 0 ? this : new() { DecodeTime = Math.Max(0, DecodeTime - shift), Samples = Samples, Ranges = Ranges };

    /// <summary>
    /// These samples up to <paramref name="end"/> (a clip's, in output time): those decoded from there on are left
    /// out, then the last ones shown from there on (nothing kept refers to what comes last in decode order); the
    /// first is always kept.
    /// </summary>
    public SegmentSamples Until(long end)
    {
        // One walk: lastStart is the decode time of the last sample kept so far.
        int kept = 0;
        long lastStart = DecodeTime, next = DecodeTime;
        while (kept < Samples.Length && next < end) (lastStart, next) = (next, next + Samples[kept++].Duration);
        while (kept > 1 && lastStart + Samples[kept - 1].CompositionOffset >= end) lastStart -= Samples[--kept - 1].Duration;
        kept = Math.Max(kept, 1);
        if (kept >= Samples.Length) return this;
        // The kept samples last exactly to the end, as the timelines say the segment does: a gap before the next
        // segment (or the clip's end) stalls players that build their buffer from the durations (dash.js's Smooth).
        var samples = Samples[..kept];
        if (end > lastStart) samples[^1] = samples[^1] with { Duration = (uint)Math.Min(end - lastStart, uint.MaxValue) };
        return new() { DecodeTime = DecodeTime, Samples = samples, Ranges = RangesOfFirst(kept) };
    }

    /// <summary>
    /// The first sample alone, shown for <paramref name="duration"/> (a trick-play segment's: the sync sample that
    /// opens the segment stands for all of it).
    /// </summary>
    public SegmentSamples FirstOnly(long duration) => Samples.Length == 0 ? this : new()
    {
        DecodeTime = DecodeTime,
        Samples = [Samples[0] with { Duration = (uint)Math.Clamp(duration, 0, uint.MaxValue) }],
        Ranges = RangesOfFirst(1),
    };

    /// <summary>The byte ranges of the first <paramref name="count"/> samples.</summary>
    List<ByteRange> RangesOfFirst(int count)
    {
        long bytes = 0;
        for (int i = 0; i < count; i++) bytes += Samples[i].Size;
        var ranges = new List<ByteRange>();
        foreach (var range in Ranges)
        {
            if (bytes == 0) break;
            long take = Math.Min(bytes, range.Length);
            ranges.Add(range with { Length = take });
            bytes -= take;
        }
        return ranges;
    }

    /// <summary>Adds a sample's bytes, extending the last range when they follow it directly.</summary>
    public static void AddRange(List<ByteRange> ranges, long offset, long length)
    {
        if (ranges.Count > 0 && ranges[^1].Offset + ranges[^1].Length == offset)
            ranges[^1] = ranges[^1] with { Length = ranges[^1].Length + length };
        else
            ranges.Add(new ByteRange(offset, length));
    }
}
