using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>stsz: one size for all samples, or a size per sample.</summary>
public sealed class SampleSizeBox : FullBox
{
    public override uint Type => BoxTypes.Stsz;
    public uint ConstantSize { get; set; }
    public uint SampleCount { get; set; }
    /// <summary>Empty when <see cref="ConstantSize"/> is not zero.</summary>
    public uint[] Sizes { get; set; } = [];
    protected override long FieldsSize => 8 + 4L * Sizes.Length;

    public static SampleSizeBox Read(ref BoxReader r)
    {
        var box = new SampleSizeBox();
        box.ReadVersionAndFlags(ref r);
        box.ConstantSize = r.ReadUInt32();
        box.SampleCount = r.ReadUInt32();
        if (box.ConstantSize == 0)
        {
            box.Sizes = new uint[r.CheckCount(box.SampleCount, 4)];
            for (int i = 0; i < box.Sizes.Length; i++) box.Sizes[i] = r.ReadUInt32();
        }
        return box;
    }

    protected override void WriteFields(ref BoxWriter w)
    {
        w.WriteUInt32(ConstantSize);
        w.WriteUInt32(SampleCount);
        foreach (var s in Sizes) w.WriteUInt32(s);
    }
}
