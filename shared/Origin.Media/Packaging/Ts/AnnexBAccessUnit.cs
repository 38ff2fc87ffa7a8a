using System.Buffers;
using Origin.Media.Boxes;
using Origin.Media.Bytes;
using Origin.Media.Index;
using Origin.Media.Packaging.Samples;

namespace Origin.Media.Packaging.Ts;

/// <summary>
/// A video sample as a transport stream carries it: an access unit delimiter, the decoder's parameter sets before
/// every sync sample (a TS has no init segment: a player may start at any segment), then the sample's NAL units in
/// Annex B. H.264 and HEVC; H.264 slices SAMPLE-AES encrypted when given a <see cref="TsSampleEncryption"/>.
/// </summary>
public sealed class AnnexBAccessUnit
{
    static ReadOnlySpan<byte> StartCode => [0, 0, 0, 1];
    readonly byte[] _delimiter;
    readonly byte[] _parameterSets;
    readonly AnnexBConversion _conversion;

    public AnnexBAccessUnit(TrackIndex track, TsSampleEncryption? encryption = null)
    {
        IReadOnlyList<byte[]> sets;
        if (track.SampleEntry.Children.Find<AvcConfigurationBox>() is { } avc)
        {
            _delimiter = [0, 0, 0, 1, 0x09, 0xf0]; // AUD, any primary picture type
            sets = [.. avc.SequenceParameterSets, .. avc.PictureParameterSets];
        }
        else if (track.SampleEntry.Children.Find<HevcConfigurationBox>() is { } hevc)
        {
            _delimiter = [0, 0, 0, 1, 0x46, 0x01, 0x50]; // AUD_NUT (35), any picture type
            sets = hevc.ParameterSets;
        }
        else throw new MediaFormatException($"{FourCC.ToString(track.SampleEntry.Type)} video cannot be carried in MPEG-TS here");
        var all = new List<byte>();
        foreach (var set in sets) all.AddRange([.. StartCode, .. set]);
        _parameterSets = [.. all];
        if (encryption is not null && _delimiter.Length != 6) throw new MediaFormatException("SAMPLE-AES in MPEG-TS is defined for H.264 video only");
        _conversion = new AnnexBConversion(track.Codec.NalLengthSize, encryption);
        StreamType = _delimiter.Length != 6 ? ProgramTables.Hevc : encryption is null ? ProgramTables.H264 : ProgramTables.SampleAesH264;
    }

    public byte StreamType { get; }

    /// <summary>The access unit's length from the sample's, or null where the NAL lengths are not 4 bytes long (the
    /// start codes then take a number of bytes only the sample's NAL count tells) or the slices are encrypted.</summary>
    public int? OutputLength(int sampleLength, bool sync) =>
        _conversion.OutputLength(0, sampleLength) is { } converted ? _delimiter.Length + (sync ? _parameterSets.Length : 0) + converted : null;

    public void Write(int index, ReadOnlySpan<byte> sample, bool sync, IBufferWriter<byte> output)
    {
        output.Write(_delimiter);
        if (sync) output.Write(_parameterSets);
        _conversion.Apply(index, sample, output);
    }
}
