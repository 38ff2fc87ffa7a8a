using System.Buffers;
using System.Security.Cryptography;

namespace Origin.Media.Packaging.Hls;

/// <summary>
/// HLS AES-128 (RFC 8216 4.3.2.4): a whole segment in AES-128-CBC with PKCS7 padding, encrypted as it is written
/// to the destination, so a segment streams encrypted with no second copy. Its length is known before the first
/// byte (<see cref="EncryptedLength"/>): padding always adds 1 to 16 bytes. <see cref="FinishAsync"/> writes the
/// last, padded block; the destination is not disposed.
/// </summary>
public sealed class Aes128SegmentStream : Stream
{
    const int Block = 16;
    const int ChunkSize = 64 * 1024;

    readonly Stream _destination;
    readonly Aes _aes = Aes.Create();
    readonly ICryptoTransform _cbc;
    readonly byte[] _pending = new byte[Block];
    byte[] _chunk = ArrayPool<byte>.Shared.Rent(ChunkSize + Block);
    int _pendingCount;
    bool _finished;

    public Aes128SegmentStream(Stream destination, byte[] key, byte[] iv)
    {
        _destination = destination;
        _aes.Mode = CipherMode.CBC;
        _aes.Padding = PaddingMode.PKCS7;
        _cbc = _aes.CreateEncryptor(key, iv);
    }

    public static long EncryptedLength(long clearLength) => (clearLength / Block + 1) * Block;

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_finished) throw new InvalidOperationException("the segment is finished");
        while (!buffer.IsEmpty)
        {
            // Gather whole blocks into the chunk (what is left from the last write first), encrypt them in place, send.
            int gathered = 0;
            if (_pendingCount > 0)
            {
                int take = Math.Min(Block - _pendingCount, buffer.Length);
                buffer.Span[..take].CopyTo(_pending.AsSpan(_pendingCount));
                (_pendingCount, buffer) = (_pendingCount + take, buffer[take..]);
                if (_pendingCount < Block) return;
                _pending.CopyTo(_chunk, 0);
                (gathered, _pendingCount) = (Block, 0);
            }
            int whole = Math.Min(buffer.Length / Block * Block, ChunkSize);
            buffer.Span[..whole].CopyTo(_chunk.AsSpan(gathered));
            (gathered, buffer) = (gathered + whole, buffer[whole..]);
            if (buffer.Length < Block && !buffer.IsEmpty)
            {
                buffer.Span.CopyTo(_pending);
                (_pendingCount, buffer) = (buffer.Length, ReadOnlyMemory<byte>.Empty);
            }
            if (gathered == 0) continue;
            _cbc.TransformBlock(_chunk, 0, gathered, _chunk, 0);
            await _destination.WriteAsync(_chunk.AsMemory(0, gathered), cancellationToken);
        }
    }

    /// <summary>Encrypts and sends the last bytes with their padding.</summary>
    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        if (_finished) return;
        _finished = true;
        var last = _cbc.TransformFinalBlock(_pending, 0, _pendingCount);
        await _destination.WriteAsync(last, cancellationToken);
    }

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    public override Task FlushAsync(CancellationToken cancellationToken) => _destination.FlushAsync(cancellationToken);
    public override void Flush() => _destination.Flush();

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _cbc.Dispose();
            _aes.Dispose();
            ArrayPool<byte>.Shared.Return(_chunk);
            _chunk = [];
        }
        base.Dispose(disposing);
    }
}
