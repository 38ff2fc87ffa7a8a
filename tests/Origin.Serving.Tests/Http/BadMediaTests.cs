using System.Text.Json;
using Origin.Media.Tests.Support;
using Origin.Testing;
using Origin.Serving.Tests.Support;

namespace Origin.Serving.Tests.Http;

/// <summary>Broken uploads get a 502 naming the problem; the origin keeps serving everything else.</summary>
public class BadMediaTests
{
    [Theory]
    [InlineData("garbage.mp4", "/media/garbage.mp4/.m3u8", "not an MP4")]
    [InlineData("truncated.mp4", "/media/truncated.mp4/.mpd", "invalid media")]
    [InlineData("bad.ism", "/media/bad.ism/.m3u8", "invalid server manifest")]
    [InlineData("missing-source.ism", "/media/missing-source.ism/.mpd", "source nothing.ismv not found")]
    [InlineData("escaping.ism", "/media/escaping.ism/.mpd", "outside the mount")]
    public async Task Bad_assets_give_502_with_a_reason(string file, string path, string reason)
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        var progressive = await File.ReadAllBytesAsync(RepositoryFiles.Sample("progressive.mp4"));
        await File.WriteAllTextAsync(Path.Combine(dir, "garbage.mp4"), "GIF89a not a movie at all");
        await File.WriteAllBytesAsync(Path.Combine(dir, "truncated.mp4"), progressive[..(progressive.Length / 2)]);
        await File.WriteAllTextAsync(Path.Combine(dir, "bad.ism"), "<smil><body><switch>");
        await File.WriteAllTextAsync(Path.Combine(dir, "missing-source.ism"), """<smil><body><switch><video src="nothing.ismv"/></switch></body></smil>""");
        await File.WriteAllTextAsync(Path.Combine(dir, "escaping.ism"), """<smil><body><switch><video src="../../etc/passwd"/></switch></body></smil>""");

        await using var server = await OriginServer.StartAsync(new Dictionary<string, string> { ["media"] = dir, ["vod"] = RepositoryFiles.Samples });
        using var response = await server.Client.GetAsync(path);
        Assert.Equal(502, (int)response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(reason, problem.RootElement.GetProperty("detail").GetString());
        Assert.DoesNotContain(file == "garbage.mp4" ? "System." : "\n", problem.RootElement.GetProperty("detail").GetString());

        using var healthy = await server.Client.GetAsync("/vod/demo.ism/.m3u8");
        Assert.True(healthy.IsSuccessStatusCode);
    }

    [Fact]
    public async Task Playout_switches_turn_formats_off()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        File.Copy(RepositoryFiles.Sample("progressive.mp4"), Path.Combine(dir, "p.mp4"));
        await File.WriteAllTextAsync(Path.Combine(dir, "nohls.ism"), """
            <smil><head><meta name="hls_playout" content="false"/></head>
            <body><switch><video src="p.mp4"/><audio src="p.mp4"/></switch></body></smil>
            """);
        await using var server = await OriginServer.StartAsync(new Dictionary<string, string> { ["media"] = dir });
        using var hls = await server.Client.GetAsync("/media/nohls.ism/.m3u8");
        using var dash = await server.Client.GetAsync("/media/nohls.ism/.mpd");
        Assert.Equal(404, (int)hls.StatusCode);
        Assert.Equal(200, (int)dash.StatusCode);
    }
}
