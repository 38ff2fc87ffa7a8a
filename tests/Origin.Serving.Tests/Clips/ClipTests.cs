using System.Globalization;
using System.Net;
using Origin.Serving.Tests.Support;
using Origin.Testing;

namespace Origin.Serving.Tests.Clips;

/// <summary>
/// Clips (vbegin, vend) checked by ffprobe and ffmpeg on the HLS and DASH output: the duration they report is the
/// one the cutting rules give (from the sync sample or fragment at or before vbegin, to vend to the frame), within
/// one GOP of the requested length, and the clip decodes to its end without an error. The samples have 2 s GOPs and fragments.
/// </summary>
[Collection(SampleOriginCollection.Name)]
public class ClipTests(SampleOriginFixture fixture)
{
    const double Gop = 2.0, AssetSeconds = 20.0, Frame = 1 / 24.0;
    static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(2);

    public static TheoryData<string, string, string, double, double> Clips() => new()
    {
        // asset, query, format, requested length, length the rules give
        { "progressive.mp4", "?vbegin=5&vend=13", ".m3u8", 8, 9 },
        { "progressive.mp4", "?vbegin=5&vend=13", ".mpd", 8, 9 },
        { "progressive.mp4", "?vend=6.5", ".m3u8", 6.5, 6.5 },
        { "progressive.mp4", "?vbegin=00:00:15", ".mpd", 5, 6 },
        { "demo.ism", "?vbegin=5&vend=13", ".m3u8", 8, 9 },
        { "demo.ism", "?vbegin=00:00:10&vend=PT16S", ".mpd", 6, 6 },
        { "demo.ism", "?vend=3", ".m3u8", 3, 3 },
        { "demo.ism", "?vbegin=5&vend=13&hls_fmp4=false", ".m3u8", 8, 9 },
        { "demo.ism", "?vbegin=5&vend=13", ".mpd", 8, 9 },
    };

    [Theory]
    [MemberData(nameof(Clips))]
    public async Task A_clip_lasts_what_the_cutting_rules_give_and_decodes_to_its_end(string asset, string query, string format, double requested, double expected)
    {
        var url = fixture.Server.Url($"/vod/{asset}/{format}{query}");
        var probe = await ExternalTool.RunAsync("ffprobe", ["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", url], ToolTimeout);
        var duration = double.Parse(probe.Output.Trim().Split('\n')[0], CultureInfo.InvariantCulture);
        // The video ends to the frame; the longest track (DASH's duration) may run up to an AAC frame past it.
        Assert.InRange(duration, expected - Frame - 0.01, expected + 0.03);
        Assert.InRange(duration, requested - Gop, requested + Gop);
        // Every stream starts at 0 (B-frame delay aside), 1 s over MPEG-TS, whose timestamps start there.
        var starts = await ExternalTool.RunAsync("ffprobe", ["-v", "error", "-show_entries", "stream=start_time", "-of", "csv=p=0", url], ToolTimeout);
        Assert.All(starts.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries),
            start => Assert.InRange(double.Parse(start.Trim(), CultureInfo.InvariantCulture), 0, query.Contains("hls_fmp4=false") ? 1.1 : 0.1));

        var decode = await ExternalTool.RunAsync("ffmpeg", ["-v", "error", "-xerror", "-i", url, "-map", "0:v:0", "-map", "0:a:0", "-f", "null", "-"], ToolTimeout);
        Assert.True(decode.ExitCode == 0 && decode.Error.Trim().Length == 0, decode.Error);
        var frames = await ExternalTool.RunAsync("ffprobe", ["-v", "error", "-select_streams", "v:0", "-count_packets",
            "-show_entries", "stream=nb_read_packets", "-of", "csv=p=0", url], ToolTimeout);
        var count = int.Parse(frames.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0].Trim(), CultureInfo.InvariantCulture);
        Assert.InRange(count, (int)Math.Round((expected - Frame) * 24) - 1, (int)Math.Round(expected * 24));
    }

    [Fact]
    public async Task Every_track_of_a_clip_starts_at_zero()
    {
        var mpd = await fixture.Server.Client.GetStringAsync(fixture.Server.Url("/vod/demo.ism/.mpd?vbegin=5&vend=13"));
        Assert.Contains("mediaPresentationDuration=\"PT9", mpd);
        // Video, audio, both text tracks and trick play: their timelines start at 0 (audio a few ms either way is cut to 0).
        Assert.Equal(5, System.Text.RegularExpressions.Regex.Matches(mpd, "<S t=\"0\"").Count);
    }

    [Fact]
    public async Task Subtitles_of_a_clip_count_from_its_start()
    {
        // The clip starts at 4 s: cue 2 (3.000 to 5.250) is shown from the clip's start, cue 3 (6.000 to 7.500) at 2 s.
        var client = fixture.Server.Client;
        var first = await client.GetStringAsync(fixture.Server.Url("/vod/demo.ism/demo-textstream_eng=1000-1.vtt?vbegin=5&vend=13"));
        Assert.Contains("00:00:00.000 --> 00:00:01.250\nThis cue crosses", first);
        var second = await client.GetStringAsync(fixture.Server.Url("/vod/demo.ism/demo-textstream_eng=1000-2.vtt?vbegin=5&vend=13"));
        Assert.Contains("00:00:02.000 --> 00:00:03.500", second);
        Assert.DoesNotContain("The clock starts", first + second);
    }

    [Theory]
    [InlineData("?vbegin=25", HttpStatusCode.NotFound, "the clip lies outside the asset (20 s long)")]
    [InlineData("?vbegin=12&vend=11", HttpStatusCode.BadRequest, "option vend must come after vbegin")]
    [InlineData("?vbegin=later", HttpStatusCode.BadRequest, "option vbegin: expected seconds")]
    public async Task A_clip_outside_the_asset_or_malformed_is_refused_with_the_reason(string query, HttpStatusCode status, string reason)
    {
        foreach (var asset in new[] { "demo.ism", "progressive.mp4" })
        {
            var response = await fixture.Server.Client.GetAsync(fixture.Server.Url($"/vod/{asset}/.m3u8{query}"));
            Assert.Equal(status, response.StatusCode);
            Assert.Contains(reason, await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task A_clip_has_its_own_etag_and_its_segment_urls_carry_it()
    {
        var client = fixture.Server.Client;
        var whole = await client.GetAsync(fixture.Server.Url("/vod/progressive.mp4/.mpd"));
        var clip = await client.GetAsync(fixture.Server.Url("/vod/progressive.mp4/.mpd?vend=6.5"));
        Assert.NotEqual(whole.Headers.ETag, clip.Headers.ETag);
        Assert.Contains("media=\"dash/progressive-$RepresentationID$-$Time$.dash?vend=6.5\"", await clip.Content.ReadAsStringAsync());
    }
}
