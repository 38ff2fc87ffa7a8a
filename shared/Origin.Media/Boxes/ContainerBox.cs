using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>A box that only holds other boxes (moov, trak, mdia, minf, stbl, dinf, edts, mvex, moof, traf, mfra).</summary>
public sealed class ContainerBox(uint type, List<Box>? children = null) : Box
{
    public override uint Type { get; } = type;
    public List<Box> Children { get; } = children ?? [];

    public override long ContentSize
    {
        get
        {
            long size = 0;
            foreach (var child in Children) size += child.Size;
            return size;
        }
    }

    protected override void WriteContent(ref BoxWriter writer)
    {
        foreach (var child in Children) child.Write(ref writer);
    }
}
