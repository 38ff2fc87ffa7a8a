namespace Origin.Media.Packaging.Ts;

/// <summary>
/// A PES packet header (ISO/IEC 13818-1 2.4.3.6) with the access unit's PTS, and its DTS where it differs. Video
/// packets leave PES_packet_length at 0 (unbounded, as the standard allows for video); audio ones state it.
/// </summary>
public static class PesHeader
{
    public const byte VideoStreamId = 0xe0, AudioStreamId = 0xc0;

    public static int Size(bool withDts) => withDts ? 19 : 14;

    public static int Write(Span<byte> header, byte streamId, long pts90kHz, long? dts90kHz, int payloadLength)
    {
        bool dts = dts90kHz is { } d && d != pts90kHz;
        int size = Size(dts);
        header[0] = 0;
        header[1] = 0;
        header[2] = 1;
        header[3] = streamId;
        int packetLength = size - 6 + payloadLength;
        if (streamId == VideoStreamId || packetLength > ushort.MaxValue) packetLength = 0;
        header[4] = (byte)(packetLength >> 8);
        header[5] = (byte)packetLength;
        header[6] = 0x84; // '10', data_alignment_indicator: the payload starts with an access unit
        header[7] = dts ? (byte)0xc0 : (byte)0x80;
        header[8] = (byte)(dts ? 10 : 5);
        Timestamp(header[9..], dts ? (byte)0x3 : (byte)0x2, pts90kHz);
        if (dts) Timestamp(header[14..], 0x1, dts90kHz!.Value);
        return size;
    }

    /// <summary>A 33-bit timestamp in five bytes: a 4-bit prefix, then 3, 15 and 15 bits, each followed by a marker bit.</summary>
    static void Timestamp(Span<byte> field, byte prefix, long value)
    {
        value &= (1L << 33) - 1;
        field[0] = (byte)(prefix << 4 | (int)(value >> 29 & 0x0e) | 1);
        field[1] = (byte)(value >> 22);
        field[2] = (byte)((value >> 14 & 0xfe) | 1);
        field[3] = (byte)(value >> 7);
        field[4] = (byte)((value << 1 & 0xfe) | 1);
    }
}
