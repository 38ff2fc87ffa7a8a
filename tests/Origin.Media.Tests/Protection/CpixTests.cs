using System.Text;
using Origin.Media.Protection;
using Origin.Media.Protection.Cpix;
using Origin.Media.ServerManifest;
using Origin.Testing;

namespace Origin.Media.Tests.Protection;

public class CpixTests
{
    const string KeyId = "0123456789abcdef0123456789abcdef", Key = "3a2a1b68dd2bd9b2eeb25e84c4776668";
    static readonly byte[] WidevineData = [0x12, 0x10, .. Convert.FromHexString(KeyId)];

    static Media.ServerManifest.ServerManifest Manifest(string head = "") => ServerManifestReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(
        $"""<smil xmlns="http://www.w3.org/2001/SMIL20/Language"><head>{head}</head><body><switch><video src="v.mp4"/></switch></body></smil>""")));

    static Media.ServerManifest.ServerManifest Apply(string document, string head = "")
    {
        var bytes = Encoding.UTF8.GetBytes(document);
        return CpixKeys.Apply(Manifest(head), CpixReader.Read(bytes, bytes.Length));
    }

    [Fact]
    public void Widevine_playready_and_clearkey_systems_become_their_groups_with_the_key_and_the_pssh_data()
    {
        var manifest = Apply(CpixText.Document(KeyId, Key, "cbcs", null,
            CpixText.System(KeyId, CpixText.Widevine, WidevineData),
            CpixText.System(KeyId, CpixText.PlayReady, "header"u8.ToArray()),
            CpixText.System(KeyId, CpixText.ClearKey),
            CpixText.System(KeyId, "5e629af5-38da-4063-8977-97ffbd9902d4"))); // Marlin: not announced

        var dash = ServerManifestProtection.ForDash(manifest)!;
        Assert.Equal(EncryptionScheme.Cbcs, dash.Scheme);
        Assert.Equal(KeyId, Convert.ToHexStringLower(dash.Key.KeyId));
        Assert.Equal(Key, Convert.ToHexStringLower(dash.Key.Key));
        Assert.Equal(["Widevine", "PlayReady", "ClearKey"], dash.Systems.Select(s => s.Name));
        Assert.Equal(WidevineData, dash.Systems[0].PsshData);
        Assert.Equal("header"u8.ToArray(), dash.Systems[1].PsshData);
    }

    [Fact]
    public void An_aes_128_system_gives_hls_its_key_uri_and_the_explicit_iv()
    {
        const string iv = "00112233445566778899aabbccddeeff";
        var manifest = Apply(CpixText.Document(KeyId, Key, null, iv, CpixText.System(KeyId, CpixText.Aes128, uriExtXKey: "https://keys.example.com/k?t=1")));
        var hls = Assert.IsType<HlsAes128>(ServerManifestProtection.ForHls(manifest));
        Assert.Equal("https://keys.example.com/k?t=1", hls.KeyUri);
        Assert.Equal(iv, Convert.ToHexStringLower(hls.Iv!));
        Assert.Equal(Key, Convert.ToHexStringLower(hls.Key.Key));
    }

    [Fact]
    public void FairPlay_alone_means_sample_aes_with_its_uri_from_the_signalling_line()
    {
        var manifest = Apply(CpixText.Document(KeyId, Key, null, null,
            CpixText.System(KeyId, CpixText.FairPlay, hlsSignaling: "#EXT-X-KEY:METHOD=SAMPLE-AES,URI=\"skd://key-1\",KEYFORMAT=\"com.apple.streamingkeydelivery\",KEYFORMATVERSIONS=\"1\""),
            CpixText.System(KeyId, CpixText.Widevine, WidevineData)));
        var hls = Assert.IsType<HlsSampleAes>(ServerManifestProtection.ForHls(manifest));
        Assert.Equal(EncryptionScheme.Cbcs, hls.Samples.Scheme);
        Assert.Equal("skd://key-1", hls.Samples.Systems.Single(s => s.SystemId == DrmSystem.FairPlay).LicenseUrl);
    }

    [Fact]
    public void What_the_server_manifest_states_itself_is_kept()
    {
        var manifest = Apply(CpixText.Document(KeyId, Key, "cbcs", null, CpixText.System(KeyId, CpixText.ClearKey)),
            $"""<meta name="encryption_scheme" content="cenc"/><paramGroup id="clearkey"><meta name="key" content="{KeyId}:{Key}"/><meta name="license_server_url" content="https://lic.example.com/"/></paramGroup>""");
        var dash = ServerManifestProtection.ForDash(manifest)!;
        Assert.Equal(EncryptionScheme.Cenc, dash.Scheme);
        Assert.Equal("https://lic.example.com/", dash.Systems.Single().LicenseUrl);

        // A group of the manifest with another key is a disagreement, as between two groups of the manifest.
        var other = Apply(CpixText.Document(KeyId, Key, null, null, CpixText.System(KeyId, CpixText.Widevine, WidevineData)),
            $"""<paramGroup id="clearkey"><meta name="key" content="{KeyId}:00000000000000000000000000000000"/></paramGroup>""");
        Assert.Throws<ServerManifestException>(() => ServerManifestProtection.ForDash(other));
    }

    [Theory]
    [InlineData("<cpix:CPIX xmlns:cpix=\"urn:dashif:org:cpix\"><cpix:ContentKeyList>", "not well-formed XML")]
    [InlineData("<CPIX><ContentKeyList/></CPIX>", "root element is not CPIX")]
    [InlineData("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><cpix:CPIX xmlns:cpix=\"urn:dashif:org:cpix\">&e;</cpix:CPIX>", "not well-formed XML")]
    [InlineData("<cpix:CPIX xmlns:cpix=\"urn:dashif:org:cpix\" xmlns:pskc=\"urn:ietf:params:xml:ns:keyprov:pskc\"><cpix:ContentKeyList><cpix:ContentKey kid=\"01234567-89ab-cdef-0123-456789abcdef\"><cpix:Data><pskc:Secret><pskc:EncryptedValue/></pskc:Secret></cpix:Data></cpix:ContentKey></cpix:ContentKeyList></cpix:CPIX>", "encrypted content keys")]
    [InlineData("<cpix:CPIX xmlns:cpix=\"urn:dashif:org:cpix\" xmlns:pskc=\"urn:ietf:params:xml:ns:keyprov:pskc\"><cpix:ContentKeyList><cpix:ContentKey kid=\"01234567-89ab-cdef-0123-456789abcdef\"><cpix:Data><pskc:Secret><pskc:PlainValue>SECRETSECRET</pskc:PlainValue></pskc:Secret></cpix:Data></cpix:ContentKey></cpix:ContentKeyList></cpix:CPIX>", "the key is not 16 bytes of base64")]
    [InlineData("<cpix:CPIX xmlns:cpix=\"urn:dashif:org:cpix\"><cpix:ContentKeyList><cpix:ContentKey kid=\"nope\"/></cpix:ContentKeyList></cpix:CPIX>", "a ContentKey has no valid kid")]
    public void A_bad_document_is_refused_with_a_reason_that_repeats_no_key(string document, string reason)
    {
        var bytes = Encoding.UTF8.GetBytes(document);
        var e = Assert.Throws<CpixException>(() => CpixReader.Read(bytes, bytes.Length));
        Assert.Contains(reason, e.Message);
        Assert.DoesNotContain("SECRET", e.Message);
    }

    [Fact]
    public void Documents_the_model_cannot_carry_are_refused_with_a_reason()
    {
        const string otherId = "fedcba9876543210fedcba9876543210";
        var twoKeys = CpixText.Document(KeyId, Key).Replace("</cpix:ContentKeyList>",
            $"""<cpix:ContentKey kid="fedcba98-7654-3210-fedc-ba9876543210"><cpix:Data><pskc:Secret><pskc:PlainValue>{Convert.ToBase64String(new byte[16])}</pskc:PlainValue></pskc:Secret></cpix:Data></cpix:ContentKey></cpix:ContentKeyList>""");
        Assert.Contains("a key per track is not supported", Assert.Throws<CpixException>(() => Apply(twoKeys)).Message);
        Assert.Contains("names a key the document does not hold", Assert.Throws<CpixException>(() => Apply(CpixText.Document(KeyId, Key, null, null, CpixText.System(otherId, CpixText.Widevine)))).Message);
        Assert.Contains("commonEncryptionScheme cens", Assert.Throws<CpixException>(() => Apply(CpixText.Document(KeyId, Key, "cens"))).Message);
        Assert.Contains("its PSSH is for system", Assert.Throws<CpixException>(() => Apply(CpixText.Document(KeyId, Key, null, null,
            CpixText.System(KeyId, CpixText.Widevine).Replace("</cpix:DRMSystem>", $"<cpix:PSSH>{Convert.ToBase64String(CpixText.Pssh(CpixText.PlayReady, [1]))}</cpix:PSSH></cpix:DRMSystem>")))).Message);
        Assert.Contains("has no ContentKey", Assert.Throws<CpixException>(() => CpixKeys.Apply(Manifest(), new CpixDocument([], []))).Message);
    }
}
