using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>Smooth Streaming's tfxd (uuid 6d1d9b05-42d5-44e6-80e2-141daff757b2): a fragment's absolute time and duration.</summary>
public sealed class SmoothFragmentTimeBox : FullBox
{
    public static ReadOnlySpan<byte> Id => [0x6d, 0x1d, 0x9b, 0x05, 0x42, 0xd5, 0x44, 0xe6, 0x80, 0xe2, 0x14, 0x1d, 0xaf, 0xf7, 0x57, 0xb2];

    public override uint Type => BoxTypes.Uuid;
    public override ReadOnlySpan<byte> UserType => Id;
    public ulong AbsoluteTime { get; set; }
    public ulong Duration { get; set; }

    protected override byte WrittenVersion => Version == 1 || AbsoluteTime > uint.MaxValue || Duration > uint.MaxValue ? (byte)1 : (byte)0;
    protected override long FieldsSize => WrittenVersion == 1 ? 16 : 8;

    public static SmoothFragmentTimeBox Read(ref BoxReader r)
    {
        var box = new SmoothFragmentTimeBox();
        box.ReadVersionAndFlags(ref r);
        box.AbsoluteTime = box.Version == 1 ? r.ReadUInt64() : r.ReadUInt32();
        box.Duration = box.Version == 1 ? r.ReadUInt64() : r.ReadUInt32();
        return box;
    }

    protected override void WriteFields(ref BoxWriter w)
    {
        if (WrittenVersion == 1) { w.WriteUInt64(AbsoluteTime); w.WriteUInt64(Duration); }
        else { w.WriteUInt32((uint)AbsoluteTime); w.WriteUInt32((uint)Duration); }
    }
}

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
