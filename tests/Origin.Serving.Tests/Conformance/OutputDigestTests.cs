using System.Security.Cryptography;
using Origin.Serving.Tests.Support;
using Origin.Testing;

namespace Origin.Serving.Tests.Conformance;

/// <summary>
/// Every URL of the samples, in all three formats (manifests, playlists, init and media segments, followed from the
/// first URL as a player would), against a stored list of SHA-256 digests: a change anywhere in the packaging path
/// that alters one output byte shows here, named by URL. The same outputs are decoded by ffmpeg and played by real
/// players in this suite, so the list is checked independently. Refresh with UPDATE_GOLDEN=1 and read the diff.
/// </summary>
[Collection(SampleOriginCollection.Name)]
public class OutputDigestTests(SampleOriginFixture fixture)
{
    static readonly string ListFile = Path.Combine(RepositoryFiles.Root, "tests", "Origin.Serving.Tests", "Golden", "output-digests.txt");

    [Fact]
    public async Task Every_sample_output_is_byte_identical_to_the_stored_digests()
    {
        var client = fixture.Server.Client;
        var urls = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var asset in (string[])["demo.ism", "progressive.mp4"])
        {
            var name = asset[..asset.LastIndexOf('.')];
            var entry = fixture.Server.Url($"/vod/{asset}/");
            var hls = await SegmentLists.FromHlsAsync(client, entry + ".m3u8");
            var dash = await SegmentLists.FromDashAsync(client, entry + ".mpd");
            var smooth = await SegmentLists.FromSmoothAsync(client, entry + "Manifest", name);
            urls.UnionWith([entry + ".m3u8", entry + ".mpd", entry + "Manifest"]);
            foreach (var track in hls) urls.Add(entry + track.Track);
            foreach (var track in hls.Concat(dash).Concat(smooth)) urls.UnionWith([track.Init, .. track.Segments]);
        }
        var lines = new List<string>();
        foreach (var url in urls)
        {
            var bytes = await client.GetByteArrayAsync(url);
            lines.Add($"{url[fixture.Server.BaseUrl.Length..]} {Convert.ToHexStringLower(SHA256.HashData(bytes))}");
        }
        var text = string.Join('\n', lines) + "\n";
        if (RepositoryFiles.UpdateGolden) await File.WriteAllTextAsync(ListFile, text);
        Assert.True(File.Exists(ListFile), $"{ListFile} is missing: run the tests once with UPDATE_GOLDEN=1 and review it");
        var expected = (await File.ReadAllLinesAsync(ListFile)).Where(l => l.Length > 0).ToList();
        Assert.True(expected.Count > 100, "the digest list covers too little to prove anything");
        var changed = expected.Except(lines).Select(l => l.Split(' ')[0]).ToList();
        var added = lines.Except(expected).Select(l => l.Split(' ')[0]).Except(changed).ToList();
        Assert.True(changed.Count == 0 && added.Count == 0,
            $"{changed.Count} outputs differ or are gone (first: {changed.FirstOrDefault()}), {added.Count} new (first: {added.FirstOrDefault()})");
    }
}
