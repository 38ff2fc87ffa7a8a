namespace Origin.Storage;

/// <summary>
/// A response body that disposes its response (returning the connection) when it is disposed, and, given a deadline,
/// fails as a <see cref="StorageStatus.Timeout"/> when the body has not arrived by then: an upstream that sends
/// headers and then stalls must not hold the viewer's request open for ever.
/// </summary>
public sealed class OwningStream(Stream body, IDisposable owner, TimeSpan? deadline = null) : Stream
{
    readonly CancellationTokenSource? _deadline = deadline is { } after ? new CancellationTokenSource(after) : null;
    CancellationTokenSource? _linked;
    CancellationToken _linkedFor;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => body.Read(buffer, offset, count);
    public override int Read(Span<byte> buffer) => body.Read(buffer);
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_deadline is null) return await body.ReadAsync(buffer, cancellationToken);
        try
        {
            return await body.ReadAsync(buffer, WithDeadline(cancellationToken));
        }
        catch (OperationCanceledException) when (_deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new StorageException(StorageStatus.Timeout, "storage stalled mid-body");
        }
    }

    /// <summary>
    /// The caller's token joined with the deadline. A body is read in many chunks under one caller token (the
    /// viewer's request), so the joined source is made once and reused, not per chunk.
    /// </summary>
    CancellationToken WithDeadline(CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled) return _deadline!.Token;
        if (_linked is null || _linkedFor != cancellationToken)
        {
            _linked?.Dispose();
            _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _deadline!.Token);
            _linkedFor = cancellationToken;
        }
        return _linked.Token;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) { body.Dispose(); owner.Dispose(); _linked?.Dispose(); _deadline?.Dispose(); }
        base.Dispose(disposing);
    }
}
