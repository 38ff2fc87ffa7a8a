using System.Diagnostics;

namespace Origin.Storage;

/// <summary>
/// Media in a cloud object store addressed as container (bucket) and key prefix: what the Azure Blob and S3 adapters
/// share. Opening asks for the object's length and ETag; reads are ranged downloads conditional on that ETag, so a
/// replaced object answers 412 (Changed) instead of mixing versions. Each round trip is timed for the request's
/// statistics, and the service's errors become storage statuses with the service named, never its message.
/// </summary>
public abstract class CloudObjectStorage(ObjectLocator locator, string scheme, string serviceName) : IMediaStorage
{
    public string Description => $"{scheme}://{locator.Container}/{locator.Prefix}";

    protected string Container => locator.Container;
    string ServiceName => serviceName;

    /// <summary>The object's length and ETag.</summary>
    protected abstract Task<StorageObjectInfo> GetInfoAsync(string key, CancellationToken cancellationToken);

    /// <summary>A body of <paramref name="length"/> bytes from <paramref name="offset"/>, if the ETag still matches.</summary>
    protected abstract Task<Stream> GetRangeAsync(string key, IStorageObject source, long offset, long length, CancellationToken cancellationToken);

    /// <summary>The HTTP status of one of the service's exceptions; null for any other exception.</summary>
    protected abstract int? StatusOf(Exception exception);

    /// <summary>
    /// The object's length and ETag with its first <paramref name="headBytes"/> bytes, from one ranged GET; null when
    /// the object is empty (a range of it is not satisfiable), which <see cref="GetInfoAsync"/> then describes.
    /// </summary>
    protected abstract Task<(StorageObjectInfo Info, byte[] Head)?> GetHeadAsync(string key, int headBytes, CancellationToken cancellationToken);

    public ValueTask<StorageOpenResult> OpenAsync(string path, CancellationToken cancellationToken) => OpenAsync(path, 0, cancellationToken);

    public async ValueTask<StorageOpenResult> OpenAsync(string path, int headBytes, CancellationToken cancellationToken)
    {
        if (locator.Key(path) is not { } key) return StorageOpenResult.Failed(StorageStatus.Invalid, "path is not allowed");
        var started = Stopwatch.GetTimestamp();
        try
        {
            if (headBytes > 0 && await GetHeadAsync(key, headBytes, cancellationToken) is var (info, head))
                return StorageOpenResult.Found(new HeadedObject(new CloudObject(this, key, path, info), head));
            return StorageOpenResult.Found(new CloudObject(this, key, path, await GetInfoAsync(key, cancellationToken)));
        }
        catch (Exception e) when (StatusOf(e) is { } status)
        {
            return StorageOpenResult.Failed(StorageStatuses.FromHttp(status), $"{ServiceName} answered {status}");
        }
        finally
        {
            StorageStatistics.RecordRead(0, Stopwatch.GetElapsedTime(started));
        }
    }

    public IStorageObject Attach(string path, StorageObjectInfo info) =>
        locator.Key(path) is { } key ? new CloudObject(this, key, path, info)
        : throw new StorageException(StorageStatus.Invalid, "path is not allowed");

    sealed class CloudObject(CloudObjectStorage storage, string key, string path, StorageObjectInfo info) : IStorageObject
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
                return new RangeStream(await storage.GetRangeAsync(key, this, offset, length, cancellationToken), length);
            }
            catch (Exception e) when (storage.StatusOf(e) is { } status)
            {
                throw new StorageException(StorageStatuses.FromHttp(status), $"{Path}: {storage.ServiceName} answered {status}", e);
            }
            finally
            {
                StorageStatistics.RecordRead(0, Stopwatch.GetElapsedTime(started));
            }
        }
    }
}
