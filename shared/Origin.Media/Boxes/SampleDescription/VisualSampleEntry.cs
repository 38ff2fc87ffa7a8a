using System.Buffers.Binary;
using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>avc1/avc3/hev1/hvc1/encv: picture size and the codec configuration among the children.</summary>
public sealed class VisualSampleEntry(uint type) : SampleEntry(type)
{
    const int FixedFieldsSize = 70;
    const int WidthAt = 16, HeightAt = 18;

    /// <summary>The fixed fields after the data reference index (resolution, frame count, compressor name, depth).</summary>
    byte[] _fields = DefaultFields();

    public ushort Width
    {
        get => BinaryPrimitives.ReadUInt16BigEndian(_fields.AsSpan(WidthAt));
        set => BinaryPrimitives.WriteUInt16BigEndian(_fields.AsSpan(WidthAt), value);
    }

    public ushort Height
    {
        get => BinaryPrimitives.ReadUInt16BigEndian(_fields.AsSpan(HeightAt));
        set => BinaryPrimitives.WriteUInt16BigEndian(_fields.AsSpan(HeightAt), value);
    }

    protected override int FieldsSize => FixedFieldsSize;

    internal static VisualSampleEntry Read(uint type, ref BoxReader r, int depth)
    {
        var entry = new VisualSampleEntry(type);
        entry.ReadHead(ref r);
        entry._fields = r.ReadArray(FixedFieldsSize);
        entry.Children.AddRange(BoxParser.ReadChildren(ref r, depth));
        return entry;
    }

    protected override void WriteFields(ref BoxWriter w) => w.WriteBytes(_fields);

    static byte[] DefaultFields()
    {
        var fields = new byte[FixedFieldsSize];
        fields[21] = 0x48; // 72 dpi horizontal, 16.16
        fields[25] = 0x48; // 72 dpi vertical
        fields[33] = 1;    // frame_count
        fields[67] = 0x18; // depth 24
        fields[68] = 0xff; fields[69] = 0xff; // pre_defined -1
        return fields;
    }
}
