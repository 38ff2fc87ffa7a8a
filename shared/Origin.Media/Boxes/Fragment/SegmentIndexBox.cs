using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>sidx: byte sizes and durations of the subsegments that follow it.</summary>
public sealed class SegmentIndexBox : FullBox
{
    public readonly record struct Reference(bool IsIndex, uint Size, uint Duration, uint SapBits);

    public override uint Type => BoxTypes.Sidx;
    public uint ReferenceId { get; set; } = 1;
    public uint Timescale { get; set; }
    public ulong EarliestPresentationTime { get; set; }
    public ulong FirstOffset { get; set; }
    public List<Reference> References { get; } = [];

    protected override byte WrittenVersion =>
        Version == 1 || EarliestPresentationTime > uint.MaxValue || FirstOffset > uint.MaxValue ? (byte)1 : (byte)0;
    protected override long FieldsSize => (WrittenVersion == 1 ? 24 : 16) + 4 + 12L * References.Count;

    public static SegmentIndexBox Read(ref BoxReader r)
    {
        var box = new SegmentIndexBox();
        box.ReadVersionAndFlags(ref r);
        box.ReferenceId = r.ReadUInt32();
        box.Timescale = r.ReadUInt32();
        box.EarliestPresentationTime = box.Version == 1 ? r.ReadUInt64() : r.ReadUInt32();
        box.FirstOffset = box.Version == 1 ? r.ReadUInt64() : r.ReadUInt32();
        r.Skip(2);
        int count = r.CheckCount(r.ReadUInt16(), 12);
        for (int i = 0; i < count; i++)
        {
            uint sizeWord = r.ReadUInt32();
            box.References.Add(new Reference((sizeWord & 0x80000000) != 0, sizeWord & 0x7fffffff, r.ReadUInt32(), r.ReadUInt32()));
        }
        return box;
    }

    protected override void WriteFields(ref BoxWriter w)
    {
        w.WriteUInt32(ReferenceId);
        w.WriteUInt32(Timescale);
        if (WrittenVersion == 1) { w.WriteUInt64(EarliestPresentationTime); w.WriteUInt64(FirstOffset); }
        else { w.WriteUInt32((uint)EarliestPresentationTime); w.WriteUInt32((uint)FirstOffset); }
        w.WriteUInt16(0);
        w.WriteUInt16((ushort)References.Count);
        foreach (var reference in References)
        {
            w.WriteUInt32((reference.IsIndex ? 0x80000000 : 0) | reference.Size);
            w.WriteUInt32(reference.Duration);
            w.WriteUInt32(reference.SapBits);
        }
    }
}
