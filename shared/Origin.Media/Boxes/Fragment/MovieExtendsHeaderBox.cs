using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>mehd: the duration of the whole fragmented movie, when the muxer knew it.</summary>
public sealed class MovieExtendsHeaderBox : FullBox
{
    public override uint Type => BoxTypes.Mehd;
    public ulong FragmentDuration { get; set; }
    protected override byte WrittenVersion => Version == 1 || FragmentDuration > uint.MaxValue ? (byte)1 : (byte)0;
    protected override long FieldsSize => WrittenVersion == 1 ? 8 : 4;

    public static MovieExtendsHeaderBox Read(ref BoxReader r)
    {
        var box = new MovieExtendsHeaderBox();
        box.ReadVersionAndFlags(ref r);
        box.FragmentDuration = box.Version == 1 ? r.ReadUInt64() : r.ReadUInt32();
        return box;
    }

    protected override void WriteFields(ref BoxWriter w)
    {
        if (WrittenVersion == 1) w.WriteUInt64(FragmentDuration);
        else w.WriteUInt32((uint)FragmentDuration);
    }
}
