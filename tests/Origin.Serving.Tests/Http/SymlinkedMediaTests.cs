using System.Net;
using Origin.Serving.Tests.Support;
using Origin.Testing;

namespace Origin.Serving.Tests.Http;

/// <summary>
/// A media library laid out with symbolic links: links to files inside the mount serve what the files serve; links
/// that lead outside it answer 403 with a reason unless allowed; a dangling link is a 404.
/// </summary>
public sealed class SymlinkedMediaTests : IAsyncLifetime
{
    readonly string _inside = Directory.CreateTempSubdirectory("linked-inside").FullName;
    readonly string _outside = Directory.CreateTempSubdirectory("linked-outside").FullName;
    OriginServer _origin = null!;
    OriginServer _permissive = null!;

    public async Task InitializeAsync()
    {
        // Inside: the files under originals/, the names the .ism uses as links to them.
        Directory.CreateDirectory(Path.Combine(_inside, "originals"));
        foreach (var file in Directory.GetFiles(RepositoryFiles.Samples))
        {
            var name = Path.GetFileName(file);
            File.Copy(file, Path.Combine(_inside, "originals", name));
            File.CreateSymbolicLink(Path.Combine(_inside, name), Path.Combine("originals", name));
        }
        File.CreateSymbolicLink(Path.Combine(_inside, "gone.mp4"), "originals/deleted.mp4");
        // Outside: links straight into the repository's samples folder.
        foreach (var file in Directory.GetFiles(RepositoryFiles.Samples))
            File.CreateSymbolicLink(Path.Combine(_outside, Path.GetFileName(file)), file);
        var mounts = new Dictionary<string, string> { ["vod"] = RepositoryFiles.Samples, ["linked"] = _inside, ["away"] = _outside };
        _origin = await OriginServer.StartAsync(mounts);
        _permissive = await OriginServer.StartAsync(mounts, new Dictionary<string, string?> { ["Origin:FileLinksOutsideMounts"] = "true" });
    }

    public async Task DisposeAsync()
    {
        await _origin.DisposeAsync();
        await _permissive.DisposeAsync();
        Directory.Delete(_inside, recursive: true);
        Directory.Delete(_outside, recursive: true);
    }

    [Theory]
    [InlineData("demo.ism")]
    [InlineData("progressive.mp4")]
    public async Task Linked_media_inside_the_mount_serves_the_same_segments_as_the_files(string asset)
    {
        var linked = await SegmentLists.FromDashAsync(_origin.Client, _origin.Url($"/linked/{asset}/.mpd"));
        var direct = await SegmentLists.FromDashAsync(_origin.Client, _origin.Url($"/vod/{asset}/.mpd"));
        Assert.Equal(direct.Count, linked.Count);
        for (int t = 0; t < direct.Count; t++)
        {
            foreach (var (a, b) in ((string[])[direct[t].Init, .. direct[t].Segments]).Zip([linked[t].Init, .. linked[t].Segments]))
                Assert.Equal(await _origin.Client.GetByteArrayAsync(a), await _origin.Client.GetByteArrayAsync(b));
        }
    }

    [Theory]
    [InlineData("demo.ism/.m3u8")] // the manifest itself is a link
    [InlineData("progressive.mp4/.mpd")]
    public async Task Links_that_lead_outside_the_mount_are_refused_with_a_reason_unless_allowed(string path)
    {
        using var refused = await _origin.Client.GetAsync("/away/" + path);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("link that leads outside the mount", await refused.Content.ReadAsStringAsync());
        using var allowed = await _permissive.Client.GetAsync("/away/" + path);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task A_dangling_link_is_not_found()
    {
        using var response = await _origin.Client.GetAsync("/linked/gone.mp4/.m3u8");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
