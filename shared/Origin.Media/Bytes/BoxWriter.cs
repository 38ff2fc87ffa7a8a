using System.Buffers.Binary;

namespace Origin.Media.Bytes;

/// <summary>Big-endian writer into a span sized in advance from the boxes' exact sizes.</summary>
public ref struct BoxWriter(Span<byte> buffer)
{
    readonly Span<byte> _buffer = buffer;
    int _position;

    public readonly int Position => _position;
    public readonly Span<byte> Written => _buffer[.._position];

    public void WriteByte(byte value) => Take(1)[0] = value;
    public void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16BigEndian(Take(2), value);
    public void WriteInt16(short value) => BinaryPrimitives.WriteInt16BigEndian(Take(2), value);
    public void WriteUInt24(uint value) { var s = Take(3); s[0] = (byte)(value >> 16); s[1] = (byte)(value >> 8); s[2] = (byte)value; }
    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32BigEndian(Take(4), value);
    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32BigEndian(Take(4), value);
    public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64BigEndian(Take(8), value);
    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64BigEndian(Take(8), value);
    public void WriteBytes(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Take(bytes.Length));
    public void WriteZeros(int count) => Take(count).Clear();

    /// <summary>Reserves a field to fill in later (a size or a data offset known only after what follows is laid out).</summary>
    public int Reserve(int count) { var at = _position; Take(count).Clear(); return at; }
    public readonly void PatchUInt32(int at, uint value) => BinaryPrimitives.WriteUInt32BigEndian(_buffer.Slice(at, 4), value);
    public readonly void PatchInt32(int at, int value) => BinaryPrimitives.WriteInt32BigEndian(_buffer.Slice(at, 4), value);

    Span<byte> Take(int count)
    {
        if ((uint)count > (uint)(_buffer.Length - _position))
            throw new InvalidOperationException($"Box writer overflow: {count} bytes at {_position} of {_buffer.Length}.");
        var slice = _buffer.Slice(_position, count);
        _position += count;
        return slice;
    }
}
