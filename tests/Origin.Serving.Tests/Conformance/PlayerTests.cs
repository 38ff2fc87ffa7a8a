using System.Text.Json;
using Origin.Media.Index;
using Origin.Media.Tests.Support;
using Origin.Testing;
using Origin.Serving.Tests.Support;

namespace Origin.Serving.Tests.Conformance;

/// <summary>
/// Real players in headless Chromium (tests/players): hls.js, Shaka and dash.js (with its MSS add-on for Smooth)
/// each play every sample asset past 8 seconds with no player error, against the origin on loopback.
/// </summary>
[Collection(SampleOriginCollection.Name)]
public class PlayerTests(SampleOriginFixture fixture)
{
    static readonly TimeSpan HarnessTimeout = TimeSpan.FromMinutes(8);

    /// <summary>A playback job; <paramref name="ClearKeys"/> (key id hex → key hex) plays an encrypted stream through W3C ClearKey.</summary>
    /// <summary><paramref name="ToEnd"/> plays until the video ends (at <paramref name="Rate"/> times real time).</summary>
    public sealed record Job(string Player, string Url, IReadOnlyDictionary<string, string>? ClearKeys = null, string? LicenseUrl = null,
        bool ToEnd = false, double? Rate = null, double? Trick = null);
    public sealed record JobResult(string Player, string Url, bool Ok, double CurrentTime, string? Error, double? Duration = null, bool Ended = false,
        int? TrickTracks = null, int TrickSegments = 0);

    [Fact]
    public async Task Every_player_plays_every_sample_asset()
    {
        var jobs = new List<Job>();
        foreach (var asset in new[] { "demo.ism", "progressive.mp4" })
        {
            var baseUrl = fixture.Server.Url($"/vod/{asset}");
            jobs.Add(new("hlsjs", baseUrl + "/.m3u8"));
            jobs.Add(new("shaka", baseUrl + "/.mpd"));
            jobs.Add(new("shaka", baseUrl + "/.m3u8"));
            jobs.Add(new("dashjs", baseUrl + "/.mpd"));
            jobs.Add(new("dashjs-mss", baseUrl + "/Manifest"));
        }
        // A view: the options travel with every URL the players follow (a track left out would be a 404 and fail).
        jobs.Add(new("hlsjs", fixture.Server.Url("/vod/demo.ism/.m3u8?max_bitrate=300000")));
        jobs.Add(new("shaka", fixture.Server.Url("/vod/demo.ism/.mpd?min_bitrate=300000")));
        // A filter, as the golden manifests have it.
        jobs.Add(new("hlsjs", fixture.Server.Url("/vod/demo.ism/.m3u8" + GoldenManifestTests.Filter)));
        jobs.Add(new("shaka", fixture.Server.Url("/vod/demo.ism/.mpd" + GoldenManifestTests.Filter)));
        jobs.Add(new("dashjs-mss", fixture.Server.Url("/vod/demo.ism/Manifest" + GoldenManifestTests.Filter)));
        var results = await PlayAsync(jobs);
        Assert.Equal(jobs.Count, results.Count);
        Assert.All(results, r => Assert.True(r.Ok && r.CurrentTime >= 8, $"{r.Player} {r.Url}: {r.Error} at {r.CurrentTime}s"));
    }

    [Fact]
    public async Task Players_play_a_clip_to_its_end_and_show_its_length()
    {
        // 4 s (the GOP holding 5 s) to 13 s, to the frame, of the progressive file and of the fragmented set.
        var clips = new (string Path, double Seconds)[] { ("/vod/progressive.mp4/", 9), ("/vod/demo.ism/", 9) };
        var jobs = new List<Job>();
        foreach (var (path, _) in clips)
        {
            jobs.Add(new("hlsjs", fixture.Server.Url(path + ".m3u8?vbegin=5&vend=13"), ToEnd: true, Rate: 2));
            jobs.Add(new("shaka", fixture.Server.Url(path + ".mpd?vbegin=5&vend=13"), ToEnd: true, Rate: 2));
        }
        // Smooth's players count the clip from 0 too; Smooth clips end with whole fragments (4 s to 14 s).
        jobs.Add(new("dashjs-mss", fixture.Server.Url("/vod/demo.ism/Manifest?vbegin=5&vend=13"), ToEnd: true, Rate: 2));
        var results = await PlayAsync(jobs);
        for (int i = 0; i < jobs.Count; i++)
        {
            var (r, seconds) = (results[i], i < 2 * clips.Length ? clips[i / 2].Seconds : 10);
            Assert.True(r.Ok && r.Ended, $"{r.Player} {r.Url}: {r.Error} at {r.CurrentTime}s");
            Assert.InRange(r.Duration ?? 0, seconds - 0.1, seconds + 0.1);
            Assert.InRange(r.CurrentTime, seconds - 0.3, seconds + 0.1);
        }
    }

    [Fact]
    public async Task Shaka_lists_a_trick_play_track_for_every_video_and_fast_forwards_on_it()
    {
        // DASH trick-mode sets and HLS I-frame playlists, whole and clipped: Shaka pairs each video with its trick
        // track, and trickPlay(4) plays on from the trick track's segments with no error.
        var jobs = new List<Job>();
        foreach (var query in new[] { "", "?vbegin=5&vend=13" })
            foreach (var asset in new[] { "demo.ism", "progressive.mp4" })
                foreach (var manifest in new[] { ".mpd", ".m3u8" })
                    jobs.Add(new("shaka", fixture.Server.Url($"/vod/{asset}/{manifest}{query}"), Trick: 4));
        var results = await PlayAsync(jobs);
        Assert.Equal(jobs.Count, results.Count);
        Assert.All(results, r =>
        {
            Assert.True(r.Ok && r.CurrentTime >= 8, $"{r.Player} {r.Url}: {r.Error} at {r.CurrentTime}s");
            Assert.Equal(r.Url.Contains("demo.ism") ? 3 : 1, r.TrickTracks);
            Assert.True(r.TrickSegments > 0, $"{r.Url}: no trick-play segment was fetched");
        });
    }

    [Fact]
    public async Task A_broken_segment_fails_the_player_check()
    {
        // A copy of the demo set with the second fragment's sample bytes zeroed in every video rendition: the
        // origin serves it faithfully (it cannot know), and the players must notice.
        var dir = Directory.CreateTempSubdirectory("broken").FullName;
        foreach (var file in Directory.GetFiles(RepositoryFiles.Samples, "demo*"))
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        foreach (var file in Directory.GetFiles(dir, "*.ismv"))
        {
            var source = await RepositoryFiles.OpenAsync(dir, Path.GetFileName(file));
            var fragments = (await MediaIndexReader.ReadAsync(source, default)).Tracks[0].Fragments!;
            var bytes = await File.ReadAllBytesAsync(file);
            long start = fragments.Offsets[1], end = start + fragments.Lengths[1];
            Array.Clear(bytes, (int)(start + (end - start) / 8), (int)((end - start) * 7 / 8));
            await File.WriteAllBytesAsync(file, bytes);
        }
        await using var broken = await OriginServer.StartAsync(new Dictionary<string, string> { ["vod"] = dir });

        var results = await PlayAsync([new("hlsjs", broken.Url("/vod/demo.ism/.m3u8")), new("dashjs", broken.Url("/vod/demo.ism/.mpd"))]);
        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.False(r.Ok, $"{r.Player} played a broken stream to {r.CurrentTime}s"));
        // It must be the media that failed, not the harness or the origin (an HTTP error or a timeout).
        Assert.All(results, r => Assert.DoesNotMatch("(?i)http [45]\\d\\d|timed out|timeout|failed request", r.Error ?? ""));
        Assert.All(results, r => Assert.True(r.CurrentTime < 8, $"{r.Player} got to {r.CurrentTime}s"));
    }

    internal static async Task<List<JobResult>> PlayAsync(List<Job> jobs)
    {
        var players = Path.Combine(RepositoryFiles.Root, "tests", "players");
        Assert.True(Directory.Exists(Path.Combine(players, "node_modules")), "player packages are not installed: run .ci/setup.sh");
        var jobsFile = Path.Combine(Directory.CreateTempSubdirectory("jobs").FullName, "jobs.json");
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        await File.WriteAllTextAsync(jobsFile, JsonSerializer.Serialize(jobs, options));
        var run = await ExternalTool.RunAsync("node", ["play.mjs", "--jobs", jobsFile], HarnessTimeout, players);
        var results = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.StartsWith('{'))
            .Select(l => JsonSerializer.Deserialize<JobResult>(l, options)!)
            .ToList();
        Assert.True(results.Count == jobs.Count, $"harness printed {results.Count} results for {jobs.Count} jobs: {run.Error}");
        return results;
    }
}
