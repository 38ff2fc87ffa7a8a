using Origin.Storage.Http;

namespace Origin.Storage.Tests;

public sealed class UpstreamLatencyTests
{
    [Fact]
    public void Too_few_answers_give_no_percentile()
    {
        var latency = new UpstreamLatency();
        for (int i = 1; i < UpstreamLatency.MinSamples; i++) latency.Record(TimeSpan.FromMilliseconds(i));
        Assert.Null(latency.P95);
        latency.Record(TimeSpan.FromMilliseconds(20));
        Assert.Equal(TimeSpan.FromMilliseconds(19), latency.P95);
    }

    [Fact]
    public void The_percentile_follows_the_latest_answers()
    {
        var latency = new UpstreamLatency();
        for (int i = 1; i <= 96; i++) latency.Record(TimeSpan.FromMilliseconds(i));
        Assert.Equal(TimeSpan.FromMilliseconds(92), latency.P95); // the 92nd of 96, in order
        for (int i = 0; i < 256; i++) latency.Record(TimeSpan.FromMilliseconds(500));
        Assert.Equal(TimeSpan.FromMilliseconds(500), latency.P95); // the window forgot the fast ones
    }
}
