using Origin.Media.Boxes;

namespace Origin.Media.Tests.Support;

/// <summary>Fragment-level boxes built by hand for round-trip and packaging tests.</summary>
public static class Fragments
{
    public static ContainerBox Moof() => new(BoxTypes.Moof,
    [
        new MovieFragmentHeaderBox { SequenceNumber = 7 },
        new ContainerBox(BoxTypes.Traf,
        [
            new TrackFragmentHeaderBox { TrackId = 1, Flags = TrackFragmentHeaderBox.DefaultBaseIsMoof },
            new TrackFragmentDecodeTimeBox { Version = 1, BaseMediaDecodeTime = 123456 },
            new TrackRunBox
            {
                Version = 1,
                Flags = TrackRunBox.DataOffsetPresent | TrackRunBox.SampleDurationPresent | TrackRunBox.SampleSizePresent
                        | TrackRunBox.SampleFlagsPresent | TrackRunBox.CompositionOffsetPresent,
                DataOffset = 200,
                Samples = [new(512, 1000, 0x02000000, 0), new(512, 300, 0x01010000, -512)],
            },
        ]),
    ]);

    public static SegmentIndexBox Sidx()
    {
        var sidx = new SegmentIndexBox { Timescale = 90000, EarliestPresentationTime = 0, FirstOffset = 0 };
        sidx.References.Add(new(false, 12345, 180000, 0x90000000));
        sidx.References.Add(new(false, 23456, 180000, 0x90000000));
        return sidx;
    }

    public static ContainerBox Mfra() => new(BoxTypes.Mfra,
    [
        new TrackFragmentRandomAccessBox { Version = 1, TrackId = 1, LengthSizes = 0x3f, Entries = [new(0, 800, 1, 1, 1), new(20_000_000, 40_000, 1, 1, 1)] },
        new MovieFragmentRandomAccessOffsetBox { MfraSize = 77 },
    ]);
}
