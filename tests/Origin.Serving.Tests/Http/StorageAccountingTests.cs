using Origin.Serving.Tests.Support;

namespace Origin.Serving.Tests.Http;

/// <summary>Server-Timing reports what each request cost in storage reads: the figures the benchmark prints.</summary>
public class StorageAccountingTests
{
    [Fact]
    public async Task Warm_requests_cost_the_minimum_of_storage_reads()
    {
        await using var server = await OriginServer.StartAsync();
        var (coldReads, _, _) = await ServerTiming.CostAsync(server, "/vod/demo.ism/.mpd");
        Assert.InRange(coldReads, 4, 4 * 3); // four sources, at most three reads each to index

        Assert.Equal(0, (await ServerTiming.CostAsync(server, "/vod/demo.ism/.mpd")).Reads);
        Assert.Equal(0, (await ServerTiming.CostAsync(server, "/vod/demo.ism/.m3u8")).Reads);
        Assert.Equal(0, (await ServerTiming.CostAsync(server, "/vod/demo.ism/demo-video=300000.m3u8")).Reads);
        Assert.Equal(0, (await ServerTiming.CostAsync(server, "/vod/demo.ism/demo-video=300000.m4s")).Reads);

        // A fragmented source: one range read per segment, covering moof and samples.
        var (reads, bytes, _) = await ServerTiming.CostAsync(server, "/vod/demo.ism/demo-video=300000-4.m4s");
        Assert.Equal(1, reads);
        Assert.InRange(bytes, 30_000, 200_000);

        // A progressive source (warm after its first manifest): one coalesced read per video segment.
        await ServerTiming.CostAsync(server, "/vod/progressive.mp4/.m3u8");
        Assert.Equal(1, (await ServerTiming.CostAsync(server, "/vod/progressive.mp4/progressive-video=402263-2.m4s")).Reads);
    }
}
