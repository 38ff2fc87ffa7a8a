using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>mdhd: the track's timescale, duration and ISO-639-2/T language.</summary>
public sealed class MediaHeaderBox : FullBox
{
    public override uint Type => BoxTypes.Mdhd;
    public ulong CreationTime { get; set; }
    public ulong ModificationTime { get; set; }
    public uint Timescale { get; set; }
    public ulong Duration { get; set; }
    public string Language { get; set; } = "und";

    bool Wide => Version == 1 || Duration > uint.MaxValue || CreationTime > uint.MaxValue || ModificationTime > uint.MaxValue;
    protected override byte WrittenVersion => Wide ? (byte)1 : (byte)0;
    protected override long FieldsSize => (Wide ? 28 : 16) + 4;

    public static MediaHeaderBox Read(ref BoxReader r)
    {
        var box = new MediaHeaderBox();
        box.ReadVersionAndFlags(ref r);
        if (box.Version == 1)
        {
            box.CreationTime = r.ReadUInt64(); box.ModificationTime = r.ReadUInt64();
            box.Timescale = r.ReadUInt32(); box.Duration = r.ReadUInt64();
        }
        else
        {
            box.CreationTime = r.ReadUInt32(); box.ModificationTime = r.ReadUInt32();
            box.Timescale = r.ReadUInt32(); box.Duration = r.ReadUInt32();
        }
        box.Language = UnpackLanguage(r.ReadUInt16());
        r.Skip(2);
        return box;
    }

    protected override void WriteFields(ref BoxWriter w)
    {
        if (Wide)
        {
            w.WriteUInt64(CreationTime); w.WriteUInt64(ModificationTime);
            w.WriteUInt32(Timescale); w.WriteUInt64(Duration);
        }
        else
        {
            w.WriteUInt32((uint)CreationTime); w.WriteUInt32((uint)ModificationTime);
            w.WriteUInt32(Timescale); w.WriteUInt32((uint)Duration);
        }
        w.WriteUInt16(PackLanguage(Language));
        w.WriteUInt16(0);
    }

    /// <summary>Three 5-bit letters offset from 0x60; zero (seen in some muxers' output) reads as undetermined.</summary>
    static string UnpackLanguage(ushort packed)
    {
        if (packed == 0 || packed == 0x7fff) return "und";
        Span<char> letters = [(char)((packed >> 10 & 0x1f) + 0x60), (char)((packed >> 5 & 0x1f) + 0x60), (char)((packed & 0x1f) + 0x60)];
        foreach (var c in letters)
            if (c < 'a' || c > 'z') return "und";
        return new string(letters);
    }

    static ushort PackLanguage(string language)
    {
        if (language.Length != 3) language = "und";
        return (ushort)((language[0] - 0x60 & 0x1f) << 10 | (language[1] - 0x60 & 0x1f) << 5 | (language[2] - 0x60 & 0x1f));
    }
}
