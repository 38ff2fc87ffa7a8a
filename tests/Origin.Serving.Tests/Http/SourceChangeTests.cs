using Origin.Serving.Tests.Support;
using Origin.Testing;

namespace Origin.Serving.Tests.Http;

/// <summary>A source replaced behind an unchanged server manifest is noticed by the next segment read and reindexed.</summary>
public class SourceChangeTests
{
    [Fact]
    public async Task A_replaced_source_is_reindexed_within_the_request()
    {
        var dir = Directory.CreateTempSubdirectory("change").FullName;
        foreach (var file in Directory.GetFiles(RepositoryFiles.Samples, "demo*")) File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        await using var server = await OriginServer.StartAsync(new Dictionary<string, string> { ["vod"] = dir });
        const string segment = "/vod/demo.ism/demo-video=150000-3.m4s";
        var before = await server.Client.GetByteArrayAsync(segment);

        // Same name, other content: the 300k rendition's bytes under the 150k file's name.
        File.Copy(Path.Combine(dir, "demo-video-300k.ismv"), Path.Combine(dir, "demo-video-150k.ismv"), overwrite: true);
        File.SetLastWriteTimeUtc(Path.Combine(dir, "demo-video-150k.ismv"), DateTime.UtcNow.AddMinutes(1));

        using var response = await server.Client.GetAsync(segment);
        Assert.Equal(200, (int)response.StatusCode);
        var after = await response.Content.ReadAsByteArrayAsync();
        Assert.NotEqual(before, after);
        Assert.Equal(after, await server.Client.GetByteArrayAsync("/vod/demo.ism/demo-video=300000-3.m4s"));
    }

    [Fact]
    public async Task A_replaced_source_behind_a_proxied_manifest_is_reindexed_within_the_request()
    {
        await using var web = await StaticWebServer.StartAsync(ignoreRange: false);
        await web.PutSamplesAsync("library/");
        await using var server = await OriginServer.StartAsync(new Dictionary<string, string>(), new Dictionary<string, string?>
        {
            ["Origin:Mounts:web:Path"] = "/web",
            ["Origin:Mounts:web:ManifestProxy"] = web.BaseUri + "library/",
            ["Origin:Mounts:web:AllowPrivateAddresses"] = "true",
            // The proxied manifest is trusted for a long while: only the failed read can tell the source changed.
            ["Origin:Mounts:web:ProxyManifestTtlSeconds"] = "3600",
        });
        const string segment = "/web/demo.ism/demo-video=150000-3.m4s";
        var before = await server.Client.GetByteArrayAsync(segment);

        await web.PutAsync("library/demo-video-150k.ismv", await File.ReadAllBytesAsync(RepositoryFiles.Sample("demo-video-300k.ismv")));

        using var response = await server.Client.GetAsync(segment);
        Assert.Equal(200, (int)response.StatusCode);
        var after = await response.Content.ReadAsByteArrayAsync();
        Assert.NotEqual(before, after);
        Assert.Equal(after, await server.Client.GetByteArrayAsync("/web/demo.ism/demo-video=300000-3.m4s"));
    }
}
