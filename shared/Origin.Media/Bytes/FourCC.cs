using System.Buffers.Binary;
using System.Text;

namespace Origin.Media.Bytes;

/// <summary>Four-character codes as big-endian integers, so box dispatch is an integer switch.</summary>
public static class FourCC
{
    public static uint From(string code)
    {
        if (code.Length != 4) throw new ArgumentException("A four-character code has four characters.", nameof(code));
        return (uint)code[0] << 24 | (uint)code[1] << 16 | (uint)code[2] << 8 | code[3];
    }

    public static string ToString(uint code)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, code);
        foreach (ref var b in bytes)
            if (b < 0x20 || b > 0x7e) b = (byte)'.';
        return Encoding.ASCII.GetString(bytes);
    }
}
