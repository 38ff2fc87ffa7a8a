using Origin.Serving.Tests.Support;
using Origin.Testing;

namespace Origin.Serving.Tests.Http;

/// <summary>A server manifest named .isml or .smil is read as an .ism is: the same manifests and segments, in every
/// format, under its own URL.</summary>
public class ServerManifestNamesTests
{
    [Theory]
    [InlineData("isml")]
    [InlineData("smil")]
    [InlineData("ISM")]
    public async Task Every_format_serves_the_same_bytes_as_for_the_ism(string extension)
    {
        var folder = Directory.CreateTempSubdirectory("names").FullName;
        foreach (var file in Directory.GetFiles(RepositoryFiles.Samples, "demo*")) File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        File.Move(Path.Combine(folder, "demo.ism"), Path.Combine(folder, "demo." + extension));
        await using var origin = await OriginServer.StartAsync(new Dictionary<string, string> { ["vod"] = RepositoryFiles.Samples, ["other"] = folder });
        foreach (var resource in new[] { ".m3u8", "demo-video=300000.m3u8", "demo-video=300000-2.m4s", ".mpd", "dash/demo-audio=64000-0.dash", "Manifest",
            "QualityLevels(150000)/Fragments(video=0)", ".m3u8?hls_fmp4=false" })
        {
            var expected = await origin.Client.GetByteArrayAsync("/vod/demo.ism/" + resource);
            Assert.Equal(expected, await origin.Client.GetByteArrayAsync($"/other/demo.{extension}/" + resource));
        }
    }
}
