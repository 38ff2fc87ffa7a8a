using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>hvcC: the HEVC decoder configuration, kept as bytes; the profile/tier/level fields feed the codec string.</summary>
public sealed class HevcConfigurationBox : Box
{
    public override uint Type => BoxTypes.HvcC;
    public byte[] Bytes { get; }
    public int ProfileSpace => Bytes[1] >> 6;
    public bool HighTier => (Bytes[1] & 0x20) != 0;
    public int ProfileIdc => Bytes[1] & 0x1f;
    public uint ProfileCompatibilityFlags => (uint)(Bytes[2] << 24 | Bytes[3] << 16 | Bytes[4] << 8 | Bytes[5]);
    public ReadOnlySpan<byte> ConstraintIndicatorFlags => Bytes.AsSpan(6, 6);
    public byte LevelIdc => Bytes[12];
    public int NalLengthSize => (Bytes[21] & 3) + 1;

    /// <summary>The parameter set NAL units (VPS, SPS, PPS, SEI arrays) in their stored order; a count past the end is refused.</summary>
    public IReadOnlyList<byte[]> ParameterSets
    {
        get
        {
            var sets = new List<byte[]>();
            var r = new BoxReader(Bytes.AsSpan(22), 0, BoxTypes.HvcC);
            int arrays = r.ReadByte();
            for (int a = 0; a < arrays; a++)
            {
                r.ReadByte(); // completeness and NAL unit type
                int count = r.CheckCount(r.ReadUInt16(), 2);
                for (int n = 0; n < count; n++) sets.Add(r.ReadArray(r.ReadUInt16()));
            }
            return sets;
        }
    }

    public HevcConfigurationBox(byte[] bytes)
    {
        if (bytes.Length < 23) throw new MediaFormatException("hvcC shorter than its fixed fields", BoxTypes.HvcC);
        Bytes = bytes;
    }

    public override long ContentSize => Bytes.Length;
    public static HevcConfigurationBox Read(ref BoxReader r) => new(r.ReadRest());
    protected override void WriteContent(ref BoxWriter w) => w.WriteBytes(Bytes);
}
