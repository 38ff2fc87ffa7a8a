using Origin.Serving.Tests.Support;
using Origin.Testing;

namespace Origin.Serving.Tests.Protection;

/// <summary>
/// Keys from a CMS through ManifestProxy: when the CMS hands out another key, the next manifest after its TTL carries
/// the new key id and the same segment URLs then decrypt with the new key only, under a new ETag.
/// </summary>
public class CmsKeyRotationTests
{
    const string KeyA = "3a2a1b68dd2bd9b2eeb25e84c4776668", KeyIdA = "0123456789abcdef0123456789abcdef";
    const string KeyB = "8c5a6f3e2d1b0a99887766554433aa21", KeyIdB = "fedcba9876543210fedcba9876543210";

    static string Group(string keyId, string key) => $"""<paramGroup id="clearkey"><meta name="key" content="{keyId}:{key}"/></paramGroup>""";

    [Fact]
    public async Task A_cms_that_changes_the_key_changes_the_output_on_its_next_ttl()
    {
        await using var media = await StaticWebServer.StartAsync(ignoreRange: false);
        await media.PutSamplesAsync("library/");
        await using var cms = await TestCms.StartAsync(media.BaseUri + "library/");
        cms.MaxAge = 1;
        cms.Head = Group(KeyIdA, KeyA);
        await using var origin = await OriginServer.StartAsync(new Dictionary<string, string> { ["vod"] = RepositoryFiles.Samples }, cms.Mount("cms"));
        var mpd = origin.Url("/cms/demo.ism/.mpd");

        var video = (await SegmentLists.FromDashAsync(origin.Client, mpd)).First(t => t.IsVideo);
        var (first, firstTag) = await DecryptableAsync(origin.Client, video, "a");
        cms.Head = Group(KeyIdB, KeyB);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!(await origin.Client.GetStringAsync(mpd)).Contains("fedcba98-7654-3210-fedc-ba9876543210", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "the origin kept the first key past the CMS's TTL");
            await Task.Delay(250);
        }
        var (second, secondTag) = await DecryptableAsync(origin.Client, video, "b");
        Assert.NotEqual(firstTag, secondTag);

        var frames = await CencDashTests.FrameCrcsAsync(first, KeyA);
        Assert.NotEmpty(frames);
        Assert.Equal(frames, await CencDashTests.FrameCrcsAsync(second, KeyB));
        var stale = await ExternalTool.RunAsync("ffmpeg", ["-v", "error", "-xerror", "-decryption_key", KeyA, "-i", second, "-f", "framecrc", "-"], TimeSpan.FromMinutes(1));
        var staleFrames = stale.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#'));
        Assert.True(stale.ExitCode != 0 || !staleFrames.SequenceEqual(frames), "the rotated segment still decrypts with the old key");
    }

    [Fact]
    public async Task A_cms_manifest_naming_a_cpix_service_takes_its_keys_and_their_ttl()
    {
        await using var media = await StaticWebServer.StartAsync(ignoreRange: false);
        await media.PutSamplesAsync("library/");
        await media.PutAsync("keys/demo.xml", System.Text.Encoding.UTF8.GetBytes(CpixFixture.DashDocument(KeyIdA, KeyA)));
        await using var cms = await TestCms.StartAsync(media.BaseUri + "library/");
        cms.MaxAge = 60;
        cms.Head = $"""<meta name="cpix" content="{media.BaseUri}keys/demo.xml"/>""";
        await using var origin = await OriginServer.StartAsync(new Dictionary<string, string> { ["vod"] = RepositoryFiles.Samples },
            new Dictionary<string, string?>(cms.Mount("cms")) { ["Origin:MetadataTtlSeconds"] = "1" });
        var mpd = origin.Url("/cms/demo.ism/.mpd");
        Assert.Contains("01234567-89ab-cdef-0123-456789abcdef", await origin.Client.GetStringAsync(mpd));
        var video = (await SegmentLists.FromDashAsync(origin.Client, mpd)).First(t => t.IsVideo);
        var (file, _) = await DecryptableAsync(origin.Client, video, "cpix");
        Assert.NotEmpty(await CencDashTests.FrameCrcsAsync(file, KeyA));

        // The key service sent no Cache-Control: its keys hold for the metadata TTL, not for the CMS's 60 s.
        await media.PutAsync("keys/demo.xml", System.Text.Encoding.UTF8.GetBytes(CpixFixture.DashDocument(KeyIdB, KeyB)));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!(await origin.Client.GetStringAsync(mpd)).Contains("fedcba98-7654-3210-fedc-ba9876543210", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "the origin kept the CPIX key past its TTL");
            await Task.Delay(250);
        }
    }

    /// <summary>The track's init segment and second media segment as one file, and the segment's ETag.</summary>
    static async Task<(string File, string? ETag)> DecryptableAsync(HttpClient client, TrackSegmentUrls track, string name)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("rotation").FullName, name + ".mp4");
        using var segment = await client.GetAsync(track.Segments[1]);
        await File.WriteAllBytesAsync(path, [.. await client.GetByteArrayAsync(track.Init), .. await segment.Content.ReadAsByteArrayAsync()]);
        return (path, segment.Headers.ETag?.Tag);
    }
}
