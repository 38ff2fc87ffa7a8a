using Origin.Media.Bytes;

namespace Origin.Media.Packaging.Ts;

/// <summary>
/// The 7-byte ADTS header (ISO/IEC 13818-7 6.2, no CRC) that frames each raw AAC frame in a transport stream, built
/// from the track's AudioSpecificConfig: profile (object type less one; HE-AAC is signalled as its AAC-LC core, as
/// ADTS can only), sampling frequency index and channel configuration.
/// </summary>
public sealed class AdtsHeader
{
    public const int Size = 7;
    const int MaxFrame = (1 << 13) - 1;
    readonly int _profile, _frequencyIndex, _channels;

    public AdtsHeader(ReadOnlySpan<byte> audioSpecificConfig)
    {
        if (audioSpecificConfig.Length < 2) throw new MediaFormatException("the AAC track has no AudioSpecificConfig");
        int objectType = audioSpecificConfig[0] >> 3;
        _frequencyIndex = (audioSpecificConfig[0] & 0x07) << 1 | audioSpecificConfig[1] >> 7;
        _channels = audioSpecificConfig[1] >> 3 & 0x0f;
        if (objectType is 5 or 29) objectType = 2; // SBR/PS ride on an AAC-LC core
        if (objectType is < 1 or > 4 || _frequencyIndex > 12 || _channels is 0 or > 7)
            throw new MediaFormatException("the AudioSpecificConfig cannot be framed as ADTS (object type, frequency index or channels)");
        _profile = objectType - 1;
    }

    public void Write(Span<byte> header, int frameLength)
    {
        int length = Size + frameLength;
        if (length > MaxFrame) throw new MediaFormatException($"an AAC frame of {frameLength} bytes does not fit an ADTS frame");
        header[0] = 0xff;
        header[1] = 0xf1; // MPEG-4, layer 0, no CRC
        header[2] = (byte)(_profile << 6 | _frequencyIndex << 2 | _channels >> 2);
        header[3] = (byte)((_channels & 3) << 6 | length >> 11);
        header[4] = (byte)(length >> 3);
        header[5] = (byte)((length & 7) << 5 | 0x1f);
        header[6] = 0xfc; // buffer fullness 0x7ff (variable), one raw data block
    }
}
