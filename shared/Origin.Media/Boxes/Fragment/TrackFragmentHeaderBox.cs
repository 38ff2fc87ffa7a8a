using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>tfhd: the track a fragment belongs to and the defaults its runs may omit; which fields exist is in the flags.</summary>
public sealed class TrackFragmentHeaderBox : FullBox
{
    public const uint BaseDataOffsetPresent = 0x1, SampleDescriptionIndexPresent = 0x2, DefaultSampleDurationPresent = 0x8;
    public const uint DefaultSampleSizePresent = 0x10, DefaultSampleFlagsPresent = 0x20, DurationIsEmpty = 0x10000;
    public const uint DefaultBaseIsMoof = 0x20000;

    public override uint Type => BoxTypes.Tfhd;
    public uint TrackId { get; set; }
    public ulong BaseDataOffset { get; set; }
    public uint SampleDescriptionIndex { get; set; }
    public uint DefaultSampleDuration { get; set; }
    public uint DefaultSampleSize { get; set; }
    public uint DefaultSampleFlags { get; set; }

    bool Has(uint flag) => (Flags & flag) != 0;

    protected override long FieldsSize =>
        4 + (Has(BaseDataOffsetPresent) ? 8 : 0) + (Has(SampleDescriptionIndexPresent) ? 4 : 0)
        + (Has(DefaultSampleDurationPresent) ? 4 : 0) + (Has(DefaultSampleSizePresent) ? 4 : 0)
        + (Has(DefaultSampleFlagsPresent) ? 4 : 0);

    public static TrackFragmentHeaderBox Read(ref BoxReader r)
    {
        var box = new TrackFragmentHeaderBox();
        box.ReadVersionAndFlags(ref r);
        box.TrackId = r.ReadUInt32();
        if (box.Has(BaseDataOffsetPresent)) box.BaseDataOffset = r.ReadUInt64();
        if (box.Has(SampleDescriptionIndexPresent)) box.SampleDescriptionIndex = r.ReadUInt32();
        if (box.Has(DefaultSampleDurationPresent)) box.DefaultSampleDuration = r.ReadUInt32();
        if (box.Has(DefaultSampleSizePresent)) box.DefaultSampleSize = r.ReadUInt32();
        if (box.Has(DefaultSampleFlagsPresent)) box.DefaultSampleFlags = r.ReadUInt32();
        return box;
    }

    protected override void WriteFields(ref BoxWriter w)
    {
        w.WriteUInt32(TrackId);
        if (Has(BaseDataOffsetPresent)) w.WriteUInt64(BaseDataOffset);
        if (Has(SampleDescriptionIndexPresent)) w.WriteUInt32(SampleDescriptionIndex);
        if (Has(DefaultSampleDurationPresent)) w.WriteUInt32(DefaultSampleDuration);
        if (Has(DefaultSampleSizePresent)) w.WriteUInt32(DefaultSampleSize);
        if (Has(DefaultSampleFlagsPresent)) w.WriteUInt32(DefaultSampleFlags);
    }
}
