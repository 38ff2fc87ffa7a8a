using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>stco (32-bit) and co64 (64-bit) chunk offsets, one family: the type follows the values.</summary>
public sealed class ChunkOffsetBox(uint type) : FullBox
{
    public override uint Type { get; } = type;
    public ulong[] Offsets { get; set; } = [];
    bool Wide => Type == BoxTypes.Co64;
    protected override long FieldsSize => 4 + (Wide ? 8L : 4L) * Offsets.Length;

    public static ChunkOffsetBox Read(uint type, ref BoxReader r)
    {
        var box = new ChunkOffsetBox(type);
        box.ReadVersionAndFlags(ref r);
        box.Offsets = new ulong[r.CheckCount(r.ReadUInt32(), box.Wide ? 8 : 4)];
        for (int i = 0; i < box.Offsets.Length; i++) box.Offsets[i] = box.Wide ? r.ReadUInt64() : r.ReadUInt32();
        return box;
    }

    /// <summary>A box of the right type for these offsets: co64 once any offset passes 4 GiB.</summary>
    public static ChunkOffsetBox For(ulong[] offsets)
    {
        bool wide = false;
        foreach (var o in offsets) wide |= o > uint.MaxValue;
        return new ChunkOffsetBox(wide ? BoxTypes.Co64 : BoxTypes.Stco) { Offsets = offsets };
    }

    protected override void WriteFields(ref BoxWriter w)
    {
        w.WriteUInt32((uint)Offsets.Length);
        foreach (var o in Offsets)
        {
            if (Wide) w.WriteUInt64(o);
            else w.WriteUInt32(checked((uint)o));
        }
    }
}
