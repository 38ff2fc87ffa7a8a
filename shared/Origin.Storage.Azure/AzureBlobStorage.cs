using System.Diagnostics;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Origin.Storage.Azure;

/// <summary>
/// Media in an Azure Blob container (<c>az://container/prefix</c>). Reads are ranged downloads conditional on the
/// indexed ETag (If-Match), so a replaced blob answers 412 instead of mixing versions.
/// </summary>
public sealed class AzureBlobStorage(BlobContainerClient container, ObjectLocator locator) : IMediaStorage
{
    public string Description => $"az://{locator.Container}/{locator.Prefix}";

    public async ValueTask<StorageOpenResult> OpenAsync(string path, CancellationToken cancellationToken)
    {
        if (locator.Key(path) is not { } key) return StorageOpenResult.Failed(StorageStatus.Invalid, "path is not allowed");
        var started = Stopwatch.GetTimestamp();
        try
        {
            var properties = await container.GetBlobClient(key).GetPropertiesAsync(cancellationToken: cancellationToken);
            return StorageOpenResult.Found(new BlobObject(container.GetBlobClient(key), path,
                new StorageObjectInfo(properties.Value.ContentLength, properties.Value.ETag.ToString())));
        }
        catch (RequestFailedException e)
        {
            return StorageOpenResult.Failed(StorageStatuses.FromHttp(e.Status), $"blob storage answered {e.Status}");
        }
        finally
        {
            StorageStatistics.RecordRead(0, Stopwatch.GetElapsedTime(started));
        }
    }

    public IStorageObject Attach(string path, StorageObjectInfo info) =>
        locator.Key(path) is { } key ? new BlobObject(container.GetBlobClient(key), path, info)
        : throw new StorageException(StorageStatus.Invalid, "path is not allowed");

    sealed class BlobObject(BlobClient blob, string path, StorageObjectInfo info) : IStorageObject
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
                var download = await blob.DownloadStreamingAsync(new BlobDownloadOptions
                {
                    Range = new HttpRange(offset, length),
                    Conditions = new BlobRequestConditions { IfMatch = new ETag(Info.Validator) },
                }, cancellationToken);
                return new RangeStream(download.Value.Content, length);
            }
            catch (RequestFailedException e)
            {
                throw new StorageException(StorageStatuses.FromHttp(e.Status), $"{Path}: blob storage answered {e.Status}", e);
            }
            finally
            {
                StorageStatistics.RecordRead(0, Stopwatch.GetElapsedTime(started));
            }
        }
    }
}
