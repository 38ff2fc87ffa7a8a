using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>A full box holding an entry count and that many child boxes: dref (data entries), stsd (sample entries).</summary>
public abstract class EntryListBox : FullBox
{
    public List<Box> Entries { get; } = [];

    protected sealed override long FieldsSize
    {
        get
        {
            long size = 4;
            foreach (var e in Entries) size += e.Size;
            return size;
        }
    }

    protected void ReadEntries(ref BoxReader r, int depth)
    {
        ReadVersionAndFlags(ref r);
        r.ReadUInt32(); // entry_count: the children say it again
        Entries.AddRange(BoxParser.ReadChildren(ref r, depth));
    }

    protected sealed override void WriteFields(ref BoxWriter w)
    {
        w.WriteUInt32((uint)Entries.Count);
        foreach (var e in Entries) e.Write(ref w);
    }
}
