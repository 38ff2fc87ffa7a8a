using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Origin.Storage.Azure;

/// <summary>Media in an Azure Blob container (<c>az://container/prefix</c>).</summary>
public sealed class AzureBlobStorage(BlobContainerClient container, ObjectLocator locator) : CloudObjectStorage(locator, "az", "blob storage")
{
    protected override async Task<StorageObjectInfo> GetInfoAsync(string key, CancellationToken cancellationToken)
    {
        var properties = await container.GetBlobClient(key).GetPropertiesAsync(cancellationToken: cancellationToken);
        return new StorageObjectInfo(properties.Value.ContentLength, properties.Value.ETag.ToString());
    }

    protected override async Task<(StorageObjectInfo Info, byte[] Head)?> GetHeadAsync(string key, int headBytes, CancellationToken cancellationToken)
    {
        try
        {
            var download = await container.GetBlobClient(key).DownloadStreamingAsync(new BlobDownloadOptions { Range = new HttpRange(0, headBytes) }, cancellationToken);
            using var result = download.Value;
            var details = result.Details;
            long length = HeadedObject.TotalLength(details.ContentRange) ?? details.ContentLength;
            return (new StorageObjectInfo(length, details.ETag.ToString()), await HeadedObject.ReadHeadAsync(result.Content, Math.Min(headBytes, length), cancellationToken));
        }
        catch (RequestFailedException e) when (e.Status == 416)
        {
            return null;
        }
    }

    protected override async Task<Stream> GetRangeAsync(string key, IStorageObject source, long offset, long length, CancellationToken cancellationToken)
    {
        var download = await container.GetBlobClient(key).DownloadStreamingAsync(new BlobDownloadOptions
        {
            Range = new HttpRange(offset, length),
            Conditions = new BlobRequestConditions { IfMatch = new ETag(source.Info.Validator) },
        }, cancellationToken);
        return download.Value.Content;
    }

    protected override int? StatusOf(Exception exception) => exception is RequestFailedException e ? e.Status : null;
}
