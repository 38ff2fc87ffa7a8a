using System.Net;
using Origin.Media.Boxes;
using Origin.Serving.Tests.Conformance;
using Origin.Serving.Tests.Support;
using Origin.Testing;

namespace Origin.Serving.Tests.Protection;

/// <summary>
/// A stored .ism with a clearkey paramGroup (Unified's DRM markup) served as DASH 'cenc' and, with
/// encryption_scheme cbcs, 'cbcs': announced in the MPD and the init segments, decrypted and decoded by ffmpeg to
/// every frame of the clear stream, and played through W3C ClearKey by Shaka (both schemes) and dash.js ('cenc'); a
/// wrong key fails, and formats not yet encrypted are not served clear.
/// </summary>
public sealed class CencDashFixture : IAsyncLifetime
{
    public const string KeyId = "0123456789abcdef0123456789abcdef";
    public const string Key = "3a2a1b68dd2bd9b2eeb25e84c4776668";
    /// <summary>Widevine's pssh data as a protobuf naming the key id (field 2), and a stand-in PlayReady header object.</summary>
    public static readonly string WidevineData = Convert.ToBase64String([0x12, 0x10, .. Convert.FromHexString(KeyId)]);
    public static readonly string PlayReadyData = Convert.ToBase64String("PlayReady header object"u8.ToArray());
    public OriginServer Server { get; private set; } = null!;
    public LogCapture Logs { get; } = new();
    public string Folder { get; } = KeyedManifests.CopySamples("cenc");

    public async Task InitializeAsync()
    {
        var demo = await File.ReadAllTextAsync(Path.Combine(Folder, "demo.ism"));
        await File.WriteAllTextAsync(Path.Combine(Folder, "demo-cenc.ism"), KeyedManifests.WithHead(demo, $"""<paramGroup id="clearkey"><meta name="key" content="{KeyId.ToUpperInvariant()}:{Key}" /></paramGroup>"""));
        await File.WriteAllTextAsync(Path.Combine(Folder, "demo-cbcs.ism"), KeyedManifests.WithHead(demo,
            $"""<meta name="encryption_scheme" content="cbcs" /><paramGroup id="clearkey"><meta name="key" content="{KeyId}:{Key}" /></paramGroup>"""));
        await File.WriteAllTextAsync(Path.Combine(Folder, "demo-inline.ism"), KeyedManifests.WithHead(demo,
            $"""<meta name="mpd_inline_drm" content="true" /><paramGroup id="widevine"><meta name="key" content="{KeyId}:{Key}" /><meta name="drm_specific_data" content="{WidevineData}" /></paramGroup><paramGroup id="playready"><meta name="key" content="{KeyId}:{Key}" /><meta name="drm_specific_data" content="{PlayReadyData}" /></paramGroup>"""));
        await File.WriteAllTextAsync(Path.Combine(Folder, "demo-init-only.ism"), KeyedManifests.WithHead(demo,
            $"""<paramGroup id="widevine"><meta name="key" content="{KeyId}:{Key}" /><meta name="drm_specific_data" content="{WidevineData}" /></paramGroup>"""));
        await File.WriteAllTextAsync(Path.Combine(Folder, "demo-inline-bad.ism"), KeyedManifests.WithHead(demo,
            $"""<meta name="mpd_inline_drm" content="yes" /><paramGroup id="clearkey"><meta name="key" content="{KeyId}:{Key}" /></paramGroup>"""));
        await File.WriteAllTextAsync(Path.Combine(Folder, "demo-lead.ism"), KeyedManifests.WithHead(demo,
            $"""<meta name="drm_clear_lead" content="4" /><paramGroup id="clearkey"><meta name="key" content="{KeyId}:{Key}" /></paramGroup>"""));
        await File.WriteAllTextAsync(Path.Combine(Folder, "demo-hls-clear.ism"), KeyedManifests.WithHead(demo,
            $"""<meta name="hls_playout" content="clear" /><paramGroup id="clearkey"><meta name="key" content="{KeyId}:{Key}" /></paramGroup>"""));
        await File.WriteAllTextAsync(Path.Combine(Folder, "demo-badkey.ism"), KeyedManifests.WithHead(demo, """<paramGroup id="widevine"><meta name="key" content="0123:SECRETSECRET" /></paramGroup>"""));
        const string progressive = KeyedManifests.Progressive;
        await File.WriteAllTextAsync(Path.Combine(Folder, "progressive-cenc.ism"), KeyedManifests.WithHead(progressive,
            $"""<paramGroup id="clearkey"><meta name="key" content="{KeyId}:{Key}" /></paramGroup>"""));
        await File.WriteAllTextAsync(Path.Combine(Folder, "progressive-cbcs.ism"), KeyedManifests.WithHead(progressive,
            $"""<meta name="encryption_scheme" content="cbcs" /><paramGroup id="clearkey"><meta name="key" content="{KeyId}:{Key}" /></paramGroup>"""));
        // HEVC, made here (4 s, 2 s GOPs): its NAL headers are two bytes, which the subsample maps must respect.
        await GeneratedMedia.HevcAsync(Path.Combine(Folder, "hevc.mp4"));
        var hevcManifest = progressive.Replace("progressive.mp4", "hevc.mp4");
        await File.WriteAllTextAsync(Path.Combine(Folder, "hevc-cenc.ism"), KeyedManifests.WithHead(hevcManifest,
            $"""<paramGroup id="clearkey"><meta name="key" content="{KeyId}:{Key}" /></paramGroup>"""));
        await File.WriteAllTextAsync(Path.Combine(Folder, "hevc-cbcs.ism"), KeyedManifests.WithHead(hevcManifest,
            $"""<meta name="encryption_scheme" content="cbcs" /><paramGroup id="clearkey"><meta name="key" content="{KeyId}:{Key}" /></paramGroup>"""));
        Server = await OriginServer.StartAsync(new Dictionary<string, string> { ["vod"] = Folder }, logs: Logs);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

public class CencDashTests(CencDashFixture fixture) : IClassFixture<CencDashFixture>
{
    HttpClient Client => fixture.Server.Client;

    [Fact]
    public async Task The_mpd_announces_cenc_with_the_key_id_and_clearkey_and_stays_valid()
    {
        var mpd = await Client.GetStringAsync("/vod/demo-cenc.ism/.mpd");
        Assert.Contains("""<ContentProtection schemeIdUri="urn:mpeg:dash:mp4protection:2011" value="cenc" cenc:default_KID="01234567-89ab-cdef-0123-456789abcdef" />""", mpd);
        Assert.Contains("""<ContentProtection schemeIdUri="urn:uuid:e2719d58-a985-b3c9-781a-b030af78d30e" />""", mpd);
        Assert.Empty(DashSchema.Validate(mpd));
        Assert.DoesNotContain(CencDashFixture.Key, mpd, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task With_mpd_inline_drm_the_mpd_repeats_each_systems_pssh_and_playreadys_header_and_without_it_only_the_init_segment_has_them()
    {
        var inline = await Client.GetStringAsync("/vod/demo-inline.ism/.mpd");
        Assert.Empty(DashSchema.Validate(inline));
        var doc = System.Xml.Linq.XDocument.Parse(inline);
        System.Xml.Linq.XNamespace cenc = "urn:mpeg:cenc:2013", mspr = "urn:microsoft:playready", dash = "urn:mpeg:dash:schema:mpd:2011";
        var widevine = doc.Descendants(dash + "ContentProtection").First(e => (string?)e.Attribute("schemeIdUri") == "urn:uuid:edef8ba9-79d6-4ace-a3c8-27dcd51d21ed");
        var pssh = (ProtectionSystemHeaderBox)BoxParser.ReadOne(Convert.FromBase64String(widevine.Element(cenc + "pssh")!.Value));
        Assert.Equal(Convert.FromBase64String(CencDashFixture.WidevineData), pssh.Data);
        var playready = doc.Descendants(dash + "ContentProtection").First(e => (string?)e.Attribute("schemeIdUri") == "urn:uuid:9a04f079-9840-4286-ab92-e65be0885f95");
        Assert.Equal(CencDashFixture.PlayReadyData, playready.Element(mspr + "pro")!.Value);

        var initOnly = await Client.GetStringAsync("/vod/demo-init-only.ism/.mpd");
        Assert.DoesNotContain("pssh", initOnly);
        var init = BoxParser.ReadAll(await Client.GetByteArrayAsync("/vod/demo-init-only.ism/dash/demo-init-only-video=300000.dash")).OfType<ContainerBox>().Single(b => b.Type == BoxTypes.Moov);
        Assert.Contains(init.Children.OfType<ProtectionSystemHeaderBox>(), b => b.Data.AsSpan().SequenceEqual(Convert.FromBase64String(CencDashFixture.WidevineData)));

        var bad = await Client.GetAsync("/vod/demo-inline-bad.ism/.mpd");
        Assert.Equal(HttpStatusCode.BadGateway, bad.StatusCode);
        Assert.Contains("mpd_inline_drm", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_cbcs_mpd_says_cbcs_and_its_init_segments_carry_the_pattern_and_the_constant_iv()
    {
        var mpd = await Client.GetStringAsync("/vod/demo-cbcs.ism/.mpd");
        Assert.Contains("""<ContentProtection schemeIdUri="urn:mpeg:dash:mp4protection:2011" value="cbcs" cenc:default_KID="01234567-89ab-cdef-0123-456789abcdef" />""", mpd);
        Assert.Empty(DashSchema.Validate(mpd));
        foreach (var (track, crypt, skip) in new[] { ("video=300000", 1, 9), ("audio=64000", 0, 0) })
        {
            var (scheme, tenc) = Encryption(await Client.GetByteArrayAsync($"/vod/demo-cbcs.ism/dash/demo-cbcs-{track}.dash"));
            Assert.Equal(BoxTypes.Cbcs, scheme);
            Assert.Equal((1, crypt, skip, 0, 16), (tenc.Version, (int)tenc.CryptByteBlock, (int)tenc.SkipByteBlock, (int)tenc.PerSampleIvSize, tenc.ConstantIv.Length));
        }
    }

    /// <summary>Each encrypted asset and the clear one it was made from: fragmented, progressive and HEVC, cenc and cbcs.</summary>
    public static TheoryData<string, string> EncryptedAndClear() => new()
    {
        { "demo-cenc.ism", "demo.ism" },
        { "progressive-cenc.ism", "progressive.mp4" },
        { "demo-cbcs.ism", "demo.ism" },
        { "progressive-cbcs.ism", "progressive.mp4" },
        { "hevc-cenc.ism", "hevc.mp4" },
        { "hevc-cbcs.ism", "hevc.mp4" },
    };

    internal static (uint Scheme, TrackEncryptionBox Tenc) Encryption(byte[] init)
    {
        var moov = BoxParser.ReadAll(init).OfType<ContainerBox>().Single(b => b.Type == BoxTypes.Moov);
        var stsd = moov.Children.AllContainers(BoxTypes.Trak).Single().Children.AllContainers(BoxTypes.Mdia).Single()
            .Children.AllContainers(BoxTypes.Minf).Single().Children.AllContainers(BoxTypes.Stbl).Single().Children.Find<SampleDescriptionBox>()!;
        var sinf = ((SampleEntry)stsd.Entries.Single()).Children.OfType<ContainerBox>().Single(b => b.Type == BoxTypes.Sinf);
        return (sinf.Children.Find<SchemeTypeBox>()!.SchemeType, sinf.Children.AllContainers(BoxTypes.Schi).Single().Children.Find<TrackEncryptionBox>()!);
    }

    [Fact]
    public async Task Init_segments_carry_encv_and_enca_with_the_scheme_key_id_and_a_common_pssh()
    {
        foreach (var (track, entryType) in new[] { ("video=300000", BoxTypes.Encv), ("audio=64000", BoxTypes.Enca) })
        {
            var init = await Client.GetByteArrayAsync($"/vod/demo-cenc.ism/dash/demo-cenc-{track}.dash");
            var moov = BoxParser.ReadAll(init).OfType<ContainerBox>().Single(b => b.Type == BoxTypes.Moov);
            var stsd = moov.Children.AllContainers(BoxTypes.Trak).Single().Children.AllContainers(BoxTypes.Mdia).Single()
                .Children.AllContainers(BoxTypes.Minf).Single().Children.AllContainers(BoxTypes.Stbl).Single().Children.Find<SampleDescriptionBox>()!;
            var entry = (SampleEntry)stsd.Entries.Single();
            Assert.Equal(entryType, entry.Type);
            var sinf = entry.Children.OfType<ContainerBox>().Single(b => b.Type == BoxTypes.Sinf);
            Assert.Equal(BoxTypes.Cenc, sinf.Children.Find<SchemeTypeBox>()!.SchemeType);
            var tenc = sinf.Children.AllContainers(BoxTypes.Schi).Single().Children.Find<TrackEncryptionBox>()!;
            Assert.Equal(CencDashFixture.KeyId, Convert.ToHexStringLower(tenc.DefaultKeyId));
            Assert.Equal(8, tenc.PerSampleIvSize);
            var pssh = moov.Children.OfType<ProtectionSystemHeaderBox>().Single();
            Assert.Equal(CencDashFixture.KeyId, Convert.ToHexStringLower(pssh.KeyIds.Single()));
        }
    }

    /// <summary>
    /// Each encrypted segment, after its init segment, decrypts and decodes to the very frames (CRC of each decoded
    /// frame) of the clear segment. Segment by segment: ffmpeg 5.1 (Debian's) applies the first fragment's senc to
    /// later fragments of one file, so a concatenation fails there while players (below) play it through.
    /// </summary>
    [Theory]
    [MemberData(nameof(EncryptedAndClear))]
    public async Task Ffmpeg_decrypts_every_segment_of_every_track_to_the_frames_of_the_clear_one(string encrypted, string clear)
    {
        var protectedTracks = await SegmentLists.FromDashAsync(Client, fixture.Server.Url($"/vod/{encrypted}/.mpd"));
        var clearTracks = await SegmentLists.FromDashAsync(Client, fixture.Server.Url($"/vod/{clear}/.mpd"));
        Assert.Equal(clearTracks.Count, protectedTracks.Count);
        var folder = Directory.CreateTempSubdirectory("cenc-decode").FullName;
        for (int t = 0; t < protectedTracks.Count; t++)
        {
            Assert.Equal(clearTracks[t].Segments.Count, protectedTracks[t].Segments.Count);
            for (int s = 0; s < protectedTracks[t].Segments.Count; s++)
            {
                var file = await ConcatenateAsync(protectedTracks[t].Init, protectedTracks[t].Segments[s], Path.Combine(folder, $"{t}-{s}.mp4"));
                var clearFile = await ConcatenateAsync(clearTracks[t].Init, clearTracks[t].Segments[s], Path.Combine(folder, $"{t}-{s}-clear.mp4"));
                Assert.NotEqual(await File.ReadAllBytesAsync(file), await File.ReadAllBytesAsync(clearFile));
                var frames = await FrameCrcsAsync(clearFile, null);
                Assert.True(frames.Count > 0, $"{clearFile} decoded no frame");
                Assert.Equal(frames, await FrameCrcsAsync(file, CencDashFixture.Key));
            }
        }
    }

    /// <summary>
    /// A decryptor of its own on Node's crypto, reading only what MP4Box.js parses (tenc, trun, saiz, saio, the aux
    /// information they point to), turns every encrypted segment into the samples of the clear one, byte for byte;
    /// with a wrong key it does not.
    /// </summary>
    [Theory]
    [MemberData(nameof(EncryptedAndClear))]
    public async Task Mp4box_js_and_node_crypto_decrypt_every_segment_to_the_samples_of_the_clear_one(string encrypted, string clear)
    {
        var protectedTracks = await SegmentLists.FromDashAsync(Client, fixture.Server.Url($"/vod/{encrypted}/.mpd"));
        var clearTracks = await SegmentLists.FromDashAsync(Client, fixture.Server.Url($"/vod/{clear}/.mpd"));
        if (encrypted.StartsWith("hevc", StringComparison.Ordinal)) Assert.Contains("codecs=\"hvc1.", await Client.GetStringAsync($"/vod/{encrypted}/.mpd"));
        var folder = Directory.CreateTempSubdirectory("cenc-mp4box").FullName;
        for (int t = 0; t < protectedTracks.Count; t++)
        {
            var init = await DownloadAsync(protectedTracks[t].Init, Path.Combine(folder, $"{t}-init.mp4"));
            var pairs = new List<string>();
            for (int s = 0; s < protectedTracks[t].Segments.Count; s++)
            {
                pairs.Add(await DownloadAsync(protectedTracks[t].Segments[s], Path.Combine(folder, $"{t}-{s}.m4s")));
                pairs.Add(await DownloadAsync(clearTracks[t].Segments[s], Path.Combine(folder, $"{t}-{s}-clear.m4s")));
            }
            var results = await Mp4boxDecryptAsync(CencDashFixture.Key, init, pairs);
            Assert.Equal(pairs.Count / 2, results.Count);
            foreach (var result in results)
            {
                Assert.True(result.GetProperty("equal").GetBoolean(), $"{result}");
                Assert.True(result.GetProperty("samples").GetInt32() > 0 && result.GetProperty("protectedBytes").GetInt64() > 0, $"{result}");
            }
            var wrong = await Mp4boxDecryptAsync("00112233445566778899aabbccddeeff", init, pairs);
            Assert.All(wrong, r => Assert.False(r.GetProperty("equal").GetBoolean(), $"a wrong key decrypted {r}"));
        }
    }

    internal static async Task<List<System.Text.Json.JsonElement>> Mp4boxDecryptAsync(string key, string init, List<string> pairs)
    {
        var players = Path.Combine(RepositoryFiles.Root, "tests", "players");
        var run = await ExternalTool.RunAsync("node", [Path.Combine(players, "decrypt.mjs"), key, init, .. pairs], TimeSpan.FromMinutes(2), players);
        Assert.True(run.ExitCode == 0, run.Error);
        return [.. run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.Clone())];
    }

    async Task<string> DownloadAsync(string url, string path)
    {
        await File.WriteAllBytesAsync(path, await Client.GetByteArrayAsync(url));
        return path;
    }

    /// <summary>
    /// drm_clear_lead: the init segment lists the clear sample entry after the protected one; segments starting in the
    /// first 4 s name it and are the clear segments byte for byte in their samples, later ones are encrypted (the
    /// MP4Box.js decryptor tells them apart by tfhd alone), ffmpeg decodes both kinds, and Shaka plays across.
    /// </summary>
    [Fact]
    public async Task A_clear_lead_leaves_the_first_segments_clear_under_a_second_sample_entry_and_plays_across()
    {
        var tracks = await SegmentLists.FromDashAsync(Client, fixture.Server.Url("/vod/demo-lead.ism/.mpd"));
        var clearTracks = await SegmentLists.FromDashAsync(Client, fixture.Server.Url("/vod/demo.ism/.mpd"));
        var folder = Directory.CreateTempSubdirectory("clear-lead").FullName;
        for (int t = 0; t < tracks.Count; t++)
        {
            var init = await DownloadAsync(tracks[t].Init, Path.Combine(folder, $"{t}-init.mp4"));
            var moov = BoxParser.ReadAll(await File.ReadAllBytesAsync(init)).OfType<ContainerBox>().Single(b => b.Type == BoxTypes.Moov);
            var stsd = moov.Children.AllContainers(BoxTypes.Trak).Single().Children.AllContainers(BoxTypes.Mdia).Single()
                .Children.AllContainers(BoxTypes.Minf).Single().Children.AllContainers(BoxTypes.Stbl).Single().Children.Find<SampleDescriptionBox>()!;
            Assert.Equal(tracks[t].IsVideo ? [BoxTypes.Encv, BoxTypes.Avc1] : [BoxTypes.Enca, BoxTypes.Mp4a], stsd.Entries.Select(e => e.Type));
            var pairs = new List<string>();
            for (int s = 0; s < tracks[t].Segments.Count; s++)
            {
                pairs.Add(await DownloadAsync(tracks[t].Segments[s], Path.Combine(folder, $"{t}-{s}.m4s")));
                pairs.Add(await DownloadAsync(clearTracks[t].Segments[s], Path.Combine(folder, $"{t}-{s}-clear.m4s")));
            }
            var results = await Mp4boxDecryptAsync(CencDashFixture.Key, init, pairs);
            Assert.All(results, r => Assert.True(r.GetProperty("equal").GetBoolean(), $"{r}"));
            var entries = results.Select(r => r.GetProperty("entry").GetInt32()).ToList();
            int clear = entries.TakeWhile(e => e == 2).Count();
            Assert.True(clear is 2 or 3, $"{clear} clear segments for a 4 s lead");
            Assert.All(entries.Skip(clear), e => Assert.Equal(1, e));
            Assert.All(results.Take(clear), r => Assert.Equal(0, r.GetProperty("protectedBytes").GetInt64()));
            Assert.All(results.Skip(clear), r => Assert.True(r.GetProperty("protectedBytes").GetInt64() > 0, $"{r}"));
            foreach (int s in new[] { 0, clear })
            {
                var file = await ConcatenateAsync(tracks[t].Init, tracks[t].Segments[s], Path.Combine(folder, $"{t}-{s}-lead.mp4"));
                var clearFile = await ConcatenateAsync(clearTracks[t].Init, clearTracks[t].Segments[s], Path.Combine(folder, $"{t}-{s}-plain.mp4"));
                Assert.Equal(await FrameCrcsAsync(clearFile, null), await FrameCrcsAsync(file, CencDashFixture.Key));
            }
        }
        var keys = new Dictionary<string, string> { [CencDashFixture.KeyId] = CencDashFixture.Key };
        var played = await PlayerTests.PlayAsync([new("shaka", fixture.Server.Url("/vod/demo-lead.ism/.mpd"), keys)]);
        Assert.All(played, r => Assert.True(r.Ok && r.CurrentTime >= 8, $"{r.Player} {r.Url}: {r.Error} at {r.CurrentTime}s"));
    }

    /// <summary>
    /// Smooth Streaming of a keyed asset: the client manifest leads with a PlayReady ProtectionHeader whose WRMHEADER
    /// names the key id (read here from the bytes, as a PIFF player does), or carries the playready group's own
    /// header; each fragment describes its samples in PIFF's uuid box (saiz/saio point into it), and decrypts,
    /// with the DASH init segment of the same track standing in for the one Smooth players build, by the MP4Box.js
    /// decryptor to the clear fragment's samples and by ffmpeg to its frames.
    /// </summary>
    [Fact]
    public async Task Smooth_carries_a_playready_protection_header_and_piff_fragments_that_decrypt()
    {
        var manifest = System.Xml.Linq.XDocument.Parse(await Client.GetStringAsync("/vod/demo-cenc.ism/Manifest"));
        var header = manifest.Root!.Elements().First();
        Assert.Equal("Protection", header.Name.LocalName);
        var protectionHeader = header.Element("ProtectionHeader")!;
        Assert.Equal("9A04F079-9840-4286-AB92-E65BE0885F95", protectionHeader.Attribute("SystemID")!.Value);
        Assert.Equal(CencDashFixture.KeyId, PlayReadyKeyId(Convert.FromBase64String(protectionHeader.Value)));
        var given = System.Xml.Linq.XDocument.Parse(await Client.GetStringAsync("/vod/demo-inline.ism/Manifest"));
        Assert.Equal(CencDashFixture.PlayReadyData, given.Root!.Element("Protection")!.Element("ProtectionHeader")!.Value);

        var tracks = await SegmentLists.FromSmoothAsync(Client, fixture.Server.Url("/vod/demo-cenc.ism/Manifest"), "demo-cenc");
        var clear = await SegmentLists.FromSmoothAsync(Client, fixture.Server.Url("/vod/demo.ism/Manifest"), "demo");
        var folder = Directory.CreateTempSubdirectory("piff").FullName;
        for (int t = 0; t < tracks.Count; t++)
        {
            var init = await DownloadAsync(fixture.Server.Url($"/vod/demo-cenc.ism/dash/demo-cenc-{tracks[t].Track}.dash"), Path.Combine(folder, $"{t}.init"));
            var fragment = await Client.GetByteArrayAsync(tracks[t].Segments[1]);
            var traf = BoxParser.ReadAll(fragment).OfType<ContainerBox>().Single(b => b.Type == BoxTypes.Moof).Children.AllContainers(BoxTypes.Traf).Single();
            Assert.DoesNotContain(traf.Children, b => b.Type == BoxTypes.Senc);
            Assert.Contains(traf.Children, b => b.Type == BoxTypes.Uuid && b.UserType.SequenceEqual(SampleEncryptionBox.PiffId));
            var pair = new List<string> { Path.Combine(folder, $"{t}.enc"), await DownloadAsync(clear[t].Segments[1], Path.Combine(folder, $"{t}.clear")) };
            await File.WriteAllBytesAsync(pair[0], fragment);
            var result = Assert.Single(await Mp4boxDecryptAsync(CencDashFixture.Key, init, pair));
            Assert.True(result.GetProperty("equal").GetBoolean() && result.GetProperty("protectedBytes").GetInt64() > 0, $"{tracks[t].Track}: {result}");

            var file = Path.Combine(folder, $"{t}.mp4");
            await File.WriteAllBytesAsync(file, [.. await File.ReadAllBytesAsync(init), .. fragment]);
            var plain = Path.Combine(folder, $"{t}-plain.mp4");
            await File.WriteAllBytesAsync(plain, [.. await Client.GetByteArrayAsync(fixture.Server.Url($"/vod/demo.ism/dash/demo-{tracks[t].Track}.dash")), .. await File.ReadAllBytesAsync(pair[1])]);
            Assert.Equal(await FrameCrcsAsync(plain, null), await FrameCrcsAsync(file, CencDashFixture.Key));
        }
    }

    /// <summary>The key id a PlayReady header object names: its WRMHEADER's KID, a GUID in PlayReady's byte order.</summary>
    static string PlayReadyKeyId(byte[] pro)
    {
        Assert.Equal(pro.Length, BitConverter.ToInt32(pro, 0));
        Assert.Equal(1, BitConverter.ToUInt16(pro, 4));
        Assert.Equal(1, BitConverter.ToUInt16(pro, 6));
        var xml = System.Text.Encoding.Unicode.GetString(pro, 10, BitConverter.ToUInt16(pro, 8));
        var kid = System.Xml.Linq.XDocument.Parse(xml).Descendants().Single(e => e.Name.LocalName == "KID").Value;
        return Convert.ToHexStringLower(new Guid(Convert.FromBase64String(kid)).ToByteArray(bigEndian: true));
    }

    [Fact]
    public async Task A_wrong_key_does_not_decode()
    {
        var video = (await SegmentLists.FromDashAsync(Client, fixture.Server.Url("/vod/demo-cenc.ism/.mpd"))).First(t => t.IsVideo);
        var file = await ConcatenateAsync(video.Init, video.Segments[1], Path.Combine(Directory.CreateTempSubdirectory("cenc-wrong").FullName, "v.mp4"));
        var decode = await ExternalTool.RunAsync("ffmpeg", ["-v", "error", "-xerror", "-decryption_key", "00112233445566778899aabbccddeeff", "-i", file, "-f", "null", "-"], TimeSpan.FromMinutes(2));
        Assert.NotEqual(0, decode.ExitCode);
    }

    [Fact]
    public async Task Shaka_plays_cenc_and_cbcs_and_dash_js_cenc_through_clearkey_and_a_wrong_key_fails()
    {
        var keys = new Dictionary<string, string> { [CencDashFixture.KeyId] = CencDashFixture.Key };
        var wrong = new Dictionary<string, string> { [CencDashFixture.KeyId] = "00112233445566778899aabbccddeeff" };
        var url = fixture.Server.Url("/vod/demo-cenc.ism/.mpd");
        var results = await PlayerTests.PlayAsync(
        [
            new("shaka", url, keys),
            new("dashjs", url, keys),
            new("shaka", fixture.Server.Url("/vod/progressive-cenc.ism/.mpd"), keys),
            new("shaka", fixture.Server.Url("/vod/demo-cbcs.ism/.mpd"), keys),
            new("shaka", fixture.Server.Url("/vod/progressive-cbcs.ism/.mpd"), keys),
            // A clip: its segments' IVs are their own, and it plays to its end.
            new("shaka", fixture.Server.Url("/vod/progressive-cenc.ism/.mpd?vbegin=5&vend=13"), keys, ToEnd: true, Rate: 2),
            // Trick play: the I-frame segments are encrypted like the video's, and Shaka plays on from them.
            new("shaka", fixture.Server.Url("/vod/demo-cbcs.ism/.mpd"), keys, Trick: 4),
            new("shaka", url, wrong),
            new("shaka", fixture.Server.Url("/vod/demo-cbcs.ism/.mpd"), wrong),
        ]);
        Assert.All(results.Take(7), r => Assert.True(r.Ok && r.CurrentTime >= 8, $"{r.Player} {r.Url}: {r.Error} at {r.CurrentTime}s"));
        Assert.True(results[6].TrickSegments > 0, "no encrypted trick-play segment was fetched");
        Assert.All(results.Skip(7), r => Assert.True(!r.Ok || r.CurrentTime < 8, $"a wrong key played {r.Url} to {r.CurrentTime}s"));
    }

    [Theory]
    [InlineData("/vod/demo-cenc.ism/.m3u8")]
    [InlineData("/vod/demo-cenc.ism/demo-cenc-video=300000-1.m4s")]
    [InlineData("/vod/demo-cbcs.ism/Manifest")]
    public async Task Formats_not_yet_encrypted_are_not_served_clear(string path)
    {
        using var response = await Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("not served encrypted with these keys yet", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_playout_of_clear_serves_that_format_clear()
    {
        var clear = await Client.GetByteArrayAsync("/vod/demo.ism/demo-video=300000-2.m4s");
        Assert.Equal(clear, await Client.GetByteArrayAsync("/vod/demo-hls-clear.ism/demo-hls-clear-video=300000-2.m4s"));
    }

    [Fact]
    public async Task A_malformed_key_is_a_502_that_does_not_repeat_it()
    {
        using var response = await Client.GetAsync("/vod/demo-badkey.ism/.mpd");
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("paramGroup widevine: the key has a key id that is not 32 hex digits", body);
        Assert.DoesNotContain("SECRET", body);
    }

    async Task<string> ConcatenateAsync(string init, string segment, string path)
    {
        await using var file = File.Create(path);
        await file.WriteAsync(await Client.GetByteArrayAsync(init));
        await file.WriteAsync(await Client.GetByteArrayAsync(segment));
        return path;
    }

    /// <summary>Decodes every frame, failing on any decode error, and lists each decoded frame's size and CRC.</summary>
    [Fact]
    public async Task Keys_never_reach_a_log_line_or_an_answer()
    {
        var urls = new List<string> { "/vod/demo-cenc.ism/.mpd", "/vod/demo-cenc.ism/.m3u8", "/vod/demo-badkey.ism/.mpd", "/vod/demo-badkey.ism/.m3u8" };
        foreach (var track in await SegmentLists.FromDashAsync(Client, fixture.Server.Url("/vod/demo-cenc.ism/.mpd")))
            urls.AddRange([track.Init, .. track.Segments.Take(2)]);
        var answers = new List<string>();
        foreach (var url in urls)
        {
            using var response = await Client.GetAsync(url);
            answers.Add(string.Join(' ', response.Headers.Select(h => $"{h.Key}: {string.Join(',', h.Value)}")));
            if (response.Content.Headers.ContentType?.MediaType is { } type && !type.StartsWith("video/") && !type.StartsWith("audio/"))
                answers.Add(await response.Content.ReadAsStringAsync());
        }
        Assert.True(fixture.Logs.Lines.Count >= urls.Count, $"only {fixture.Logs.Lines.Count} log lines");
        foreach (var text in fixture.Logs.Lines.Concat(answers))
        {
            Assert.DoesNotContain(CencDashFixture.Key, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("SECRETSECRET", text);
        }
    }

    internal static async Task<List<string>> FrameCrcsAsync(string file, string? key)
    {
        string[] decryption = key is null ? [] : ["-decryption_key", key];
        var decode = await ExternalTool.RunAsync("ffmpeg", ["-v", "error", "-xerror", .. decryption, "-i", file, "-f", "framecrc", "-"], TimeSpan.FromMinutes(2));
        Assert.True(decode.ExitCode == 0, $"{file}: {decode.Error}");
        return [.. decode.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#'))];
    }
}
