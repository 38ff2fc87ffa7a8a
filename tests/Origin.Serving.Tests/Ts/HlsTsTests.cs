using System.Net;
using Origin.Serving.Tests.Conformance;
using Origin.Serving.Tests.Protection;
using Origin.Serving.Tests.Support;
using Origin.Testing;

namespace Origin.Serving.Tests.Ts;

/// <summary>
/// HLS over MPEG-TS: chosen by the query (hls_fmp4=false), by the .ism (meta hls_fmp4) and by the mount
/// (HlsContainer: ts); muxed variants whose every segment ffmpeg decodes and whose segments join into one clean
/// stream; played by hls.js and Shaka.
/// </summary>
public sealed class HlsTsFixture : IAsyncLifetime
{
    public OriginServer Server { get; private set; } = null!;
    public string Folder { get; } = KeyedManifests.CopySamples("ts");

    public async Task InitializeAsync()
    {
        var demo = await File.ReadAllTextAsync(Path.Combine(Folder, "demo.ism"));
        await File.WriteAllTextAsync(Path.Combine(Folder, "demo-ts.ism"), KeyedManifests.WithHead(demo, """<meta name="hls_fmp4" content="false" />"""));
        await File.WriteAllTextAsync(Path.Combine(Folder, "demo-bad.ism"), KeyedManifests.WithHead(demo, """<meta name="hls_fmp4" content="no" />"""));
        // Without B-frames (12 s, 2 s GOPs), for the player hls.js starts cleanly on (see the player test).
        await GeneratedMedia.WithoutBFramesAsync(Path.Combine(Folder, "baseline.mp4"));
        Server = await OriginServer.StartAsync(new Dictionary<string, string> { ["vod"] = Folder, ["ts"] = Folder },
            new Dictionary<string, string?> { ["Origin:Mounts:ts:HlsContainer"] = "ts" });
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

public class HlsTsTests(HlsTsFixture fixture) : IClassFixture<HlsTsFixture>
{
    HttpClient Client => fixture.Server.Client;

    [Fact]
    public async Task The_query_the_ism_and_the_mount_choose_mpeg_ts_and_fmp4_stays_the_default()
    {
        var query = await Client.GetStringAsync("/vod/demo.ism/.m3u8?hls_fmp4=false");
        Assert.Contains("\ndemo-audio=64000-video=300000.m3u8?hls_fmp4=false\n", query);
        Assert.Contains("CODECS=\"avc1.", query);
        Assert.Contains(",mp4a.40.2\"", query);
        Assert.Contains("\ndemo-ts-audio=64000-video=150000.m3u8\n", await Client.GetStringAsync("/vod/demo-ts.ism/.m3u8"));
        Assert.Contains("\ndemo-audio=64000-video=500000.m3u8\n", await Client.GetStringAsync("/ts/demo.ism/.m3u8"));
        Assert.Contains("#EXT-X-MAP", await Client.GetStringAsync("/ts/demo.ism/demo-video=300000.m3u8?hls_fmp4=true"));
        Assert.DoesNotContain("audio=64000-video", await Client.GetStringAsync("/vod/demo.ism/.m3u8"));

        var media = await Client.GetStringAsync("/vod/demo.ism/demo-audio=64000-video=300000.m3u8?hls_fmp4=false");
        Assert.DoesNotContain("#EXT-X-MAP", media);
        Assert.Contains("\ndemo-audio=64000-video=300000-1.ts?hls_fmp4=false\n", media);

        using var segment = await Client.GetAsync("/vod/demo.ism/demo-audio=64000-video=300000-1.ts?hls_fmp4=false");
        Assert.Equal("video/mp2t", segment.Content.Headers.ContentType?.MediaType);
        var bytes = await segment.Content.ReadAsByteArrayAsync();
        Assert.Equal(segment.Content.Headers.ContentLength, bytes.Length);
        using var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/vod/demo.ism/demo-audio=64000-video=300000-1.ts?hls_fmp4=false"));
        Assert.Equal(bytes.Length, head.Content.Headers.ContentLength);

        // Warm, a muxed segment costs the reads of its two tracks' fMP4 segments (one each for the fragmented set, whose
        // tracks live in two files; a run of reads each for the progressive file), all of them in Server-Timing.
        foreach (var (asset, audio, video) in new[] { ("demo.ism", "audio=64000", "video=300000"), ("progressive.mp4", "audio=64287", "video=402263") })
        {
            var name = asset[..asset.IndexOf('.')];
            (await Client.GetAsync($"/vod/{asset}/.m3u8")).Dispose(); // the index, built once
            using var ts = await Client.GetAsync($"/vod/{asset}/{name}-{audio}-{video}-2.ts?hls_fmp4=false");
            using var videoSegment = await Client.GetAsync($"/vod/{asset}/{name}-{video}-2.m4s");
            using var audioSegment = await Client.GetAsync($"/vod/{asset}/{name}-{audio}-2.m4s");
            Assert.True(ServerTiming.Of(videoSegment).Reads + ServerTiming.Of(audioSegment).Reads == ServerTiming.Of(ts).Reads, $"{asset}: ts {ts.Headers.GetValues("Server-Timing").First()} video {videoSegment.Headers.GetValues("Server-Timing").First()} audio {audioSegment.Headers.GetValues("Server-Timing").First()}");
        }

        using var bad = await Client.GetAsync("/vod/demo.ism/.m3u8?hls_fmp4=maybe");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var badMeta = await Client.GetAsync("/vod/demo-bad.ism/.m3u8");
        Assert.Equal(HttpStatusCode.BadGateway, badMeta.StatusCode);
    }

    [Theory]
    [InlineData("/vod/demo.ism/.m3u8?hls_fmp4=false")]
    [InlineData("/vod/progressive.mp4/.m3u8?hls_fmp4=false")]
    public async Task Every_segment_of_every_variant_decodes_and_each_variant_joins_into_one_clean_stream(string master)
    {
        var variants = await SegmentLists.FromHlsAsync(Client, fixture.Server.Url(master));
        Assert.NotEmpty(variants);
        var folder = Directory.CreateTempSubdirectory("ts-decode").FullName;
        foreach (var (variant, v) in variants.Select((x, i) => (x, i)))
        {
            Assert.Equal("", variant.Init);
            var joined = new List<byte>();
            for (int s = 0; s < variant.Segments.Count; s++)
            {
                var bytes = await Client.GetByteArrayAsync(variant.Segments[s]);
                var path = Path.Combine(folder, $"{v}-{s}.ts");
                await File.WriteAllBytesAsync(path, bytes);
                var decode = await ExternalTool.RunAsync("ffmpeg", ["-v", "error", "-xerror", "-i", path, "-f", "null", "-"], TimeSpan.FromMinutes(1));
                Assert.True(decode.ExitCode == 0 && decode.Error.Length == 0, $"{variant.Segments[s]}: {decode.Error}");
                joined.AddRange(bytes);
            }
            // mux.js demuxes each segment without a warning; a muxed one starts its audio where its video starts.
            var players = Path.Combine(RepositoryFiles.Root, "tests", "players");
            var muxjs = await ExternalTool.RunAsync("node", [Path.Combine(players, "ts.mjs"), .. Enumerable.Range(0, variant.Segments.Count).Select(s => Path.Combine(folder, $"{v}-{s}.ts"))],
                TimeSpan.FromMinutes(2), players);
            Assert.True(muxjs.ExitCode == 0, muxjs.Error);
            foreach (var line in muxjs.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var report = System.Text.Json.JsonDocument.Parse(line).RootElement;
                Assert.True(report.GetProperty("output").GetInt64() > 0 && report.GetProperty("warnings").GetArrayLength() == 0, line);
                if (variant.IsVideo && report.GetProperty("audio").ValueKind == System.Text.Json.JsonValueKind.Number)
                    Assert.True(Math.Abs(report.GetProperty("video").GetDouble() - report.GetProperty("audio").GetDouble()) < 0.05, $"audio and video apart: {line}");
            }
            var all = Path.Combine(folder, $"{v}.ts");
            await File.WriteAllBytesAsync(all, [.. joined]);
            var debug = await ExternalTool.RunAsync("ffmpeg", ["-v", "debug", "-i", all, "-f", "null", "-"], TimeSpan.FromMinutes(1));
            Assert.Equal(0, debug.ExitCode);
            Assert.DoesNotContain("Continuity check failed", debug.Error);
        }
    }

    /// <summary>Each variant's BANDWIDTH covers its peak bit rate measured on the TS bytes it serves, without overstating it by much.</summary>
    [Theory]
    [InlineData("/vod/demo.ism/.m3u8?hls_fmp4=false")]
    [InlineData("/vod/progressive.mp4/.m3u8?hls_fmp4=false")]
    public async Task Bandwidth_covers_the_peak_measured_on_the_ts_bytes(string master)
    {
        var lines = (await Client.GetStringAsync(master)).Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("#EXT-X-STREAM-INF:BANDWIDTH=", StringComparison.Ordinal)) continue;
            long bandwidth = long.Parse(lines[i]["#EXT-X-STREAM-INF:BANDWIDTH=".Length..].Split(',')[0], System.Globalization.CultureInfo.InvariantCulture);
            var playlistUrl = new Uri(new Uri(fixture.Server.Url(master)), lines[i + 1]);
            var playlist = (await Client.GetStringAsync(playlistUrl)).Split('\n');
            double peak = 0;
            for (int j = 0; j < playlist.Length; j++)
            {
                if (!playlist[j].StartsWith("#EXTINF:", StringComparison.Ordinal)) continue;
                double seconds = double.Parse(playlist[j][8..].TrimEnd(','), System.Globalization.CultureInfo.InvariantCulture);
                var bytes = await Client.GetByteArrayAsync(new Uri(playlistUrl, playlist[j + 1]));
                peak = Math.Max(peak, bytes.Length * 8 / seconds);
            }
            Assert.True(bandwidth >= peak && bandwidth <= peak * 1.25, $"{lines[i + 1]}: BANDWIDTH {bandwidth}, measured peak {peak:F0}");
        }
    }

    /// <summary>
    /// Both players on a source without B-frames. An MPEG-TS whose first frame decodes before it is shown (B-frames:
    /// both bundled samples) starts a frame or two after zero, since players put the lowest DTS at zero: hls.js 1.7
    /// skips that hole every time and Shaka 5.2 now and then, which the check counts as a failure; ffmpeg's own
    /// MPEG-TS of the same sources does exactly the same in hls.js.
    /// </summary>
    [Fact]
    public async Task Hls_js_and_shaka_play_the_ts_variants()
    {
        var results = await PlayerTests.PlayAsync(
        [
            new("hlsjs", fixture.Server.Url("/vod/baseline.mp4/.m3u8?hls_fmp4=false")),
            new("shaka", fixture.Server.Url("/vod/baseline.mp4/.m3u8?hls_fmp4=false")),
        ]);
        Assert.All(results, r => Assert.True(r.Ok && r.CurrentTime >= 8, $"{r.Player} {r.Url}: {r.Error} at {r.CurrentTime}s"));
    }
}
