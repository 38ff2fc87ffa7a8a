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
        Assert.Equal(4, manifest.Tracks.Count);
        var audio = manifest.Tracks[3];
        Assert.Equal(ServerManifestTrackKind.Audio, audio.Kind);
        Assert.Equal("demo-audio-64k.isma", audio.Source);
        Assert.Equal(64000, audio.SystemBitrate);
        Assert.Equal(1u, audio.TrackId);
        Assert.Equal("eng", audio.SystemLanguage);
        Assert.Equal("demo.ismc", manifest.Metas["clientManifestRelativePath"]);
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
    [InlineData("""<!DOCTYPE smil [<!ENTITY x SYSTEM "file:///etc/passwd">]><smil>&x;</smil>""", "not a valid SMIL")]
    public void Bad_manifests_are_refused_with_a_reason(string xml, string reason)
    {
        var e = Assert.Throws<ServerManifestException>(() => Parse(xml));
        Assert.Contains(reason, e.Message);
    }
}
