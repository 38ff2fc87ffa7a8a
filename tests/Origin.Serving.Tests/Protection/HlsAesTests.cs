using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Origin.Serving.Tests.Conformance;
using Origin.Serving.Tests.Support;
using Origin.Testing;

namespace Origin.Serving.Tests.Protection;

/// <summary>
/// HLS AES-128 from Unified's markup: an hls paramGroup with the key (<c>:CEK</c>) and the key server's URL in
/// license_server_url. A key server on loopback hands out the key (and, at another path, a wrong one), as a
/// publisher's would; its requests are counted.
/// </summary>
public sealed class HlsAesFixture : IAsyncLifetime
{
    public const string Key = "3a2a1b68dd2bd9b2eeb25e84c4776668";
    public const string Iv = "00112233445566778899aabbccddeeff";
    public const string KeyId = "0123456789abcdef0123456789abcdef";
    WebApplication _keys = null!;
    int _keyRequests;

    public OriginServer Server { get; private set; } = null!;
    public LogCapture Logs { get; } = new();
    public Uri KeyServer { get; private set; } = null!;
    public int KeyRequests => Volatile.Read(ref _keyRequests);

    public async Task InitializeAsync()
    {
        _keys = LoopbackApp.CreateBuilder().Build();
        _keys.MapGet("/{which}", (HttpContext context, string which) =>
        {
            Interlocked.Increment(ref _keyRequests);
            context.Response.Headers.AccessControlAllowOrigin = "*";
            return Results.Bytes(Convert.FromHexString(which == "key" ? Key : "00112233445566778899aabbccddeeff"), "application/octet-stream");
        });
        // A W3C ClearKey license server: the EME request lists key ids, the answer is a JWK set with their keys.
        _keys.MapMethods("/clearkey/{which}", ["OPTIONS"], (HttpContext context) =>
        {
            context.Response.Headers.AccessControlAllowOrigin = "*";
            context.Response.Headers.AccessControlAllowHeaders = "*";
            context.Response.Headers.AccessControlAllowMethods = "POST";
            return Results.NoContent();
        });
        _keys.MapPost("/clearkey/{which}", async (HttpContext context, string which) =>
        {
            Interlocked.Increment(ref _keyRequests);
            context.Response.Headers.AccessControlAllowOrigin = "*";
            var request = await System.Text.Json.JsonDocument.ParseAsync(context.Request.Body);
            var key = Base64Url(Convert.FromHexString(which == "key" ? Key : "00112233445566778899aabbccddeeff"));
            var keys = request.RootElement.GetProperty("kids").EnumerateArray().Select(kid => new { kty = "oct", kid = kid.GetString(), k = key });
            return Results.Json(new { keys, type = "temporary" });
        });
        KeyServer = await LoopbackApp.StartAsync(_keys);

        var folder = KeyedManifests.CopySamples("hls-aes");
        var demo = await File.ReadAllTextAsync(Path.Combine(folder, "demo.ism"));
        string Group(string path, string extra = "") =>
            $"""<paramGroup id="hls"><meta name="key" content=":{Key}" /><meta name="license_server_url" content="{KeyServer}{path}" />{extra}</paramGroup>""";
        await File.WriteAllTextAsync(Path.Combine(folder, "demo-aes.ism"), KeyedManifests.WithHead(demo, Group("key")));
        await File.WriteAllTextAsync(Path.Combine(folder, "demo-aes-iv.ism"), KeyedManifests.WithHead(demo, """<meta name="hls_playout" content="aes" />""" + Group("key", $"""<meta name="key_iv" content="0x{Iv}" />""")));
        await File.WriteAllTextAsync(Path.Combine(folder, "demo-aes-wrong.ism"), KeyedManifests.WithHead(demo, Group("wrong")));
        await File.WriteAllTextAsync(Path.Combine(folder, "demo-aes-lead.ism"), KeyedManifests.WithHead(demo, """<meta name="drm_clear_lead" content="4" />""" + Group("key")));
        var drm = $"""<paramGroup id="clearkey"><meta name="key" content="{KeyId}:{Key}" /></paramGroup><paramGroup id="widevine"><meta name="key" content="{KeyId}:{Key}" /></paramGroup>""";
        await File.WriteAllTextAsync(Path.Combine(folder, "demo-sample-aes.ism"), KeyedManifests.WithHead(demo,
            $"""<meta name="hls_playout" content="sample_aes" /><paramGroup id="hls"><meta name="key" content=":{Key}" /><meta name="license_server_url" content="skd://keys.example/fairplay" /></paramGroup>{drm}"""));
        // SAMPLE-AES over MPEG-TS: the hls group's http(s) URL hands out the key itself; the DASH systems alone give TS none.
        var identity = $"""<meta name="hls_playout" content="sample_aes" />{Group("key")}""";
        await File.WriteAllTextAsync(Path.Combine(folder, "demo-sample-aes-ts.ism"), KeyedManifests.WithHead(demo, identity));
        await File.WriteAllTextAsync(Path.Combine(folder, "demo-sample-aes-eme.ism"), KeyedManifests.WithHead(demo, """<meta name="hls_playout" content="sample_aes" />""" + drm));
        await File.WriteAllTextAsync(Path.Combine(folder, "demo-sample-aes-nokey.ism"), KeyedManifests.WithHead(demo, """<meta name="hls_playout" content="sample_aes" />"""));
        await File.WriteAllTextAsync(Path.Combine(folder, "demo-aes-nourl.ism"), KeyedManifests.WithHead(demo, $"""<paramGroup id="hls"><meta name="key" content=":{Key}" /></paramGroup>"""));
        await File.WriteAllTextAsync(Path.Combine(folder, "demo-aes-mismatch.ism"), KeyedManifests.WithHead(demo,
            Group("key") + """<paramGroup id="clearkey"><meta name="key" content="0123456789abcdef0123456789abcdef:ffffffffffffffffffffffffffffffff" /></paramGroup>"""));
        await File.WriteAllTextAsync(Path.Combine(folder, "progressive-aes.ism"), KeyedManifests.WithHead(KeyedManifests.Progressive, Group("key")));
        await File.WriteAllTextAsync(Path.Combine(folder, "progressive-clear.ism"),
            (await File.ReadAllTextAsync(Path.Combine(folder, "progressive-aes.ism"))).Replace(Group("key"), ""));
        // Without B-frames, which hls.js starts MPEG-TS of cleanly (see HlsTsTests).
        await GeneratedMedia.WithoutBFramesAsync(Path.Combine(folder, "baseline.mp4"));
        await File.WriteAllTextAsync(Path.Combine(folder, "baseline-clear.ism"), KeyedManifests.Progressive.Replace("progressive.mp4", "baseline.mp4"));
        await File.WriteAllTextAsync(Path.Combine(folder, "baseline-sample-aes.ism"), KeyedManifests.WithHead(KeyedManifests.Progressive.Replace("progressive.mp4", "baseline.mp4"), identity));
        await File.WriteAllTextAsync(Path.Combine(folder, "baseline-aes.ism"), KeyedManifests.WithHead(KeyedManifests.Progressive.Replace("progressive.mp4", "baseline.mp4"), Group("key")));
        Server = await OriginServer.StartAsync(new Dictionary<string, string> { ["vod"] = folder }, logs: Logs);
    }

    static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await _keys.DisposeAsync();
    }
}

public class HlsAesTests(HlsAesFixture fixture) : IClassFixture<HlsAesFixture>
{
    HttpClient Client => fixture.Server.Client;

    [Fact]
    public async Task Playlists_name_the_key_server_after_the_map_and_in_a_session_key_and_never_the_key()
    {
        var master = await Client.GetStringAsync("/vod/demo-aes.ism/.m3u8");
        Assert.Contains($"#EXT-X-SESSION-KEY:METHOD=AES-128,URI=\"{fixture.KeyServer}key\"\n", master);
        var media = await Client.GetStringAsync("/vod/demo-aes.ism/demo-aes-video=300000.m3u8");
        var lines = media.Split('\n');
        int map = Array.FindIndex(lines, l => l.StartsWith("#EXT-X-MAP:", StringComparison.Ordinal));
        Assert.Equal($"#EXT-X-KEY:METHOD=AES-128,URI=\"{fixture.KeyServer}key\"", lines[map + 1]);
        var withIv = await Client.GetStringAsync("/vod/demo-aes-iv.ism/demo-aes-iv-video=300000.m3u8");
        Assert.Contains($"#EXT-X-KEY:METHOD=AES-128,URI=\"{fixture.KeyServer}key\",IV=0x{HlsAesFixture.Iv}\n", withIv);
        foreach (var text in new[] { master, media, withIv }) Assert.DoesNotContain(HlsAesFixture.Key, text, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// openssl decrypts every segment of every track to the clear segment, with the IV RFC 8216 implies (the media
    /// sequence number) or the one key_iv gives; init segments stay clear; Content-Length, HEAD included, is exact.
    /// </summary>
    [Theory]
    [InlineData("demo-aes.ism", "demo.ism", null)]
    [InlineData("demo-aes-iv.ism", "demo.ism", HlsAesFixture.Iv)]
    [InlineData("progressive-aes.ism", "progressive-clear.ism", null)]
    public async Task Openssl_decrypts_every_segment_to_the_clear_one(string encrypted, string clear, string? iv)
    {
        var protectedTracks = await SegmentLists.FromHlsAsync(Client, fixture.Server.Url($"/vod/{encrypted}/.m3u8"));
        var clearTracks = await SegmentLists.FromHlsAsync(Client, fixture.Server.Url($"/vod/{clear}/.m3u8"));
        Assert.Equal(clearTracks.Count, protectedTracks.Count);
        var folder = Directory.CreateTempSubdirectory("hls-aes").FullName;
        for (int t = 0; t < protectedTracks.Count; t++)
        {
            Assert.Equal(await Client.GetByteArrayAsync(clearTracks[t].Init), await Client.GetByteArrayAsync(protectedTracks[t].Init));
            for (int s = 0; s < protectedTracks[t].Segments.Count; s++)
            {
                using var response = await Client.GetAsync(protectedTracks[t].Segments[s]);
                var body = await response.Content.ReadAsByteArrayAsync();
                Assert.Equal(body.Length, response.Content.Headers.ContentLength);
                using var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, protectedTracks[t].Segments[s]));
                Assert.Equal(body.Length, head.Content.Headers.ContentLength);
                var input = Path.Combine(folder, $"{t}-{s}.enc");
                await File.WriteAllBytesAsync(input, body);
                var sequenceIv = (s + 1).ToString("x32");
                var decrypt = await ExternalTool.RunAsync("openssl",
                    ["aes-128-cbc", "-d", "-K", HlsAesFixture.Key, "-iv", iv ?? sequenceIv, "-in", input, "-out", input + ".mp4"], TimeSpan.FromMinutes(1));
                Assert.True(decrypt.ExitCode == 0, decrypt.Error);
                Assert.Equal(await Client.GetByteArrayAsync(clearTracks[t].Segments[s]), await File.ReadAllBytesAsync(input + ".mp4"));
            }
        }
    }

    [Fact]
    public async Task Hls_js_plays_with_the_key_from_the_key_server_and_fails_with_a_wrong_one()
    {
        int before = fixture.KeyRequests;
        var results = await PlayerTests.PlayAsync(
        [
            new("hlsjs", fixture.Server.Url("/vod/demo-aes.ism/.m3u8")),
            new("hlsjs", fixture.Server.Url("/vod/progressive-aes.ism/.m3u8")),
            new("hlsjs", fixture.Server.Url("/vod/demo-aes-lead.ism/.m3u8")),
            new("hlsjs", fixture.Server.Url("/vod/demo-aes-wrong.ism/.m3u8")),
        ]);
        Assert.All(results.Take(3), r => Assert.True(r.Ok && r.CurrentTime >= 8, $"{r.Player} {r.Url}: {r.Error} at {r.CurrentTime}s"));
        Assert.True(!results[3].Ok || results[3].CurrentTime < 8, $"a wrong key played to {results[3].CurrentTime}s");
        Assert.True(fixture.KeyRequests > before, "the players never asked the key server");
    }

    [Fact]
    public async Task A_clear_lead_puts_the_key_after_the_clear_segments_which_are_served_as_they_are()
    {
        var playlist = await Client.GetStringAsync("/vod/demo-aes-lead.ism/demo-aes-lead-video=300000.m3u8");
        var lines = playlist.Split('\n');
        int key = Array.FindIndex(lines, l => l.StartsWith("#EXT-X-KEY:METHOD=AES-128", StringComparison.Ordinal));
        int clear = lines.Take(key).Count(l => l.EndsWith(".m4s", StringComparison.Ordinal));
        Assert.True(clear is 2 or 3, $"{clear} segments before the key for a 4 s lead:\n{playlist}");
        Assert.Single(lines, l => l.StartsWith("#EXT-X-KEY", StringComparison.Ordinal));
        for (int n = 1; n <= clear + 1; n++)
        {
            var served = await Client.GetByteArrayAsync($"/vod/demo-aes-lead.ism/demo-aes-lead-video=300000-{n}.m4s");
            var plain = await Client.GetByteArrayAsync($"/vod/demo.ism/demo-video=300000-{n}.m4s");
            if (n <= clear)
            {
                Assert.Equal(plain, served);
                continue;
            }
            using var aes = System.Security.Cryptography.Aes.Create();
            aes.Key = Convert.FromHexString(HlsAesFixture.Key);
            var iv = new byte[16];
            iv[15] = (byte)n; // the media sequence number, as RFC 8216 implies
            Assert.Equal(plain, aes.DecryptCbc(served, iv));
        }
    }

    [Fact]
    public async Task Mpeg_ts_segments_are_encrypted_whole_and_hls_js_plays_them_with_the_key_server()
    {
        var media = await Client.GetStringAsync("/vod/demo-aes.ism/demo-aes-audio=64000-video=300000.m3u8?hls_fmp4=false");
        Assert.Contains("#EXT-X-KEY:METHOD=AES-128,URI=\"" + fixture.KeyServer + "key\"", media);
        var encrypted = await Client.GetByteArrayAsync("/vod/demo-aes.ism/demo-aes-audio=64000-video=300000-2.ts?hls_fmp4=false");
        var clear = await Client.GetByteArrayAsync("/vod/demo.ism/demo-audio=64000-video=300000-2.ts?hls_fmp4=false");
        var folder = Directory.CreateTempSubdirectory("ts-aes").FullName;
        await File.WriteAllBytesAsync(Path.Combine(folder, "2.ts.enc"), encrypted);
        var decrypt = await ExternalTool.RunAsync("openssl", ["aes-128-cbc", "-d", "-K", HlsAesFixture.Key, "-iv", "00000000000000000000000000000002",
            "-in", Path.Combine(folder, "2.ts.enc"), "-out", Path.Combine(folder, "2.ts")], TimeSpan.FromMinutes(1));
        Assert.True(decrypt.ExitCode == 0, decrypt.Error);
        Assert.Equal(clear, await File.ReadAllBytesAsync(Path.Combine(folder, "2.ts")));

        var results = await PlayerTests.PlayAsync([new("hlsjs", fixture.Server.Url("/vod/baseline-aes.ism/.m3u8?hls_fmp4=false"))]);
        Assert.All(results, r => Assert.True(r.Ok && r.CurrentTime >= 8, $"{r.Player} {r.Url}: {r.Error} at {r.CurrentTime}s"));
    }

    [Theory]
    [InlineData("/vod/demo-aes-nourl.ism/.m3u8", "paramGroup hls has no license_server_url, where players fetch the key")]
    [InlineData("/vod/demo-aes-mismatch.ism/.m3u8", "paramGroups hls and clearkey give different keys")]
    public async Task Markup_that_cannot_be_served_is_a_502_with_a_reason(string path, string reason)
    {
        using var response = await Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(reason, body);
        Assert.DoesNotContain(HlsAesFixture.Key, body, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/vod/demo-aes.ism/.mpd")]
    [InlineData("/vod/demo-aes.ism/dash/demo-aes-video=300000.dash")]
    [InlineData("/vod/demo-aes.ism/Manifest")]
    public async Task An_hls_key_alone_does_not_serve_the_other_formats_clear(string path)
    {
        using var response = await Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_key_never_reaches_a_log_line()
    {
        foreach (var track in await SegmentLists.FromHlsAsync(Client, fixture.Server.Url("/vod/demo-aes.ism/.m3u8")))
            (await Client.GetAsync(track.Segments[0])).Dispose();
        (await Client.GetAsync("/vod/demo-aes-mismatch.ism/.m3u8")).Dispose();
        Assert.NotEmpty(fixture.Logs.Lines);
        Assert.All(fixture.Logs.Lines, line => Assert.DoesNotContain(HlsAesFixture.Key, line, StringComparison.OrdinalIgnoreCase));
    }
}
