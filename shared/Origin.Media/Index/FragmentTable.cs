namespace Origin.Media.Index;

/// <summary>
/// The fragments of one track in a fragmented source: decode time and duration, and the byte range from the
/// fragment's moof to the next moof in the file (its mdat and, in multi-track files, other tracks' fragments).
/// </summary>
public sealed class FragmentTable(long[] times, long[] durations, long[] offsets, long[] lengths)
{
    public int Count => times.Length;
    public ReadOnlySpan<long> Times => times;
    public ReadOnlySpan<long> Durations => durations;
    public ReadOnlySpan<long> Offsets => offsets;
    public ReadOnlySpan<long> Lengths => lengths;
}
