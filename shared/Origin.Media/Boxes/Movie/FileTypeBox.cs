using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>ftyp, and styp at the head of a media segment: same layout, different type.</summary>
public sealed class FileTypeBox(uint type, uint majorBrand, uint minorVersion, uint[] compatibleBrands) : Box
{
    public override uint Type { get; } = type;
    public uint MajorBrand { get; set; } = majorBrand;
    public uint MinorVersion { get; set; } = minorVersion;
    public uint[] CompatibleBrands { get; set; } = compatibleBrands;

    public override long ContentSize => 8 + 4L * CompatibleBrands.Length;

    public static FileTypeBox Read(uint type, ref BoxReader r)
    {
        uint major = r.ReadUInt32(), minor = r.ReadUInt32();
        var brands = new uint[r.Remaining / 4];
        for (int i = 0; i < brands.Length; i++) brands[i] = r.ReadUInt32();
        return new FileTypeBox(type, major, minor, brands);
    }

    protected override void WriteContent(ref BoxWriter w)
    {
        w.WriteUInt32(MajorBrand);
        w.WriteUInt32(MinorVersion);
        foreach (var brand in CompatibleBrands) w.WriteUInt32(brand);
    }
}
