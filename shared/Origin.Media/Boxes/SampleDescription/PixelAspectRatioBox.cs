using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

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
