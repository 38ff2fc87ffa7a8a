using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>
/// avcC: the H.264 decoder configuration. Kept as its bytes (the packager copies it into init segments unchanged);
/// profile, level and the parameter sets are read out for codec strings and Smooth's CodecPrivateData.
/// </summary>
public sealed class AvcConfigurationBox : Box
{
    public override uint Type => BoxTypes.AvcC;
    public byte[] Bytes { get; }
    public byte Profile => Bytes[1];
    public byte ProfileCompatibility => Bytes[2];
    public byte Level => Bytes[3];
    public int NalLengthSize => (Bytes[4] & 3) + 1;
    public IReadOnlyList<byte[]> SequenceParameterSets { get; }
    public IReadOnlyList<byte[]> PictureParameterSets { get; }

    public AvcConfigurationBox(byte[] bytes)
    {
        Bytes = bytes;
        var r = new BoxReader(bytes, 0, BoxTypes.AvcC);
        r.Skip(5);
        SequenceParameterSets = ReadParameterSets(ref r, r.ReadByte() & 0x1f);
        PictureParameterSets = ReadParameterSets(ref r, r.ReadByte());
    }

    public override long ContentSize => Bytes.Length;
    public static AvcConfigurationBox Read(ref BoxReader r) => new(r.ReadRest());
    protected override void WriteContent(ref BoxWriter w) => w.WriteBytes(Bytes);

    static byte[][] ReadParameterSets(ref BoxReader r, int count)
    {
        var sets = new byte[count][];
        for (int i = 0; i < count; i++) sets[i] = r.ReadArray(r.ReadUInt16());
        return sets;
    }
}
