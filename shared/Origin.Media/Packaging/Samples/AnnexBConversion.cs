using System.Buffers;
using Origin.Media.Boxes;
using Origin.Media.Bytes;

namespace Origin.Media.Packaging.Samples;

/// <summary>
/// H.264/HEVC samples from MP4's length-prefixed NAL units to Annex B byte streams (ISO/IEC 14496-10 Annex B), as
/// MPEG-TS carries them: each length replaced by the start code 00 00 00 01. With 4-byte lengths the sample keeps
/// its length and streams; with 1- or 2-byte lengths it grows by a number of bytes only its NAL count tells, as it
/// does when a <see cref="INalUnitWriter"/> rewrites the NAL units (SAMPLE-AES).
/// </summary>
public sealed class AnnexBConversion : ISampleTransform
{
    static ReadOnlySpan<byte> StartCode => [0, 0, 0, 1];

    readonly int _lengthSize;
    readonly INalUnitWriter? _nalWriter;

    public AnnexBConversion(int nalLengthSize, INalUnitWriter? nalWriter = null)
    {
        if (nalLengthSize is not (1 or 2 or 4)) throw new MediaFormatException($"NAL length size {nalLengthSize} is not 1, 2 or 4", BoxTypes.AvcC);
        _lengthSize = nalLengthSize;
        _nalWriter = nalWriter;
    }

    public int? OutputLength(int index, int inputLength) => _lengthSize == 4 && _nalWriter is null ? inputLength : null;

    public void Apply(int index, ReadOnlySpan<byte> input, IBufferWriter<byte> output)
    {
        var rest = input;
        while (!rest.IsEmpty)
        {
            if (rest.Length < _lengthSize) throw new MediaFormatException($"sample {index} ends inside a NAL length", BoxTypes.Mdat);
            int length = 0;
            for (int i = 0; i < _lengthSize; i++) length = length << 8 | rest[i];
            rest = rest[_lengthSize..];
            if ((uint)length > (uint)rest.Length) throw new MediaFormatException($"sample {index} has a NAL unit of {length} bytes past its end", BoxTypes.Mdat);
            if (_nalWriter is not null)
            {
                output.Write(StartCode);
                if (length > 0) _nalWriter.Write(rest[..length], output);
            }
            else
            {
                var span = output.GetSpan(StartCode.Length + length);
                StartCode.CopyTo(span);
                rest[..length].CopyTo(span[StartCode.Length..]);
                output.Advance(StartCode.Length + length);
            }
            rest = rest[length..];
        }
    }
}

/// <summary>Writes one NAL unit's bytes, after its start code, in its own way.</summary>
public interface INalUnitWriter
{
    void Write(ReadOnlySpan<byte> nal, IBufferWriter<byte> output);
}
