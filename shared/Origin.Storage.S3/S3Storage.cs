using Amazon.S3;
using Amazon.S3.Model;

namespace Origin.Storage.S3;

/// <summary>
/// Media in an S3 bucket (<c>s3://bucket/prefix</c>). The SDK's timeout ends at the headers; the body gets
/// <paramref name="bodyDeadline"/> again.
/// </summary>
public sealed class S3Storage(IAmazonS3 client, ObjectLocator locator, TimeSpan bodyDeadline) : CloudObjectStorage(locator, "s3", "S3")
{
    protected override async Task<StorageObjectInfo> GetInfoAsync(string key, CancellationToken cancellationToken)
    {
        var metadata = await client.GetObjectMetadataAsync(Container, key, cancellationToken);
        return new StorageObjectInfo(metadata.ContentLength, metadata.ETag);
    }

    protected override async Task<(StorageObjectInfo Info, byte[] Head)?> GetHeadAsync(string key, int headBytes, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetObjectAsync(new GetObjectRequest { BucketName = Container, Key = key, ByteRange = new ByteRange(0, headBytes - 1) }, cancellationToken);
            long length = HeadedObject.TotalLength(response.ContentRange) ?? response.ContentLength;
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(bodyDeadline);
            return (new StorageObjectInfo(length, response.ETag), await HeadedObject.ReadHeadAsync(response.ResponseStream, Math.Min(headBytes, length), deadline.Token));
        }
        catch (AmazonS3Exception e) when ((int)e.StatusCode == 416)
        {
            return null;
        }
    }

    protected override async Task<Stream> GetRangeAsync(string key, IStorageObject source, long offset, long length, CancellationToken cancellationToken)
    {
        var response = await client.GetObjectAsync(new GetObjectRequest
        {
            BucketName = Container,
            Key = key,
            ByteRange = new ByteRange(offset, offset + length - 1),
            EtagToMatch = source.Info.Validator,
        }, cancellationToken);
        // Some S3-compatible stores ignore If-Match on GET: compare the answer's ETag as well.
        if (response.ETag != source.Info.Validator)
        {
            response.Dispose();
            throw new StorageException(StorageStatus.Changed, $"{source.Path} changed");
        }
        return new OwningStream(response.ResponseStream, response, bodyDeadline);
    }

    protected override int? StatusOf(Exception exception) => exception is AmazonS3Exception e ? (int)e.StatusCode : null;
}
