using System.Buffers;
using Origin.Media.Boxes;
using Origin.Media.Bytes;
using Origin.Media.Index;
using Origin.Media.Packaging.Samples;

namespace Origin.Media.Packaging.Ts;

/// <summary>
/// A video sample as a transport stream carries it: an access unit delimiter, the decoder's parameter sets before
/// every sync sample (a TS has no init segment: a player may start at any segment), then the sample's NAL units in
/// Annex B. H.264 and HEVC.
/// </summary>
public sealed class AnnexBAccessUnit
{
    static ReadOnlySpan<byte> StartCode => [0, 0, 0, 1];
    readonly byte[] _delimiter;
    readonly byte[] _parameterSets;
    readonly AnnexBConversion _conversion;

    public AnnexBAccessUnit(TrackIndex track)
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
        _conversion = new AnnexBConversion(track.Codec.NalLengthSize);
    }

    public byte StreamType => _delimiter.Length == 6 ? ProgramTables.H264 : ProgramTables.Hevc;

    /// <summary>The access unit's length from the sample's, or null where the NAL lengths are not 4 bytes long (the
    /// start codes then take a number of bytes only the sample's NAL count tells).</summary>
    public int? OutputLength(int sampleLength, bool sync) =>
        _conversion.OutputLength(0, sampleLength) is { } converted ? _delimiter.Length + (sync ? _parameterSets.Length : 0) + converted : null;

    public void Write(int index, ReadOnlySpan<byte> sample, bool sync, IBufferWriter<byte> output)
    {
        output.Write(_delimiter);
        if (sync) output.Write(_parameterSets);
        _conversion.Apply(index, sample, output);
    }
}
