using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Origin.Serving;
using Origin.Serving.Tests.Support;
using Origin.Storage.S3;
using Origin.Testing;

namespace Origin.Deployment.Tests;

/// <summary>
/// The packaged Lambda artifact (Native AOT), started as the Web Adapter starts it with only a deployment's settings,
/// answers exactly as the JIT-compiled origin in this process: every manifest and segment of the samples, conditional
/// requests and errors, byte for byte and header for header; and it reads S3 (s3rver) through the AWS SDK, which
/// carries AOT analysis warnings of its own, with the durable index cache on S3 as a fresh instance finds it.
/// </summary>
[Collection(nameof(PackagedArtifacts))]
public sealed class LambdaArtifactTests : IAsyncLifetime
{
    static readonly Dictionary<string, string> FileMount = new()
    {
        ["Origin__Mounts__vod__Path"] = "/vod",
        ["Origin__Mounts__vod__Storage"] = "file://" + RepositoryFiles.Samples,
        ["Origin__IndexCache"] = "none",
    };

    WebApplication _jit = null!;
    HttpClient _jitClient = null!;
    RunningArtifact _aot = null!;

    public async Task InitializeAsync()
    {
        var builder = LoopbackApp.CreateBuilder();
        // The artifact's own settings file, then the deployment's variables, as the artifact reads them.
        builder.Configuration.AddJsonFile(Path.Combine(PackagedArtifacts.LambdaFolder, "appsettings.json"))
            .AddInMemoryCollection(FileMount.ToDictionary(s => s.Key.Replace("__", ":", StringComparison.Ordinal), s => (string?)s.Value))
            .AddInMemoryCollection([new("Urls", "http://127.0.0.1:0")]);
        builder.Services.AddOrigin(builder.Configuration, builder.Environment.ContentRootPath).AddOriginS3Storage(builder.Configuration);
        _jit = builder.Build();
        _jit.MapOrigin();
        _jitClient = new HttpClient { BaseAddress = await LoopbackApp.StartAsync(_jit) };
        _aot = await RunningArtifact.StartLambdaAsync(PackagedArtifacts.LambdaFolder, FileMount);
    }

    public async Task DisposeAsync()
    {
        await _aot.DisposeAsync();
        _jitClient.Dispose();
        await _jit.DisposeAsync();
    }

    [Fact]
    public async Task Every_manifest_and_segment_of_the_samples_is_the_same_bytes_and_headers()
    {
        var urls = await SampleResponses.UrlsAsync(_jitClient);
        Assert.True(urls.Count > 100, $"only {urls.Count} URLs");
        foreach (var url in urls) await SampleResponses.AssertSameAsync(_jitClient, _aot.Client, "the AOT artifact", HttpMethod.Get, url);
    }

    [Theory]
    [InlineData("HEAD", "/vod/demo.ism/demo-video=300000-2.m4s")]
    [InlineData("OPTIONS", "/vod/demo.ism/.m3u8")]
    [InlineData("GET", "/vod/missing.ism/.m3u8")]
    [InlineData("GET", "/vod/demo.ism/demo-video=300000-999.m4s")]
    [InlineData("GET", "/vod/demo.ism/.m3u8?hls_fmp4=maybe")]
    [InlineData("GET", "/elsewhere/x.ism/.mpd")]
    public async Task Other_methods_and_errors_are_answered_alike(string method, string url) =>
        await SampleResponses.AssertSameAsync(_jitClient, _aot.Client, "the AOT artifact", new HttpMethod(method), url);

    [Fact]
    public async Task A_conditional_request_is_a_304_from_both()
    {
        using var first = await _jitClient.GetAsync("/vod/progressive.mp4/.mpd");
        var status = await SampleResponses.AssertSameAsync(_jitClient, _aot.Client, "the AOT artifact", HttpMethod.Get,
            "/vod/progressive.mp4/.mpd", first.Headers.ETag!.Tag);
        Assert.Equal(304, status);
    }

    [Fact]
    public async Task It_serves_from_s3_and_a_fresh_instance_reads_the_index_the_first_one_left_in_the_s3_cache()
    {
        await using var s3rver = await Emulator.StartS3rverAsync("media");
        using (var s3 = new AmazonS3Client(new BasicAWSCredentials(Emulator.S3rverKey, Emulator.S3rverKey),
            new AmazonS3Config { ServiceURL = s3rver.S3ServiceUrl, ForcePathStyle = true }))
        {
            foreach (var file in Directory.GetFiles(RepositoryFiles.Samples))
                await s3.PutObjectAsync(new PutObjectRequest
                {
                    BucketName = "media", Key = "vod/" + Path.GetFileName(file), FilePath = file, UseChunkEncoding = false,
                });
        }
        var settings = new Dictionary<string, string>
        {
            ["Origin__Mounts__vod__Path"] = "/vod",
            ["Origin__Mounts__vod__Storage"] = "s3://media/vod",
            ["Origin__IndexCache"] = "s3://media/index-cache",
            ["Origin__S3__ServiceUrl"] = s3rver.S3ServiceUrl,
            ["Origin__S3__ForcePathStyle"] = "true",
            ["Origin__S3__Region"] = "us-east-1",
            ["Origin__S3__AccessKey"] = Emulator.S3rverKey,
            ["Origin__S3__SecretKey"] = Emulator.S3rverKey,
        };
        string[] urls = ["/vod/demo.ism/.m3u8", "/vod/demo.ism/.mpd", "/vod/demo.ism/demo-video=300000-2.m4s", "/vod/progressive.mp4/.mpd"];
        foreach (var instance in new[] { "first", "fresh" })
        {
            await using var aot = await RunningArtifact.StartLambdaAsync(PackagedArtifacts.LambdaFolder, settings);
            foreach (var url in urls)
            {
                var (_, _, expected) = await SampleResponses.FetchAsync(_jitClient, HttpMethod.Get, url);
                using var response = await aot.Client.GetAsync(url);
                Assert.True(response.IsSuccessStatusCode, $"{instance} instance, {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                var body = await response.Content.ReadAsByteArrayAsync();
                Assert.True(expected.AsSpan().SequenceEqual(body), $"{instance} instance, {url}: bodies differ");
                if (instance == "fresh" && url.EndsWith(".m3u8", StringComparison.Ordinal))
                    Assert.Contains("index;desc=\"l2\"", string.Join(",", response.Headers.GetValues("Server-Timing")));
            }
        }
    }
}
