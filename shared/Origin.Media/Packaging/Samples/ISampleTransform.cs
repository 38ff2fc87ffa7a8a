namespace Origin.Media.Packaging.Samples;

/// <summary>
/// One job on each sample's bytes between the reader and the muxer (encrypt, length prefixes to start codes, an
/// ADTS header): one sample in, one sample out. Its output length follows from the input's, so a segment's length
/// (and its moof's sample sizes) are known from the index before the first byte is read.
/// </summary>
public interface ISampleTransform
{
    /// <summary>The length of sample <paramref name="index"/> of the segment after this transform.</summary>
    int OutputLength(int index, int inputLength);

    /// <summary>Writes sample <paramref name="index"/>, transformed, into <paramref name="output"/> (exactly
    /// <see cref="OutputLength"/> bytes).</summary>
    void Apply(int index, ReadOnlySpan<byte> input, Span<byte> output);
}
