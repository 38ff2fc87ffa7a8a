using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>stsc: runs of chunks with the same number of samples, each run starting at a 1-based chunk number.</summary>
public sealed class SampleToChunkBox : FullBox
{
    public readonly record struct Entry(uint FirstChunk, uint SamplesPerChunk, uint SampleDescriptionIndex);

    public override uint Type => BoxTypes.Stsc;
    public Entry[] Entries { get; set; } = [];
    protected override long FieldsSize => 4 + 12L * Entries.Length;

    public static SampleToChunkBox Read(ref BoxReader r)
    {
        var box = new SampleToChunkBox();
        box.ReadVersionAndFlags(ref r);
        box.Entries = new Entry[r.CheckCount(r.ReadUInt32(), 12)];
        for (int i = 0; i < box.Entries.Length; i++) box.Entries[i] = new Entry(r.ReadUInt32(), r.ReadUInt32(), r.ReadUInt32());
        return box;
    }

    protected override void WriteFields(ref BoxWriter w)
    {
        w.WriteUInt32((uint)Entries.Length);
        foreach (var e in Entries) { w.WriteUInt32(e.FirstChunk); w.WriteUInt32(e.SamplesPerChunk); w.WriteUInt32(e.SampleDescriptionIndex); }
    }
}
