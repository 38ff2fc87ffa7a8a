using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Origin.Media.Boxes;
using Origin.Media.Index;
using Origin.Media.Packaging.Samples;
using Origin.Media.Protection;

namespace Origin.Media.Packaging.Cenc;

/// <summary>
/// Encrypts one segment of one track as its samples stream past, lengths unchanged: video over each sample's slice
/// data (subsample maps found in the NAL units), audio over the whole sample. 'cenc' runs AES-CTR from an 8-byte IV
/// per sample, derived from the key, the track and the segment's identity (an HMAC, then one more per sample), so every
/// instance writes the same bytes and no two samples under one key share an IV, in a clip's view too (its segments'
/// identities are their starts in the source, not numbers the whole asset's segments have). 'cbcs' runs AES-CBC from the
/// track's constant IV on every tenth block of a video subsample (1:9) and on every whole block of an audio sample.
/// Each sample is then described in senc/saiz/saio: its IV ('cenc') and its subsamples (video); 'cbcs' audio needs
/// neither, so it gets no entry.
/// </summary>
public sealed class CencSampleEncryptor : ISampleTransform, IFragmentAnnotator, IDisposable
{
    public const int IvSize = 8;

    /// <summary>Describe the samples in PIFF's sample encryption box (Smooth Streaming) instead of senc.</summary>
    public bool Piff { get; init; }

    readonly AesCtrKeystream? _ctr;
    readonly AesCbcChain? _cbc;
    readonly byte[] _constantIv = [];
    readonly ulong _firstIv;
    readonly bool _video, _hevc;
    readonly int _lengthSize;
    readonly List<SampleEncryption?> _samples = [];

    public CencSampleEncryptor(TrackProtection protection, TrackIndex track, string trackKey, string segment)
    {
        _video = track.Kind == TrackKind.Video;
        _hevc = track.SampleEntry.Type is BoxTypes.Hvc1 or BoxTypes.Hev1;
        _lengthSize = track.Codec.NalLengthSize;
        var key = protection.Key.Key;
        if (protection.Scheme == EncryptionScheme.Cbcs)
        {
            _cbc = new AesCbcChain(key);
            _constantIv = protection.ConstantIv ?? throw new ArgumentException("cbcs takes a constant IV", nameof(protection));
            return;
        }
        _ctr = new AesCtrKeystream(key);
        var seed = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"cenc iv|{trackKey}|{segment}"));
        _firstIv = BinaryPrimitives.ReadUInt64BigEndian(seed);
    }

    /// <summary>The crypt:skip pattern of 'cbcs' video (one block in ten); audio is encrypted in every whole block.</summary>
    public const int CbcsCrypt = 1, CbcsSkip = 9;

    public bool KnownBeforeBytes => !_video;

    public int? OutputLength(int index, int inputLength) => inputLength;

    public void Apply(int index, ReadOnlySpan<byte> input, IBufferWriter<byte> output)
    {
        var sample = output.GetSpan(input.Length)[..input.Length];
        if (_cbc is not null)
        {
            input.CopyTo(sample);
            if (_video) Record(index, [], CbcsSubsamples(sample, index));
            else _cbc.Encrypt(_constantIv, sample, 0, 0);
            output.Advance(input.Length);
            return;
        }
        // On the stack: video copies its IV into senc's entry, audio's is derived again there.
        Span<byte> iv = stackalloc byte[IvSize];
        WriteIv(index, iv);
        long position = 0;
        if (_video)
        {
            var subsamples = NalSubsamples.For(input, _lengthSize, _hevc, index);
            int at = 0;
            foreach (var part in subsamples)
            {
                input.Slice(at, part.ClearBytes).CopyTo(sample[at..]);
                at += part.ClearBytes;
                _ctr!.Apply(iv, input.Slice(at, (int)part.ProtectedBytes), sample[at..], ref position);
                at += (int)part.ProtectedBytes;
            }
            Record(index, iv.ToArray(), subsamples);
        }
        else
        {
            _ctr!.Apply(iv, input, sample, ref position);
        }
        output.Advance(input.Length);
    }

    /// <summary>Encrypts each protected range of a video sample in place, each a chain of its own; its subsamples.</summary>
    Subsample[] CbcsSubsamples(Span<byte> sample, int index)
    {
        var subsamples = NalSubsamples.For(sample, _lengthSize, _hevc, index);
        int at = 0;
        foreach (var part in subsamples)
        {
            at += part.ClearBytes;
            _cbc!.Encrypt(_constantIv, sample.Slice(at, (int)part.ProtectedBytes), CbcsCrypt, CbcsSkip);
            at += (int)part.ProtectedBytes;
        }
        return subsamples;
    }

    void Record(int index, byte[] iv, Subsample[] subsamples)
    {
        while (_samples.Count <= index) _samples.Add(null);
        _samples[index] = new SampleEncryption(iv, subsamples);
    }

    public IReadOnlyList<Box> TrafBoxes(int sampleCount)
    {
        if (_cbc is not null && !_video) return [];
        var senc = new SampleEncryptionBox { Flags = _video ? SampleEncryptionBox.UseSubsamples : 0, AsPiff = Piff };
        var sizes = new int[sampleCount];
        for (int i = 0; i < sampleCount; i++)
        {
            // Audio's entries are its IVs alone, known before its bytes; video's were found in them.
            var sample = !_video ? new SampleEncryption(Iv(i), [])
                : i < _samples.Count && _samples[i] is { } found ? found : throw new InvalidOperationException($"sample {i} was not encrypted");
            senc.Samples.Add(sample);
            sizes[i] = sample.InfoSize(_video);
        }
        return [SampleAuxiliaryInformationSizesBox.For(sizes), new SampleAuxiliaryInformationOffsetsBox { Offsets = { 0 } }, senc];
    }

    byte[] Iv(int index)
    {
        var iv = new byte[IvSize];
        WriteIv(index, iv);
        return iv;
    }

    void WriteIv(int index, Span<byte> iv) => BinaryPrimitives.WriteUInt64BigEndian(iv, unchecked(_firstIv + (ulong)index));

    public void Dispose()
    {
        _ctr?.Dispose();
        _cbc?.Dispose();
    }
}
