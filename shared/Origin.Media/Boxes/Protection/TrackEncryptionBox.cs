using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>
/// tenc: a track's default protection. Version 0 ('cenc'): protected flag, per-sample IV size and key id. Version 1
/// adds the crypt:skip pattern ('cbcs': 1:9 for video, 0:0 for audio); a zero per-sample IV size is followed by the
/// constant IV every sample uses.
/// </summary>
public sealed class TrackEncryptionBox : FullBox
{
    public override uint Type => BoxTypes.Tenc;
    public byte CryptByteBlock { get; set; }
    public byte SkipByteBlock { get; set; }
    public bool IsProtected { get; set; } = true;
    public byte PerSampleIvSize { get; set; }
    public byte[] DefaultKeyId { get; set; } = new byte[16];
    public byte[] ConstantIv { get; set; } = [];

    bool HasConstantIv => IsProtected && PerSampleIvSize == 0;
    protected override long FieldsSize => 20 + (HasConstantIv ? 1 + ConstantIv.Length : 0);

    public static TrackEncryptionBox Read(ref BoxReader r)
    {
        var box = new TrackEncryptionBox();
        box.ReadVersionAndFlags(ref r);
        r.ReadByte();
        byte pattern = r.ReadByte();
        if (box.Version > 0) (box.CryptByteBlock, box.SkipByteBlock) = ((byte)(pattern >> 4), (byte)(pattern & 0xF));
        box.IsProtected = r.ReadByte() != 0;
        box.PerSampleIvSize = r.ReadByte();
        if (box.PerSampleIvSize is not (0 or 8 or 16)) throw r.Error($"per-sample IV size {box.PerSampleIvSize} is not 0, 8 or 16");
        box.DefaultKeyId = r.ReadArray(16);
        if (box.HasConstantIv)
        {
            int size = r.ReadByte();
            if (size is not (8 or 16)) throw r.Error($"constant IV size {size} is not 8 or 16");
            box.ConstantIv = r.ReadArray(size);
        }
        return box;
    }

    protected override void WriteFields(ref BoxWriter w)
    {
        w.WriteByte(0);
        w.WriteByte(Version > 0 ? (byte)(CryptByteBlock << 4 | SkipByteBlock) : (byte)0);
        w.WriteByte(IsProtected ? (byte)1 : (byte)0);
        w.WriteByte(PerSampleIvSize);
        w.WriteBytes(DefaultKeyId);
        if (!HasConstantIv) return;
        w.WriteByte((byte)ConstantIv.Length);
        w.WriteBytes(ConstantIv);
    }
}
