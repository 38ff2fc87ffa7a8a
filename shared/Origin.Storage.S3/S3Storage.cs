using System.Diagnostics;
using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace Origin.Storage.S3;

/// <summary>
/// Media in an S3 bucket (<c>s3://bucket/prefix</c>). Reads are ranged GETs conditional on the indexed ETag, so a
/// replaced object answers 412 instead of mixing versions.
/// </summary>
public sealed class S3Storage(IAmazonS3 client, ObjectLocator locator, TimeSpan bodyDeadline) : IMediaStorage
{
    public string Description => $"s3://{locator.Container}/{locator.Prefix}";

    public async ValueTask<StorageOpenResult> OpenAsync(string path, CancellationToken cancellationToken)
    {
        if (locator.Key(path) is not { } key) return StorageOpenResult.Failed(StorageStatus.Invalid, "path is not allowed");
        var started = Stopwatch.GetTimestamp();
        try
        {
            var metadata = await client.GetObjectMetadataAsync(locator.Container, key, cancellationToken);
            return StorageOpenResult.Found(new S3Object(this, key, path, new StorageObjectInfo(metadata.ContentLength, metadata.ETag)));
        }
        catch (AmazonS3Exception e)
        {
            return StorageOpenResult.Failed(StorageStatuses.FromHttp((int)e.StatusCode), $"S3 answered {(int)e.StatusCode}");
        }
        finally
        {
            StorageStatistics.RecordRead(0, Stopwatch.GetElapsedTime(started));
        }
    }

    public IStorageObject Attach(string path, StorageObjectInfo info) =>
        locator.Key(path) is { } key ? new S3Object(this, key, path, info)
        : throw new StorageException(StorageStatus.Invalid, "path is not allowed");

    sealed class S3Object(S3Storage storage, string key, string path, StorageObjectInfo info) : IStorageObject
    {
        public string Path { get; } = path;
        public StorageObjectInfo Info { get; } = info;

        public ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken) =>
            RangeReads.ReadAsync(this, offset, buffer, cancellationToken, bodyRetries: 1);

        public async ValueTask<Stream> OpenRangeAsync(long offset, long length, CancellationToken cancellationToken)
        {
            RangeReads.Check(this, offset, length);
            var started = Stopwatch.GetTimestamp();
            try
            {
                var response = await storage.Client.GetObjectAsync(new GetObjectRequest
                {
                    BucketName = storage.Bucket,
                    Key = key,
                    ByteRange = new ByteRange(offset, offset + length - 1),
                    EtagToMatch = Info.Validator,
                }, cancellationToken);
                // Some S3-compatible stores ignore If-Match on GET: compare the answer's ETag as well.
                if (response.ETag != Info.Validator)
                {
                    response.Dispose();
                    throw new StorageException(StorageStatus.Changed, $"{Path} changed");
                }
                return new RangeStream(new OwningStream(response.ResponseStream, response, storage.BodyDeadline), length);
            }
            catch (AmazonS3Exception e)
            {
                throw new StorageException(StorageStatuses.FromHttp((int)e.StatusCode), $"{Path}: S3 answered {(int)e.StatusCode}", e);
            }
            finally
            {
                StorageStatistics.RecordRead(0, Stopwatch.GetElapsedTime(started));
            }
        }
    }

    IAmazonS3 Client => client;
    /// <summary>The SDK's timeout ends at the headers; the body gets the same time again.</summary>
    TimeSpan BodyDeadline => bodyDeadline;
    string Bucket => locator.Container;
}
