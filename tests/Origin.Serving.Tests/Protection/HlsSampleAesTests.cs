using System.Net;
using Origin.Media.Boxes;
using Origin.Serving.Tests.Conformance;
using Origin.Serving.Tests.Support;

namespace Origin.Serving.Tests.Protection;

/// <summary>
/// HLS SAMPLE-AES in fMP4 (hls_playout sample_aes): 'cbcs' segments with an EXT-X-KEY per DRM system (FairPlay from
/// the hls group, Widevine, ClearKey), decrypted by ffmpeg and played by hls.js through ClearKey EME with the
/// fixture's license server.
/// </summary>
public class HlsSampleAesTests(HlsAesFixture fixture) : IClassFixture<HlsAesFixture>
{
    HttpClient Client => fixture.Server.Client;

    [Fact]
    public async Task Playlists_carry_a_sample_aes_key_per_system_in_its_keyformat()
    {
        var media = await Client.GetStringAsync("/vod/demo-sample-aes.ism/demo-sample-aes-video=300000.m3u8");
        var keys = media.Split('\n').Where(l => l.StartsWith("#EXT-X-KEY:", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, keys.Count);
        Assert.Equal("""#EXT-X-KEY:METHOD=SAMPLE-AES,URI="skd://keys.example/fairplay",KEYFORMAT="com.apple.streamingkeydelivery",KEYFORMATVERSIONS="1" """.TrimEnd(), keys[0]);
        Assert.Contains("""KEYFORMAT="urn:uuid:edef8ba9-79d6-4ace-a3c8-27dcd51d21ed",KEYFORMATVERSIONS="1" """.TrimEnd(), keys[1]);
        var widevine = Convert.FromBase64String(keys[1].Split("base64,")[1].Split('"')[0]);
        var pssh = (ProtectionSystemHeaderBox)BoxParser.ReadOne(widevine);
        Assert.Equal([0x12, 0x10, .. Convert.FromHexString(HlsAesFixture.KeyId)], pssh.Data);
        Assert.Equal($"""#EXT-X-KEY:METHOD=SAMPLE-AES,URI="data:text/plain;base64,{Convert.ToBase64String(Convert.FromHexString(HlsAesFixture.KeyId))}",KEYFORMAT="org.w3.clearkey",KEYFORMATVERSIONS="1" """.TrimEnd(), keys[2]);
        var master = await Client.GetStringAsync("/vod/demo-sample-aes.ism/.m3u8");
        Assert.Equal(3, master.Split('\n').Count(l => l.StartsWith("#EXT-X-SESSION-KEY:METHOD=SAMPLE-AES,", StringComparison.Ordinal)));
        Assert.DoesNotContain(HlsAesFixture.Key, media + master, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Ffmpeg_decrypts_every_segment_to_the_frames_of_the_clear_one()
    {
        var protectedTracks = await SegmentLists.FromHlsAsync(Client, fixture.Server.Url("/vod/demo-sample-aes.ism/.m3u8"));
        var clearTracks = await SegmentLists.FromHlsAsync(Client, fixture.Server.Url("/vod/demo.ism/.m3u8"));
        Assert.Equal(clearTracks.Count, protectedTracks.Count);
        var folder = Directory.CreateTempSubdirectory("hls-cbcs").FullName;
        for (int t = 0; t < protectedTracks.Count; t++)
        {
            var init = await Client.GetByteArrayAsync(protectedTracks[t].Init);
            Assert.Equal(BoxTypes.Cbcs, CencDashTests.Encryption(init).Scheme);
            for (int s = 0; s < protectedTracks[t].Segments.Count; s++)
            {
                var file = Path.Combine(folder, $"{t}-{s}.mp4");
                var clearFile = Path.Combine(folder, $"{t}-{s}-clear.mp4");
                await File.WriteAllBytesAsync(file, [.. init, .. await Client.GetByteArrayAsync(protectedTracks[t].Segments[s])]);
                await File.WriteAllBytesAsync(clearFile, [.. await Client.GetByteArrayAsync(clearTracks[t].Init), .. await Client.GetByteArrayAsync(clearTracks[t].Segments[s])]);
                var frames = await CencDashTests.FrameCrcsAsync(clearFile, null);
                Assert.NotEmpty(frames);
                Assert.Equal(frames, await CencDashTests.FrameCrcsAsync(file, HlsAesFixture.Key));
            }
        }
    }

    [Fact]
    public async Task Hls_js_plays_through_clearkey_eme_and_fails_with_a_wrong_key()
    {
        var url = fixture.Server.Url("/vod/demo-sample-aes.ism/.m3u8");
        var results = await PlayerTests.PlayAsync(
        [
            new("hlsjs", url, LicenseUrl: fixture.KeyServer + "clearkey/key"),
            new("hlsjs", url, LicenseUrl: fixture.KeyServer + "clearkey/wrong"),
        ]);
        Assert.True(results[0].Ok && results[0].CurrentTime >= 8, $"{results[0].Url}: {results[0].Error} at {results[0].CurrentTime}s");
        Assert.True(!results[1].Ok || results[1].CurrentTime < 8, $"a wrong key played to {results[1].CurrentTime}s");
    }

    [Fact]
    public async Task Sample_aes_without_a_key_is_a_502_with_a_reason()
    {
        using var response = await Client.GetAsync("/vod/demo-sample-aes-nokey.ism/.m3u8");
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("hls_playout sample_aes needs a paramGroup with a key", await response.Content.ReadAsStringAsync());
    }
}
