using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;

namespace Origin.Media.Packaging.Cenc;

/// <summary>
/// AES-CTR as CENC's 'cenc' scheme uses it: one keystream per sample from an 8-byte IV and a 64-bit block counter,
/// consumed only by protected bytes, so a sample's protected ranges are one stream with the clear bytes left out.
/// Counter blocks are encrypted many at a time with ECB (hardware AES), then XORed in vectors.
/// </summary>
public sealed class AesCtrKeystream : IDisposable
{
    const int Blocks = 256;

    readonly Aes _aes = Aes.Create();
    readonly byte[] _counters = new byte[Blocks * 16];
    readonly byte[] _stream = new byte[Blocks * 16];

    public AesCtrKeystream(byte[] key) => _aes.Key = key;

    /// <summary>XORs <paramref name="data"/> with the keystream of <paramref name="iv"/> from byte <paramref name="position"/> on, and advances it.</summary>
    public void Apply(ReadOnlySpan<byte> iv, Span<byte> data, ref long position)
    {
        while (!data.IsEmpty)
        {
            long block = position / 16;
            int skip = (int)(position % 16);
            int blocks = Math.Min(Blocks, (skip + data.Length + 15) / 16);
            for (int i = 0; i < blocks; i++)
            {
                var counter = _counters.AsSpan(i * 16, 16);
                iv[..8].CopyTo(counter);
                BinaryPrimitives.WriteUInt64BigEndian(counter[8..], (ulong)(block + i));
            }
            _aes.EncryptEcb(_counters.AsSpan(0, blocks * 16), _stream, PaddingMode.None);
            int n = Math.Min(data.Length, blocks * 16 - skip);
            Xor(data[..n], _stream.AsSpan(skip, n));
            data = data[n..];
            position += n;
        }
    }

    static void Xor(Span<byte> data, ReadOnlySpan<byte> stream)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
            for (; i + Vector<byte>.Count <= data.Length; i += Vector<byte>.Count)
                (new Vector<byte>(data[i..]) ^ new Vector<byte>(stream[i..])).CopyTo(data[i..]);
        for (; i < data.Length; i++) data[i] ^= stream[i];
    }

    public void Dispose() => _aes.Dispose();
}
