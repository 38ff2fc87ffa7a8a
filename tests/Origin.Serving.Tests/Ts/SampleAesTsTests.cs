using System.Net;
using Origin.Serving.Tests.Conformance;
using Origin.Serving.Tests.Protection;
using Origin.Serving.Tests.Support;
using Origin.Testing;

namespace Origin.Serving.Tests.Ts;

/// <summary>
/// HLS SAMPLE-AES over MPEG-TS (Apple's MPEG-2 stream encryption): slices and AAC frames encrypted inside the TS,
/// the PMT naming the encrypted stream types, one EXT-X-KEY with the IV. ffmpeg, which decrypts such streams
/// itself, fetches the key from the fixture's key server and gets back the clear stream's bytes; hls.js plays it
/// in Chromium.
/// </summary>
public class SampleAesTsTests(HlsAesFixture fixture) : IClassFixture<HlsAesFixture>
{
    const string Variant = "audio=64000-video=300000";
    HttpClient Client => fixture.Server.Client;

    [Fact]
    public async Task Playlists_carry_one_key_with_its_iv_and_fairplay_keeps_its_keyformat()
    {
        var media = await Client.GetStringAsync($"/vod/demo-sample-aes-ts.ism/demo-sample-aes-ts-{Variant}.m3u8?hls_fmp4=false");
        var key = Assert.Single(media.Split('\n'), l => l.StartsWith("#EXT-X-KEY:", StringComparison.Ordinal));
        Assert.Matches($"^#EXT-X-KEY:METHOD=SAMPLE-AES,URI=\"{fixture.KeyServer}key\",IV=0x[0-9a-f]{{32}}$", key);
        var master = await Client.GetStringAsync("/vod/demo-sample-aes-ts.ism/.m3u8?hls_fmp4=false");
        Assert.Contains(key.Replace("#EXT-X-KEY:", "#EXT-X-SESSION-KEY:"), master);

        var fairplay = await Client.GetStringAsync($"/vod/demo-sample-aes.ism/demo-sample-aes-{Variant}.m3u8?hls_fmp4=false");
        var keys = fairplay.Split('\n').Where(l => l.StartsWith("#EXT-X-KEY:", StringComparison.Ordinal)).ToList();
        Assert.Matches("^#EXT-X-KEY:METHOD=SAMPLE-AES,URI=\"skd://keys.example/fairplay\",IV=0x[0-9a-f]{32},KEYFORMAT=\"com.apple.streamingkeydelivery\",KEYFORMATVERSIONS=\"1\"$",
            Assert.Single(keys));
        Assert.DoesNotContain(HlsAesFixture.Key, media + master + fairplay, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Segments_name_the_encrypted_stream_types_and_differ_from_the_clear_ones()
    {
        var encrypted = await Client.GetByteArrayAsync($"/vod/demo-sample-aes-ts.ism/demo-sample-aes-ts-{Variant}-2.ts?hls_fmp4=false");
        var clear = await Client.GetByteArrayAsync($"/vod/demo.ism/demo-{Variant}-2.ts?hls_fmp4=false");
        Assert.Equal([0xdb, 0xcf], PmtStreamTypes(encrypted));
        Assert.Equal([0x1b, 0x0f], PmtStreamTypes(clear));
        Assert.NotEqual(clear, encrypted);
        Assert.Equal(0, encrypted.Length % 188);
    }

    /// <summary>The stream_type of each PMT entry (the PMT is the second packet, its section after a zero pointer).</summary>
    static List<byte> PmtStreamTypes(byte[] ts)
    {
        var section = ts.AsSpan(188 + 4 + 1);
        int length = (section[1] & 0x0f) << 8 | section[2];
        int programInfo = (section[10] & 0x0f) << 8 | section[11];
        var types = new List<byte>();
        for (int at = 12 + programInfo; at < 3 + length - 4; at += 5 + ((section[at + 3] & 0x0f) << 8 | section[at + 4])) types.Add(section[at]);
        return types;
    }

    /// <summary>
    /// ffmpeg's hls demuxer decrypts SAMPLE-AES itself: copied out without decoding, the encrypted variant gives the
    /// clear variant's AAC frames and H.264 access units byte for byte. All but the last two access units: ffmpeg's
    /// parser hands those over at the end of the stream, once the demuxer has left the last segment and no longer
    /// decrypts, so they stay encrypted in any stream (its limit; hls.js plays them, below).
    /// </summary>
    [Theory]
    [InlineData("demo-sample-aes-ts.ism", "demo.ism")]
    [InlineData("baseline-sample-aes.ism", "baseline-clear.ism")]
    public async Task Ffmpeg_decrypts_the_variant_to_the_bytes_of_the_clear_one(string encrypted, string clear)
    {
        var folder = Directory.CreateTempSubdirectory("sample-aes-ts").FullName;
        int before = fixture.KeyRequests;
        var (video, audio) = await ElementaryStreamsAsync(await VariantUrlAsync(encrypted), Path.Combine(folder, "encrypted"));
        Assert.True(fixture.KeyRequests > before, "ffmpeg never fetched the key");
        var (clearVideo, clearAudio) = await ElementaryStreamsAsync(await VariantUrlAsync(clear), Path.Combine(folder, "clear"));
        Assert.True(clearAudio.Length > 10_000, $"{clear}: {clearAudio.Length} bytes of audio");
        Assert.Equal(clearAudio, audio);
        var units = AccessUnits(video);
        var clearUnits = AccessUnits(clearVideo);
        Assert.True(clearUnits.Count > 100, $"{clear}: {clearUnits.Count} access units");
        Assert.Equal(clearUnits.Count, units.Count);
        for (int i = 0; i < units.Count - 2; i++) Assert.True(clearUnits[i].SequenceEqual(units[i]), $"access unit {i} differs from the clear one");
    }

    /// <summary>The first variant the asset's TS multivariant playlist lists.</summary>
    async Task<string> VariantUrlAsync(string asset)
    {
        var master = await Client.GetStringAsync($"/vod/{asset}/.m3u8?hls_fmp4=false");
        return fixture.Server.Url($"/vod/{asset}/{master.Split('\n').First(l => l.Length > 0 && !l.StartsWith('#'))}").ToString();
    }

    static async Task<(byte[] Video, byte[] Audio)> ElementaryStreamsAsync(string playlist, string stem)
    {
        var copy = await ExternalTool.RunAsync("ffmpeg", ["-v", "error", "-y", "-i", playlist,
            "-map", "0:v", "-c", "copy", "-f", "h264", stem + ".h264", "-map", "0:a", "-c", "copy", "-f", "adts", stem + ".aac"], TimeSpan.FromMinutes(2));
        Assert.True(copy.ExitCode == 0, $"{playlist}: {copy.Error}");
        return (await File.ReadAllBytesAsync(stem + ".h264"), await File.ReadAllBytesAsync(stem + ".aac"));
    }

    /// <summary>An Annex B stream cut before each access unit delimiter, which this origin's TS puts first in every access unit.</summary>
    static List<byte[]> AccessUnits(byte[] stream)
    {
        var units = new List<byte[]>();
        ReadOnlySpan<byte> delimiter = [0, 0, 0, 1, 0x09];
        int start = 0;
        while (start < stream.Length)
        {
            int next = stream.AsSpan(start + 1).IndexOf(delimiter);
            int end = next < 0 ? stream.Length : start + 1 + next;
            units.Add(stream[start..end]);
            start = end;
        }
        return units;
    }

    [Fact]
    public async Task Hls_js_plays_it_with_the_key_from_the_key_server()
    {
        var results = await PlayerTests.PlayAsync([new("hlsjs", fixture.Server.Url("/vod/baseline-sample-aes.ism/.m3u8?hls_fmp4=false"))]);
        Assert.All(results, r => Assert.True(r.Ok && r.CurrentTime >= 8, $"{r.Player} {r.Url}: {r.Error} at {r.CurrentTime}s"));
    }

    [Theory]
    [InlineData("/vod/demo-sample-aes-eme.ism/.m3u8?hls_fmp4=false", "SAMPLE-AES over MPEG-TS needs the key from the license_server_url of an hls or fairplay paramGroup")]
    [InlineData("/vod/demo-sample-aes-eme.ism/demo-sample-aes-eme-audio=64000-video=300000-1.ts", "SAMPLE-AES over MPEG-TS needs the key")]
    public async Task Without_a_key_for_ts_it_is_a_404_with_a_reason(string path, string reason)
    {
        using var response = await Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync());
        // fMP4 serves the same asset.
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/vod/demo-sample-aes-eme.ism/.m3u8")).StatusCode);
    }
}
