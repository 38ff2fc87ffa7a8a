using Origin.Media.Boxes;
using Origin.Media.Packaging.Samples;

namespace Origin.Media.Tests.Packaging;

public class SegmentSamplesTests
{
    // I P B B P B B, 10 ticks each, 100 bytes each, contiguous at offset 1000; P pictures are shown 20 ticks late.
    static SegmentSamples Gop() => new()
    {
        DecodeTime = 1000,
        Samples = [S(0), S(20), S(-10), S(-10), S(20), S(-10), S(-10)],
        Ranges = [new ByteRange(1000, 700)],
    };

    static TrackRunSample S(int compositionOffset) => new(10, 100, 0, compositionOffset);

    [Fact]
    public void A_clip_end_keeps_what_is_decoded_before_it_and_the_kept_samples_last_exactly_to_it()
    {
        // End at 1045: samples decoded at 1000..1040 are kept; the last (dts 1040, a P shown at 1060) goes too.
        var cut = Gop().Until(1045);
        Assert.Equal(4, cut.Samples.Length);
        Assert.Equal([new ByteRange(1000, 400)], cut.Ranges);
        // The timeline says the segment lasts 45 ticks: so do its samples.
        Assert.Equal(45, cut.Duration);
        Assert.Equal(15u, cut.Samples[^1].Duration);
    }

    [Fact]
    public void A_trick_play_segment_is_the_first_sample_alone_lasting_the_segment()
    {
        var first = Gop().FirstOnly(70);
        var only = Assert.Single(first.Samples);
        Assert.Equal(70u, only.Duration);
        Assert.Equal([new ByteRange(1000, 100)], first.Ranges);
        Assert.Equal(1000, first.DecodeTime);
    }
}
