namespace Origin.Storage;

/// <summary>Expected outcomes of asking storage for something; faults are values so callers map them to HTTP answers.</summary>
public enum StorageStatus
{
    Ok,
    NotFound,
    /// <summary>The locator is not acceptable for this storage (escapes the root, bad characters).</summary>
    Invalid,
    RangeNotSatisfiable,
    /// <summary>Policy refused the request (a host or address that is not allowed).</summary>
    Forbidden,
    /// <summary>The object is no longer the version its validator names (it was replaced).</summary>
    Changed,
    Timeout,
    /// <summary>The store answered with an error or could not be reached.</summary>
    Unavailable,
}

/// <summary>How an object store's HTTP answer maps to a storage outcome: the same for web servers, Blob and S3.</summary>
public static class StorageStatuses
{
    public static StorageStatus FromHttp(int status) => status switch
    {
        404 or 410 => StorageStatus.NotFound,
        412 => StorageStatus.Changed,
        416 => StorageStatus.RangeNotSatisfiable,
        408 or 504 => StorageStatus.Timeout,
        _ => StorageStatus.Unavailable,
    };
}

/// <summary>What identifies one version of a stored object: its length and a validator (ETag, or size + modified time).</summary>
public readonly record struct StorageObjectInfo(long Length, string Validator);

/// <summary>Raised where a fault cannot be returned as a value (mid-stream); carries the status for the HTTP layer.</summary>
public sealed class StorageException(StorageStatus status, string message, Exception? inner = null) : Exception(message, inner)
{
    public StorageStatus Status { get; } = status;
}
