using Origin.Media.Boxes;
using Origin.Media.Bytes;

namespace Origin.Media.Packaging.Cenc;

/// <summary>
/// Where a video sample is encrypted (ISO/IEC 23001-7 9.5 for AVC and HEVC): only slice data of VCL NAL units. Each
/// NAL's length field, header and, in practice, slice header stay clear: a VCL NAL under 112 bytes is left clear
/// whole, a longer one keeps its first 96 bytes clear plus whatever makes the protected part whole 16-byte blocks
/// (the DECE rule Bento4 and mp4ff follow). Parameter sets, SEI and delimiters stay clear. Adjacent clear bytes
/// join the next range; a clear run over 65,535 bytes is split, as subsamples count clear bytes in 16 bits.
/// </summary>
public static class NalSubsamples
{
    const int MinProtectedNal = 112;
    const int ClearHead = 96;

    public static Subsample[] For(ReadOnlySpan<byte> sample, int lengthSize, bool hevc, int index)
    {
        var subsamples = new List<Subsample>();
        long clear = 0;
        var rest = sample;
        while (!rest.IsEmpty)
        {
            if (rest.Length < lengthSize + 1) throw new MediaFormatException($"sample {index} ends inside a NAL unit", BoxTypes.Mdat);
            long size = 0;
            for (int i = 0; i < lengthSize; i++) size = size << 8 | rest[i];
            if (size < 1 || size > rest.Length - lengthSize) throw new MediaFormatException($"sample {index} has a NAL unit of {size} bytes past its end", BoxTypes.Mdat);
            byte header = rest[lengthSize];
            bool slice = hevc ? (header >> 1 & 0x3F) < 32 : (header & 0x1F) is >= 1 and <= 5;
            long protectedBytes = slice && size >= MinProtectedNal ? (size - ClearHead) / 16 * 16 : 0;
            clear += lengthSize + size - protectedBytes;
            if (protectedBytes > 0)
            {
                Emit(subsamples, ref clear, (uint)protectedBytes);
            }
            rest = rest[(lengthSize + (int)size)..];
        }
        if (clear > 0) Emit(subsamples, ref clear, 0);
        return [.. subsamples];
    }

    static void Emit(List<Subsample> subsamples, ref long clear, uint protectedBytes)
    {
        while (clear > ushort.MaxValue)
        {
            subsamples.Add(new Subsample(ushort.MaxValue, 0));
            clear -= ushort.MaxValue;
        }
        subsamples.Add(new Subsample((ushort)clear, protectedBytes));
        clear = 0;
    }
}
