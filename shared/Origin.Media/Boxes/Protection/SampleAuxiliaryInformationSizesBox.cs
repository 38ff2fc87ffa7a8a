using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>saiz: the size of each sample's auxiliary information (its senc entry); one default when all are equal.</summary>
public sealed class SampleAuxiliaryInformationSizesBox : FullBox
{
    public override uint Type => BoxTypes.Saiz;
    /// <summary>The size of every sample's information, or 0 when <see cref="Sizes"/> lists them.</summary>
    public byte DefaultSize { get; set; }
    public uint SampleCount { get; set; }
    public byte[] Sizes { get; set; } = [];

    protected override long FieldsSize => 5 + (DefaultSize == 0 ? Sizes.Length : 0);

    /// <summary>The box for these entry sizes: a default when they are all equal.</summary>
    public static SampleAuxiliaryInformationSizesBox For(IReadOnlyList<int> sizes)
    {
        bool equal = true;
        foreach (var size in sizes) equal &= size == sizes[0];
        var box = new SampleAuxiliaryInformationSizesBox { SampleCount = (uint)sizes.Count };
        if (equal && sizes.Count > 0) box.DefaultSize = checked((byte)sizes[0]);
        else box.Sizes = [.. sizes.Select(s => checked((byte)s))];
        return box;
    }

    public static SampleAuxiliaryInformationSizesBox Read(ref BoxReader r)
    {
        var box = new SampleAuxiliaryInformationSizesBox();
        box.ReadVersionAndFlags(ref r);
        if ((box.Flags & 1) != 0) r.Skip(8); // aux_info_type and its parameter
        box.DefaultSize = r.ReadByte();
        box.SampleCount = r.ReadUInt32();
        if (box.DefaultSize == 0) box.Sizes = r.ReadArray(r.CheckCount(box.SampleCount, 1));
        return box;
    }

    protected override void WriteFields(ref BoxWriter w)
    {
        w.WriteByte(DefaultSize);
        w.WriteUInt32(SampleCount);
        if (DefaultSize == 0) w.WriteBytes(Sizes);
    }
}
