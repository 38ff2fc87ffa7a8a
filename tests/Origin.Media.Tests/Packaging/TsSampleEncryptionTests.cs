using System.Security.Cryptography;
using Origin.Media.Bytes;
using Origin.Media.Packaging.Ts;

namespace Origin.Media.Tests.Packaging;

/// <summary>
/// The SAMPLE-AES layout of Apple's MPEG-2 stream encryption, block by block: which bytes of a slice and of an audio
/// frame are encrypted, that no start code appears inside an encrypted slice, and what stays as it was.
/// </summary>
public class TsSampleEncryptionTests
{
    static readonly byte[] Key = Convert.FromHexString("3a2a1b68dd2bd9b2eeb25e84c4776668");
    static readonly byte[] Iv = Convert.FromHexString("00112233445566778899aabbccddeeff");

    static byte[] Write(byte[] nal)
    {
        using var encryption = new TsSampleEncryption(Key, Iv);
        using var output = new PooledBufferWriter(nal.Length * 2);
        encryption.Write(nal, output);
        return output.WrittenMemory.ToArray();
    }

    [Theory]
    [InlineData(0x65, 48)] // an IDR slice of 48 bytes: nothing to encrypt
    [InlineData(0x06, 600)] // SEI
    [InlineData(0x67, 600)] // SPS
    public void Short_slices_and_other_nal_units_pass_unchanged(byte header, int length)
    {
        var nal = new byte[length];
        new Random(length).NextBytes(nal);
        nal[0] = header;
        Assert.Equal(nal, Write(nal));
    }

    [Fact]
    public void A_slice_has_one_block_in_ten_encrypted_after_its_leader_as_one_cbc_chain_and_no_start_code_inside()
    {
        // Zeros everywhere: the encrypted blocks are the only bytes that change, and escaping has nothing to do.
        var nal = new byte[32 + 160 * 3 + 16]; // blocks at 32, 192 and 352; the last 16 bytes are never encrypted
        nal[0] = 0x41;
        for (int i = 1; i < nal.Length; i++) nal[i] = 0x55;
        var written = Write(nal);
        Assert.Equal(nal.Length, written.Length);
        using var aes = Aes.Create();
        aes.Key = Key;
        var expected = aes.EncryptCbc(nal.AsSpan(32, 16).ToArray().Concat(nal.AsSpan(192, 16).ToArray()).Concat(nal.AsSpan(352, 16).ToArray()).ToArray(), Iv, PaddingMode.None);
        Assert.Equal(expected[..16], written[32..48]);
        Assert.Equal(expected[16..32], written[192..208]);
        Assert.Equal(expected[32..48], written[352..368]);
        var clear = Enumerable.Range(0, nal.Length).Where(i => !(i is >= 32 and < 48 || i is >= 192 and < 208 || i is >= 352 and < 368));
        Assert.All(clear, i => Assert.Equal(nal[i], written[i]));
    }

    [Fact]
    public void Encrypted_slices_are_escaped_so_that_removing_emulation_prevention_gives_the_encrypted_bytes()
    {
        var random = new Random(7);
        for (int n = 0; n < 200; n++)
        {
            var nal = new byte[random.Next(49, 4000)];
            random.NextBytes(nal);
            // Zero runs the source escaped, as an encoder writes them.
            for (int i = 40; i + 3 < nal.Length; i += 97) (nal[i], nal[i + 1], nal[i + 2]) = (0, 0, 3);
            nal[0] = 0x65;
            var written = Write(nal);
            for (int i = 0; i + 2 < written.Length; i++)
                Assert.False(written[i] == 0 && written[i + 1] == 0 && written[i + 2] <= 2, $"a start code inside the slice at {i}");
            // Emulation prevention removed as decoders remove it: a 3 after two zeros goes.
            var unescaped = new List<byte>();
            int zeros = 0;
            foreach (var b in written)
            {
                if (zeros >= 2 && b == 3)
                {
                    zeros = 0;
                    continue;
                }
                unescaped.Add(b);
                zeros = b == 0 ? zeros + 1 : 0;
            }
            Assert.Equal(nal.Length, unescaped.Count);
            Assert.Equal(nal[..32], unescaped[..32]);
        }
    }

    [Theory]
    [InlineData(16, 0)]
    [InlineData(31, 0)]
    [InlineData(32, 1)]
    [InlineData(371, 22)]
    public void Audio_frames_keep_16_bytes_clear_and_encrypt_every_whole_block_after_them(int length, int blocks)
    {
        var frame = new byte[length];
        new Random(length).NextBytes(frame);
        var encrypted = frame.ToArray();
        using (var encryption = new TsSampleEncryption(Key, Iv)) encryption.EncryptAudioFrame(encrypted);
        using var aes = Aes.Create();
        aes.Key = Key;
        Assert.Equal(frame[..16], encrypted[..16]);
        Assert.Equal(aes.EncryptCbc(frame[16..(16 + blocks * 16)], Iv, PaddingMode.None), encrypted[16..(16 + blocks * 16)]);
        Assert.Equal(frame[(16 + blocks * 16)..], encrypted[(16 + blocks * 16)..]);
    }
}
