using System.Net;
using System.Security.Cryptography;
using System.Text;
using Origin.Serving.Tests.Conformance;
using Origin.Serving.Tests.Support;
using Origin.Testing;

namespace Origin.Serving.Tests.Protection;

/// <summary>
/// Keys from CPIX documents (meta <c>cpix</c>): one stored beside the .ism, one fetched from a key service on
/// loopback (a static web server standing in for SPEKE or a DRM vendor), and broken ones of every kind. The vod mount
/// may reach the key service (AllowedHosts, private addresses); the strict mount over the same folder may not.
/// </summary>
public sealed class CpixFixture : IAsyncLifetime
{
    public const string KeyId = "0123456789abcdef0123456789abcdef", Key = "3a2a1b68dd2bd9b2eeb25e84c4776668";
    public const string KeyIdB = "fedcba9876543210fedcba9876543210", KeyB = "8c5a6f3e2d1b0a99887766554433aa21";
    public const string Iv = "00112233445566778899aabbccddeeff";
    public static readonly byte[] WidevineData = [0x12, 0x10, .. Convert.FromHexString(KeyId)];

    public OriginServer Server { get; private set; } = null!;
    public StaticWebServer KeyService { get; private set; } = null!;
    public LogCapture Logs { get; } = new();
    public string Folder { get; } = KeyedManifests.CopySamples("cpix");

    public static string DashDocument(string keyId, string key) => CpixText.Document(keyId, key, "cenc", null,
        CpixText.System(keyId, CpixText.Widevine, [0x12, 0x10, .. Convert.FromHexString(keyId)]), CpixText.System(keyId, CpixText.ClearKey));

    public Task WriteAsync(string name, string text) => File.WriteAllTextAsync(Path.Combine(Folder, name), text);

    public async Task InitializeAsync()
    {
        KeyService = await StaticWebServer.StartAsync(ignoreRange: false);
        await KeyService.PutAsync("keys/demo.xml", Encoding.UTF8.GetBytes(DashDocument(KeyId, Key)));
        await KeyService.PutAsync("keys/rotating.xml", Encoding.UTF8.GetBytes(DashDocument(KeyId, Key)));
        await KeyService.PutAsync("keys/broken.xml", "<cpix:CPIX xmlns:cpix=\"urn:dashif:org:cpix\">"u8.ToArray());

        var demo = await File.ReadAllTextAsync(Path.Combine(Folder, "demo.ism"));
        async Task Asset(string name, string cpix) => await WriteAsync(name, KeyedManifests.WithHead(demo, $"""<meta name="cpix" content="{cpix}" />"""));
        await WriteAsync("demo.cpix.xml", DashDocument(KeyId, Key));
        await Asset("demo-cpix.ism", "demo.cpix.xml");
        await WriteAsync("rotate.cpix.xml", DashDocument(KeyId, Key));
        await Asset("demo-rotate.ism", "rotate.cpix.xml");
        await WriteAsync("hls.cpix.xml", CpixText.Document(KeyId, Key, null, Iv, CpixText.System(KeyId, CpixText.Aes128, uriExtXKey: "https://keys.example.com/hls/k?token=abc")));
        await Asset("demo-cpix-aes.ism", "hls.cpix.xml");
        await WriteAsync("fairplay.cpix.xml", CpixText.Document(KeyId, Key, null, null,
            CpixText.System(KeyId, CpixText.FairPlay, uriExtXKey: "skd://keys.example.com/demo"), CpixText.System(KeyId, CpixText.Widevine, WidevineData)));
        await Asset("demo-cpix-fairplay.ism", "fairplay.cpix.xml");
        await Asset("demo-cpix-remote.ism", KeyService.BaseUri + "keys/demo.xml");
        await Asset("demo-cpix-rotating.ism", KeyService.BaseUri + "keys/rotating.xml");

        // Broken: each answers 502 (or 504) with a reason.
        await WriteAsync("encrypted.cpix.xml", DashDocument(KeyId, Key).Replace("<pskc:PlainValue>", "<pskc:EncryptedValue>").Replace("</pskc:PlainValue>", "</pskc:EncryptedValue>"));
        await Asset("bad-encrypted.ism", "encrypted.cpix.xml");
        await WriteAsync("truncated.cpix.xml", DashDocument(KeyId, Key)[..300]);
        await Asset("bad-truncated.ism", "truncated.cpix.xml");
        await Asset("bad-missing.ism", "missing.cpix.xml");
        await Asset("bad-outside.ism", "../../etc/keys.xml");
        await Asset("bad-service.ism", KeyService.BaseUri + "keys/broken.xml");
        await Asset("bad-service-missing.ism", KeyService.BaseUri + "keys/none.xml");
        await Asset("bad-service-fault.ism", KeyService.BaseUri + "keys/demo.xml?fault");
        await Asset("bad-host.ism", "http://keys.example.com/cpix");

        Server = await OriginServer.StartAsync(new Dictionary<string, string> { ["vod"] = Folder, ["strict"] = Folder }, new Dictionary<string, string?>
        {
            ["Origin:Mounts:vod:AllowedHosts"] = KeyService.BaseUri.Host,
            ["Origin:Mounts:vod:AllowPrivateAddresses"] = "true",
            ["Origin:MetadataTtlSeconds"] = "1",
            ["Origin:UpstreamTimeoutSeconds"] = "2",
        }, Logs);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await KeyService.DisposeAsync();
    }
}

public class CpixTests(CpixFixture fixture) : IClassFixture<CpixFixture>
{
    HttpClient Client => fixture.Server.Client;

    [Fact]
    public async Task A_cpix_document_beside_the_ism_encrypts_dash_with_its_key_decrypted_by_mp4box_js_and_played_by_shaka()
    {
        var mpd = await Client.GetStringAsync("/vod/demo-cpix.ism/.mpd");
        Assert.Contains("""value="cenc" cenc:default_KID="01234567-89ab-cdef-0123-456789abcdef" """.TrimEnd(), mpd);
        Assert.Contains("urn:uuid:edef8ba9-79d6-4ace-a3c8-27dcd51d21ed", mpd);
        Assert.Empty(DashSchema.Validate(mpd));
        await AssertDecryptsAsync("/vod/demo-cpix.ism/.mpd", CpixFixture.Key);

        var keys = new Dictionary<string, string> { [CpixFixture.KeyId] = CpixFixture.Key };
        var results = await PlayerTests.PlayAsync([new("shaka", fixture.Server.Url("/vod/demo-cpix.ism/.mpd"), keys)]);
        Assert.All(results, r => Assert.True(r.Ok && r.CurrentTime >= 8, $"{r.Player} {r.Url}: {r.Error} at {r.CurrentTime}s"));
    }

    /// <summary>The second video segment of every track decrypts, by the MP4Box.js-based decryptor, to the clear samples.</summary>
    async Task AssertDecryptsAsync(string mpd, string key)
    {
        var tracks = await SegmentLists.FromDashAsync(Client, fixture.Server.Url(mpd));
        var clear = await SegmentLists.FromDashAsync(Client, fixture.Server.Url("/vod/demo.ism/.mpd"));
        var folder = Directory.CreateTempSubdirectory("cpix-decrypt").FullName;
        for (int t = 0; t < tracks.Count; t++)
        {
            var init = Path.Combine(folder, $"{t}.init");
            await File.WriteAllBytesAsync(init, await Client.GetByteArrayAsync(tracks[t].Init));
            var pair = new List<string> { Path.Combine(folder, $"{t}.enc"), Path.Combine(folder, $"{t}.clear") };
            await File.WriteAllBytesAsync(pair[0], await Client.GetByteArrayAsync(tracks[t].Segments[1]));
            await File.WriteAllBytesAsync(pair[1], await Client.GetByteArrayAsync(clear[t].Segments[1]));
            var result = Assert.Single(await CencDashTests.Mp4boxDecryptAsync(key, init, pair));
            Assert.True(result.GetProperty("equal").GetBoolean(), $"{mpd} track {t}: {result}");
        }
    }

    [Fact]
    public async Task Cpix_gives_hls_aes_128_its_key_uri_and_iv_and_fairplay_its_skd_uri()
    {
        var playlist = await Client.GetStringAsync("/vod/demo-cpix-aes.ism/demo-cpix-aes-video=300000.m3u8");
        Assert.Contains($"""#EXT-X-KEY:METHOD=AES-128,URI="https://keys.example.com/hls/k?token=abc",IV=0x{CpixFixture.Iv.ToUpperInvariant()}""", playlist, StringComparison.OrdinalIgnoreCase);
        var encrypted = await Client.GetByteArrayAsync("/vod/demo-cpix-aes.ism/demo-cpix-aes-video=300000-1.m4s");
        var clear = await Client.GetByteArrayAsync("/vod/demo.ism/demo-video=300000-1.m4s");
        using var aes = Aes.Create();
        aes.Key = Convert.FromHexString(CpixFixture.Key);
        Assert.Equal(clear, aes.DecryptCbc(encrypted, Convert.FromHexString(CpixFixture.Iv)));

        var fairplay = await Client.GetStringAsync("/vod/demo-cpix-fairplay.ism/demo-cpix-fairplay-video=300000.m3u8");
        Assert.Contains("""METHOD=SAMPLE-AES,URI="skd://keys.example.com/demo",KEYFORMAT="com.apple.streamingkeydelivery""", fairplay);
        Assert.Contains("KEYFORMAT=\"urn:uuid:edef8ba9-79d6-4ace-a3c8-27dcd51d21ed\"", fairplay);
    }

    [Fact]
    public async Task A_key_service_document_is_fetched_per_ttl_and_a_changed_one_changes_the_key_under_a_new_etag()
    {
        await AssertDecryptsAsync("/vod/demo-cpix-remote.ism/.mpd", CpixFixture.Key);
        int before = fixture.KeyService.Requests;
        for (int i = 0; i < 5; i++) await Client.GetStringAsync("/vod/demo-cpix-remote.ism/.mpd");
        // Within the TTL (1 s here) none; a run that crosses it, one more.
        Assert.True(fixture.KeyService.Requests - before <= 2, $"{fixture.KeyService.Requests - before} key service requests for 5 warm manifests");

        foreach (var (asset, change) in new (string, Func<Task>)[]
        {
            ("demo-cpix-rotating.ism", () => fixture.KeyService.PutAsync("keys/rotating.xml", Encoding.UTF8.GetBytes(CpixFixture.DashDocument(CpixFixture.KeyIdB, CpixFixture.KeyB)))),
            ("demo-rotate.ism", () => fixture.WriteAsync("rotate.cpix.xml", CpixFixture.DashDocument(CpixFixture.KeyIdB, CpixFixture.KeyB))),
        })
        {
            var mpd = $"/vod/{asset}/.mpd";
            var video = (await SegmentLists.FromDashAsync(Client, fixture.Server.Url(mpd))).First(t => t.IsVideo);
            var firstTag = (await Client.GetAsync(video.Segments[1])).Headers.ETag?.Tag;
            await change();
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (!(await Client.GetStringAsync(mpd)).Contains("fedcba98-7654-3210-fedc-ba9876543210", StringComparison.Ordinal))
            {
                Assert.True(DateTime.UtcNow < deadline, $"{asset} kept the first key");
                await Task.Delay(250);
            }
            Assert.NotEqual(firstTag, (await Client.GetAsync(video.Segments[1])).Headers.ETag?.Tag);
            await AssertDecryptsAsync(mpd, CpixFixture.KeyB);
        }
    }

    [Theory]
    [InlineData("/vod/bad-encrypted.ism/.mpd", 502, "encrypted content keys (a DocumentKey) are not supported")]
    [InlineData("/vod/bad-truncated.ism/.mpd", 502, "CPIX document truncated.cpix.xml: not well-formed XML")]
    [InlineData("/vod/bad-missing.ism/.mpd", 502, "CPIX document missing.cpix.xml not found")]
    [InlineData("/vod/bad-outside.ism/.mpd", 502, "lies outside the mount")]
    [InlineData("/vod/bad-service.ism/.mpd", 502, "not well-formed XML")]
    [InlineData("/vod/bad-service-missing.ism/.mpd", 502, "has no such document")]
    [InlineData("/vod/bad-host.ism/.mpd", 502, "the CPIX service host keys.example.com is not in Origin:Mounts:vod:AllowedHosts")]
    [InlineData("/strict/demo-cpix-remote.ism/.mpd", 502, "must be reached over https")]
    public async Task A_cpix_that_cannot_be_used_is_an_upstream_fault_with_a_reason_and_no_key(string url, int status, string reason)
    {
        using var response = await Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(reason, body);
        Assert.DoesNotContain(CpixFixture.Key, body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToBase64String(Convert.FromHexString(CpixFixture.Key)), body);
    }

    [Fact]
    public async Task A_failing_or_hung_key_service_is_a_502_or_a_504()
    {
        fixture.KeyService.Faults.Enqueue(new UpstreamFault(Status: 500));
        using (var failed = await Client.GetAsync("/vod/bad-service-fault.ism/.mpd"))
        {
            Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode);
            Assert.Contains("answered 500", await failed.Content.ReadAsStringAsync());
        }
        fixture.KeyService.Faults.Enqueue(new UpstreamFault(DelayMilliseconds: 5000));
        using var hung = await Client.GetAsync("/vod/bad-service-fault.ism/.mpd");
        Assert.Equal(HttpStatusCode.GatewayTimeout, hung.StatusCode);
        Assert.Contains("did not answer in time", await hung.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Keys_from_cpix_reach_no_log_line()
    {
        foreach (var url in new[] { "/vod/demo-cpix.ism/.mpd", "/vod/demo-cpix-aes.ism/.m3u8", "/vod/bad-encrypted.ism/.mpd", "/vod/demo-cpix-remote.ism/.mpd" })
            (await Client.GetAsync(url)).Dispose();
        Assert.NotEmpty(fixture.Logs.Lines);
        foreach (var line in fixture.Logs.Lines)
        {
            Assert.DoesNotContain(CpixFixture.Key, line, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Convert.ToBase64String(Convert.FromHexString(CpixFixture.Key)), line);
            Assert.DoesNotContain("token=abc", line);
        }
    }
}
