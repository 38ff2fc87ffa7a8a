using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Azure.Storage.Blobs;
using Origin.Serving.Tests.Support;
using Origin.Testing;

namespace Origin.Serving.Tests.Conformance;

/// <summary>
/// The samples uploaded to Azure Blob (Azurite), S3 (s3rver) and a web server on loopback: every backend must give
/// the same bytes as the local folder for every manifest and segment, with one storage read per warm segment, and
/// real players must play from the cloud mounts.
/// </summary>
public sealed class CloudMountTests : IAsyncLifetime
{
    Emulator _azurite = null!, _s3rver = null!;
    StaticWebServer _web = null!;
    OriginServer _origin = null!;
    static readonly string[] Mounts = ["az", "s3", "web"];

    public async Task InitializeAsync()
    {
        _azurite = await Emulator.StartAzuriteAsync();
        _s3rver = await Emulator.StartS3rverAsync("media", "index-cache");
        _web = await StaticWebServer.StartAsync(ignoreRange: false);

        var container = new BlobServiceClient(_azurite.AzuriteConnectionString).GetBlobContainerClient("media");
        await container.CreateIfNotExistsAsync();
        await new BlobServiceClient(_azurite.AzuriteConnectionString).GetBlobContainerClient("index-cache").CreateIfNotExistsAsync();
        using var s3 = new AmazonS3Client(new BasicAWSCredentials(Emulator.S3rverKey, Emulator.S3rverKey),
            new AmazonS3Config { ServiceURL = _s3rver.S3ServiceUrl, ForcePathStyle = true });
        foreach (var file in Directory.GetFiles(RepositoryFiles.Samples))
        {
            var name = Path.GetFileName(file);
            var bytes = await File.ReadAllBytesAsync(file);
            await container.GetBlobClient("library/" + name).UploadAsync(new BinaryData(bytes), overwrite: true);
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = "media", Key = "library/" + name, InputStream = new MemoryStream(bytes), UseChunkEncoding = false });
            await _web.PutAsync("library/" + name, bytes);
        }

        _origin = await StartOriginAsync();
    }

    Task<OriginServer> StartOriginAsync(string? indexCache = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Origin:Azure:ConnectionString"] = _azurite.AzuriteConnectionString,
            ["Origin:S3:ServiceUrl"] = _s3rver.S3ServiceUrl,
            ["Origin:S3:ForcePathStyle"] = "true",
            ["Origin:S3:AccessKey"] = Emulator.S3rverKey,
            ["Origin:S3:SecretKey"] = Emulator.S3rverKey,
        };
        if (indexCache is not null) settings["Origin:IndexCache"] = indexCache;
        return OriginServer.StartAsync(new Dictionary<string, string>
        {
            ["vod"] = RepositoryFiles.Samples,
            ["az"] = "az://media/library",
            ["s3"] = "s3://media/library",
            ["web"] = _web.BaseUri + "library/",
        }, settings);
    }

    [Theory]
    [InlineData("az://index-cache/entries", "az")]
    [InlineData("s3://index-cache/entries", "s3")]
    public async Task The_durable_index_cache_works_in_blob_storage_and_s3(string indexCache, string mount)
    {
        await using (var first = await StartOriginAsync(indexCache))
            Assert.Equal("built", (await ServerTiming.CostAsync(first, $"/{mount}/demo.ism/.mpd")).Index);
        await using var second = await StartOriginAsync(indexCache);
        var (reads, _, index) = await ServerTiming.CostAsync(second, $"/{mount}/demo.ism/.mpd");
        Assert.Equal("l2", index);
        Assert.Equal(1 + 1, reads); // the .ism (its metadata with its body), then its entry: the sources' versions and all their indexes

        // A fresh instance's first segment: the .ism, its entry, the segment.
        await using var third = await StartOriginAsync(indexCache);
        Assert.Equal(3, (await ServerTiming.CostAsync(third, $"/{mount}/demo.ism/demo-video=300000-2.m4s")).Reads);
    }

    /// <summary>
    /// A cold server manifest on remote storage: one read for the .ism (its length and validator come with its
    /// body) and at most two per fragmented source (its head, which brings its length and validator too, and the
    /// mfra at its end), no probe of a byte; a subtitle file is read whole in its one opening read.
    /// </summary>
    [Theory]
    [InlineData("az")]
    [InlineData("s3")]
    [InlineData("web")]
    public async Task A_cold_server_manifest_costs_one_read_and_two_per_media_source(string mount)
    {
        await using var origin = await StartOriginAsync(null);
        var (reads, _, index) = await ServerTiming.CostAsync(origin, $"/{mount}/demo.ism/.mpd");
        Assert.Equal("built", index);
        Assert.InRange(reads, 1 + 4 + 2, 1 + 2 * 4 + 2);
    }

    public async Task DisposeAsync()
    {
        await _origin.DisposeAsync();
        await _web.DisposeAsync();
        await _s3rver.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    [Fact]
    public async Task Every_backend_serves_the_same_bytes_as_the_local_folder()
    {
        foreach (var asset in new[] { "demo.ism", "progressive.mp4" })
        {
            var tracks = await SegmentLists.FromHlsAsync(_origin.Client, _origin.Url($"/vod/{asset}/.m3u8"));
            var urls = new List<string> { $"/vod/{asset}/.m3u8", $"/vod/{asset}/.mpd", $"/vod/{asset}/Manifest" };
            foreach (var track in tracks) urls.AddRange([track.Init, .. track.Segments]);
            foreach (var url in urls)
            {
                var path = url.StartsWith("http", StringComparison.Ordinal) ? new Uri(url).PathAndQuery : url;
                var expected = await _origin.Client.GetByteArrayAsync(path);
                foreach (var mount in Mounts)
                {
                    var actual = await _origin.Client.GetByteArrayAsync("/" + mount + path["/vod".Length..]);
                    Assert.True(expected.AsSpan().SequenceEqual(actual), $"{mount}{path[4..]} differs from the local folder's");
                }
            }
        }
    }

    [Theory]
    [InlineData("az")]
    [InlineData("s3")]
    [InlineData("web")]
    public async Task A_warm_segment_costs_one_storage_read(string mount)
    {
        await _origin.Client.GetAsync($"/{mount}/demo.ism/.m3u8");
        using var response = await _origin.Client.GetAsync($"/{mount}/demo.ism/demo-video=500000-7.m4s");
        response.EnsureSuccessStatusCode();
        Assert.Equal(1, ServerTiming.Of(response).Reads);

        // And the segment decodes.
        var init = await _origin.Client.GetByteArrayAsync($"/{mount}/demo.ism/demo-video=500000.m4s");
        var file = Path.Combine(Directory.CreateTempSubdirectory("cloud").FullName, "s.mp4");
        await File.WriteAllBytesAsync(file, [.. init, .. await response.Content.ReadAsByteArrayAsync()]);
        var decode = await ExternalTool.RunAsync("ffmpeg", ["-v", "error", "-xerror", "-i", file, "-f", "null", "-"], TimeSpan.FromMinutes(1));
        Assert.True(decode.ExitCode == 0 && decode.Error.Length == 0, decode.Error);
    }

    [Fact]
    public async Task Players_play_from_cloud_mounts()
    {
        var results = await PlayerTests.PlayAsync(
        [
            new("hlsjs", _origin.Url("/az/demo.ism/.m3u8")),
            new("dashjs", _origin.Url("/s3/progressive.mp4/.mpd")),
        ]);
        Assert.All(results, r => Assert.True(r.Ok && r.CurrentTime >= 8, $"{r.Player} {r.Url}: {r.Error}"));
    }
}
