using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>The common head of every sample entry (six reserved bytes and a data reference index) and its child boxes.</summary>
public abstract class SampleEntry(uint type) : Box
{
    public override uint Type { get; } = type;
    public ushort DataReferenceIndex { get; set; } = 1;
    public List<Box> Children { get; } = [];

    /// <summary>The original format of a protected entry is in sinf/frma; for a clear entry it is the type itself.</summary>
    public uint CodingName => Type;

    protected abstract int FieldsSize { get; }
    protected abstract void WriteFields(ref BoxWriter w);

    public sealed override long ContentSize
    {
        get
        {
            long size = 8 + FieldsSize;
            foreach (var child in Children) size += child.Size;
            return size;
        }
    }

    protected sealed override void WriteContent(ref BoxWriter w)
    {
        w.WriteZeros(6);
        w.WriteUInt16(DataReferenceIndex);
        WriteFields(ref w);
        foreach (var child in Children) child.Write(ref w);
    }

    protected void ReadHead(ref BoxReader r)
    {
        r.Skip(6);
        DataReferenceIndex = r.ReadUInt16();
    }
}
