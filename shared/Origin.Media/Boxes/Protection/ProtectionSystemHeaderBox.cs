using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>
/// pssh: one DRM system's data (its system id, and in version 1 the key ids it covers), in the init segment's moov
/// and, base64, in a DASH ContentProtection element.
/// </summary>
public sealed class ProtectionSystemHeaderBox : FullBox
{
    /// <summary>More key ids than any real document lists; a lying count is refused before allocating.</summary>
    const int MaxKeyIds = 1024;

    public override uint Type => BoxTypes.Pssh;
    public byte[] SystemId { get; set; } = new byte[16];
    public List<byte[]> KeyIds { get; } = [];
    public byte[] Data { get; set; } = [];

    protected override long FieldsSize => 16 + (Version > 0 ? 4 + 16L * KeyIds.Count : 0) + 4 + Data.Length;

    public static ProtectionSystemHeaderBox Read(ref BoxReader r)
    {
        var box = new ProtectionSystemHeaderBox();
        box.ReadVersionAndFlags(ref r);
        box.SystemId = r.ReadArray(16);
        if (box.Version > 0)
        {
            uint count = r.ReadUInt32();
            if (count > MaxKeyIds) throw r.Error($"{count} key ids");
            int n = r.CheckCount(count, 16);
            for (int i = 0; i < n; i++) box.KeyIds.Add(r.ReadArray(16));
        }
        int size = r.CheckCount(r.ReadUInt32(), 1);
        box.Data = r.ReadArray(size);
        return box;
    }

    protected override void WriteFields(ref BoxWriter w)
    {
        w.WriteBytes(SystemId);
        if (Version > 0)
        {
            w.WriteUInt32((uint)KeyIds.Count);
            foreach (var id in KeyIds) w.WriteBytes(id);
        }
        w.WriteUInt32((uint)Data.Length);
        w.WriteBytes(Data);
    }
}
