namespace Origin.Storage;

/// <summary>
/// One place media lives (a folder, a container, a bucket, a web server). Every read the origin makes goes through
/// this seam as a byte range, so storage round trips can be counted and kept to a minimum.
/// </summary>
public interface IMediaStorage
{
    /// <summary>A human-readable name of the root, for logs and errors (never with credentials).</summary>
    string Description { get; }

    /// <summary>Looks up an object by its path relative to the root ('/'-separated): one metadata round trip.</summary>
    ValueTask<StorageOpenResult> OpenAsync(string path, CancellationToken cancellationToken);

    /// <summary>
    /// Looks up an object and, in the same round trip where the storage can (HTTP, S3, Blob), reads its first
    /// <paramref name="headBytes"/> bytes: reads within them then cost nothing (<see cref="HeadedObject"/>).
    /// </summary>
    ValueTask<StorageOpenResult> OpenAsync(string path, int headBytes, CancellationToken cancellationToken) => OpenAsync(path, cancellationToken);

    /// <summary>
    /// A handle on an object whose length and validator are already known (from an index), made without any round
    /// trip. Its reads fail with <see cref="StorageStatus.Changed"/> if the object is no longer that version.
    /// </summary>
    IStorageObject Attach(string path, StorageObjectInfo info);
}

/// <summary>An opened object: its identity plus range reads.</summary>
public interface IStorageObject
{
    string Path { get; }
    StorageObjectInfo Info { get; }

    /// <summary>
    /// Reads up to <c>buffer.Length</c> bytes at <paramref name="offset"/>; fewer only at the end of the object.
    /// One call is one storage round trip.
    /// </summary>
    ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken);

    /// <summary>Opens a stream over one byte range: one storage round trip whose bytes arrive as they are read.</summary>
    ValueTask<Stream> OpenRangeAsync(long offset, long length, CancellationToken cancellationToken);
}

public readonly record struct StorageOpenResult(StorageStatus Status, IStorageObject? Object, string? Reason = null)
{
    public static StorageOpenResult Found(IStorageObject obj) => new(StorageStatus.Ok, obj);
    public static StorageOpenResult Failed(StorageStatus status, string reason) => new(status, null, reason);
}
