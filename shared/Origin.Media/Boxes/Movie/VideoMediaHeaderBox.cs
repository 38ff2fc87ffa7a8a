using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>vmhd: graphics mode and opcolor; flags are 1 by the spec.</summary>
public sealed class VideoMediaHeaderBox : FullBox
{
    public VideoMediaHeaderBox() => Flags = 1;
    public override uint Type => BoxTypes.Vmhd;
    public byte[] Fields { get; set; } = new byte[8];
    protected override long FieldsSize => 8;

    public static VideoMediaHeaderBox Read(ref BoxReader r)
    {
        var box = new VideoMediaHeaderBox();
        box.ReadVersionAndFlags(ref r);
        box.Fields = r.ReadArray(8);
        return box;
    }

    protected override void WriteFields(ref BoxWriter w) => w.WriteBytes(Fields);
}
