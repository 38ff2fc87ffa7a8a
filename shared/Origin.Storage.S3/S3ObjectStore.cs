using System.Diagnostics;
using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace Origin.Storage.S3;

/// <summary>Index cache entries as objects, created with If-None-Match: * (S3 conditional writes) so the first writer wins.</summary>
public sealed class S3ObjectStore(IAmazonS3 client, ObjectLocator locator) : IObjectStore
{
    public string Description => $"s3://{locator.Container}/{locator.Prefix}";

    public async ValueTask<byte[]?> GetAsync(string path, int maxBytes, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.GetObjectAsync(locator.Container, locator.Prefix + path, cancellationToken);
            if (response.ContentLength > maxBytes) return null;
            var bytes = new byte[response.ContentLength];
            await response.ResponseStream.ReadExactlyAsync(bytes, cancellationToken);
            StorageStatistics.RecordRead(bytes.Length, Stopwatch.GetElapsedTime(started));
            return bytes;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            StorageStatistics.RecordRead(0, Stopwatch.GetElapsedTime(started));
            return null;
        }
    }

    public async ValueTask<bool> CreateAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        try
        {
            await client.PutObjectAsync(new PutObjectRequest
            {
                BucketName = locator.Container,
                Key = locator.Prefix + path,
                InputStream = new MemoryStream(content.ToArray()),
                IfNoneMatch = "*",
                UseChunkEncoding = false,
            }, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict)
        {
            return false;
        }
    }

    public async ValueTask PutAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        await client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = locator.Container,
            Key = locator.Prefix + path,
            InputStream = new MemoryStream(content.ToArray()),
            UseChunkEncoding = false,
        }, cancellationToken);
}
