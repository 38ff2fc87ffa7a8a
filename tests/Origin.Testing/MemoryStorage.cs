using Origin.Storage;

namespace Origin.Testing;

/// <summary>An object held in memory behind the storage interface: for fuzzing index builders without files.</summary>
public sealed class MemoryObject(string path, byte[] bytes) : IStorageObject
{
    public string Path { get; } = path;
    public StorageObjectInfo Info { get; } = new(bytes.Length, $"mem-{bytes.Length}");

    public ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (offset >= bytes.Length) return ValueTask.FromResult(0);
        int n = (int)Math.Min(buffer.Length, bytes.Length - offset);
        bytes.AsSpan((int)offset, n).CopyTo(buffer.Span);
        return ValueTask.FromResult(n);
    }

    public ValueTask<Stream> OpenRangeAsync(long offset, long length, CancellationToken cancellationToken)
    {
        if (offset < 0 || length < 0 || offset + length > bytes.Length)
            throw new StorageException(StorageStatus.RangeNotSatisfiable, "range outside the object");
        return ValueTask.FromResult<Stream>(new MemoryStream(bytes, (int)offset, (int)length, writable: false));
    }
}

/// <summary>Storage over in-memory objects.</summary>
public sealed class MemoryStorage(IReadOnlyDictionary<string, byte[]> objects) : IMediaStorage
{
    public string Description => "memory://";

    public ValueTask<StorageOpenResult> OpenAsync(string path, CancellationToken cancellationToken) =>
        ValueTask.FromResult(objects.TryGetValue(path, out var bytes)
            ? StorageOpenResult.Found(new MemoryObject(path, bytes))
            : StorageOpenResult.Failed(StorageStatus.NotFound, "not found"));

    public IStorageObject Attach(string path, StorageObjectInfo info) =>
        objects.TryGetValue(path, out var bytes) ? new MemoryObject(path, bytes) : throw new StorageException(StorageStatus.NotFound, $"{path} not found");
}
