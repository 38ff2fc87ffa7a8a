using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>trex: per-track defaults that fragments may omit.</summary>
public sealed class TrackExtendsBox : FullBox
{
    public override uint Type => BoxTypes.Trex;
    public uint TrackId { get; set; }
    public uint DefaultSampleDescriptionIndex { get; set; } = 1;
    public uint DefaultSampleDuration { get; set; }
    public uint DefaultSampleSize { get; set; }
    public uint DefaultSampleFlags { get; set; }
    protected override long FieldsSize => 20;

    public static TrackExtendsBox Read(ref BoxReader r)
    {
        var box = new TrackExtendsBox();
        box.ReadVersionAndFlags(ref r);
        box.TrackId = r.ReadUInt32();
        box.DefaultSampleDescriptionIndex = r.ReadUInt32();
        box.DefaultSampleDuration = r.ReadUInt32();
        box.DefaultSampleSize = r.ReadUInt32();
        box.DefaultSampleFlags = r.ReadUInt32();
        return box;
    }

    protected override void WriteFields(ref BoxWriter w)
    {
        w.WriteUInt32(TrackId);
        w.WriteUInt32(DefaultSampleDescriptionIndex);
        w.WriteUInt32(DefaultSampleDuration);
        w.WriteUInt32(DefaultSampleSize);
        w.WriteUInt32(DefaultSampleFlags);
    }
}
