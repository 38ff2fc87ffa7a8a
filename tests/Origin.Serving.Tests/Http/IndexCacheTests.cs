using Origin.Serving.Tests.Support;
using Origin.Testing;

namespace Origin.Serving.Tests.Http;

/// <summary>The durable index cache: a fresh instance sharing it pays one GET per source index instead of rebuilding.</summary>
public class IndexCacheTests
{
    [Fact]
    public async Task A_fresh_instance_reads_indexes_from_the_shared_cache()
    {
        var shared = Directory.CreateTempSubdirectory("shared-index").FullName;
        var settings = new Dictionary<string, string?> { ["Origin:IndexCache"] = "file://" + shared };

        await using (var first = await OriginServer.StartAsync(settings: settings))
        {
            var (reads, _, index) = await ServerTiming.CostAsync(first, "/vod/demo.ism/.mpd");
            Assert.Equal("built", index);
            Assert.True(reads > 5, $"building four indexes took only {reads} reads");
        }
        Assert.Equal(4, Directory.GetFiles(shared, "*.idx", SearchOption.AllDirectories).Length);

        await using (var second = await OriginServer.StartAsync(settings: settings))
        {
            var (reads, _, index) = await ServerTiming.CostAsync(second, "/vod/demo.ism/.mpd");
            Assert.Equal("l2", index);
            Assert.Equal(1 + 1 + 4, reads); // the .ism, its source map, then one GET per source index
            Assert.Equal(0, (await ServerTiming.CostAsync(second, "/vod/demo.ism/.m3u8")).Reads);
        }
    }

    [Fact]
    public async Task A_corrupt_entry_is_rebuilt_not_served_and_replaced()
    {
        var shared = Directory.CreateTempSubdirectory("corrupt-index").FullName;
        var settings = new Dictionary<string, string?> { ["Origin:IndexCache"] = "file://" + shared };
        string expected;
        await using (var first = await OriginServer.StartAsync(settings: settings))
            expected = await first.Client.GetStringAsync("/vod/progressive.mp4/.mpd");

        foreach (var file in Directory.GetFiles(shared, "*.idx", SearchOption.AllDirectories))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            bytes[^100] ^= 0xff;
            await File.WriteAllBytesAsync(file, bytes);
        }
        await using (var second = await OriginServer.StartAsync(settings: settings))
        {
            var (_, _, index) = await ServerTiming.CostAsync(second, "/vod/progressive.mp4/.mpd");
            Assert.Equal("built", index);
            Assert.Equal(expected, await second.Client.GetStringAsync("/vod/progressive.mp4/.mpd"));
        }
        // The rebuilt entry replaced the corrupt one: the next instance starts from it.
        await using var third = await OriginServer.StartAsync(settings: settings);
        Assert.Equal("l2", (await ServerTiming.CostAsync(third, "/vod/progressive.mp4/.mpd")).Index);
    }
}
