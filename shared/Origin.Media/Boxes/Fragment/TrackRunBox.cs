using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>One sample of a track run; fields absent from the run come from tfhd or trex defaults.</summary>
public record struct TrackRunSample(uint Duration, uint Size, uint Flags, int CompositionOffset);

/// <summary>trun: a run of contiguous samples. Which per-sample fields exist is in the flags; version 1 offsets are signed.</summary>
public sealed class TrackRunBox : FullBox
{
    public const uint DataOffsetPresent = 0x1, FirstSampleFlagsPresent = 0x4, SampleDurationPresent = 0x100;
    public const uint SampleSizePresent = 0x200, SampleFlagsPresent = 0x400, CompositionOffsetPresent = 0x800;

    public override uint Type => BoxTypes.Trun;
    public int DataOffset { get; set; }
    public uint FirstSampleFlags { get; set; }
    public TrackRunSample[] Samples { get; set; } = [];

    bool Has(uint flag) => (Flags & flag) != 0;

    public int BytesPerSample =>
        (Has(SampleDurationPresent) ? 4 : 0) + (Has(SampleSizePresent) ? 4 : 0)
        + (Has(SampleFlagsPresent) ? 4 : 0) + (Has(CompositionOffsetPresent) ? 4 : 0);

    protected override long FieldsSize =>
        4 + (Has(DataOffsetPresent) ? 4 : 0) + (Has(FirstSampleFlagsPresent) ? 4 : 0) + (long)BytesPerSample * Samples.Length;

    public static TrackRunBox Read(ref BoxReader r)
    {
        var box = new TrackRunBox();
        box.ReadVersionAndFlags(ref r);
        uint count = r.ReadUInt32();
        if (box.Has(DataOffsetPresent)) box.DataOffset = r.ReadInt32();
        if (box.Has(FirstSampleFlagsPresent)) box.FirstSampleFlags = r.ReadUInt32();
        box.Samples = new TrackRunSample[box.BytesPerSample > 0 ? r.CheckCount(count, box.BytesPerSample) : CheckDefaultsOnly(ref r, count)];
        for (int i = 0; i < box.Samples.Length; i++)
        {
            ref var s = ref box.Samples[i];
            if (box.Has(SampleDurationPresent)) s.Duration = r.ReadUInt32();
            if (box.Has(SampleSizePresent)) s.Size = r.ReadUInt32();
            if (box.Has(SampleFlagsPresent)) s.Flags = r.ReadUInt32();
            if (box.Has(CompositionOffsetPresent)) s.CompositionOffset = r.ReadInt32();
        }
        return box;
    }

    /// <summary>
    /// A run whose samples all take tfhd/trex defaults has no bytes to bound its count by, so it gets a fixed cap:
    /// 65,536 samples is over twenty minutes of 48 kHz AAC in one run, far beyond any real fragment.
    /// </summary>
    public const int MaxDefaultsOnlySamples = 1 << 16;

    static int CheckDefaultsOnly(ref BoxReader r, uint count) =>
        count <= MaxDefaultsOnlySamples ? (int)count : throw r.Error($"{count} samples in a run without per-sample fields");

    protected override void WriteFields(ref BoxWriter w)
    {
        w.WriteUInt32((uint)Samples.Length);
        if (Has(DataOffsetPresent)) w.WriteInt32(DataOffset);
        if (Has(FirstSampleFlagsPresent)) w.WriteUInt32(FirstSampleFlags);
        foreach (var s in Samples)
        {
            if (Has(SampleDurationPresent)) w.WriteUInt32(s.Duration);
            if (Has(SampleSizePresent)) w.WriteUInt32(s.Size);
            if (Has(SampleFlagsPresent)) w.WriteUInt32(s.Flags);
            if (Has(CompositionOffsetPresent)) w.WriteInt32(s.CompositionOffset);
        }
    }
}
