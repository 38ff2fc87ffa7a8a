using System.Diagnostics;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Origin.Storage.Azure;
using Origin.Storage.S3;
using Origin.Testing;

namespace Origin.Storage.Tests;

/// <summary>
/// Faults between the cloud adapters and their store (s3rver, Azurite) through a fault-injecting proxy: the SDKs'
/// retries as the origin configures them (two, jittered backoff) carry transient faults, persistent ones fail as
/// values after a bounded number of attempts, and a broken body is read again.
/// </summary>
public abstract class CloudFaultTests : IAsyncLifetime
{
    protected Emulator Emulator = null!;
    protected FaultProxy Proxy = null!;
    IStorageObject _object = null!;
    readonly byte[] _content = new byte[300_000];

    protected abstract Task<Emulator> StartEmulatorAsync();
    protected abstract Task UploadAsync(string key, byte[] content);
    /// <summary>The adapter under test, talking to the store through <see cref="Proxy"/>, with the origin's default deadline or another.</summary>
    protected abstract IMediaStorage OpenThroughProxy(int? timeoutSeconds = null);

    public async Task InitializeAsync()
    {
        Emulator = await StartEmulatorAsync();
        Proxy = await FaultProxy.StartAsync(new Uri($"http://127.0.0.1:{Emulator.Port}/"));
        new Random(11).NextBytes(_content);
        await UploadAsync("root/a.mp4", _content);
        _object = (await OpenThroughProxy().OpenAsync("a.mp4", default)).Object!;
    }

    public async Task DisposeAsync()
    {
        await Proxy.DisposeAsync();
        await Emulator.DisposeAsync();
    }

    async Task<byte[]> ReadAsync()
    {
        var buffer = new byte[50_000];
        await _object.ReadAsync(100_000, buffer, default);
        return buffer;
    }

    byte[] Expected => _content.AsSpan(100_000, 50_000).ToArray();

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task A_transient_status_is_retried(int status)
    {
        Proxy.Faults.Enqueue(new(Status: status));
        int before = Proxy.Requests;
        Assert.Equal(Expected, await ReadAsync());
        Assert.Equal(2, Proxy.Requests - before);
    }

    [Fact]
    public async Task A_reset_connection_is_retried()
    {
        Proxy.Faults.Enqueue(new(Reset: true));
        Assert.Equal(Expected, await ReadAsync());
    }

    [Fact]
    public async Task A_body_that_breaks_off_is_read_again()
    {
        Proxy.Faults.Enqueue(new(TruncateAfterBytes: 10_000));
        Assert.Equal(Expected, await ReadAsync());
    }

    /// <summary>
    /// A body that stalls after some bytes never holds the reader beyond the deadline: it fails as a value, or the
    /// SDK asks again for the rest (Azure's download stream does) and the bytes are whole. Never short and silent.
    /// </summary>
    [Fact]
    public async Task A_streamed_body_that_stalls_mid_way_ends_within_the_deadline()
    {
        var quick = (await OpenThroughProxy(timeoutSeconds: 1).OpenAsync("a.mp4", default)).Object!;
        Proxy.Faults.Enqueue(new(TruncateAfterBytes: 20_000, StallBodyMilliseconds: 30_000));
        var clock = Stopwatch.StartNew();
        var received = new MemoryStream();
        try
        {
            await using var stream = await quick.OpenRangeAsync(100_000, 50_000, default);
            await stream.CopyToAsync(received);
            Assert.Equal(Expected, received.ToArray());
        }
        catch (StorageException e)
        {
            Assert.True(e.Status is StorageStatus.Timeout or StorageStatus.Unavailable, e.ToString());
        }
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Persistent_faults_fail_after_a_bounded_number_of_attempts()
    {
        for (int i = 0; i < 20; i++) Proxy.Faults.Enqueue(new(Status: 503));
        int before = Proxy.Requests;
        var clock = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<StorageException>(ReadAsync);
        Assert.Equal(StorageStatus.Unavailable, e.Status);
        Assert.Equal(3, Proxy.Requests - before);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }
}

public sealed class S3FaultTests : CloudFaultTests
{
    protected override Task<Emulator> StartEmulatorAsync() => Emulator.StartS3rverAsync("media");

    protected override async Task UploadAsync(string key, byte[] content)
    {
        using var client = new AmazonS3Client(new BasicAWSCredentials(Emulator.S3rverKey, Emulator.S3rverKey),
            new AmazonS3Config { ServiceURL = Emulator.S3ServiceUrl, ForcePathStyle = true });
        await client.PutObjectAsync(new PutObjectRequest { BucketName = "media", Key = key, InputStream = new MemoryStream(content), UseChunkEncoding = false });
    }

    protected override IMediaStorage OpenThroughProxy(int? timeoutSeconds = null) =>
        new S3StorageProvider(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Origin:UpstreamTimeoutSeconds"] = timeoutSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Origin:S3:ServiceUrl"] = Proxy.BaseUri.AbsoluteUri.TrimEnd('/'),
            ["Origin:S3:ForcePathStyle"] = "true",
            ["Origin:S3:AccessKey"] = Emulator.S3rverKey,
            ["Origin:S3:SecretKey"] = Emulator.S3rverKey,
        }).Build()).Open("s3://media/root");
}

public sealed class AzureFaultTests : CloudFaultTests
{
    protected override Task<Emulator> StartEmulatorAsync() => Emulator.StartAzuriteAsync();

    protected override async Task UploadAsync(string key, byte[] content)
    {
        var container = new BlobServiceClient(Emulator.AzuriteConnectionString).GetBlobContainerClient("media");
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient(key).UploadAsync(new BinaryData(content), overwrite: true);
    }

    protected override IMediaStorage OpenThroughProxy(int? timeoutSeconds = null) =>
        new AzureStorageProvider(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Origin:UpstreamTimeoutSeconds"] = timeoutSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Origin:Azure:ConnectionString"] = Emulator.AzuriteConnectionString.Replace($":{Emulator.Port}/", $":{Proxy.BaseUri.Port}/"),
        }).Build()).Open("az://media/root");
}
