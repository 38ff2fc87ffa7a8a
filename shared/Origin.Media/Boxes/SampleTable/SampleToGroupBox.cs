using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>sbgp: runs of samples mapped to a group description index.</summary>
public sealed class SampleToGroupBox : FullBox
{
    public readonly record struct Entry(uint SampleCount, uint GroupDescriptionIndex);

    public override uint Type => BoxTypes.Sbgp;
    public uint GroupingType { get; set; }
    public uint GroupingTypeParameter { get; set; }
    public Entry[] Entries { get; set; } = [];
    protected override long FieldsSize => (Version == 1 ? 12 : 8) + 8L * Entries.Length;

    public static SampleToGroupBox Read(ref BoxReader r)
    {
        var box = new SampleToGroupBox();
        box.ReadVersionAndFlags(ref r);
        box.GroupingType = r.ReadUInt32();
        if (box.Version == 1) box.GroupingTypeParameter = r.ReadUInt32();
        box.Entries = new Entry[r.CheckCount(r.ReadUInt32(), 8)];
        for (int i = 0; i < box.Entries.Length; i++) box.Entries[i] = new Entry(r.ReadUInt32(), r.ReadUInt32());
        return box;
    }

    protected override void WriteFields(ref BoxWriter w)
    {
        w.WriteUInt32(GroupingType);
        if (Version == 1) w.WriteUInt32(GroupingTypeParameter);
        w.WriteUInt32((uint)Entries.Length);
        foreach (var e in Entries) { w.WriteUInt32(e.SampleCount); w.WriteUInt32(e.GroupDescriptionIndex); }
    }
}
