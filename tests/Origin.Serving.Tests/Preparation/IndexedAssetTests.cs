using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Origin.Serving.Tests.Http;
using Origin.Serving.Tests.Support;
using Origin.Testing;

namespace Origin.Serving.Tests.Preparation;

/// <summary>
/// Assets prepared with origin-tool (index MP4s plus a server manifest listing them) must play exactly as the
/// original server manifest does: the same init and media segments, byte for byte, in HLS, DASH and Smooth, from a
/// local folder and from S3, with one storage read per segment once the index is cached.
/// </summary>
public sealed class IndexedAssetTests : IAsyncLifetime
{
    static readonly string[] Media = ["demo-video-150k.ismv", "demo-video-300k.ismv", "demo-video-500k.ismv", "demo-audio-64k.isma"];
    readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("indexed-asset-");
    OriginServer _original = null!;

    public async Task InitializeAsync()
    {
        foreach (var name in Media) File.Copy(RepositoryFiles.Sample(name), Path.Combine(_dir.FullName, name));
        _original = await OriginServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _original.DisposeAsync();
        _dir.Delete(recursive: true);
    }

    string Local(string name) => Path.Combine(_dir.FullName, name);

    /// <summary>Per-file indexes and one all-in-one index, each with its own manifest.</summary>
    static async Task PrepareAsync(Func<string, string> at, IReadOnlyDictionary<string, string?>? settings = null)
    {
        await ToolRunner.SucceedAsync(settings, ["index", .. Media.Select(at)]);
        await ToolRunner.SucceedAsync(settings, ["manifest", "-o", at("per-file.ism"), .. Media.Select(m => at(m[..m.LastIndexOf('.')] + "-index.mp4"))]);
        await ToolRunner.SucceedAsync(settings, ["index", "-o", at("index/all-index.mp4"), .. Media.Select(at)]);
        await ToolRunner.SucceedAsync(settings, ["manifest", "-o", at("all.ism"), at("index/all-index.mp4")]);
    }

    async Task AssertSameSegmentsAsync(OriginServer prepared, string mount, string asset)
    {
        foreach (var (original, indexed) in new[]
        {
            (await SegmentLists.FromHlsAsync(_original.Client, _original.Url("/vod/demo.ism/.m3u8")), await SegmentLists.FromHlsAsync(prepared.Client, prepared.Url($"/{mount}/{asset}.ism/.m3u8"))),
            (await SegmentLists.FromDashAsync(_original.Client, _original.Url("/vod/demo.ism/.mpd")), await SegmentLists.FromDashAsync(prepared.Client, prepared.Url($"/{mount}/{asset}.ism/.mpd"))),
            (await SegmentLists.FromSmoothAsync(_original.Client, _original.Url("/vod/demo.ism/Manifest"), "demo"), await SegmentLists.FromSmoothAsync(prepared.Client, prepared.Url($"/{mount}/{asset}.ism/Manifest"), asset)),
        })
        {
            Assert.Equal(original.Count, indexed.Count);
            for (int t = 0; t < original.Count; t++)
            {
                Assert.Equal(await _original.Client.GetByteArrayAsync(original[t].Init), await prepared.Client.GetByteArrayAsync(indexed[t].Init));
                Assert.Equal(original[t].Segments.Count, indexed[t].Segments.Count);
                for (int s = 0; s < original[t].Segments.Count; s++)
                {
                    var expected = await _original.Client.GetByteArrayAsync(original[t].Segments[s]);
                    var actual = await prepared.Client.GetByteArrayAsync(indexed[t].Segments[s]);
                    Assert.True(expected.AsSpan().SequenceEqual(actual), $"{indexed[t].Segments[s]} differs from {original[t].Segments[s]}");
                }
            }
        }
        var last = (await SegmentLists.FromDashAsync(prepared.Client, prepared.Url($"/{mount}/{asset}.ism/.mpd")))[0].Segments[^1];
        Assert.Equal(1, (await ServerTiming.CostAsync(prepared, new Uri(last).PathAndQuery)).Reads);
    }

    [Fact]
    public async Task Prepared_assets_in_a_folder_serve_the_original_segments_with_one_read_each()
    {
        await PrepareAsync(Local);
        Assert.True(new FileInfo(Local("index/all-index.mp4")).Length * 10 < Media.Sum(m => new FileInfo(Local(m)).Length));
        await using var prepared = await OriginServer.StartAsync(new Dictionary<string, string> { ["vod"] = _dir.FullName });
        await AssertSameSegmentsAsync(prepared, "vod", "per-file");
        await AssertSameSegmentsAsync(prepared, "vod", "all");
    }

    [Fact]
    public async Task A_prepared_asset_whose_media_is_gone_is_a_502_with_the_reason()
    {
        await PrepareAsync(Local);
        File.Delete(Local("demo-audio-64k.isma"));
        await using var prepared = await OriginServer.StartAsync(new Dictionary<string, string> { ["vod"] = _dir.FullName });
        using var response = await prepared.Client.GetAsync("/vod/per-file.ism/.mpd");
        Assert.Equal(System.Net.HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("referenced media demo-audio-64k.isma not found", await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Media uploaded again (a new version, the same bytes) under an unchanged index file: the cached index names the
    /// old version, so the first read finds it changed. The index is then built again from the index file, not taken
    /// from the durable cache that still names the old version, and the corrected entry replaces it there, so the
    /// next instance starts from it.
    /// </summary>
    [Fact]
    public async Task Media_uploaded_again_under_an_unchanged_index_file_is_served_and_the_durable_entry_corrected()
    {
        await PrepareAsync(Local);
        var settings = new Dictionary<string, string?> { ["Origin:IndexCache"] = "file://" + Directory.CreateTempSubdirectory("index-cache").FullName };
        var mounts = new Dictionary<string, string> { ["vod"] = _dir.FullName };
        const string Segment = "/vod/per-file.ism/per-file-video=304118-3.m4s";
        var expected = await _original.Client.GetByteArrayAsync("/vod/demo.ism/demo-video=300000-3.m4s");
        await using (var first = await OriginServer.StartAsync(mounts, settings))
        {
            Assert.Equal(expected, await first.Client.GetByteArrayAsync(Segment));
            File.SetLastWriteTimeUtc(Local("demo-video-300k.ismv"), DateTime.UtcNow.AddMinutes(1));
            Assert.Equal(expected, await first.Client.GetByteArrayAsync(Segment));
        }
        await using var second = await OriginServer.StartAsync(mounts, settings);
        var (reads, _, index) = await ServerTiming.CostAsync(second, Segment);
        // The .ism, its entry (rewritten with the corrected index when the first instance rebuilt it), the segment.
        Assert.Equal(("l2", 1 + 1 + 1), (index, reads));
        Assert.Equal(expected, await second.Client.GetByteArrayAsync(Segment));
    }

    [Fact]
    public async Task Prepared_assets_in_s3_are_written_and_served_through_storage_locators()
    {
        await using var s3rver = await Emulator.StartS3rverAsync("media");
        var settings = new Dictionary<string, string?>
        {
            ["Origin:S3:ServiceUrl"] = s3rver.S3ServiceUrl,
            ["Origin:S3:ForcePathStyle"] = "true",
            ["Origin:S3:AccessKey"] = Emulator.S3rverKey,
            ["Origin:S3:SecretKey"] = Emulator.S3rverKey,
        };
        using (var s3 = new AmazonS3Client(new BasicAWSCredentials(Emulator.S3rverKey, Emulator.S3rverKey),
            new AmazonS3Config { ServiceURL = s3rver.S3ServiceUrl, ForcePathStyle = true }))
        {
            foreach (var name in Media)
                await s3.PutObjectAsync(new PutObjectRequest { BucketName = "media", Key = "library/" + name, FilePath = Local(name), UseChunkEncoding = false });
        }
        await PrepareAsync(name => "s3://media/library/" + name, settings);

        await using var prepared = await OriginServer.StartAsync(new Dictionary<string, string> { ["s3"] = "s3://media/library" }, settings);
        await AssertSameSegmentsAsync(prepared, "s3", "per-file");
        await AssertSameSegmentsAsync(prepared, "s3", "all");
    }
}
