using System.Buffers;
using System.Security.Cryptography;

namespace Origin.Media.Packaging.Cenc;

/// <summary>
/// AES-CBC as 'cbcs' uses it: a chain over selected 16-byte blocks (every tenth block of a video subsample, every
/// whole block of an audio sample) that starts again from the constant IV at each subsample. One CBC cipher context
/// serves the whole segment: it chains from the last block it wrote, so a chain is restarted by XORing the first
/// block with the IV and with that last block, which turns the context's chaining into the IV's.
/// </summary>
public sealed class AesCbcChain : IDisposable
{
    const int Block = 16;

    readonly Aes _aes = Aes.Create();
    readonly ICryptoTransform _cbc;
    readonly byte[] _last = new byte[Block];
    byte[] _gather = ArrayPool<byte>.Shared.Rent(64 * 1024);

    public AesCbcChain(byte[] key)
    {
        _aes.Mode = CipherMode.CBC;
        _aes.Padding = PaddingMode.None;
        _cbc = _aes.CreateEncryptor(key, new byte[Block]);
    }

    /// <summary>
    /// Encrypts, in place, the blocks of <paramref name="data"/> the crypt:skip pattern selects (0:0 selects every
    /// block) as one chain from <paramref name="iv"/>; a partial block at the end stays clear, as 'cbcs' says.
    /// </summary>
    public void Encrypt(ReadOnlySpan<byte> iv, Span<byte> data, int crypt, int skip)
    {
        int blocks = data.Length / Block;
        int period = crypt + skip;
        int selected = period == 0 ? blocks : blocks / period * crypt + Math.Min(blocks % period, crypt);
        if (selected == 0) return;
        int bytes = selected * Block;
        if (_gather.Length < bytes)
        {
            ArrayPool<byte>.Shared.Return(_gather);
            _gather = ArrayPool<byte>.Shared.Rent(bytes);
        }
        var gather = _gather.AsSpan(0, bytes);
        for (int b = 0, to = 0; b < blocks; b++)
            if (period == 0 || b % period < crypt) data.Slice(b * Block, Block).CopyTo(gather[(to++ * Block)..]);
        for (int i = 0; i < Block; i++) gather[i] ^= (byte)(iv[i] ^ _last[i]);
        _cbc.TransformBlock(_gather, 0, bytes, _gather, 0);
        gather[^Block..].CopyTo(_last);
        for (int b = 0, from = 0; b < blocks; b++)
            if (period == 0 || b % period < crypt) gather.Slice(from++ * Block, Block).CopyTo(data[(b * Block)..]);
    }

    public void Dispose()
    {
        _cbc.Dispose();
        _aes.Dispose();
        ArrayPool<byte>.Shared.Return(_gather);
        _gather = [];
    }
}
