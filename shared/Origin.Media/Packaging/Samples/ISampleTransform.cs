using System.Buffers;

namespace Origin.Media.Packaging.Samples;

/// <summary>
/// One job on each sample's bytes between the reader and the muxer (encrypt, length prefixes to start codes, an
/// ADTS header): one whole sample in, one sample out, in order. Where every transform knows its output length from
/// the input's, the segment's length (and its moof's sample sizes) follow from the index and it streams; where one
/// needs the bytes to know (subsample maps, short NAL length prefixes), the segment is built once in pooled memory
/// before its header.
/// </summary>
public interface ISampleTransform
{
    /// <summary>
    /// The length of sample <paramref name="index"/> of the segment after this transform, from its input length
    /// alone; null when only its bytes can tell.
    /// </summary>
    int? OutputLength(int index, int inputLength);

    /// <summary>Writes sample <paramref name="index"/>, transformed, to <paramref name="output"/> (exactly
    /// <see cref="OutputLength"/> bytes when that is known).</summary>
    void Apply(int index, ReadOnlySpan<byte> input, IBufferWriter<byte> output);
}
