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
/// Encrypts one segment of one track with the 'cenc' scheme as its samples stream past: AES-CTR over each sample's
/// slice data (video, subsample maps found in the NAL units) or over the whole sample (audio), in place, so lengths
/// do not change. It then describes each sample in senc/saiz/saio: its 8-byte IV and subsamples. IVs are derived
/// from the key, the track and the segment's number (an HMAC, then one more per sample), so every instance writes
/// the same bytes and no two samples under one key share an IV.
/// </summary>
public sealed class CencSampleEncryptor : ISampleTransform, IFragmentAnnotator, IDisposable
{
    public const int IvSize = 8;

    readonly AesCtrKeystream _ctr;
    readonly ulong _firstIv;
    readonly bool _video, _hevc;
    readonly int _lengthSize;
    readonly List<SampleEncryption?> _samples = [];

    public CencSampleEncryptor(ContentKey key, TrackIndex track, string trackKey, int segment)
    {
        _ctr = new AesCtrKeystream(key.Key);
        _video = track.Kind == TrackKind.Video;
        _hevc = track.SampleEntry.Type is BoxTypes.Hvc1 or BoxTypes.Hev1;
        _lengthSize = track.Codec.NalLengthSize;
        var seed = HMACSHA256.HashData(key.Key, Encoding.UTF8.GetBytes($"cenc iv|{trackKey}|{segment}"));
        _firstIv = BinaryPrimitives.ReadUInt64BigEndian(seed);
    }

    public bool KnownBeforeBytes => !_video;

    public int? OutputLength(int index, int inputLength) => inputLength;

    public void Apply(int index, ReadOnlySpan<byte> input, IBufferWriter<byte> output)
    {
        var sample = output.GetSpan(input.Length)[..input.Length];
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
                _ctr.Apply(iv, input.Slice(at, (int)part.ProtectedBytes), sample[at..], ref position);
                at += (int)part.ProtectedBytes;
            }
            while (_samples.Count <= index) _samples.Add(null);
            _samples[index] = new SampleEncryption(iv.ToArray(), subsamples);
        }
        else
        {
            _ctr.Apply(iv, input, sample, ref position);
        }
        output.Advance(input.Length);
    }

    public IReadOnlyList<Box> TrafBoxes(int sampleCount)
    {
        var senc = new SampleEncryptionBox { Flags = _video ? SampleEncryptionBox.UseSubsamples : 0 };
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

    public void Dispose() => _ctr.Dispose();
}
