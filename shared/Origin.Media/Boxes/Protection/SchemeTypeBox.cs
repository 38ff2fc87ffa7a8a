using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>schm: the protection scheme ('cenc', 'cbcs') and its version (1.0 for common encryption).</summary>
public sealed class SchemeTypeBox : FullBox
{
    public const uint CommonEncryptionVersion = 0x0001_0000;

    public override uint Type => BoxTypes.Schm;
    public uint SchemeType { get; set; }
    public uint SchemeVersion { get; set; } = CommonEncryptionVersion;
    protected override long FieldsSize => 8;

    public static SchemeTypeBox Read(ref BoxReader r)
    {
        var box = new SchemeTypeBox();
        box.ReadVersionAndFlags(ref r);
        box.SchemeType = r.ReadUInt32();
        box.SchemeVersion = r.ReadUInt32();
        return box; // a scheme URI (flags & 1) is not used by common encryption and is skipped
    }

    protected override void WriteFields(ref BoxWriter w)
    {
        w.WriteUInt32(SchemeType);
        w.WriteUInt32(SchemeVersion);
    }
}
