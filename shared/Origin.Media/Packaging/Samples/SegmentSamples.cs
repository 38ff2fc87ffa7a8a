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

    /// <summary>Adds a sample's bytes, extending the last range when they follow it directly.</summary>
    public static void AddRange(List<ByteRange> ranges, long offset, long length)
    {
        if (ranges.Count > 0 && ranges[^1].Offset + ranges[^1].Length == offset)
            ranges[^1] = ranges[^1] with { Length = ranges[^1].Length + length };
        else
            ranges.Add(new ByteRange(offset, length));
    }
}
