using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>mfro: the last box of a file, giving the size of the mfra it closes so a reader can find it from the end.</summary>
public sealed class MovieFragmentRandomAccessOffsetBox : FullBox
{
    public const int BoxSize = 16;
    public override uint Type => BoxTypes.Mfro;
    public uint MfraSize { get; set; }
    protected override long FieldsSize => 4;

    public static MovieFragmentRandomAccessOffsetBox Read(ref BoxReader r)
    {
        var box = new MovieFragmentRandomAccessOffsetBox();
        box.ReadVersionAndFlags(ref r);
        box.MfraSize = r.ReadUInt32();
        return box;
    }

    protected override void WriteFields(ref BoxWriter w) => w.WriteUInt32(MfraSize);
}
