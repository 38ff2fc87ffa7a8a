using System.Buffers.Binary;

namespace Origin.Media.Bytes;

/// <summary>
/// Big-endian reader over a span holding one box's content. Every read is bounds-checked, and counts read from the
/// file are checked against the bytes left before anything is allocated, so a lying size field costs nothing.
/// </summary>
public ref struct BoxReader
{
    readonly ReadOnlySpan<byte> _data;
    readonly long _baseOffset;
    int _position;

    public BoxReader(ReadOnlySpan<byte> data, long baseOffset = 0, uint boxType = 0)
    {
        _data = data;
        _baseOffset = baseOffset;
        BoxType = boxType;
    }

    /// <summary>The box being read, for error messages.</summary>
    public uint BoxType { get; set; }
    public readonly int Position => _position;
    public readonly int Remaining => _data.Length - _position;
    public readonly long Offset => _baseOffset + _position;
    public readonly ReadOnlySpan<byte> Data => _data;

    public byte ReadByte() => Take(1)[0];
    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16BigEndian(Take(2));
    public short ReadInt16() => BinaryPrimitives.ReadInt16BigEndian(Take(2));
    public uint ReadUInt24() { var s = Take(3); return (uint)(s[0] << 16 | s[1] << 8 | s[2]); }
    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32BigEndian(Take(4));
    public int ReadInt32() => BinaryPrimitives.ReadInt32BigEndian(Take(4));
    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64BigEndian(Take(8));
    public long ReadInt64() => BinaryPrimitives.ReadInt64BigEndian(Take(8));
    public ReadOnlySpan<byte> ReadBytes(int count) => Take(count);
    public byte[] ReadArray(int count) => Take(count).ToArray();
    public byte[] ReadRest() => Take(Remaining).ToArray();
    public void Skip(int count) => Take(count);

    /// <summary>Checks that <paramref name="count"/> entries of <paramref name="entrySize"/> bytes fit in what is left.</summary>
    public readonly int CheckCount(ulong count, int entrySize)
    {
        if (count > (ulong)Remaining / (ulong)Math.Max(entrySize, 1))
            throw Error($"{count} entries of {entrySize} bytes do not fit in the {Remaining} bytes left");
        return (int)count;
    }

    public readonly MediaFormatException Error(string message) => new(message, BoxType, Offset);

    ReadOnlySpan<byte> Take(int count)
    {
        if ((uint)count > (uint)Remaining)
            throw Error($"needs {count} bytes, {Remaining} left");
        var slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }
}
