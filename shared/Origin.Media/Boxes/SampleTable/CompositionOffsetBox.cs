using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>ctts: run-length coded composition offsets (B-frames). Version 1 offsets are signed; the bits are the same.</summary>
public sealed class CompositionOffsetBox : FullBox
{
    public readonly record struct Entry(uint SampleCount, int SampleOffset);

    public override uint Type => BoxTypes.Ctts;
    public Entry[] Entries { get; set; } = [];
    protected override long FieldsSize => 4 + 8L * Entries.Length;

    public static CompositionOffsetBox Read(ref BoxReader r)
    {
        var box = new CompositionOffsetBox();
        box.ReadVersionAndFlags(ref r);
        box.Entries = new Entry[r.CheckCount(r.ReadUInt32(), 8)];
        for (int i = 0; i < box.Entries.Length; i++) box.Entries[i] = new Entry(r.ReadUInt32(), r.ReadInt32());
        return box;
    }

    protected override void WriteFields(ref BoxWriter w)
    {
        w.WriteUInt32((uint)Entries.Length);
        foreach (var e in Entries) { w.WriteUInt32(e.SampleCount); w.WriteInt32(e.SampleOffset); }
    }
}
