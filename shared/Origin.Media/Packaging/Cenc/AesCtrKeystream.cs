using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Origin.Media.Packaging.Cenc;

/// <summary>
/// AES-CTR as CENC's 'cenc' scheme uses it: one keystream per sample from an 8-byte IV and a 64-bit block counter,
/// consumed only by protected bytes, so a sample's protected ranges are one stream with the clear bytes left out.
/// Counter blocks are encrypted many at a time with ECB (hardware AES) through one cipher context kept for the
/// segment (a one-shot call per sample would set up a context and key schedule each time), then XORed in vectors.
/// </summary>
public sealed class AesCtrKeystream : IDisposable
{
    const int Blocks = 512;

    readonly Aes _aes = Aes.Create();
    readonly ICryptoTransform _ecb;
    readonly byte[] _counters = new byte[Blocks * 16];
    readonly byte[] _stream = new byte[Blocks * 16];

    public AesCtrKeystream(byte[] key)
    {
        _aes.Mode = CipherMode.ECB;
        _aes.Padding = PaddingMode.None;
        _ecb = _aes.CreateEncryptor(key, null);
    }

    /// <summary>
    /// Writes <paramref name="data"/> XORed with the keystream of <paramref name="iv"/> from byte
    /// <paramref name="position"/> on to <paramref name="output"/> (as long as the data; may be the same memory),
    /// and advances the position.
    /// </summary>
    public void Apply(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> data, Span<byte> output, ref long position)
    {
        while (!data.IsEmpty)
        {
            long block = position / 16;
            int skip = (int)(position % 16);
            int blocks = Math.Min(Blocks, (skip + data.Length + 15) / 16);
            // A counter block is the IV then the block number, big-endian: written as two 64-bit words.
            var words = MemoryMarshal.Cast<byte, ulong>(_counters.AsSpan(0, blocks * 16));
            ulong prefix = MemoryMarshal.Read<ulong>(iv);
            for (int i = 0; i < blocks; i++)
            {
                words[2 * i] = prefix;
                words[2 * i + 1] = BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness((ulong)(block + i)) : (ulong)(block + i);
            }
            _ecb.TransformBlock(_counters, 0, blocks * 16, _stream, 0);
            int n = Math.Min(data.Length, blocks * 16 - skip);
            Xor(data[..n], _stream.AsSpan(skip, n), output);
            data = data[n..];
            output = output[n..];
            position += n;
        }
    }

    static void Xor(ReadOnlySpan<byte> data, ReadOnlySpan<byte> stream, Span<byte> output)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
            for (; i + Vector<byte>.Count <= data.Length; i += Vector<byte>.Count)
                (new Vector<byte>(data[i..]) ^ new Vector<byte>(stream[i..])).CopyTo(output[i..]);
        for (; i < data.Length; i++) output[i] = (byte)(data[i] ^ stream[i]);
    }

    public void Dispose()
    {
        _ecb.Dispose();
        _aes.Dispose();
    }
}
