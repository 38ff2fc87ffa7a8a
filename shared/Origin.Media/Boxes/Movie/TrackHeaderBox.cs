using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>tkhd: track id, duration and presentation size. Layer, volume and matrix travel as one block.</summary>
public sealed class TrackHeaderBox : FullBox
{
    public const int PresentationFieldsSize = 52;
    public const uint EnabledInMovieInPreview = 0x7;

    public override uint Type => BoxTypes.Tkhd;
    public ulong CreationTime { get; set; }
    public ulong ModificationTime { get; set; }
    public uint TrackId { get; set; }
    public ulong Duration { get; set; }
    public byte[] PresentationFields { get; set; } = new byte[PresentationFieldsSize];
    /// <summary>16.16 fixed point.</summary>
    public uint Width { get; set; }
    /// <summary>16.16 fixed point.</summary>
    public uint Height { get; set; }

    bool Wide => Version == 1 || Duration > uint.MaxValue || CreationTime > uint.MaxValue || ModificationTime > uint.MaxValue;
    protected override byte WrittenVersion => Wide ? (byte)1 : (byte)0;
    protected override long FieldsSize => (Wide ? 32 : 20) + PresentationFieldsSize + 8;

    public static TrackHeaderBox Read(ref BoxReader r)
    {
        var box = new TrackHeaderBox();
        box.ReadVersionAndFlags(ref r);
        if (box.Version == 1)
        {
            box.CreationTime = r.ReadUInt64(); box.ModificationTime = r.ReadUInt64();
            box.TrackId = r.ReadUInt32(); r.Skip(4); box.Duration = r.ReadUInt64();
        }
        else
        {
            box.CreationTime = r.ReadUInt32(); box.ModificationTime = r.ReadUInt32();
            box.TrackId = r.ReadUInt32(); r.Skip(4); box.Duration = r.ReadUInt32();
        }
        box.PresentationFields = r.ReadArray(PresentationFieldsSize);
        box.Width = r.ReadUInt32();
        box.Height = r.ReadUInt32();
        return box;
    }

    protected override void WriteFields(ref BoxWriter w)
    {
        if (Wide)
        {
            w.WriteUInt64(CreationTime); w.WriteUInt64(ModificationTime);
            w.WriteUInt32(TrackId); w.WriteZeros(4); w.WriteUInt64(Duration);
        }
        else
        {
            w.WriteUInt32((uint)CreationTime); w.WriteUInt32((uint)ModificationTime);
            w.WriteUInt32(TrackId); w.WriteZeros(4); w.WriteUInt32((uint)Duration);
        }
        w.WriteBytes(PresentationFields);
        w.WriteUInt32(Width);
        w.WriteUInt32(Height);
    }
}
