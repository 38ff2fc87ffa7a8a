using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>mvhd: the movie timescale and duration. Rate, volume, matrix and the reserved words travel as one block.</summary>
public sealed class MovieHeaderBox : TimedHeaderBox
{
    public const int PresentationFieldsSize = 76;

    public MovieHeaderBox() => Timescale = 1000;

    public override uint Type => BoxTypes.Mvhd;
    public byte[] PresentationFields { get; set; } = DefaultPresentationFields();
    public uint NextTrackId { get; set; } = 2;

    protected override long FieldsSize => TimesSize + PresentationFieldsSize + 4;

    public static MovieHeaderBox Read(ref BoxReader r)
    {
        var box = new MovieHeaderBox();
        box.ReadVersionAndFlags(ref r);
        box.ReadTimes(ref r);
        box.PresentationFields = r.ReadArray(PresentationFieldsSize);
        box.NextTrackId = r.ReadUInt32();
        return box;
    }

    protected override void WriteFields(ref BoxWriter w)
    {
        WriteTimes(ref w);
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
