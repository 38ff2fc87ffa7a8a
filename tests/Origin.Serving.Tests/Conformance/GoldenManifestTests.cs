using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Origin.Media.Tests.Support;
using Origin.Testing;
using Origin.Serving.Tests.Support;

namespace Origin.Serving.Tests.Conformance;

/// <summary>
/// Manifests compared byte for byte with reviewed golden files (refresh with UPDATE_GOLDEN=1 and read the diff).
/// The same manifests are played by real players in PlayerTests, so the goldens are checked independently.
/// </summary>
[Collection(SampleOriginCollection.Name)]
public class GoldenManifestTests(SampleOriginFixture fixture)
{
    public static TheoryData<string, string> Manifests() => new()
    {
        { "demo.ism/.m3u8", "demo.m3u8" },
        { "demo.ism/demo-video=150000.m3u8", "demo-video=150000.m3u8" },
        { "demo.ism/demo-audio=64000.m3u8", "demo-audio=64000.m3u8" },
        { "demo.ism/.mpd", "demo.mpd" },
        { "demo.ism/Manifest", "demo.Manifest.xml" },
        { "progressive.mp4/.m3u8", "progressive.m3u8" },
        { "progressive.mp4/progressive-video=402263.m3u8", "progressive-video=402263.m3u8" },
        { "progressive.mp4/.mpd", "progressive.mpd" },
        { "progressive.mp4/Manifest", "progressive.Manifest.xml" },
        { "demo.ism/.m3u8?hls_fmp4=false", "demo.ts.m3u8" },
        { "demo.ism/demo-audio=64000-video=150000.m3u8?hls_fmp4=false", "demo-audio=64000-video=150000.ts.m3u8" },
        { "progressive.mp4/.m3u8?hls_fmp4=false", "progressive.ts.m3u8" },
        // A filter: the views it gives, and the query it carries into every URL.
        { "demo.ism/.m3u8" + Filter, "demo.filter.m3u8" },
        { "demo.ism/.mpd" + Filter, "demo.filter.mpd" },
        { "demo.ism/Manifest" + Filter, "demo.filter.Manifest.xml" },
        // A clip: 4 s to 13 s of the fragmented set and of the progressive file, every timeline from 0.
        { "demo.ism/.mpd" + Clip, "demo.clip.mpd" },
        { "demo.ism/demo-video=150000.m3u8" + Clip, "demo-video=150000.clip.m3u8" },
        { "demo.ism/Manifest" + Clip, "demo.clip.Manifest.xml" },
        { "progressive.mp4/.mpd" + Clip, "progressive.clip.mpd" },
        { "progressive.mp4/progressive-video=402263.m3u8" + Clip, "progressive-video=402263.clip.m3u8" },
    };

    public const string Clip = "?vbegin=5&vend=13";

    public const string Filter = "?filter=(type==%22audio%22%26%26systemBitrate<100000)||(type!=%22audio%22%26%26MaxHeight<=360)";

    /// <summary>The same, with a query carried into every URL (the fixture's <c>carry</c> mount drops <c>token</c>).</summary>
    public static TheoryData<string, string> ManifestsWithAQuery() => new()
    {
        { "demo.ism/.m3u8", "demo.query.m3u8" },
        { "demo.ism/demo-video=150000.m3u8", "demo-video=150000.query.m3u8" },
        { "demo.ism/.mpd", "demo.query.mpd" },
        { "demo.ism/Manifest", "demo.query.Manifest.xml" },
    };

    /// <summary>A percent-escaped URL, a '$' (doubled in DASH templates), a character escaped on the way, a dropped token.</summary>
    public const string Query = "?url=http%3A%2F%2Fmedia%2Fa.mp4&session=a$b&note=\"x\"&token=secret";

    [Theory]
    [MemberData(nameof(Manifests))]
    public async Task Manifest_matches_its_golden_file(string path, string golden) =>
        await MatchesGoldenAsync(await fixture.Server.Client.GetStringAsync("/vod/" + path), golden);

    [Theory]
    [MemberData(nameof(ManifestsWithAQuery))]
    public async Task Manifest_with_a_query_matches_its_golden_file(string path, string golden)
    {
        var text = await fixture.Server.Client.GetStringAsync("/carry/" + path + Query);
        Assert.DoesNotContain("secret", text);
        await MatchesGoldenAsync(text, golden);
    }

    static async Task MatchesGoldenAsync(string text, string golden)
    {
        var file = Path.Combine(RepositoryFiles.Root, "tests", "Origin.Serving.Tests", "Golden", golden);
        if (RepositoryFiles.UpdateGolden) await File.WriteAllTextAsync(file, text);
        Assert.True(File.Exists(file), $"{file} is missing: run the tests once with UPDATE_GOLDEN=1 and review it");
        Assert.Equal(await File.ReadAllTextAsync(file), text);
    }

    [Theory]
    [InlineData("demo.ism/.mpd")]
    [InlineData("progressive.mp4/.mpd")]
    [InlineData("demo.ism/.mpd" + Query)]
    [InlineData("demo.ism/.mpd" + Filter)]
    [InlineData("demo.ism/.mpd" + Clip)]
    [InlineData("progressive.mp4/.mpd" + Clip)]
    public async Task Mpd_is_valid_against_the_dash_schema(string path)
    {
        var text = await fixture.Server.Client.GetStringAsync((path.Contains('?') ? "/carry/" : "/vod/") + path);
        var errors = DashSchema.Validate(text);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void Schema_check_rejects_an_invalid_mpd()
    {
        // Proves the validator is live: an unknown attribute value and a missing required attribute.
        var errors = DashSchema.Validate("""<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="sometimes"><Period/></MPD>""");
        Assert.NotEmpty(errors);
    }
}

/// <summary>Validates MPDs against ISO/IEC 23009-1's schema, with the xlink import resolved to the local copy.</summary>
public static class DashSchema
{
    static readonly Lazy<XmlSchemaSet> Schemas = new(Load);

    public static List<string> Validate(string mpd)
    {
        var errors = new List<string>();
        var document = XDocument.Parse(mpd);
        document.Validate(Schemas.Value, (_, e) => errors.Add($"{e.Severity}: {e.Message}"));
        return errors;
    }

    static XmlSchemaSet Load()
    {
        var folder = RepositoryFiles.SharedSchemas;
        var set = new XmlSchemaSet { XmlResolver = new LocalResolver(folder) };
        using var reader = XmlReader.Create(Path.Combine(folder, "DASH-MPD.xsd"), new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = new LocalResolver(folder) });
        set.Add("urn:mpeg:dash:schema:mpd:2011", reader);
        set.Compile();
        return set;
    }

    /// <summary>Maps the w3.org schema locations to the files beside DASH-MPD.xsd; nothing is fetched.</summary>
    sealed class LocalResolver(string folder) : XmlUrlResolver
    {
        public override object? GetEntity(Uri absoluteUri, string? role, Type? ofObjectToReturn)
        {
            var name = absoluteUri.Segments[^1];
            var local = Path.Combine(folder, name);
            if (File.Exists(local)) return File.OpenRead(local);
            throw new XmlException($"schema {absoluteUri} is not available locally");
        }
    }
}
