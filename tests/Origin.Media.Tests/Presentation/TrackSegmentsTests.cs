using Origin.Media.Presentation;

namespace Origin.Media.Tests.Presentation;

public class TrackSegmentsTests
{
    [Fact]
    public void A_clips_segments_count_from_its_start_and_name_their_source_times_not_numbers()
    {
        var whole = TrackSegments.FromTimeline([0, 100, 200, 300], [100, 100, 100, 100]);
        var clip = whole.Part(1, 2, 90);
        Assert.Equal([10L, 110L], clip.Times.ToArray());
        Assert.Equal(90, clip.TimeShift);
        Assert.Equal(2, clip.SourceFragment(1));
        // The encryptor's IV seed: a clip's segment 0 is not the asset's segment 0, so it may not share its identity.
        Assert.Equal(["0", "1", "2", "3"], Enumerable.Range(0, 4).Select(whole.Identity));
        Assert.Equal(["t100", "t200"], Enumerable.Range(0, 2).Select(clip.Identity));
        // A part of a part still counts from the asset's time.
        var inner = clip.Part(1, 1, 200);
        Assert.Equal([0L], inner.Times.ToArray());
        Assert.Equal(2, inner.SourceFragment(0));
        Assert.Equal("t200", inner.Identity(0));
    }

    [Fact]
    public void A_clip_ending_inside_a_fragment_shortens_it_and_its_bytes_with_it()
    {
        var whole = TrackSegments.FromTimeline([0, 100, 200], [100, 100, 100]);
        var clip = whole.Part(0, 2, 0, end: 150);
        Assert.Equal([100L, 50L], clip.Durations.ToArray());
        Assert.Equal(150, clip.End);
        Assert.Equal(150, clip.TotalDuration);
    }
}
