using Origin.Serving.Tests.Support;
using Origin.Testing;

namespace Origin.Serving.Tests.Http;

/// <summary>
/// The durable index cache: a fresh instance sharing it pays one GET for a server manifest's sources and indexes
/// (or, without that entry, one per source index) instead of rebuilding.
/// </summary>
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
            Assert.True(reads > 5, $"building six indexes took only {reads} reads");
        }
        // Four media files and the two subtitle files.
        Assert.Equal(6, Directory.GetFiles(shared, "*.idx", SearchOption.AllDirectories).Length);

        await using (var second = await OriginServer.StartAsync(settings: settings))
        {
            var (reads, _, index) = await ServerTiming.CostAsync(second, "/vod/demo.ism/.mpd");
            Assert.Equal("l2", index);
            Assert.Equal(1 + 1, reads); // the .ism, then its entry: the sources' versions and all their indexes
            Assert.Equal(0, (await ServerTiming.CostAsync(second, "/vod/demo.ism/.m3u8")).Reads);
        }

        // The first segment of a fresh instance: the .ism, its entry, the segment.
        await using (var third = await OriginServer.StartAsync(settings: settings))
            Assert.Equal(3, (await ServerTiming.CostAsync(third, "/vod/demo.ism/demo-video=300000-1.m4s")).Reads);

        // Without its asset entry, an instance still finds every index on its own entry.
        foreach (var file in Directory.GetFiles(shared, "*.asset", SearchOption.AllDirectories)) File.Delete(file);
        await using (var fourth = await OriginServer.StartAsync(settings: settings))
        {
            var (reads, _, index) = await ServerTiming.CostAsync(fourth, "/vod/demo.ism/.mpd");
            Assert.Equal("l2", index);
            Assert.InRange(reads, 1 + 4, 1 + 4 * 2); // the .ism; each source looked at (nothing says its version) and its index
        }
        Assert.Single(Directory.GetFiles(shared, "*.asset", SearchOption.AllDirectories)); // written again
    }

    [Fact]
    public async Task A_corrupt_asset_entry_is_ignored_and_the_indexes_come_from_their_own_entries()
    {
        var shared = Directory.CreateTempSubdirectory("corrupt-asset").FullName;
        var settings = new Dictionary<string, string?> { ["Origin:IndexCache"] = "file://" + shared };
        string expected;
        await using (var first = await OriginServer.StartAsync(settings: settings))
            expected = await first.Client.GetStringAsync("/vod/demo.ism/.mpd");
        var entry = Assert.Single(Directory.GetFiles(shared, "*.asset", SearchOption.AllDirectories));
        var bytes = await File.ReadAllBytesAsync(entry);
        bytes[^100] ^= 0xff;
        await File.WriteAllBytesAsync(entry, bytes);
        await using var second = await OriginServer.StartAsync(settings: settings);
        Assert.Equal(expected, await second.Client.GetStringAsync("/vod/demo.ism/.mpd"));
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
