using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>stts: run-length coded sample durations (decode time deltas).</summary>
public sealed class TimeToSampleBox : FullBox
{
    public readonly record struct Entry(uint SampleCount, uint SampleDelta);

    public override uint Type => BoxTypes.Stts;
    public Entry[] Entries { get; set; } = [];
    protected override long FieldsSize => 4 + 8L * Entries.Length;

    public static TimeToSampleBox Read(ref BoxReader r)
    {
        var box = new TimeToSampleBox();
        box.ReadVersionAndFlags(ref r);
        box.Entries = new Entry[r.CheckCount(r.ReadUInt32(), 8)];
        for (int i = 0; i < box.Entries.Length; i++) box.Entries[i] = new Entry(r.ReadUInt32(), r.ReadUInt32());
        return box;
    }

    protected override void WriteFields(ref BoxWriter w)
    {
        w.WriteUInt32((uint)Entries.Length);
        foreach (var e in Entries) { w.WriteUInt32(e.SampleCount); w.WriteUInt32(e.SampleDelta); }
    }
}
