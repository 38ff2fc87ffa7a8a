using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>Smooth Streaming's tfrf (uuid d4807ef2-ca39-4695-8e54-26cb9e46a79f): look-ahead fragment times for live.</summary>
public sealed class SmoothFragmentReferenceBox : FullBox
{
    public readonly record struct Entry(ulong AbsoluteTime, ulong Duration);
    public static ReadOnlySpan<byte> Id => [0xd4, 0x80, 0x7e, 0xf2, 0xca, 0x39, 0x46, 0x95, 0x8e, 0x54, 0x26, 0xcb, 0x9e, 0x46, 0xa7, 0x9f];

    public override uint Type => BoxTypes.Uuid;
    public override ReadOnlySpan<byte> UserType => Id;
    public List<Entry> Entries { get; } = [];
    protected override long FieldsSize => 1 + Entries.Count * (Version == 1 ? 16L : 8L);

    public static SmoothFragmentReferenceBox Read(ref BoxReader r)
    {
        var box = new SmoothFragmentReferenceBox();
        box.ReadVersionAndFlags(ref r);
        int count = r.CheckCount(r.ReadByte(), box.Version == 1 ? 16 : 8);
        for (int i = 0; i < count; i++)
            box.Entries.Add(box.Version == 1 ? new Entry(r.ReadUInt64(), r.ReadUInt64()) : new Entry(r.ReadUInt32(), r.ReadUInt32()));
        return box;
    }

    protected override void WriteFields(ref BoxWriter w)
    {
        w.WriteByte((byte)Entries.Count);
        foreach (var e in Entries)
        {
            if (Version == 1) { w.WriteUInt64(e.AbsoluteTime); w.WriteUInt64(e.Duration); }
            else { w.WriteUInt32((uint)e.AbsoluteTime); w.WriteUInt32((uint)e.Duration); }
        }
    }
}
