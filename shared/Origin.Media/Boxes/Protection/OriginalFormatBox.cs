using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>frma: the sample entry type an encrypted entry (encv, enca) stands for, e.g. avc1.</summary>
public sealed class OriginalFormatBox : Box
{
    public override uint Type => BoxTypes.Frma;
    public uint DataFormat { get; set; }
    public override long ContentSize => 4;

    public static OriginalFormatBox Read(ref BoxReader r) => new() { DataFormat = r.ReadUInt32() };

    protected override void WriteContent(ref BoxWriter w) => w.WriteUInt32(DataFormat);
}
