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
