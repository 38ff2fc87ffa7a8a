using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>A run of a sample's bytes: so many left clear, then so many encrypted.</summary>
public readonly record struct Subsample(ushort ClearBytes, uint ProtectedBytes);

/// <summary>One sample's encryption parameters: its IV (empty with a constant IV) and its subsamples (none: whole sample).</summary>
public sealed record SampleEncryption(byte[] Iv, Subsample[] Subsamples)
{
    /// <summary>Bytes of this sample's entry in senc, as saiz announces it.</summary>
    public int InfoSize(bool withSubsamples) => Iv.Length + (withSubsamples ? 2 + 6 * Subsamples.Length : 0);
}

/// <summary>
/// senc: the per-sample IVs and subsample maps of a track fragment (flag 2 when subsamples are present). Its layout
/// depends on the IV size, which only tenc knows, so reading takes it as a parameter.
/// </summary>
public sealed class SampleEncryptionBox : FullBox
{
    public const uint UseSubsamples = 0x2;

    /// <summary>PIFF 1.1's name for the same box (uuid a2394f52-5a9b-4f14-a244-6c427c648df4), which Smooth players read.</summary>
    public static ReadOnlySpan<byte> PiffId => [0xa2, 0x39, 0x4f, 0x52, 0x5a, 0x9b, 0x4f, 0x14, 0xa2, 0x44, 0x6c, 0x42, 0x7c, 0x64, 0x8d, 0xf4];

    /// <summary>Written as PIFF's uuid box rather than senc; the fields are the same.</summary>
    public bool AsPiff { get; init; }

    /// <summary>Where the first sample's entry starts, counted from the box's first byte: header (and PIFF's uuid), version and flags, count.</summary>
    public int EntriesOffset => AsPiff ? 32 : 16;

    public override uint Type => AsPiff ? BoxTypes.Uuid : BoxTypes.Senc;
    public override ReadOnlySpan<byte> UserType => AsPiff ? PiffId : default;
    public List<SampleEncryption> Samples { get; } = [];

    protected override long FieldsSize
    {
        get
        {
            long size = 4;
            bool subsamples = (Flags & UseSubsamples) != 0;
            foreach (var s in Samples) size += s.InfoSize(subsamples);
            return size;
        }
    }

    /// <summary>Reads the content of a senc box (after its header) whose samples carry <paramref name="ivSize"/>-byte IVs.</summary>
    public static SampleEncryptionBox Read(ReadOnlySpan<byte> content, int ivSize)
    {
        var r = new BoxReader(content, 0, BoxTypes.Senc);
        var box = new SampleEncryptionBox();
        box.ReadVersionAndFlags(ref r);
        bool subsamples = (box.Flags & UseSubsamples) != 0;
        int count = r.CheckCount(r.ReadUInt32(), ivSize + (subsamples ? 2 : 0));
        for (int i = 0; i < count; i++)
        {
            var iv = r.ReadArray(ivSize);
            Subsample[] parts = [];
            if (subsamples)
            {
                parts = new Subsample[r.CheckCount(r.ReadUInt16(), 6)];
                for (int j = 0; j < parts.Length; j++) parts[j] = new Subsample(r.ReadUInt16(), r.ReadUInt32());
            }
            box.Samples.Add(new SampleEncryption(iv, parts));
        }
        return box;
    }

    protected override void WriteFields(ref BoxWriter w)
    {
        bool subsamples = (Flags & UseSubsamples) != 0;
        w.WriteUInt32((uint)Samples.Count);
        foreach (var s in Samples)
        {
            w.WriteBytes(s.Iv);
            if (!subsamples) continue;
            w.WriteUInt16((ushort)s.Subsamples.Length);
            foreach (var part in s.Subsamples)
            {
                w.WriteUInt16(part.ClearBytes);
                w.WriteUInt32(part.ProtectedBytes);
            }
        }
    }
}
