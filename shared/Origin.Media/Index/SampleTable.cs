namespace Origin.Media.Index;

/// <summary>
/// The samples of one track of a progressive MP4, flattened from stts/ctts/stss/stsc/stsz/stco into arrays
/// (about 29 bytes a sample), so cutting a segment is index arithmetic.
/// </summary>
public sealed class SampleTable(long[] offsets, int[] sizes, long[] decodeTimes, int[] durations, int[]? compositionOffsets, bool[]? sync)
{
    public int Count => offsets.Length;
    public ReadOnlySpan<long> Offsets => offsets;
    public ReadOnlySpan<int> Sizes => sizes;
    public ReadOnlySpan<long> DecodeTimes => decodeTimes;
    public ReadOnlySpan<int> Durations => durations;
    /// <summary>Null when the track has no ctts (presentation order equals decode order).</summary>
    public int[]? CompositionOffsets => compositionOffsets;
    public bool IsSync(int sample) => sync is null || sync[sample];
    public bool AllSync => sync is null;
}
