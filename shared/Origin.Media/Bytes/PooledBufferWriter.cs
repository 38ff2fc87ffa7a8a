using System.Buffers;

namespace Origin.Media.Bytes;

/// <summary>
/// A growable byte buffer rented from the shared pool: where a transform writes a sample, and where a segment whose
/// length only its bytes decide is built once before its header. Reset keeps the rented array for the next use.
/// </summary>
public sealed class PooledBufferWriter(int initialCapacity = 4096) : IBufferWriter<byte>, IDisposable
{
    byte[] _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 256));
    int _written;

    public int WrittenCount => _written;
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    public void Reset() => _written = 0;

    /// <summary>Bytes already written, to fill in afterwards (a header whose length field follows its payload).</summary>
    public Span<byte> Written(int start, int length) => _buffer.AsSpan(0, _written).Slice(start, length);

    public void Advance(int count)
    {
        if (count < 0 || _written + count > _buffer.Length) throw new ArgumentOutOfRangeException(nameof(count));
        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    void Ensure(int sizeHint)
    {
        int needed = _written + Math.Max(sizeHint, 1);
        if (needed <= _buffer.Length) return;
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, checked(_buffer.Length * 2)));
        _buffer.AsSpan(0, _written).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        _written = 0;
    }
}
