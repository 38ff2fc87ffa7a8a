using Origin.Media.Boxes;

namespace Origin.Media.Index;

/// <summary>One track's part of a moof, with tfhd/trex defaults applied: enough to index it and to re-mux it.</summary>
internal readonly record struct TrackFragmentSummary(long? DecodeTime, long Duration, int SampleCount, long SampleBytes, uint FirstSampleDuration)
{
    public static TrackFragmentSummary? Find(ContainerBox moof, uint trackId, TrackExtendsBox? trex)
    {
        foreach (var traf in moof.Children.AllContainers(BoxTypes.Traf))
        {
            var tfhd = traf.Children.Find<TrackFragmentHeaderBox>();
            if (tfhd is null || tfhd.TrackId != trackId) continue;
            var defaults = SampleDefaults.For(tfhd, trex);
            long duration = 0, bytes = 0;
            int count = 0;
            uint first = 0;
            foreach (var trun in traf.Children.All<TrackRunBox>())
            {
                foreach (var sample in trun.Samples)
                {
                    uint d = defaults.Duration(trun, sample);
                    if (count == 0) first = d;
                    duration += d;
                    bytes += defaults.Size(trun, sample);
                    count++;
                }
            }
            long? decodeTime = traf.Children.Find<TrackFragmentDecodeTimeBox>() is { } tfdt ? (long)tfdt.BaseMediaDecodeTime : null;
            return new TrackFragmentSummary(decodeTime, duration, count, bytes, first);
        }
        return null;
    }
}

/// <summary>Per-sample values of a run, falling back to tfhd defaults and then to trex.</summary>
internal readonly record struct SampleDefaults(uint DefaultDuration, uint DefaultSize, uint DefaultFlags)
{
    public static SampleDefaults For(TrackFragmentHeaderBox tfhd, TrackExtendsBox? trex) => new(
        (tfhd.Flags & TrackFragmentHeaderBox.DefaultSampleDurationPresent) != 0 ? tfhd.DefaultSampleDuration : trex?.DefaultSampleDuration ?? 0,
        (tfhd.Flags & TrackFragmentHeaderBox.DefaultSampleSizePresent) != 0 ? tfhd.DefaultSampleSize : trex?.DefaultSampleSize ?? 0,
        (tfhd.Flags & TrackFragmentHeaderBox.DefaultSampleFlagsPresent) != 0 ? tfhd.DefaultSampleFlags : trex?.DefaultSampleFlags ?? 0);

    public uint Duration(TrackRunBox trun, TrackRunSample s) =>
        (trun.Flags & TrackRunBox.SampleDurationPresent) != 0 ? s.Duration : DefaultDuration;

    public uint Size(TrackRunBox trun, TrackRunSample s) =>
        (trun.Flags & TrackRunBox.SampleSizePresent) != 0 ? s.Size : DefaultSize;

    public uint Flags(TrackRunBox trun, TrackRunSample s, int index) =>
        (trun.Flags & TrackRunBox.SampleFlagsPresent) != 0 ? s.Flags
        : index == 0 && (trun.Flags & TrackRunBox.FirstSampleFlagsPresent) != 0 ? trun.FirstSampleFlags
        : DefaultFlags;

    public static int CompositionOffset(TrackRunBox trun, TrackRunSample s) =>
        (trun.Flags & TrackRunBox.CompositionOffsetPresent) != 0 ? s.CompositionOffset : 0;
}
