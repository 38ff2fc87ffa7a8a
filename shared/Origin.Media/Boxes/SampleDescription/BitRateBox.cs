using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>btrt: buffer size and bit rates of the stream.</summary>
public sealed class BitRateBox : Box
{
    public override uint Type => BoxTypes.Btrt;
    public uint BufferSizeDb { get; set; }
    public uint MaxBitrate { get; set; }
    public uint AverageBitrate { get; set; }
    public override long ContentSize => 12;

    public static BitRateBox Read(ref BoxReader r) =>
        new() { BufferSizeDb = r.ReadUInt32(), MaxBitrate = r.ReadUInt32(), AverageBitrate = r.ReadUInt32() };

    protected override void WriteContent(ref BoxWriter w)
    {
        w.WriteUInt32(BufferSizeDb);
        w.WriteUInt32(MaxBitrate);
        w.WriteUInt32(AverageBitrate);
    }
}
