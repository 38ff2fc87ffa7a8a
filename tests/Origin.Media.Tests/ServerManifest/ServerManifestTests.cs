using System.Text;
using Origin.Media.ServerManifest;
using Origin.Media.Tests.Support;
using Origin.Testing;

namespace Origin.Media.Tests.ServerManifest;

public class ServerManifestTests
{
    static Media.ServerManifest.ServerManifest Parse(string xml) => ServerManifestReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(xml)));

    [Fact]
    public void Sample_manifest_is_read()
    {
        using var file = File.OpenRead(RepositoryFiles.Sample("demo.ism"));
        var manifest = ServerManifestReader.Read(file);
        Assert.Equal(6, manifest.Tracks.Count);
        var audio = manifest.Tracks[3];
        Assert.Equal(ServerManifestTrackKind.Audio, audio.Kind);
        Assert.Equal("demo-audio-64k.isma", audio.Source);
        Assert.Equal(64000, audio.SystemBitrate);
        Assert.Equal(1u, audio.TrackId);
        Assert.Equal("eng", audio.SystemLanguage);
        Assert.Equal("demo.ismc", manifest.Metas["clientManifestRelativePath"]);
        var french = manifest.Tracks[5];
        Assert.Equal((ServerManifestTrackKind.TextStream, "demo.fr.ttml", "fra"), (french.Kind, french.Source, french.SystemLanguage));
    }

    [Fact]
    public void Written_manifest_reads_back_the_same()
    {
        using var file = File.OpenRead(RepositoryFiles.Sample("demo.ism"));
        var manifest = ServerManifestReader.Read(file);
        var text = ServerManifestWriter.Write(manifest);
        var again = Parse(text);
        Assert.Equal(manifest.Metas, again.Metas);
        Assert.Equal(manifest.Tracks.Count, again.Tracks.Count);
        for (int i = 0; i < manifest.Tracks.Count; i++)
        {
            Assert.Equal(manifest.Tracks[i].Source, again.Tracks[i].Source);
            Assert.Equal(manifest.Tracks[i].Params, again.Tracks[i].Params);
            Assert.Equal(manifest.Tracks[i].SystemBitrate, again.Tracks[i].SystemBitrate);
        }
        Assert.Equal(text, ServerManifestWriter.Write(again));
    }

    [Fact]
    public void Param_groups_of_the_head_are_read_by_id_and_written_back()
    {
        const string xml = """
            <smil xmlns="http://www.w3.org/2001/SMIL20/Language"><head>
              <meta name="mpd_playout" content="true"/>
              <paramGroup id="widevine"><meta name="key" content="10000000100010001000100000000001:3A2A1B68DD2BD9B2EEB25E84C4776668"/>
                <meta name="drm_specific_data" content="CAESEBAAAA=="/></paramGroup>
              <paramGroup id="hls"><meta name="key" content=":3A2A1B68DD2BD9B2EEB25E84C4776668"/><meta name="license_server_url" content="https://keys.example/k"/></paramGroup>
            </head><body><switch><video src="a.mp4"/></switch></body></smil>
            """;
        var manifest = Parse(xml);
        Assert.Equal("true", manifest.Metas["mpd_playout"]);
        Assert.Equal(["hls", "widevine"], manifest.ParamGroups.Keys.Order());
        Assert.Equal("CAESEBAAAA==", manifest.ParamGroups["Widevine"]["DRM_SPECIFIC_DATA"]);
        Assert.Equal("https://keys.example/k", manifest.ParamGroups["hls"]["license_server_url"]);
        Assert.DoesNotContain("key", manifest.Metas.Keys); // a group's metas are its own

        var again = Parse(ServerManifestWriter.Write(manifest));
        Assert.Equal(manifest.ParamGroups.Keys, again.ParamGroups.Keys);
        foreach (var (id, metas) in manifest.ParamGroups) Assert.Equal(metas, again.ParamGroups[id]);
    }

    [Fact]
    public void Playout_switches_default_on()
    {
        var manifest = Parse("""<smil><head><meta name="hls_playout" content="false"/></head><body><switch><video src="a.mp4"/></switch></body></smil>""");
        Assert.False(manifest.IsPlayoutEnabled("hls_playout"));
        Assert.True(manifest.IsPlayoutEnabled("mpd_playout"));
    }

    [Theory]
    [InlineData("not xml at all", "not a valid SMIL")]
    [InlineData("<html/>", "not <smil>")]
    [InlineData("<smil><body><switch/></body></smil>", "no tracks")]
    [InlineData("<smil><body><switch><video/></switch></body></smil>", "has no src")]
    [InlineData("""<smil><body><switch><video src="a" systemBitrate="fast"/></switch></body></smil>""", "not a number")]
    [InlineData("""<smil><head><paramGroup><meta name="key" content="a:b"/></paramGroup></head><body><switch><video src="a"/></switch></body></smil>""", "has no id")]
    [InlineData("""<smil><head><paramGroup id="iss"/><paramGroup id="ISS"/></head><body><switch><video src="a"/></switch></body></smil>""", "given twice")]
    [InlineData("""<!DOCTYPE smil [<!ENTITY x SYSTEM "file:///etc/passwd">]><smil>&x;</smil>""", "not a valid SMIL")]
    public void Bad_manifests_are_refused_with_a_reason(string xml, string reason)
    {
        var e = Assert.Throws<ServerManifestException>(() => Parse(xml));
        Assert.Contains(reason, e.Message);
    }
}
