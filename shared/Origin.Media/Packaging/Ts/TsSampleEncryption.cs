using System.Buffers;
using System.Security.Cryptography;
using Origin.Media.Packaging.Samples;

namespace Origin.Media.Packaging.Ts;

/// <summary>
/// HLS SAMPLE-AES for MPEG-TS (Apple's MPEG-2 Stream Encryption Format for HTTP Live Streaming): AES-128 CBC without
/// padding, the IV reset at every protected block. H.264 slices (NAL types 1 and 5) longer than 48 bytes keep their
/// header byte and the 31 bytes after it clear, then have one 16-byte block in ten encrypted, never the last 1–16
/// bytes; audio frames keep their header and 16 bytes clear, then have every whole 16-byte block encrypted.
/// <para>
/// A slice is encrypted as it is (its emulation prevention bytes in place) and emulation prevention is then applied
/// to the result. Decrypters (hls.js, ffmpeg) remove emulation prevention from the slice they receive before
/// decrypting, so they get back the very bytes the source had, emulation prevention included. The slice grows by
/// the bytes that adds, which only its bytes tell: segments encrypted this way are muxed whole.
/// </para>
/// One per segment: it keeps scratch buffers between blocks.
/// </summary>
public sealed class TsSampleEncryption : INalUnitWriter, IDisposable
{
    const int ClearLeader = 32, Block = 16, Stride = 160;
    readonly Aes _aes = Aes.Create();
    readonly byte[] _iv;
    byte[] _work = [], _blocks = [];

    public TsSampleEncryption(byte[] key, byte[] iv)
    {
        if (key.Length != 16 || iv.Length != 16) throw new ArgumentException("SAMPLE-AES takes a 16-byte key and a 16-byte IV");
        _aes.Key = key;
        _iv = iv;
    }

    /// <summary>Writes a NAL unit (no start code): a slice long enough encrypted and re-escaped, any other as it is.</summary>
    public void Write(ReadOnlySpan<byte> nal, IBufferWriter<byte> output)
    {
        if (nal.Length <= 48 || (nal[0] & 0x1f) is not (1 or 5))
        {
            output.Write(nal);
            return;
        }
        Grow(ref _work, nal.Length);
        var work = _work.AsSpan(0, nal.Length);
        nal.CopyTo(work);
        // The encrypted blocks of one slice form one CBC chain: gather them, encrypt, put them back.
        int blocks = 0;
        for (int at = ClearLeader; at + Block < nal.Length; at += Stride) blocks++;
        Grow(ref _blocks, blocks * Block * 2);
        var gathered = _blocks.AsSpan(0, blocks * Block);
        var encrypted = _blocks.AsSpan(blocks * Block, blocks * Block);
        for (int i = 0, at = ClearLeader; i < blocks; i++, at += Stride) work.Slice(at, Block).CopyTo(gathered[(i * Block)..]);
        _aes.EncryptCbc(gathered, _iv, encrypted, PaddingMode.None);
        for (int i = 0, at = ClearLeader; i < blocks; i++, at += Stride) encrypted.Slice(i * Block, Block).CopyTo(work[at..]);
        WriteEscaped(work, output);
    }

    /// <summary>Encrypts an audio frame's payload (what follows its ADTS header; an AC-3 frame whole) in place.</summary>
    public void EncryptAudioFrame(Span<byte> payload)
    {
        int length = (payload.Length - Block) / Block * Block;
        if (length <= 0) return;
        var region = payload.Slice(Block, length);
        Grow(ref _blocks, length);
        region.CopyTo(_blocks);
        _aes.EncryptCbc(_blocks.AsSpan(0, length), _iv, region, PaddingMode.None);
    }

    /// <summary>
    /// Emulation prevention (ISO/IEC 14496-10 7.4.1): after two zero bytes, a byte of 3 or less gets 0x03 before
    /// it, so no start code appears inside the NAL unit.
    /// </summary>
    static void WriteEscaped(ReadOnlySpan<byte> nal, IBufferWriter<byte> output)
    {
        var span = output.GetSpan(nal.Length + nal.Length / 2 + 1);
        int written = 0, zeros = 0;
        foreach (var b in nal)
        {
            if (zeros >= 2 && b <= 3)
            {
                span[written++] = 3;
                zeros = 0;
            }
            span[written++] = b;
            zeros = b == 0 ? zeros + 1 : 0;
        }
        output.Advance(written);
    }

    static void Grow(ref byte[] buffer, int length)
    {
        if (buffer.Length < length) buffer = new byte[Math.Max(length, buffer.Length * 2)];
    }

    public void Dispose() => _aes.Dispose();
}
