using System.Collections.Concurrent;
using Origin.Storage;

namespace Origin.Testing;

/// <summary>
/// Faults injected at the range-read seam every backend sits behind: wraps real storage (mounted as <c>fault:</c>)
/// and makes the next range reads fail in order, before their first byte or after some bytes, with any storage
/// status. What the origin makes of a status is then the same whichever backend raised it.
/// </summary>
public sealed class FaultyStorage(IMediaStorage inner) : IMediaStorage, IStorageProvider
{
    /// <summary>A status raised when the read opens, or, with <paramref name="AfterBytes"/>, once that many bytes were read.</summary>
    public sealed record Fault(StorageStatus Status, long AfterBytes = -1);

    public ConcurrentQueue<Fault> Faults { get; } = new();
    public string Description => "fault:";

    public bool Handles(string locator) => locator.StartsWith("fault:", StringComparison.Ordinal);
    public IMediaStorage Open(string locator) => this;
    public IObjectStore OpenObjectStore(string locator) => throw new ArgumentException("fault: storage holds no index cache");

    public async ValueTask<StorageOpenResult> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var result = await inner.OpenAsync(path, cancellationToken);
        return result.Object is { } found ? StorageOpenResult.Found(new FaultyObject(this, found)) : result;
    }

    public IStorageObject Attach(string path, StorageObjectInfo info) => new FaultyObject(this, inner.Attach(path, info));

    sealed class FaultyObject(FaultyStorage storage, IStorageObject inner) : IStorageObject
    {
        public string Path => inner.Path;
        public StorageObjectInfo Info => inner.Info;

        // Buffered reads go through OpenRangeAsync too, so every read meets the planned faults.
        public ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken) =>
            RangeReads.ReadAsync(this, offset, buffer, cancellationToken);

        public async ValueTask<Stream> OpenRangeAsync(long offset, long length, CancellationToken cancellationToken)
        {
            if (!storage.Faults.TryDequeue(out var fault)) return await inner.OpenRangeAsync(offset, length, cancellationToken);
            if (fault.AfterBytes < 0) throw new StorageException(fault.Status, $"{Path}: injected {fault.Status}");
            return new BreakingStream(await inner.OpenRangeAsync(offset, length, cancellationToken), fault);
        }
    }

    /// <summary>Hands out the first bytes of a range, then fails.</summary>
    sealed class BreakingStream(Stream inner, Fault fault) : Stream
    {
        long _left = fault.AfterBytes;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_left <= 0) throw new StorageException(fault.Status, $"injected {fault.Status} mid-body");
            int n = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, _left)], cancellationToken);
            _left -= n;
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
