using Origin.Testing;
using System.Globalization;
using Origin.Serving.Tests.Support;

namespace Origin.Serving.Tests.Conformance;

/// <summary>
/// An independent decoder checks the output: every segment of every track decodes with ffmpeg -xerror (init +
/// segment), the whole track adds up to the source's duration, and ffmpeg reads the HLS and DASH URLs end to end.
/// </summary>
[Collection(SampleOriginCollection.Name)]
public class FfmpegDecodeTests(SampleOriginFixture fixture)
{
    static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(2);
    const double SourceSeconds = 20.0;

    public static TheoryData<string, string> Outputs() => new()
    {
        { "demo.ism", "hls" }, { "demo.ism", "dash" }, { "demo.ism", "smooth" },
        { "progressive.mp4", "hls" }, { "progressive.mp4", "dash" }, { "progressive.mp4", "smooth" },
    };

    [Theory]
    [MemberData(nameof(Outputs))]
    public async Task Every_segment_decodes_and_tracks_last_as_long_as_the_source(string asset, string format)
    {
        var server = fixture.Server;
        var name = asset[..asset.LastIndexOf('.')];
        var tracks = format switch
        {
            "hls" => await SegmentLists.FromHlsAsync(server.Client, server.Url($"/vod/{asset}/.m3u8")),
            "dash" => await SegmentLists.FromDashAsync(server.Client, server.Url($"/vod/{asset}/.mpd")),
            _ => await SegmentLists.FromSmoothAsync(server.Client, server.Url($"/vod/{asset}/Manifest"), name),
        };
        Assert.NotEmpty(tracks);
        var dir = Directory.CreateTempSubdirectory("decode").FullName;
        foreach (var track in tracks)
        {
            var init = await server.Client.GetByteArrayAsync(track.Init);
            var whole = new MemoryStream();
            whole.Write(init);
            var checks = new List<Task>();
            for (int i = 0; i < track.Segments.Count; i++)
            {
                var segment = await server.Client.GetByteArrayAsync(track.Segments[i]);
                var file = Path.Combine(dir, $"{track.Track}-{i}.mp4");
                await File.WriteAllBytesAsync(file, [.. init, .. segment]);
                checks.Add(DecodesCleanlyAsync(file, track.Segments[i]));
                whole.Write(segment);
                if (checks.Count >= 2) { await Task.WhenAll(checks); checks.Clear(); }
            }
            await Task.WhenAll(checks);

            var all = Path.Combine(dir, $"{track.Track}-all.mp4");
            await File.WriteAllBytesAsync(all, whole.ToArray());
            await DecodesCleanlyAsync(all, track.Track);
            if (track.KeyframesOnly)
            {
                // A trick-play track's segments hold one picture each.
                Assert.Equal(track.Segments.Count, await DecodedFramesAsync(all));
                continue;
            }
            var seconds = await DecodedSecondsAsync(all, track.IsVideo);
            // Within one video frame (1/24 s) or one AAC frame, plus the AAC priming the origin leaves in.
            Assert.InRange(seconds, SourceSeconds - 0.05, SourceSeconds + 0.05);
        }
    }

    [Theory]
    [InlineData("demo.ism/.m3u8")]
    [InlineData("demo.ism/.mpd")]
    [InlineData("progressive.mp4/.m3u8")]
    [InlineData("progressive.mp4/.mpd")]
    public async Task Ffmpeg_reads_the_stream_over_http_to_the_end(string path)
    {
        var url = fixture.Server.Url("/vod/" + path);
        var decode = await ExternalTool.RunAsync("ffmpeg", ["-v", "error", "-xerror", "-i", url, "-map", "0:v:0", "-map", "0:a:0", "-f", "null", "-"], ToolTimeout);
        Assert.True(decode.ExitCode == 0 && decode.Error.Trim().Length == 0, decode.Error);
        var frames = await ExternalTool.RunAsync("ffprobe", ["-v", "error", "-select_streams", "v:0", "-count_packets",
            "-show_entries", "stream=nb_read_packets", "-of", "csv=p=0", url], ToolTimeout);
        // 20 s at 24 fps: every frame arrived (ffprobe lists the stream once per program of a multivariant stream).
        Assert.All(frames.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), count => Assert.Equal("480", count.Trim()));
    }

    [Theory]
    [InlineData("demo.ism")]
    [InlineData("progressive.mp4")]
    public async Task Mpd_sar_is_the_sample_aspect_ratio_ffprobe_reads_from_each_source(string asset)
    {
        System.Xml.Linq.XNamespace ns = "urn:mpeg:dash:schema:mpd:2011";
        var mpd = System.Xml.Linq.XDocument.Parse(await fixture.Server.Client.GetStringAsync($"/vod/{asset}/.mpd"));
        // Trick-play representations (codingDependency="false") share their video's sar.
        var videos = mpd.Descendants(ns + "Representation").Where(r => r.Attribute("sar") is not null && r.Attribute("codingDependency") is null).ToList();
        Assert.Equal(asset == "demo.ism" ? 3 : 1, videos.Count);
        foreach (var representation in videos)
        {
            // demo.ism's renditions are demo-video-{kbit/s}k.ismv; the key says the bit rate.
            var bitrate = long.Parse(representation.Attribute("id")!.Value.Split('=')[1], CultureInfo.InvariantCulture);
            var source = RepositoryFiles.Sample(asset == "demo.ism" ? $"demo-video-{bitrate / 1000}k.ismv" : asset);
            var probe = await ExternalTool.RunAsync("ffprobe", ["-v", "error", "-select_streams", "v:0",
                "-show_entries", "stream=sample_aspect_ratio", "-of", "csv=p=0", source], ToolTimeout);
            Assert.Equal(probe.Output.Trim(), representation.Attribute("sar")!.Value);
        }
    }

    [Fact]
    public async Task The_priming_frame_a_smooth_muxer_puts_before_zero_is_left_out_and_the_audio_ends_with_the_video()
    {
        // ffmpeg's ismv muxer writes the AAC encoder's priming frame at tfxd -1024/48000 s; a tfdt cannot be
        // negative, and moving the frame to zero would make the audio late by its length (README: What goes in).
        // ffprobe reads the source from zero, ignoring tfxd: the served audio is the same frames less the first,
        // starting at zero and ending one frame earlier, at the source's own time for its last frame.
        const double frame = 1024 / 48000.0;
        var source = await PacketsAsync(RepositoryFiles.Sample("demo-audio-64k.isma"), "a:0");
        var audio = await PacketsAsync(fixture.Server.Url("/vod/demo.ism/.mpd"), "a:0");
        Assert.Equal(source.Count - 1, audio.Count);
        Assert.StartsWith("0.000000,", audio[0]);
        Assert.Equal(LastEnd(source) - frame, LastEnd(audio), 4);
        Assert.InRange(LastEnd(audio), SourceSeconds, SourceSeconds + frame);
    }

    /// <summary>One stream's packets as ffprobe reads them: "pts_time,duration_time" each.</summary>
    static async Task<List<string>> PacketsAsync(string input, string stream)
    {
        var probe = await ExternalTool.RunAsync("ffprobe", ["-v", "error", "-select_streams", stream,
            "-show_entries", "packet=pts_time,duration_time", "-of", "csv=p=0", input], ToolTimeout);
        Assert.True(probe.ExitCode == 0, probe.Error);
        return [.. probe.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    /// <summary>Where the stream ends: the latest pts + duration among packets whose timing the demuxer knows.</summary>
    static double LastEnd(List<string> packets)
    {
        return packets.Where(line => !line.Contains("N/A", StringComparison.Ordinal))
            .Max(line => line.Split(',').Sum(v => double.Parse(v, CultureInfo.InvariantCulture)));
    }

    static async Task DecodesCleanlyAsync(string file, string what)
    {
        var result = await ExternalTool.RunAsync("ffmpeg", ["-v", "error", "-xerror", "-i", file, "-f", "null", "-"], ToolTimeout);
        Assert.True(result.ExitCode == 0 && result.Error.Trim().Length == 0, $"{what}: {result.Error}");
    }

    /// <summary>Decoded duration: frames × frame duration for video (robust to B-frame start offsets), samples for audio.</summary>
    static async Task<int> DecodedFramesAsync(string file)
    {
        var probe = await ExternalTool.RunAsync("ffprobe", ["-v", "error", "-select_streams", "v:0", "-count_frames", "-show_entries", "stream=nb_read_frames",
            "-of", "csv=p=0", file], ToolTimeout);
        return int.Parse(probe.Output.Trim(), CultureInfo.InvariantCulture);
    }

    static async Task<double> DecodedSecondsAsync(string file, bool video)
    {
        var entries = video ? "stream=nb_read_frames,r_frame_rate" : "stream=duration_ts,time_base,sample_rate";
        var probe = await ExternalTool.RunAsync("ffprobe", ["-v", "error", "-count_frames", "-show_entries", entries, "-of", "default=nw=1", file], ToolTimeout);
        var values = probe.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=')).ToDictionary(p => p[0], p => p[1]);
        if (video)
        {
            var rate = values["r_frame_rate"].Split('/').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            return double.Parse(values["nb_read_frames"], CultureInfo.InvariantCulture) * rate[1] / rate[0];
        }
        var timeBase = values["time_base"].Split('/').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        return double.Parse(values["duration_ts"], CultureInfo.InvariantCulture) * timeBase[0] / timeBase[1];
    }
}
