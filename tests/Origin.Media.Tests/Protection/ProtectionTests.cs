using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Origin.Media.Boxes;
using Origin.Media.Packaging.Cenc;
using Origin.Media.Protection;
using Origin.Media.ServerManifest;

namespace Origin.Media.Tests.Protection;

public class ProtectionTests
{
    const string KeyHex = "3a2a1b68dd2bd9b2eeb25e84c4776668";

    [Theory]
    [InlineData("0123456789ABCDEF0123456789ABCDEF:3A2A1B68DD2BD9B2EEB25E84C4776668")]
    [InlineData("01234567-89ab-cdef-0123-456789abcdef:3a2a1b68dd2bd9b2eeb25e84c4776668")]
    public void Keys_are_read_in_unifieds_kid_cek_form(string text)
    {
        var key = ContentKey.TryParse(text, out var reason)!;
        Assert.Null(reason);
        Assert.Equal("01234567-89ab-cdef-0123-456789abcdef", key.KeyIdUuid);
        Assert.Equal(KeyHex, Convert.ToHexStringLower(key.Key));
        Assert.DoesNotContain(KeyHex, key.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("3a2a1b68dd2bd9b2eeb25e84c4776668", "is not KID:CEK")]
    [InlineData("0123:3a2a1b68dd2bd9b2eeb25e84c4776668", "has a key id that is not 32 hex digits")]
    [InlineData("0123456789abcdef0123456789abcdef:zz2a1b68dd2bd9b2eeb25e84c4776668", "has a content key that is not 32 hex digits")]
    public void A_malformed_key_gives_a_reason_that_does_not_repeat_it(string text, string reason)
    {
        Assert.Null(ContentKey.TryParse(text, out var why));
        Assert.Equal(reason, why);
    }

    static Media.ServerManifest.ServerManifest Manifest(string head) => ServerManifestReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(
        $"""<smil><head>{head}</head><body><switch><video src="a.mp4"/></switch></body></smil>""")));

    [Fact]
    public void Dash_protection_gathers_the_systems_of_one_key()
    {
        var protection = ServerManifestProtection.ForDash(Manifest($"""
            <paramGroup id="widevine"><meta name="key" content="0123456789abcdef0123456789abcdef:{KeyHex}"/><meta name="drm_specific_data" content="CAESEA=="/></paramGroup>
            <paramGroup id="iss"><meta name="key" content="0123456789ABCDEF0123456789ABCDEF:{KeyHex}"/></paramGroup>
            <paramGroup id="playready"><meta name="key" content="0123456789abcdef0123456789abcdef:{KeyHex}"/></paramGroup>
            <paramGroup id="clearkey"><meta name="key" content="0123456789abcdef0123456789abcdef:{KeyHex}"/><meta name="license_server_url" content="https://keys.example/ck"/></paramGroup>
            """))!;
        Assert.Equal(EncryptionScheme.Cenc, protection.Scheme);
        Assert.Equal(["Widevine", "PlayReady", "ClearKey"], protection.Systems.Select(s => s.Name));
        Assert.Equal(Convert.FromBase64String("CAESEA=="), protection.Systems[0].PsshData);
        Assert.Equal("https://keys.example/ck", protection.Systems[2].LicenseUrl);
        Assert.DoesNotContain(KeyHex, protection.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("""<paramGroup id="widevine"><meta name="license_server_url" content="x"/></paramGroup>""", "paramGroup widevine has no key")]
    [InlineData($"""<paramGroup id="widevine"><meta name="key" content="0123456789abcdef0123456789abcdef:{KeyHex}"/></paramGroup><paramGroup id="clearkey"><meta name="key" content="ffffffffffffffffffffffffffffffff:{KeyHex}"/></paramGroup>""", "paramGroups widevine and clearkey give different keys")]
    [InlineData($"""<paramGroup id="widevine"><meta name="key" content="0123456789abcdef0123456789abcdef:{KeyHex}"/><meta name="drm_specific_data" content="not base64!"/></paramGroup>""", "paramGroup widevine: drm_specific_data is not base64")]
    [InlineData($"""<meta name="encryption_scheme" content="cens"/><paramGroup id="widevine"><meta name="key" content="0123456789abcdef0123456789abcdef:{KeyHex}"/></paramGroup>""", "encryption_scheme cens is neither cenc nor cbcs")]
    [InlineData($"""<meta name="drm_clear_lead" content="soon"/><paramGroup id="clearkey"><meta name="key" content="0123456789abcdef0123456789abcdef:{KeyHex}"/></paramGroup>""", "drm_clear_lead soon is not a number of seconds")]
    [InlineData($"""<meta name="drm_clear_lead" content="-2"/><paramGroup id="clearkey"><meta name="key" content="0123456789abcdef0123456789abcdef:{KeyHex}"/></paramGroup>""", "drm_clear_lead -2 is not a number of seconds")]
    [InlineData($"""<meta name="mpd_inline_drm" content="yes"/><paramGroup id="clearkey"><meta name="key" content="0123456789abcdef0123456789abcdef:{KeyHex}"/></paramGroup>""", "mpd_inline_drm yes is neither true nor false")]
    public void Malformed_drm_markup_is_refused_with_a_reason(string head, string reason)
    {
        var e = Assert.Throws<ServerManifestException>(() => ServerManifestProtection.ForDash(Manifest(head)));
        Assert.Equal(reason, e.Message);
    }

    [Fact]
    public void A_key_under_a_group_no_system_answers_to_is_refused_and_a_fairplay_group_is_fairplay()
    {
        var e = Assert.Throws<ServerManifestException>(() => ServerManifestProtection.HasKeys(Manifest($"""<paramGroup id="widevin"><meta name="key" content="0123456789abcdef0123456789abcdef:{KeyHex}"/></paramGroup>""")));
        Assert.StartsWith("paramGroup widevin names no DRM system this origin knows", e.Message);
        Assert.DoesNotContain(KeyHex, e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.False(ServerManifestProtection.HasKeys(Manifest("""<paramGroup id="other"><meta name="a" content="b"/></paramGroup>""")));

        var hls = Assert.IsType<HlsSampleAes>(ServerManifestProtection.ForHls(Manifest(
            $"""<meta name="hls_playout" content="sample_aes"/><paramGroup id="fairplay"><meta name="key" content="0123456789abcdef0123456789abcdef:{KeyHex}"/><meta name="license_server_url" content="skd://fp.example/1"/></paramGroup>""")));
        Assert.Equal("skd://fp.example/1", hls.Samples.Systems.Single(s => s.SystemId == DrmSystem.FairPlay).LicenseUrl);
    }

    [Fact]
    public void Clear_playout_and_no_keys_mean_no_protection()
    {
        Assert.Null(ServerManifestProtection.ForDash(Manifest("")));
        Assert.Null(ServerManifestProtection.ForDash(Manifest($"""<meta name="mpd_playout" content="clear"/><paramGroup id="clearkey"><meta name="key" content="0123456789abcdef0123456789abcdef:{KeyHex}"/></paramGroup>""")));
        Assert.True(ServerManifestProtection.HasKeys(Manifest($"""<paramGroup id="hls"><meta name="key" content=":{KeyHex}"/></paramGroup>""")));
    }

    static byte[] Nal(int type, int size, bool hevc = false)
    {
        var nal = new byte[4 + size];
        BinaryPrimitives.WriteInt32BigEndian(nal, size);
        nal[4] = hevc ? (byte)(type << 1) : (byte)(0x60 | type);
        return nal;
    }

    [Fact]
    public void Only_slice_data_of_long_vcl_nal_units_is_protected_in_whole_blocks()
    {
        byte[] sample = [.. Nal(6, 20), .. Nal(5, 500), .. Nal(1, 50), .. Nal(1, 300)];
        var subsamples = NalSubsamples.For(sample, 4, hevc: false, 0);
        // SEI clear; IDR: 96 + 4 clear bytes so that 400 protected are whole blocks; the short slice clear; the last
        // slice: 300 - 96 = 204 → 192 protected, 12 more clear.
        Assert.Equal([new Subsample(24 + 4 + 100, 400), new Subsample(54 + 4 + 108, 192)], subsamples);
        Assert.Equal(sample.Length, subsamples.Sum(s => s.ClearBytes + (long)s.ProtectedBytes));
        Assert.All(subsamples, s => Assert.Equal(0u, s.ProtectedBytes % 16));
    }

    [Fact]
    public void Hevc_vcl_types_are_told_by_their_two_byte_header_and_long_clear_runs_are_split()
    {
        byte[] sample = [.. Nal(32, 70_000, hevc: true), .. Nal(19, 200, hevc: true)]; // a VPS-typed unit (clear), then IDR_W_RADL
        // 70,004 clear bytes of the first unit and 4 + 104 of the second (200 - 96 = 104 → 96 protected) make 70,112:
        // one full run of 65,535 with nothing protected, then the rest before the 96 protected bytes.
        Assert.Equal([new Subsample(ushort.MaxValue, 0), new Subsample(70_112 - ushort.MaxValue, 96)], NalSubsamples.For(sample, 4, hevc: true, 0));
    }

    [Fact]
    public void A_nal_length_past_the_sample_is_refused()
    {
        var sample = Nal(5, 500)[..200];
        Assert.Throws<Bytes.MediaFormatException>(() => NalSubsamples.For(sample, 4, hevc: false, 3));
    }

    [Fact]
    public void The_ctr_keystream_is_aes_of_iv_and_block_counter_continued_across_ranges()
    {
        var key = Convert.FromHexString(KeyHex);
        byte[] iv = [1, 2, 3, 4, 5, 6, 7, 8];
        var data = RandomNumberGenerator.GetBytes(10_000);
        var whole = data.ToArray();
        using var ctr = new AesCtrKeystream(key);
        long position = 0;
        ctr.Apply(iv, whole, whole, ref position);

        // Reference: one counter block at a time, each encrypted alone.
        using var aes = Aes.Create();
        aes.Key = key;
        var expected = data.ToArray();
        for (int block = 0; block * 16 < expected.Length; block++)
        {
            var counter = new byte[16];
            iv.CopyTo(counter, 0);
            BinaryPrimitives.WriteUInt64BigEndian(counter.AsSpan(8), (ulong)block);
            var stream = aes.EncryptEcb(counter, PaddingMode.None);
            for (int i = 0; i < 16 && block * 16 + i < expected.Length; i++) expected[block * 16 + i] ^= stream[i];
        }
        Assert.Equal(expected, whole);

        // In three ranges of odd lengths, the keystream goes on where it stopped.
        var pieces = data.ToArray();
        position = 0;
        ctr.Apply(iv, pieces.AsSpan(0, 7), pieces.AsSpan(0, 7), ref position);
        ctr.Apply(iv, pieces.AsSpan(7, 4999), pieces.AsSpan(7, 4999), ref position);
        ctr.Apply(iv, pieces.AsSpan(5006), pieces.AsSpan(5006), ref position);
        Assert.Equal(expected, pieces);
    }

    /// <summary>The reference: each selected block decrypted alone, chained by hand from the IV.</summary>
    static byte[] CbcsDecrypt(byte[] key, byte[] iv, byte[] data, int crypt, int skip)
    {
        using var aes = Aes.Create();
        aes.Key = key;
        var clear = data.ToArray();
        var previous = iv;
        for (int b = 0; (b + 1) * 16 <= data.Length; b++)
        {
            if (crypt + skip > 0 && b % (crypt + skip) >= crypt) continue;
            var cipher = data.AsSpan(b * 16, 16).ToArray();
            var plain = aes.DecryptEcb(cipher, PaddingMode.None);
            for (int i = 0; i < 16; i++) clear[b * 16 + i] = (byte)(plain[i] ^ previous[i]);
            previous = cipher;
        }
        return clear;
    }

    [Fact]
    public void Cbcs_chains_one_block_in_ten_from_the_constant_iv_anew_for_each_subsample_and_leaves_partial_blocks_clear()
    {
        var key = Convert.FromHexString(KeyHex);
        var iv = RandomNumberGenerator.GetBytes(16);
        using var chain = new AesCbcChain(key);
        foreach (var length in new[] { 1000, 160, 15, 4000 })
        {
            var data = RandomNumberGenerator.GetBytes(length);
            var encrypted = data.ToArray();
            chain.Encrypt(iv, encrypted, 1, 9);
            Assert.Equal(data, CbcsDecrypt(key, iv, encrypted, 1, 9));
            for (int b = 0; b * 16 < length; b++)
            {
                bool selected = b % 10 == 0 && (b + 1) * 16 <= length;
                var block = new Range(b * 16, Math.Min(length, b * 16 + 16));
                Assert.Equal(!selected, data.AsSpan(block).SequenceEqual(encrypted.AsSpan(block)));
            }
        }
        // Audio: every whole block, the last 7 bytes clear.
        var audio = RandomNumberGenerator.GetBytes(16 * 20 + 7);
        var sealedAudio = audio.ToArray();
        chain.Encrypt(iv, sealedAudio, 0, 0);
        Assert.Equal(audio, CbcsDecrypt(key, iv, sealedAudio, 0, 0));
        Assert.Equal(audio[^7..], sealedAudio[^7..]);
        Assert.NotEqual(audio[^23..^7], sealedAudio[^23..^7]);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("""<meta name="hls_playout" content="aes"/>""", true)]
    [InlineData("""<meta name="hls_playout" content="clear"/>""", false)]
    public void Hls_aes_128_comes_from_the_hls_group(string playout, bool encrypted)
    {
        var protection = ServerManifestProtection.ForHls(Manifest($"""{playout}<paramGroup id="hls"><meta name="key" content=":{KeyHex}"/><meta name="license_server_url" content="https://keys.example/k?t=1"/></paramGroup>"""));
        Assert.Equal(encrypted, protection is not null);
        if (protection is null) return;
        var aes = Assert.IsType<HlsAes128>(protection);
        Assert.Equal(("https://keys.example/k?t=1", KeyHex, false), (aes.KeyUri, Convert.ToHexStringLower(protection.Key.Key), protection.Key.KeyIdGiven));
        Assert.Equal(Convert.FromHexString("0000000000000000000000000000002a"), aes.IvFor(42));
        Assert.DoesNotContain(KeyHex, protection.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("""<meta name="hls_playout" content="sample-aes"/><paramGroup id="hls"><meta name="key" content=":3a2a1b68dd2bd9b2eeb25e84c4776668"/></paramGroup>""", "hls_playout sample-aes is none of clear, aes, sample_aes and false")]
    [InlineData("""<paramGroup id="hls"><meta name="key" content=":3a2a1b68dd2bd9b2eeb25e84c4776668"/><meta name="license_server_url" content="keys/k"/></paramGroup>""", "paramGroup hls: license_server_url is not an absolute URL")]
    [InlineData("""<paramGroup id="hls"><meta name="key" content=":3a2a1b68dd2bd9b2eeb25e84c4776668"/><meta name="license_server_url" content="https://k/"/><meta name="key_iv" content="zz"/></paramGroup>""", "paramGroup hls: key_iv is not 32 hex digits")]
    public void Malformed_hls_markup_is_refused_with_a_reason(string head, string reason)
    {
        var e = Assert.Throws<ServerManifestException>(() => ServerManifestProtection.ForHls(Manifest(head)));
        Assert.Equal(reason, e.Message);
    }

    [Fact]
    public void A_drm_system_key_without_a_key_id_is_refused()
    {
        var e = Assert.Throws<ServerManifestException>(() => ServerManifestProtection.ForDash(Manifest($"""<paramGroup id="widevine"><meta name="key" content=":{KeyHex}"/></paramGroup>""")));
        Assert.Equal("paramGroup widevine: the key has no key id", e.Message);
    }

    [Fact]
    public void Cbcs_takes_its_constant_iv_from_key_iv_or_derives_one_from_the_key()
    {
        const string group = $"""<paramGroup id="clearkey"><meta name="key" content="0123456789abcdef0123456789abcdef:{KeyHex}"/>""";
        var given = ServerManifestProtection.ForDash(Manifest($"""<meta name="encryption_scheme" content="cbcs"/>{group}<meta name="key_iv" content="0x00112233445566778899AABBCCDDEEFF"/></paramGroup>"""))!;
        Assert.Equal(EncryptionScheme.Cbcs, given.Scheme);
        Assert.Equal(Convert.FromHexString("00112233445566778899aabbccddeeff"), given.ConstantIv);
        var derived = ServerManifestProtection.ForDash(Manifest($"""<meta name="encryption_scheme" content="cbcs"/>{group}</paramGroup>"""))!;
        Assert.Equal(16, derived.ConstantIv!.Length);
        Assert.Equal(derived.ConstantIv, ServerManifestProtection.ForDash(Manifest($"""<meta name="encryption_scheme" content="CBCS"/>{group}</paramGroup>"""))!.ConstantIv);
        var e = Assert.Throws<ServerManifestException>(() => ServerManifestProtection.ForDash(Manifest($"""<meta name="encryption_scheme" content="cbcs"/>{group}<meta name="key_iv" content="1234"/></paramGroup>""")));
        Assert.Equal("paramGroup clearkey: key_iv is not 32 hex digits", e.Message);
    }
}

public class Aes128SegmentStreamTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(300_001)]
    public async Task Writes_of_any_size_come_to_one_cbc_pkcs7_encryption_of_the_whole(int length)
    {
        var key = RandomNumberGenerator.GetBytes(16);
        var iv = RandomNumberGenerator.GetBytes(16);
        var data = RandomNumberGenerator.GetBytes(length);
        var output = new MemoryStream();
        await using (var stream = new Origin.Media.Packaging.Hls.Aes128SegmentStream(output, key, iv))
        {
            var random = new Random(length);
            for (int at = 0; at < length;)
            {
                int n = Math.Min(length - at, random.Next(1, 100_000));
                await stream.WriteAsync(data.AsMemory(at, n));
                at += n;
            }
            await stream.FinishAsync(default);
        }
        using var aes = Aes.Create();
        aes.Key = key;
        Assert.Equal(aes.EncryptCbc(data, iv, PaddingMode.PKCS7), output.ToArray());
        Assert.Equal(Origin.Media.Packaging.Hls.Aes128SegmentStream.EncryptedLength(length), output.Length);
    }
}
