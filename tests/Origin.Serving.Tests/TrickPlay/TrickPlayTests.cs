using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Origin.Serving.Tests.Support;
using Origin.Testing;

namespace Origin.Serving.Tests.TrickPlay;

/// <summary>
/// Trick play: an HLS I-frame playlist and a DASH trick-mode set for every video track. ffprobe decodes each I-frame
/// segment (behind its init segment) as one key picture, and the playlist covers the video from start to end.
/// </summary>
[Collection(SampleOriginCollection.Name)]
public partial class TrickPlayTests(SampleOriginFixture fixture)
{
    static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(1);

    [Theory]
    [InlineData("demo.ism", "", 3, 20.0)]
    [InlineData("progressive.mp4", "", 1, 20.0)]
    // A clip's I-frames: 4 s (the GOP holding 5 s) to 13 s.
    [InlineData("progressive.mp4", "?vbegin=5&vend=13", 1, 9.0)]
    [InlineData("demo.ism", "?vbegin=5&vend=13", 3, 9.0)]
    public async Task Every_video_has_an_iframe_playlist_whose_segments_are_one_key_picture_each(string asset, string query, int videos, double seconds)
    {
        var client = fixture.Server.Client;
        var master = await client.GetStringAsync(fixture.Server.Url($"/vod/{asset}/.m3u8{query}"));
        var playlists = IFrameUri().Matches(master).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(videos, playlists.Count);
        Assert.Equal(videos, Regex.Matches(master, "#EXT-X-STREAM-INF").Count);

        // Every picture of one playlist; the first segment of the others (they are cut alike).
        for (int p = 0; p < playlists.Count; p++)
        {
            var playlistUrl = fixture.Server.Url($"/vod/{asset}/{playlists[p]}");
            var playlist = await client.GetStringAsync(playlistUrl);
            Assert.Contains("#EXT-X-I-FRAMES-ONLY\n", playlist);
            var init = await client.GetByteArrayAsync(fixture.Server.Url($"/vod/{asset}/{MapUri().Match(playlist).Groups[1].Value}"));
            var segments = SegmentLine().Matches(playlist).Select(m => m.Groups[1].Value).ToList();
            double total = Extinf().Matches(playlist).Sum(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
            Assert.InRange(total, seconds - 0.05, seconds + 0.05);
            foreach (var segment in p == 0 ? segments : segments.Take(1))
            {
                var bytes = await client.GetByteArrayAsync(fixture.Server.Url($"/vod/{asset}/{segment}"));
                var frames = await FramesAsync([.. init, .. bytes]);
                Assert.True(frames is ["1,I"], $"{segment}: {string.Join(" | ", frames)}");
            }
        }
    }

    [Theory]
    [InlineData("demo.ism")]
    [InlineData("progressive.mp4")]
    public async Task The_mpd_has_a_trick_mode_set_naming_the_video_set(string asset)
    {
        var mpd = XDocument.Parse(await fixture.Server.Client.GetStringAsync(fixture.Server.Url($"/vod/{asset}/.mpd")));
        XNamespace ns = "urn:mpeg:dash:schema:mpd:2011";
        var sets = mpd.Descendants(ns + "AdaptationSet").ToList();
        var trick = Assert.Single(sets, s => s.Elements(ns + "EssentialProperty").Any(e => (string?)e.Attribute("schemeIdUri") == "http://dashif.org/guidelines/trickmode"));
        var main = Assert.Single(sets, s => (string?)s.Attribute("contentType") == "video" && s != trick);
        Assert.Equal((string?)main.Attribute("id"), (string?)trick.Element(ns + "EssentialProperty")!.Attribute("value"));
        Assert.Equal(main.Elements(ns + "Representation").Count(), trick.Elements(ns + "Representation").Count());
        Assert.All(trick.Elements(ns + "Representation"), r => Assert.Equal("false", (string?)r.Attribute("codingDependency")));

        // The first trick segment, addressed by time as DASH players address it, is one key picture.
        var id = (string)trick.Elements(ns + "Representation").First().Attribute("id")!;
        var name = asset[..asset.LastIndexOf('.')];
        var init = await fixture.Server.Client.GetByteArrayAsync(fixture.Server.Url($"/vod/{asset}/dash/{name}-{id}.dash"));
        var first = await fixture.Server.Client.GetByteArrayAsync(fixture.Server.Url($"/vod/{asset}/dash/{name}-{id}-0.dash"));
        Assert.Equal(["1,I"], await FramesAsync([.. init, .. first]));
    }

    [Theory]
    [InlineData("/vod/demo.ism/demo-video_iframe=150000-1.ts")]
    [InlineData("/vod/demo.ism/demo-video_iframe=150000.m3u8?hls_fmp4=false")]
    [InlineData("/vod/demo.ism/QualityLevels(150000)/Fragments(video_iframe=0)")]
    [InlineData("/vod/demo.ism/demo-audio=64000-video_iframe=150000.m3u8")]
    public async Task Trick_play_tracks_are_not_offered_over_mpeg_ts_or_smooth(string path)
    {
        var response = await fixture.Server.Client.GetAsync(fixture.Server.Url(path));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var master = await fixture.Server.Client.GetStringAsync(fixture.Server.Url("/vod/demo.ism/.m3u8?hls_fmp4=false"));
        Assert.DoesNotContain("I-FRAME", master);
    }

    /// <summary>ffprobe's frames of an init segment and a media segment: "1,I" per decoded key picture.</summary>
    static async Task<string[]> FramesAsync(byte[] mp4)
    {
        var file = Path.Combine(Path.GetTempPath(), $"iframe-{Guid.NewGuid():N}.mp4");
        await File.WriteAllBytesAsync(file, mp4);
        try
        {
            var probe = await ExternalTool.RunAsync("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "frame=key_frame,pict_type",
                "-of", "csv=p=0", file], ToolTimeout);
            Assert.True(probe.ExitCode == 0 && probe.Error.Trim().Length == 0, probe.Error);
            return probe.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(f => f.TrimEnd(',')).ToArray();
        }
        finally
        {
            File.Delete(file);
        }
    }

    [GeneratedRegex("#EXT-X-I-FRAME-STREAM-INF:[^\\n]*URI=\"([^\"]+)\"")]
    private static partial Regex IFrameUri();

    [GeneratedRegex("#EXT-X-MAP:URI=\"([^\"]+)\"")]
    private static partial Regex MapUri();

    [GeneratedRegex("^([^#\\n][^\\n]*\\.m4s[^\\n]*)$", RegexOptions.Multiline)]
    private static partial Regex SegmentLine();

    [GeneratedRegex("#EXTINF:([0-9.]+),")]
    private static partial Regex Extinf();
}
