using Origin.Serving.Assets;
using Origin.Serving.Options;
using Origin.Serving.Options.Clips;

namespace Origin.Serving.Tests.Options;

public class ClipTimeTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("90", 900_000_000L)]
    [InlineData("90.25", 902_500_000L)]
    [InlineData("0.0000001", 1L)]
    [InlineData("0.00000005", 1L)]
    [InlineData("01:30", 900_000_000L)]
    [InlineData("00:01:30.250", 902_500_000L)]
    [InlineData("100:00:00", 3_600_000_000_000L)]
    [InlineData("PT90S", 900_000_000L)]
    [InlineData("PT1M30.25S", 902_500_000L)]
    [InlineData("PT1H", 36_000_000_000L)]
    [InlineData("P1DT2H", 936_000_000_000L)]
    [InlineData("P1D", 864_000_000_000L)]
    public void Seconds_clocks_and_durations_are_read_to_the_tick(string text, long ticks)
    {
        Assert.True(ClipTime.TryParse(text, out var parsed, out var reason), reason);
        Assert.Equal(ticks, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-5")]
    [InlineData("+5")]
    [InlineData("5s")]
    [InlineData("1e3")]
    [InlineData(" 5")]
    [InlineData("5.")]
    [InlineData(".5")]
    [InlineData("1:5")]
    [InlineData("00:60:00")]
    [InlineData("00:00:60")]
    [InlineData("1:2:3:4")]
    [InlineData("::")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("P1Y")]
    [InlineData("P1M")]
    [InlineData("PT1S2M")]
    [InlineData("PT1.5M")]
    [InlineData("P1H")]
    [InlineData("PT1D")]
    [InlineData("PT1M1M")]
    [InlineData("99999999999")]
    [InlineData("0.0000000001")]
    public void Anything_else_is_refused_with_the_reason(string text)
    {
        Assert.False(ClipTime.TryParse(text, out _, out var reason));
        Assert.NotNull(reason);
    }

    [Fact]
    public void The_canonical_form_is_seconds_and_reads_back_the_same()
    {
        foreach (var ticks in new[] { 0L, 1L, 902_500_000L, 3_600_000_000_000L })
        {
            var text = ClipTime.Format(ticks);
            Assert.True(ClipTime.TryParse(text, out var back, out _));
            Assert.Equal(ticks, back);
        }
        Assert.Equal("vbegin=90&vend=120.5", RequestOptionsReader.FromQuery("?vend=PT2M0.5S&vbegin=00:01:30").Canonical);
    }

    [Theory]
    [InlineData("?vbegin=10&vend=10", "option vend must come after vbegin")]
    [InlineData("?vbegin=20&vend=10", "option vend must come after vbegin")]
    [InlineData("?vbegin=soon", "option vbegin: expected seconds, hh:mm:ss[.fff] or an ISO 8601 duration such as PT1M30S")]
    [InlineData("?vend=P2Y", "option vend: expected seconds, hh:mm:ss[.fff] or an ISO 8601 duration such as PT1M30S")]
    public void A_bad_clip_is_the_viewers_400(string query, string reason)
    {
        var e = Assert.Throws<OriginProblem>(() => RequestOptionsReader.FromQuery(query));
        Assert.Equal(400, e.Status);
        Assert.Equal(reason, e.Message);
    }

    [Fact]
    public void A_clip_of_a_clip_is_the_time_both_hold()
    {
        var manifest = RequestOptionsReader.FromManifest(new Dictionary<string, string> { ["vbegin"] = "60", ["vend"] = "180" });
        Assert.Equal("vbegin=90&vend=180", manifest.Narrowed(RequestOptionsReader.FromQuery("?vbegin=90")).Canonical);
        Assert.Equal("vbegin=60&vend=120", manifest.Narrowed(RequestOptionsReader.FromQuery("?vbegin=10&vend=120")).Canonical);
    }
}
