using System.Text;
using Origin.Serving.Tests.Support;
using Origin.Testing;

namespace Origin.Serving.Tests.Subtitles;

/// <summary>
/// Sidecar subtitle files as sources: bad ones are a 502 with a reason or lose only their bad cues (with a log
/// line), and a good one is read once per version and kept with the asset's indexes, so a fresh instance with the
/// durable cache never reads it again.
/// </summary>
public class SubtitleSourceTests
{
    /// <summary>A copy of the demo set whose manifest lists one more textstream: <paramref name="file"/> holding <paramref name="content"/>.</summary>
    static string DemoWith(string file, byte[] content)
    {
        var dir = Directory.CreateTempSubdirectory("subtitles").FullName;
        foreach (var sample in Directory.GetFiles(RepositoryFiles.Samples, "demo*"))
            File.Copy(sample, Path.Combine(dir, Path.GetFileName(sample)));
        File.WriteAllBytes(Path.Combine(dir, file), content);
        var ism = File.ReadAllText(Path.Combine(dir, "demo.ism"));
        File.WriteAllText(Path.Combine(dir, "demo.ism"), ism.Replace("    </switch>",
            $"      <textstream src=\"{file}\" systemBitrate=\"1000\"><param name=\"systemLanguage\" value=\"deu\" /></textstream>\n    </switch>"));
        return dir;
    }

    [Theory]
    [InlineData("bad.ttml", "<tt xmlns=\"http://www.w3.org/ns/ttml\"><body><p begin=\"1s\" end=\"2s\">unclosed</body></tt>", "not well-formed XML")]
    [InlineData("bad.vtt", "NOT A WEBVTT FILE\n", "do not start with WEBVTT")]
    public async Task A_malformed_sidecar_is_a_502_with_the_reason(string file, string content, string reason)
    {
        await using var server = await OriginServer.StartAsync(new Dictionary<string, string> { ["vod"] = DemoWith(file, Encoding.UTF8.GetBytes(content)) });
        using var response = await server.Client.GetAsync("/vod/demo.ism/.m3u8");
        Assert.Equal(502, (int)response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(reason, body);
        Assert.DoesNotContain("   at ", body);
    }

    [Fact]
    public async Task An_oversized_sidecar_is_refused_before_it_is_read()
    {
        var dir = DemoWith("huge.srt", []);
        await using (var huge = File.OpenWrite(Path.Combine(dir, "huge.srt"))) huge.SetLength(9L << 20);
        await using var server = await OriginServer.StartAsync(new Dictionary<string, string> { ["vod"] = dir });
        using var response = await server.Client.GetAsync("/vod/demo.ism/.mpd");
        Assert.Equal(502, (int)response.StatusCode);
        Assert.Contains("over the 8 MB limit", await response.Content.ReadAsStringAsync());
        // The opening read only: the rest of the file is never fetched.
        Assert.True(ServerTiming.Of(response).Bytes < 2 << 20, $"{ServerTiming.Of(response).Bytes} bytes read");
    }

    [Fact]
    public async Task A_cue_with_unreadable_times_is_skipped_with_a_log_line_and_the_rest_served()
    {
        var logs = new LogCapture();
        var srt = "1\n00:00:01,000 --> 00:00:02,000\nfirst\n\n2\n00:00:0x,000 --> 00:00:04,000\nbroken\n\n3\n00:00:05,000 --> 00:00:06,000\nthird\n";
        await using var server = await OriginServer.StartAsync(new Dictionary<string, string> { ["vod"] = DemoWith("de.srt", Encoding.UTF8.GetBytes(srt)) }, logs: logs);
        var all = string.Concat(await Task.WhenAll(Enumerable.Range(1, 3).Select(n => server.Client.GetStringAsync($"/vod/demo.ism/demo-textstream_deu=1000-{n}.webvtt"))));
        Assert.Contains("first", all);
        Assert.Contains("third", all);
        Assert.DoesNotContain("broken", all);
        Assert.Contains(logs.Lines, l => l.Contains("de.srt: 1 cues skipped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_fresh_instance_serves_subtitles_from_the_durable_cache_without_reading_the_sidecar()
    {
        var dir = DemoWith("de.vtt", Encoding.UTF8.GetBytes("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nHallo\n"));
        var cache = Directory.CreateTempSubdirectory("shared-cache").FullName;
        var settings = new Dictionary<string, string?> { ["Origin:IndexCache"] = "file://" + cache };
        await using (var first = await OriginServer.StartAsync(new Dictionary<string, string> { ["vod"] = dir }, settings))
            Assert.Contains("Hallo", await first.Client.GetStringAsync("/vod/demo.ism/demo-textstream_deu=1000-1.webvtt"));

        // The sidecar's bytes change under the same size and time: only a re-read would notice.
        var path = Path.Combine(dir, "de.vtt");
        var stamp = File.GetLastWriteTimeUtc(path);
        await File.WriteAllTextAsync(path, "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nHullo\n");
        File.SetLastWriteTimeUtc(path, stamp);
        await using var fresh = await OriginServer.StartAsync(new Dictionary<string, string> { ["vod"] = dir }, settings);
        using var response = await fresh.Client.GetAsync("/vod/demo.ism/demo-textstream_deu=1000-1.webvtt");
        Assert.Contains("Hallo", await response.Content.ReadAsStringAsync());
        Assert.Equal("l2", ServerTiming.Of(response).Index);
    }
}
