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

/// <summary>pasp: the pixel aspect ratio.</summary>
public sealed class PixelAspectRatioBox : Box
{
    public override uint Type => BoxTypes.Pasp;
    public uint HorizontalSpacing { get; set; } = 1;
    public uint VerticalSpacing { get; set; } = 1;
    public override long ContentSize => 8;

    public static PixelAspectRatioBox Read(ref BoxReader r) =>
        new() { HorizontalSpacing = r.ReadUInt32(), VerticalSpacing = r.ReadUInt32() };

    protected override void WriteContent(ref BoxWriter w)
    {
        w.WriteUInt32(HorizontalSpacing);
        w.WriteUInt32(VerticalSpacing);
    }
}

/// <summary>colr: the colour type (nclx, nclc, rICC, prof) and its payload, kept as bytes.</summary>
public sealed class ColourInformationBox : Box
{
    public override uint Type => BoxTypes.Colr;
    public uint ColourType { get; set; }
    public byte[] Payload { get; set; } = [];
    public override long ContentSize => 4 + Payload.Length;

    public static ColourInformationBox Read(ref BoxReader r) => new() { ColourType = r.ReadUInt32(), Payload = r.ReadRest() };

    protected override void WriteContent(ref BoxWriter w)
    {
        w.WriteUInt32(ColourType);
        w.WriteBytes(Payload);
    }
}
