namespace Origin.Storage;

/// <summary>A read-only window of a fixed length over another stream, counting the bytes it hands out.</summary>
public sealed class RangeStream(Stream inner, long length) : Stream
{
    readonly long _length = length;
    long _remaining = length;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => _length;
    public override long Position { get => _length - _remaining; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_remaining <= 0) return 0;
        try
        {
            return Account(inner.Read(buffer[..(int)Math.Min(buffer.Length, _remaining)]));
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw new StorageException(StorageStatus.Unavailable, "storage connection failed mid-read", e);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>A body that breaks off (reset, truncated) is a storage fault, not an I/O error of the caller's.</summary>
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_remaining <= 0) return 0;
        try
        {
            return Account(await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, _remaining)], cancellationToken));
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw new StorageException(StorageStatus.Unavailable, "storage connection failed mid-read", e);
        }
    }

    int Account(int n)
    {
        if (n == 0 && _remaining > 0)
            throw new StorageException(StorageStatus.Unavailable, $"storage ended {_remaining} bytes early");
        _remaining -= n;
        StorageStatistics.RecordBytes(n);
        return n;
    }

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
