using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Origin.Serving.Tests.Support;
using Origin.Testing;

namespace Origin.Serving.Tests.Http;

/// <summary>
/// Filters against the sample tracks (demo.ism: video 150k 426x240, 300k 640x360, 500k 854x480, audio 64k "eng";
/// progressive.mp4: one video 640x360 and one audio): which tracks each format lists, that the URLs they reference
/// carry the filter and are served, and what is refused.
/// </summary>
[Collection(SampleOriginCollection.Name)]
public partial class TrackFilterHttpTests(SampleOriginFixture fixture)
{
    HttpClient Client => fixture.Server.Client;

    public static TheoryData<string, string, string[]> Filters() => new()
    {
        { "demo.ism", "type==\"video\"||type==\"audio\"", ["audio=64000", "video=150000", "video=300000", "video=500000"] },
        { "demo.ism", "MaxHeight<=360", ["audio=64000", "textstream_eng=1000", "textstream_fra=1000", "video=150000", "video=300000"] }, // text has no picture: 0
        { "demo.ism", "type!=\"video\"||MaxHeight>360", ["audio=64000", "textstream_eng=1000", "textstream_fra=1000", "video=500000"] },
        { "demo.ism", "(type==\"audio\"&&systemBitrate<100000)||(type!=\"audio\"&&systemBitrate>=300000)", ["audio=64000", "video=300000", "video=500000"] },
        { "demo.ism", "type==\"video\"&&systemBitrate==150000||type==\"audio\"", ["audio=64000", "video=150000"] },
        { "demo.ism", "!(MaxWidth>640)", ["audio=64000", "textstream_eng=1000", "textstream_fra=1000", "video=150000", "video=300000"] },
        { "demo.ism", "FourCC==\"H264\"||systemLanguage==\"eng\"", ["audio=64000", "textstream_eng=1000", "video=150000", "video=300000", "video=500000"] },
        { "demo.ism", "type==\"video\"||(type==\"textstream\"&&systemLanguage==\"fra\")", ["textstream_fra=1000", "video=150000", "video=300000", "video=500000"] },
        { "demo.ism", "FourCC==\"avc1\"", ["video=150000", "video=300000", "video=500000"] }, // video only: plays, no audio
        { "demo.ism", "trackName==\"video\"&&MaxWidth>=640", ["video=300000", "video=500000"] },
        { "progressive.mp4", "type==\"video\"||FourCC==\"AACL\"", ["audio=64287", "video=402263"] },
        { "progressive.mp4", "type==\"video\"", ["video=402263"] },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task A_filter_chooses_the_tracks_every_format_lists(string asset, string filter, string[] tracks)
    {
        var query = "?filter=" + Uri.EscapeDataString(filter);
        var root = $"/vod/{asset}/";
        // Every video track chosen brings its trick-play track (DASH and HLS), and no other.
        var keyframes = tracks.Where(t => t.StartsWith("video=", StringComparison.Ordinal)).Select(t => t.Replace("video=", "video_iframe=")).ToArray();
        var dash = XDocument.Parse(await Client.GetStringAsync(root + ".mpd" + query));
        Assert.Equal(tracks.Concat(keyframes).Order(), dash.Descendants().Where(e => e.Name.LocalName == "Representation").Select(e => e.Attribute("id")!.Value).Order());

        var smooth = XDocument.Parse(await Client.GetStringAsync(root + "Manifest" + query));
        Assert.Equal(tracks, smooth.Descendants("QualityLevel")
            .Select(q => $"{q.Parent!.Attribute("Name")!.Value}={q.Attribute("Bitrate")!.Value}").Order());

        var hls = await Client.GetStringAsync(root + ".m3u8" + query);
        var listed = PlaylistTrack().Matches(hls).Select(m => m.Groups[1].Value).Distinct().Order();
        Assert.Equal(tracks.Concat(keyframes).Order(), listed);
        // Every playlist, init and first segment URL carries the filter and is served under it.
        var playlists = hls.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Concat(Regex.Matches(hls, "URI=\"([^\"]+)\"").Select(m => m.Groups[1].Value)).ToList();
        Assert.NotEmpty(playlists);
        foreach (var playlistUrl in playlists)
        {
            Assert.Contains("filter=", playlistUrl);
            var playlist = await Client.GetStringAsync(root + playlistUrl);
            var map = Regex.Match(playlist, "#EXT-X-MAP:URI=\"([^\"]+)\"").Groups[1].Value;
            var segment = playlist.Split('\n').First(l => l.Length > 0 && !l.StartsWith('#'));
            // Subtitle playlists have no EXT-X-MAP.
            foreach (var url in new[] { map, segment }.Where(u => u.Length > 0))
            {
                Assert.Contains("filter=", url);
                using var response = await Client.GetAsync(root + url);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }
    }

    [Fact]
    public async Task A_track_the_filter_leaves_out_is_not_served_under_it_and_each_filter_has_its_own_etag()
    {
        var small = "?filter=" + Uri.EscapeDataString("MaxHeight<=360");
        using var left = await Client.GetAsync("/vod/demo.ism/demo-video=500000-1.m4s" + small);
        Assert.Equal(HttpStatusCode.NotFound, left.StatusCode);
        using var a = await Client.GetAsync("/vod/demo.ism/.mpd" + small);
        using var again = await Client.GetAsync("/vod/demo.ism/.mpd" + small);
        using var other = await Client.GetAsync("/vod/demo.ism/.mpd?filter=" + Uri.EscapeDataString("MaxHeight<=480"));
        Assert.Equal(a.Headers.ETag, again.Headers.ETag);
        Assert.NotEqual(a.Headers.ETag, other.Headers.ETag);
    }

    [Theory]
    [InlineData("type==\"audio\"", HttpStatusCode.NotFound, "the options leave no video track")]
    [InlineData("type==\"textstream\"", HttpStatusCode.NotFound, "the options leave no video track")]
    [InlineData("MaxHeight>2160", HttpStatusCode.NotFound, "the options leave no track")]
    [InlineData("MaxHeight>>1", HttpStatusCode.BadRequest, "option filter: expected a value but found '>' at position 11")]
    [InlineData("type==\"video\"&&(", HttpStatusCode.BadRequest, "option filter: expected an attribute at position 17")]
    public async Task A_filter_that_leaves_nothing_or_does_not_parse_is_refused_with_a_reason(string filter, HttpStatusCode status, string reason)
    {
        using var response = await Client.GetAsync("/vod/demo.ism/.m3u8?filter=" + Uri.EscapeDataString(filter));
        Assert.Equal(status, response.StatusCode);
        using var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(reason, problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_server_manifest_filter_holds_whatever_the_url_asks()
    {
        var folder = Directory.CreateTempSubdirectory("filtered").FullName;
        foreach (var file in Directory.GetFiles(RepositoryFiles.Samples)) File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        var ism = File.ReadAllText(Path.Combine(folder, "demo.ism"));
        File.WriteAllText(Path.Combine(folder, "demo.ism"), ism.Replace("<head>", "<head>\n    <meta name=\"filter\" content=\"MaxHeight&lt;=360\" />"));
        await using var server = await OriginServer.StartAsync(new Dictionary<string, string> { ["vod"] = folder });

        var capped = await server.Client.GetStringAsync("/vod/demo.ism/.mpd");
        Assert.Contains("id=\"video=300000\"", capped);
        Assert.DoesNotContain("video=500000", capped);
        var asked = await server.Client.GetStringAsync("/vod/demo.ism/.mpd?filter=" + Uri.EscapeDataString("MaxHeight>240"));
        Assert.Contains("id=\"video=300000\"", asked);
        Assert.DoesNotContain("video=150000", asked);
        Assert.DoesNotContain("video=500000", asked);
    }

    [GeneratedRegex(@"-((?:audio|video|textstream)\w*=\d+)\.m3u8")]
    private static partial Regex PlaylistTrack();
}
