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
