using System.Net;
using Origin.Serving.Tests.Support;
using Origin.Testing;

namespace Origin.Serving.Tests.Http;

/// <summary>Options from the query and the server manifest, as players and CDNs meet them.</summary>
[Collection(SampleOriginCollection.Name)]
public class RequestOptionsHttpTests(SampleOriginFixture fixture)
{
    HttpClient Client => fixture.Server.Client;

    [Fact]
    public async Task Bit_rate_bounds_choose_the_video_every_format_lists()
    {
        const string query = "?max_bitrate=400000&min_bitrate=200000";
        var hls = await Client.GetStringAsync("/vod/demo.ism/.m3u8" + query);
        Assert.Contains("demo-video=300000.m3u8" + query, hls);
        Assert.DoesNotContain("video=150000", hls);
        Assert.DoesNotContain("video=500000", hls);
        Assert.Contains("demo-audio=64000.m3u8" + query, hls); // audio is not bounded

        var dash = await Client.GetStringAsync("/vod/demo.ism/.mpd" + query);
        Assert.Contains("id=\"video=300000\"", dash);
        Assert.DoesNotContain("video=500000", dash);
        var smooth = await Client.GetStringAsync("/vod/demo.ism/Manifest" + query);
        Assert.Contains("Bitrate=\"300000\"", smooth);
        Assert.DoesNotContain("Bitrate=\"150000\"", smooth);
    }

    [Fact]
    public async Task A_stored_mount_carries_the_options_but_not_the_rest_of_the_query()
    {
        var hls = await Client.GetStringAsync("/vod/demo.ism/.m3u8?token=secret&max_bitrate=300000");
        Assert.Contains("demo-video=300000.m3u8?max_bitrate=300000", hls);
        Assert.DoesNotContain("token", hls);
    }

    [Fact]
    public async Task Each_view_has_its_own_etag_and_a_track_it_leaves_out_is_not_served_under_it()
    {
        using var clear = await Client.GetAsync("/vod/demo.ism/demo-video=300000.m3u8");
        using var viewed = await Client.GetAsync("/vod/demo.ism/demo-video=300000.m3u8?max_bitrate=300000");
        using var tokened = await Client.GetAsync("/vod/demo.ism/demo-video=300000.m3u8?max_bitrate=300000&token=t1");
        Assert.NotEqual(clear.Headers.ETag, viewed.Headers.ETag);
        Assert.Equal(viewed.Headers.ETag, tokened.Headers.ETag); // what the mount does not carry changes nothing

        using var left = await Client.GetAsync("/vod/demo.ism/demo-video=500000-1.m4s?max_bitrate=300000");
        Assert.Equal(HttpStatusCode.NotFound, left.StatusCode);
    }

    [Theory]
    [InlineData("/vod/demo.ism/.mpd?max_bitrate=abc", HttpStatusCode.BadRequest, "option max_bitrate: expected a bit rate in bits per second")]
    [InlineData("/vod/demo.ism/.mpd?max_bitrate=100000", HttpStatusCode.NotFound, "no video track lies within min_bitrate and max_bitrate")]
    [InlineData("/vod/demo.ism/.mpd?min_bitrate=600000", HttpStatusCode.NotFound, "no video track lies within min_bitrate and max_bitrate")]
    public async Task Options_that_cannot_be_met_are_refused_with_a_reason(string path, HttpStatusCode status, string reason)
    {
        using var response = await Client.GetAsync(path);
        Assert.Equal(status, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_server_manifest_cap_holds_whatever_the_url_asks()
    {
        var folder = Directory.CreateTempSubdirectory("capped").FullName;
        foreach (var file in Directory.GetFiles(RepositoryFiles.Samples)) File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        var ism = File.ReadAllText(Path.Combine(folder, "demo.ism"));
        File.WriteAllText(Path.Combine(folder, "demo.ism"), ism.Replace("<head>", "<head>\n    <meta name=\"max_bitrate\" content=\"300000\" />"));
        await using var server = await OriginServer.StartAsync(new Dictionary<string, string> { ["vod"] = folder });

        var capped = await server.Client.GetStringAsync("/vod/demo.ism/.m3u8");
        Assert.Contains("demo-video=300000.m3u8", capped);
        Assert.DoesNotContain("video=500000", capped);
        var asked = await server.Client.GetStringAsync("/vod/demo.ism/.m3u8?max_bitrate=900000");
        Assert.DoesNotContain("video=500000", asked);
    }
}
