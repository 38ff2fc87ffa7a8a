using System.Buffers.Binary;
using System.Text;

namespace Origin.Media.Index.Serialization;

/// <summary>Big-endian appends into a growing buffer; lengths come before variable-size fields.</summary>
internal sealed class IndexPayloadWriter
{
    readonly MemoryStream _stream = new();
    readonly byte[] _scratch = new byte[8];

    public void Byte(byte value) => _stream.WriteByte(value);
    public void UInt32(uint value) { BinaryPrimitives.WriteUInt32BigEndian(_scratch, value); _stream.Write(_scratch, 0, 4); }
    public void Int32(int value) { BinaryPrimitives.WriteInt32BigEndian(_scratch, value); _stream.Write(_scratch, 0, 4); }
    public void Int64(long value) { BinaryPrimitives.WriteInt64BigEndian(_scratch, value); _stream.Write(_scratch, 0, 8); }

    public void Bytes(ReadOnlySpan<byte> bytes)
    {
        Int32(bytes.Length);
        _stream.Write(bytes);
    }

    public void String(string text) => Bytes(Encoding.UTF8.GetBytes(text));

    public void Int64s(ReadOnlySpan<long> values)
    {
        foreach (var v in values) Int64(v);
    }

    public void Int32s(ReadOnlySpan<int> values)
    {
        foreach (var v in values) Int32(v);
    }

    public byte[] ToArray() => _stream.ToArray();
}
