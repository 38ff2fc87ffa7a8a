using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>mdhd: the track's timescale, duration and ISO-639-2/T language.</summary>
public sealed class MediaHeaderBox : TimedHeaderBox
{
    public override uint Type => BoxTypes.Mdhd;
    public string Language { get; set; } = "und";

    protected override long FieldsSize => TimesSize + 4;

    public static MediaHeaderBox Read(ref BoxReader r)
    {
        var box = new MediaHeaderBox();
        box.ReadVersionAndFlags(ref r);
        box.ReadTimes(ref r);
        box.Language = UnpackLanguage(r.ReadUInt16());
        r.Skip(2);
        return box;
    }

    protected override void WriteFields(ref BoxWriter w)
    {
        WriteTimes(ref w);
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
