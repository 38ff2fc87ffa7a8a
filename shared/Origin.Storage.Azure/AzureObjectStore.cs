using System.Diagnostics;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Origin.Storage.Azure;

/// <summary>Index cache entries as blobs, created with If-None-Match: * so the first writer wins.</summary>
public sealed class AzureObjectStore(BlobContainerClient container, ObjectLocator locator) : IObjectStore
{
    public string Description => $"az://{locator.Container}/{locator.Prefix}";

    public async ValueTask<byte[]?> GetAsync(string path, int maxBytes, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var download = await container.GetBlobClient(locator.Prefix + path).DownloadContentAsync(cancellationToken);
            var bytes = download.Value.Content.ToArray();
            StorageStatistics.RecordRead(bytes.Length, Stopwatch.GetElapsedTime(started));
            return bytes.Length <= maxBytes ? bytes : null;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            StorageStatistics.RecordRead(0, Stopwatch.GetElapsedTime(started));
            return null;
        }
    }

    public async ValueTask<bool> CreateAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        try
        {
            await container.GetBlobClient(locator.Prefix + path).UploadAsync(new BinaryData(content),
                new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    public async ValueTask PutAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        await container.GetBlobClient(locator.Prefix + path).UploadAsync(new BinaryData(content), overwrite: true, cancellationToken);
}
