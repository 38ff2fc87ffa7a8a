using System.Text.Json;
using Origin.Serving.Tests.Support;
using Origin.Testing;
using static Origin.Serving.Tests.Subtitles.SubtitleTools;

namespace Origin.Serving.Tests.Subtitles;

/// <summary>
/// hls.js, Shaka and dash.js (DASH, and Smooth with its MSS add-on) in headless Chromium list both subtitle
/// languages, and at chosen times show the source's cue there, timed within 1 ms (tests/players/subtitles.mjs).
/// </summary>
[Collection(SampleOriginCollection.Name)]
public class SubtitlePlayerTests(SampleOriginFixture fixture)
{
    /// <summary>A time inside each of the sample's cues.</summary>
    static readonly Dictionary<string, double[]> Times = new()
    {
        ["demo.en.vtt"] = [1, 4, 6.5, 9, 13, 18],
        ["demo.fr.ttml"] = [2, 5, 7.5, 11, 17],
    };

    public sealed record TrackJob(string Lang, double[] Times);
    public sealed record Job(string Player, string Url, TrackJob[] Tracks);
    public sealed record Cue(double Time, double Start, double End, string Text);
    public sealed record FoundTrack(string Lang, Cue?[] Cues);
    public sealed record Result(string Player, string Url, bool Ok, string[] Listed, FoundTrack[] Tracks, string? Error);

    static Job JobFor(string player, string url, bool smooth = false) => new(player, url,
        [new(smooth ? "eng" : "en", Times["demo.en.vtt"]), new(smooth ? "fra" : "fr", Times["demo.fr.ttml"])]);

    [Fact]
    public async Task Players_show_the_source_cues_in_every_format()
    {
        var url = fixture.Server.Url("/vod/demo.ism");
        var jobs = new List<Job>
        {
            JobFor("hlsjs", url + "/.m3u8"),
            JobFor("shaka", url + "/.m3u8"),
            JobFor("shaka", url + "/.mpd"),
            JobFor("dashjs", url + "/.mpd"),
            JobFor("dashjs-mss", url + "/Manifest", smooth: true),
        };
        foreach (var result in await RunAsync(jobs))
        {
            Assert.True(result.Ok, $"{result.Player} {result.Url}: {result.Error}");
            Assert.Equal(jobs[0].Tracks.Length, result.Tracks.Length);
            for (int t = 0; t < result.Tracks.Length; t++)
            {
                var source = Source(t == 0 ? "demo.en.vtt" : "demo.fr.ttml");
                foreach (var cue in result.Tracks[t].Cues.Select((c, i) => (c, i)))
                {
                    double time = Times[t == 0 ? "demo.en.vtt" : "demo.fr.ttml"][cue.i];
                    var expected = source.Single(c => c.Start <= time && time < c.End);
                    var shown = cue.c ?? throw new Xunit.Sdk.XunitException($"{result.Player} {result.Url}: no {result.Tracks[t].Lang} cue at {time}s");
                    Assert.Equal(expected.Text, Plain(shown.Text));
                    // TTML samples carry each segment's part of a cue crossing a boundary (2 s here), which a player may keep apart.
                    Assert.True(Near(shown.Start, expected.Start) || (shown.Start > expected.Start && OnBoundary(shown.Start)), $"{result.Player}: start {shown.Start}, source {expected.Start}");
                    Assert.True(Near(shown.End, expected.End) || (shown.End < expected.End && OnBoundary(shown.End)), $"{result.Player}: end {shown.End}, source {expected.End}");
                }
            }
        }
    }

    /// <summary>
    /// Over MPEG-TS, hls.js and Shaka start their timeline at the first segment's earliest timestamp (the video's
    /// first decode time, a B-frame delay before its first picture), and put the cues where the X-TIMESTAMP-MAP
    /// says on that timeline: every cue moves by the same amount as the picture does.
    /// </summary>
    [Fact]
    public async Task Over_mpeg_ts_cues_keep_their_place_against_the_picture()
    {
        var url = fixture.Server.Url("/vod/demo.ism/.m3u8?hls_fmp4=false");
        // The lead of the first video picture over the first decode time, as ffprobe reads the first segment.
        var probe = await ExternalTool.RunAsync("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "packet=pts,dts", "-read_intervals", "%+#1", "-of", "csv=p=0",
            fixture.Server.Url("/vod/demo.ism/demo-audio=64000-video=150000-1.ts?hls_fmp4=false")], TimeSpan.FromMinutes(1));
        var first = probe.Output.Trim().Split('\n')[0].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToArray();
        double lead = (first[0] - first[1]) / 90_000.0;
        foreach (var result in await RunAsync([JobFor("hlsjs", url), JobFor("shaka", url)]))
        {
            Assert.True(result.Ok, $"{result.Player}: {result.Error}");
            var source = Source("demo.en.vtt");
            foreach (var cue in result.Tracks[0].Cues)
            {
                Assert.NotNull(cue);
                var expected = source.Single(c => Plain(cue.Text) == c.Text);
                Assert.True(Math.Abs(cue.Start - expected.Start - lead) < 0.002, $"{result.Player}: {cue.Start} for {expected.Start} + {lead}");
            }
        }
    }

    static bool Near(double a, double b) => Math.Abs(a - b) <= 0.001;
    static bool OnBoundary(double t) => Math.Abs(t / 2 - Math.Round(t / 2)) * 2 <= 0.001;

    static async Task<List<Result>> RunAsync(List<Job> jobs)
    {
        var players = Path.Combine(RepositoryFiles.Root, "tests", "players");
        var file = Path.Combine(Directory.CreateTempSubdirectory("subtitle-jobs").FullName, "jobs.json");
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(jobs, options));
        var run = await ExternalTool.RunAsync("node", ["subtitles.mjs", "--jobs", file], TimeSpan.FromMinutes(8), players);
        var results = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith('{'))
            .Select(l => JsonSerializer.Deserialize<Result>(l, options)!).ToList();
        Assert.True(results.Count == jobs.Count, $"harness printed {results.Count} results for {jobs.Count} jobs: {run.Error}");
        return results;
    }
}
