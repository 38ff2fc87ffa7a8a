using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>mfhd: the fragment's sequence number.</summary>
public sealed class MovieFragmentHeaderBox : FullBox
{
    public override uint Type => BoxTypes.Mfhd;
    public uint SequenceNumber { get; set; }
    protected override long FieldsSize => 4;

    public static MovieFragmentHeaderBox Read(ref BoxReader r)
    {
        var box = new MovieFragmentHeaderBox();
        box.ReadVersionAndFlags(ref r);
        box.SequenceNumber = r.ReadUInt32();
        return box;
    }

    protected override void WriteFields(ref BoxWriter w) => w.WriteUInt32(SequenceNumber);
}
