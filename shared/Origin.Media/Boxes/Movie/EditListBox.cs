using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>elst: maps the media timeline onto the presentation; media time -1 is an empty edit (a delay).</summary>
public sealed class EditListBox : FullBox
{
    public readonly record struct Entry(ulong SegmentDuration, long MediaTime, short MediaRateInteger, short MediaRateFraction);

    public override uint Type => BoxTypes.Elst;
    public List<Entry> Entries { get; } = [];

    bool Wide
    {
        get
        {
            if (Version == 1) return true;
            foreach (var e in Entries)
                if (e.SegmentDuration > uint.MaxValue || e.MediaTime > int.MaxValue || e.MediaTime < int.MinValue) return true;
            return false;
        }
    }

    protected override byte WrittenVersion => Wide ? (byte)1 : (byte)0;
    protected override long FieldsSize => 4 + Entries.Count * (Wide ? 20L : 12L);

    public static EditListBox Read(ref BoxReader r)
    {
        var box = new EditListBox();
        box.ReadVersionAndFlags(ref r);
        int count = r.CheckCount(r.ReadUInt32(), box.Version == 1 ? 20 : 12);
        for (int i = 0; i < count; i++)
        {
            box.Entries.Add(box.Version == 1
                ? new Entry(r.ReadUInt64(), r.ReadInt64(), r.ReadInt16(), r.ReadInt16())
                : new Entry(r.ReadUInt32(), r.ReadInt32(), r.ReadInt16(), r.ReadInt16()));
        }
        return box;
    }

    protected override void WriteFields(ref BoxWriter w)
    {
        bool wide = Wide;
        w.WriteUInt32((uint)Entries.Count);
        foreach (var e in Entries)
        {
            if (wide) { w.WriteUInt64(e.SegmentDuration); w.WriteInt64(e.MediaTime); }
            else { w.WriteUInt32((uint)e.SegmentDuration); w.WriteInt32((int)e.MediaTime); }
            w.WriteInt16(e.MediaRateInteger);
            w.WriteInt16(e.MediaRateFraction);
        }
    }
}
