using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>stsd: the sample entries (codec configurations) of a track.</summary>
public sealed class SampleDescriptionBox : FullBox
{
    public override uint Type => BoxTypes.Stsd;
    public List<Box> Entries { get; } = [];

    protected override long FieldsSize
    {
        get
        {
            long size = 4;
            foreach (var e in Entries) size += e.Size;
            return size;
        }
    }

    internal static SampleDescriptionBox Read(ref BoxReader r, int depth)
    {
        var box = new SampleDescriptionBox();
        box.ReadVersionAndFlags(ref r);
        r.ReadUInt32(); // entry_count: the children say it again
        box.Entries.AddRange(BoxParser.ReadChildren(ref r, depth));
        return box;
    }

    protected override void WriteFields(ref BoxWriter w)
    {
        w.WriteUInt32((uint)Entries.Count);
        foreach (var e in Entries) e.Write(ref w);
    }
}
