using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>smhd: audio balance.</summary>
public sealed class SoundMediaHeaderBox : FullBox
{
    public override uint Type => BoxTypes.Smhd;
    public short Balance { get; set; }
    protected override long FieldsSize => 4;

    public static SoundMediaHeaderBox Read(ref BoxReader r)
    {
        var box = new SoundMediaHeaderBox();
        box.ReadVersionAndFlags(ref r);
        box.Balance = r.ReadInt16();
        r.Skip(2);
        return box;
    }

    protected override void WriteFields(ref BoxWriter w)
    {
        w.WriteInt16(Balance);
        w.WriteUInt16(0);
    }
}
