using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>
/// saio: where the samples' auxiliary information starts. In a fragment written with default-base-is-moof the
/// offset counts from the moof's first byte; one entry, as senc holds every sample's information contiguously.
/// </summary>
public sealed class SampleAuxiliaryInformationOffsetsBox : FullBox
{
    public override uint Type => BoxTypes.Saio;
    public List<long> Offsets { get; } = [];

    protected override byte WrittenVersion => Offsets.Exists(o => o > uint.MaxValue) ? (byte)1 : (byte)0;
    protected override long FieldsSize => 4 + Offsets.Count * (WrittenVersion == 1 ? 8L : 4L);

    public static SampleAuxiliaryInformationOffsetsBox Read(ref BoxReader r)
    {
        var box = new SampleAuxiliaryInformationOffsetsBox();
        box.ReadVersionAndFlags(ref r);
        if ((box.Flags & 1) != 0) r.Skip(8);
        int count = r.CheckCount(r.ReadUInt32(), box.Version == 1 ? 8 : 4);
        for (int i = 0; i < count; i++) box.Offsets.Add(box.Version == 1 ? (long)r.ReadUInt64() : r.ReadUInt32());
        return box;
    }

    protected override void WriteFields(ref BoxWriter w)
    {
        w.WriteUInt32((uint)Offsets.Count);
        foreach (var offset in Offsets)
        {
            if (WrittenVersion == 1) w.WriteUInt64((ulong)offset);
            else w.WriteUInt32((uint)offset);
        }
    }
}
