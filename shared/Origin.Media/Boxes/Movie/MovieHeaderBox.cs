using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>mvhd: the movie timescale and duration. Rate, volume, matrix and the reserved words travel as one block.</summary>
public sealed class MovieHeaderBox : FullBox
{
    public const int PresentationFieldsSize = 76;

    public override uint Type => BoxTypes.Mvhd;
    public ulong CreationTime { get; set; }
    public ulong ModificationTime { get; set; }
    public uint Timescale { get; set; } = 1000;
    public ulong Duration { get; set; }
    public byte[] PresentationFields { get; set; } = DefaultPresentationFields();
    public uint NextTrackId { get; set; } = 2;

    bool Wide => Version == 1 || Duration > uint.MaxValue || CreationTime > uint.MaxValue || ModificationTime > uint.MaxValue;
    protected override byte WrittenVersion => Wide ? (byte)1 : (byte)0;
    protected override long FieldsSize => (Wide ? 28 : 16) + PresentationFieldsSize + 4;

    public static MovieHeaderBox Read(ref BoxReader r)
    {
        var box = new MovieHeaderBox();
        box.ReadVersionAndFlags(ref r);
        if (box.Version == 1)
        {
            box.CreationTime = r.ReadUInt64(); box.ModificationTime = r.ReadUInt64();
            box.Timescale = r.ReadUInt32(); box.Duration = r.ReadUInt64();
        }
        else
        {
            box.CreationTime = r.ReadUInt32(); box.ModificationTime = r.ReadUInt32();
            box.Timescale = r.ReadUInt32(); box.Duration = r.ReadUInt32();
        }
        box.PresentationFields = r.ReadArray(PresentationFieldsSize);
        box.NextTrackId = r.ReadUInt32();
        return box;
    }

    protected override void WriteFields(ref BoxWriter w)
    {
        if (Wide)
        {
            w.WriteUInt64(CreationTime); w.WriteUInt64(ModificationTime);
            w.WriteUInt32(Timescale); w.WriteUInt64(Duration);
        }
        else
        {
            w.WriteUInt32((uint)CreationTime); w.WriteUInt32((uint)ModificationTime);
            w.WriteUInt32(Timescale); w.WriteUInt32((uint)Duration);
        }
        w.WriteBytes(PresentationFields);
        w.WriteUInt32(NextTrackId);
    }

    /// <summary>Rate 1.0, volume 1.0 and the identity matrix.</summary>
    static byte[] DefaultPresentationFields()
    {
        var bytes = new byte[PresentationFieldsSize];
        bytes[1] = 1; // rate 0x00010000
        bytes[4] = 1; // volume 0x0100
        UnityMatrix.CopyTo(bytes.AsSpan(16));
        return bytes;
    }

    internal static ReadOnlySpan<byte> UnityMatrix =>
    [
        0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0x40, 0, 0, 0,
    ];
}
