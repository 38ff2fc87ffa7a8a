using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>tfdt: the decode time of a fragment's first sample, in the track's timescale.</summary>
public sealed class TrackFragmentDecodeTimeBox : FullBox
{
    public override uint Type => BoxTypes.Tfdt;
    public ulong BaseMediaDecodeTime { get; set; }
    protected override byte WrittenVersion => Version == 1 || BaseMediaDecodeTime > uint.MaxValue ? (byte)1 : (byte)0;
    protected override long FieldsSize => WrittenVersion == 1 ? 8 : 4;

    public static TrackFragmentDecodeTimeBox Read(ref BoxReader r)
    {
        var box = new TrackFragmentDecodeTimeBox();
        box.ReadVersionAndFlags(ref r);
        box.BaseMediaDecodeTime = box.Version == 1 ? r.ReadUInt64() : r.ReadUInt32();
        return box;
    }

    protected override void WriteFields(ref BoxWriter w)
    {
        if (WrittenVersion == 1) w.WriteUInt64(BaseMediaDecodeTime);
        else w.WriteUInt32((uint)BaseMediaDecodeTime);
    }
}
