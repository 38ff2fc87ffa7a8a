using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>mp4a/enca/ac-3/ec-3/Opus: channels, sample size and rate; QuickTime version 1/2 extensions are kept raw.</summary>
public sealed class AudioSampleEntry(uint type) : SampleEntry(type)
{
    public ushort SoundVersion { get; set; }
    public byte[] Reserved { get; set; } = new byte[6];
    public ushort ChannelCount { get; set; } = 2;
    public ushort SampleSize { get; set; } = 16;
    public byte[] Predefined { get; set; } = new byte[4];
    /// <summary>16.16 fixed point; sample rates above 65535 Hz live in the codec configuration.</summary>
    public uint SampleRateFixed { get; set; }
    public byte[] QuickTimeExtension { get; set; } = [];

    public uint SampleRate => SampleRateFixed >> 16;

    protected override int FieldsSize => 20 + QuickTimeExtension.Length;

    internal static AudioSampleEntry Read(uint type, ref BoxReader r, int depth)
    {
        var entry = new AudioSampleEntry(type);
        entry.ReadHead(ref r);
        entry.SoundVersion = r.ReadUInt16();
        entry.Reserved = r.ReadArray(6);
        entry.ChannelCount = r.ReadUInt16();
        entry.SampleSize = r.ReadUInt16();
        entry.Predefined = r.ReadArray(4);
        entry.SampleRateFixed = r.ReadUInt32();
        entry.QuickTimeExtension = entry.SoundVersion switch
        {
            1 => r.ReadArray(16),
            2 => r.ReadArray(36),
            _ => [],
        };
        entry.Children.AddRange(BoxParser.ReadChildren(ref r, depth));
        return entry;
    }

    protected override void WriteFields(ref BoxWriter w)
    {
        w.WriteUInt16(SoundVersion);
        w.WriteBytes(Reserved);
        w.WriteUInt16(ChannelCount);
        w.WriteUInt16(SampleSize);
        w.WriteBytes(Predefined);
        w.WriteUInt32(SampleRateFixed);
        w.WriteBytes(QuickTimeExtension);
    }
}
