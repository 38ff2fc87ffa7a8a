using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>sgpd: sample group descriptions (e.g. AAC roll recovery); the grouping type is read, entries kept as bytes.</summary>
public sealed class SampleGroupDescriptionBox : FullBox
{
    public override uint Type => BoxTypes.Sgpd;
    public uint GroupingType { get; set; }
    public byte[] Body { get; set; } = [];
    protected override long FieldsSize => 4 + Body.Length;

    public static SampleGroupDescriptionBox Read(ref BoxReader r)
    {
        var box = new SampleGroupDescriptionBox();
        box.ReadVersionAndFlags(ref r);
        box.GroupingType = r.ReadUInt32();
        box.Body = r.ReadRest();
        return box;
    }

    protected override void WriteFields(ref BoxWriter w)
    {
        w.WriteUInt32(GroupingType);
        w.WriteBytes(Body);
    }
}
