using System.Globalization;
using System.Text;
using Origin.Media.Boxes;

namespace Origin.Media.Index;

/// <summary>What manifests say about a track's codec: the RFC 6381 string, picture or sound parameters, and Smooth's
/// FourCC and CodecPrivateData.</summary>
public sealed record CodecDescription
{
    public required string Codecs { get; init; }
    public string SmoothFourCC { get; init; } = "";
    public string CodecPrivateData { get; init; } = "";
    public int Width { get; init; }
    public int Height { get; init; }
    /// <summary>The pixel shape: the sample entry's pasp, else what an H.264 SPS's VUI declares, else square.</summary>
    public PixelAspect SampleAspect { get; init; } = PixelAspect.Square;
    public int SampleRate { get; init; }
    public int Channels { get; init; }
    public int BitsPerSample { get; init; } = 16;
    /// <summary>A bit rate the file itself states (btrt or esds), 0 when it states none.</summary>
    public long DeclaredBitrate { get; init; }
    /// <summary>NAL unit length field size, for video codecs that have one.</summary>
    public int NalLengthSize { get; init; } = 4;

    public static CodecDescription From(SampleEntry entry) => entry switch
    {
        VisualSampleEntry visual => DescribeVideo(visual),
        AudioSampleEntry audio => DescribeAudio(audio),
        // IMSC 1 text profile, the TTML this origin writes (RFC 6381 as extended by ISO/IEC 14496-30).
        XmlSubtitleSampleEntry => new CodecDescription { Codecs = "stpp.ttml.im1t", SmoothFourCC = "TTML" },
        _ => new CodecDescription { Codecs = Bytes.FourCC.ToString(entry.Type).Trim() },
    };

    static CodecDescription DescribeVideo(VisualSampleEntry entry)
    {
        var declared = entry.Children.Find<BitRateBox>()?.AverageBitrate ?? 0;
        PixelAspect? pasp = entry.Children.Find<PixelAspectRatioBox>() is { } box ? new PixelAspect(box.HorizontalSpacing, box.VerticalSpacing) : null;
        if (entry.Children.Find<AvcConfigurationBox>() is { } avc)
        {
            var privateData = new StringBuilder();
            foreach (var set in avc.SequenceParameterSets) privateData.Append("00000001").Append(Convert.ToHexString(set));
            foreach (var set in avc.PictureParameterSets) privateData.Append("00000001").Append(Convert.ToHexString(set));
            return new CodecDescription
            {
                Codecs = string.Create(CultureInfo.InvariantCulture,
                    $"{Bytes.FourCC.ToString(entry.Type)}.{avc.Profile:X2}{avc.ProfileCompatibility:X2}{avc.Level:X2}"),
                SmoothFourCC = "H264",
                CodecPrivateData = privateData.ToString(),
                Width = entry.Width, Height = entry.Height, DeclaredBitrate = declared, NalLengthSize = avc.NalLengthSize,
                SampleAspect = pasp ?? (avc.SequenceParameterSets.Count > 0 ? AvcSampleAspect.FromSequenceParameterSet(avc.SequenceParameterSets[0]) : null) ?? PixelAspect.Square,
            };
        }
        if (entry.Children.Find<HevcConfigurationBox>() is { } hevc)
        {
            return new CodecDescription
            {
                Codecs = HevcCodecString(Bytes.FourCC.ToString(entry.Type), hevc),
                SmoothFourCC = "HVC1",
                Width = entry.Width, Height = entry.Height, DeclaredBitrate = declared, NalLengthSize = hevc.NalLengthSize,
                SampleAspect = pasp ?? PixelAspect.Square,
            };
        }
        return new CodecDescription { Codecs = Bytes.FourCC.ToString(entry.Type), Width = entry.Width, Height = entry.Height, SampleAspect = pasp ?? PixelAspect.Square };
    }

    /// <summary>ISO/IEC 14496-15 annex E: profile space and idc, reversed compatibility flags, tier and level, constraint bytes.</summary>
    static string HevcCodecString(string fourCC, HevcConfigurationBox hevc)
    {
        var text = new StringBuilder(fourCC).Append('.');
        if (hevc.ProfileSpace > 0) text.Append((char)('A' + hevc.ProfileSpace - 1));
        text.Append(hevc.ProfileIdc.ToString(CultureInfo.InvariantCulture));
        uint flags = hevc.ProfileCompatibilityFlags, reversed = 0;
        for (int i = 0; i < 32; i++) reversed |= (flags >> i & 1) << (31 - i);
        text.Append('.').Append(reversed.ToString("X", CultureInfo.InvariantCulture));
        text.Append('.').Append(hevc.HighTier ? 'H' : 'L').Append(hevc.LevelIdc.ToString(CultureInfo.InvariantCulture));
        var constraints = hevc.ConstraintIndicatorFlags;
        int last = constraints.Length - 1;
        while (last >= 0 && constraints[last] == 0) last--;
        for (int i = 0; i <= last; i++) text.Append('.').Append(constraints[i].ToString("X2", CultureInfo.InvariantCulture));
        return text.ToString();
    }

    static CodecDescription DescribeAudio(AudioSampleEntry entry)
    {
        var fourCC = Bytes.FourCC.ToString(entry.Type);
        if (entry.Children.Find<ElementaryStreamDescriptorBox>() is { } esds)
        {
            var asc = esds.DecoderSpecificInfo;
            var (objectType, sampleRate, channels) = ReadAudioSpecificConfig(asc);
            string codecs = esds.ObjectTypeIndication == 0x40 && objectType > 0
                ? string.Create(CultureInfo.InvariantCulture, $"mp4a.40.{objectType}")
                : string.Create(CultureInfo.InvariantCulture, $"mp4a.{esds.ObjectTypeIndication:x2}");
            return new CodecDescription
            {
                Codecs = codecs,
                SmoothFourCC = "AACL",
                CodecPrivateData = Convert.ToHexString(asc),
                SampleRate = sampleRate > 0 ? sampleRate : (int)entry.SampleRate,
                Channels = channels > 0 ? channels : entry.ChannelCount,
                BitsPerSample = entry.SampleSize,
                DeclaredBitrate = esds.AverageBitrate,
            };
        }
        return new CodecDescription
        {
            Codecs = fourCC switch { "ac-3" => "ac-3", "ec-3" => "ec-3", "Opus" => "opus", _ => fourCC },
            SmoothFourCC = fourCC switch { "ac-3" => "AC-3", "ec-3" => "EC-3", _ => fourCC.ToUpperInvariant() },
            SampleRate = (int)entry.SampleRate, Channels = entry.ChannelCount, BitsPerSample = entry.SampleSize,
        };
    }

    static readonly int[] SampleRates = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];

    /// <summary>The leading fields of an AudioSpecificConfig (ISO/IEC 14496-3 1.6.2.1); zeros when it is too short.</summary>
    static (int ObjectType, int SampleRate, int Channels) ReadAudioSpecificConfig(ReadOnlySpan<byte> asc)
    {
        if (asc.Length < 2) return (0, 0, 0);
        ulong bits = 0;
        for (int i = 0; i < 8; i++) bits = bits << 8 | (i < asc.Length ? asc[i] : (byte)0);
        int position = 0;
        int Take(int count) { int v = (int)(bits >> (64 - position - count) & ((1UL << count) - 1)); position += count; return v; }
        int objectType = Take(5);
        if (objectType == 31) objectType = 32 + Take(6);
        int frequencyIndex = Take(4);
        int sampleRate = frequencyIndex == 15 ? Take(24) : frequencyIndex < SampleRates.Length ? SampleRates[frequencyIndex] : 0;
        int channels = Take(4);
        return (objectType, sampleRate, channels);
    }
}
