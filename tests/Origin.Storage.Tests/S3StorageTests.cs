using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Configuration;
using Origin.Storage.S3;
using Origin.Testing;

namespace Origin.Storage.Tests;

/// <summary>The storage contract against S3, through s3rver on loopback.</summary>
public sealed class S3StorageTests : StorageConformanceTests, IAsyncLifetime
{
    Emulator _s3rver = null!;
    AmazonS3Client _client = null!;
    IMediaStorage _storage = null!;

    protected override IMediaStorage Storage => _storage;

    public async Task InitializeAsync()
    {
        _s3rver = await Emulator.StartS3rverAsync("media");
        _client = new AmazonS3Client(new BasicAWSCredentials(Emulator.S3rverKey, Emulator.S3rverKey),
            new AmazonS3Config { ServiceURL = _s3rver.S3ServiceUrl, ForcePathStyle = true });
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Origin:S3:ServiceUrl"] = _s3rver.S3ServiceUrl,
            ["Origin:S3:ForcePathStyle"] = "true",
            ["Origin:S3:AccessKey"] = Emulator.S3rverKey,
            ["Origin:S3:SecretKey"] = Emulator.S3rverKey,
        }).Build();
        _storage = new S3StorageProvider(configuration).Open("s3://media/root");
    }

    protected override async Task PutAsync(string path, byte[] content) =>
        await _client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = "media",
            Key = "root/" + path,
            InputStream = new MemoryStream(content),
            UseChunkEncoding = false, // emulators do not speak aws-chunked uploads
        });

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _s3rver.DisposeAsync();
    }
}
