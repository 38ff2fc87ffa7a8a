using System.Text;
using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>
/// stpp (ISO/IEC 14496-12 12.6.3.2, XMLSubtitleSampleEntry): TTML in ISOBMFF, as DASH and CMAF carry subtitles. Three
/// null-terminated UTF-8 strings: the XML namespace(s) of the documents, their schema locations, and the MIME types
/// of any images they use.
/// </summary>
public sealed class XmlSubtitleSampleEntry() : SampleEntry(BoxTypes.Stpp)
{
    public const string TtmlNamespace = "http://www.w3.org/ns/ttml";

    public string Namespace { get; set; } = TtmlNamespace;
    public string SchemaLocation { get; set; } = "";
    public string AuxiliaryMimeTypes { get; set; } = "";

    protected override int FieldsSize => Encoding.UTF8.GetByteCount(Namespace) + Encoding.UTF8.GetByteCount(SchemaLocation) + Encoding.UTF8.GetByteCount(AuxiliaryMimeTypes) + 3;

    internal static XmlSubtitleSampleEntry Read(ref BoxReader r, int depth)
    {
        var entry = new XmlSubtitleSampleEntry();
        entry.ReadHead(ref r);
        entry.Namespace = CString(ref r);
        entry.SchemaLocation = CString(ref r);
        entry.AuxiliaryMimeTypes = CString(ref r);
        entry.Children.AddRange(BoxParser.ReadChildren(ref r, depth));
        return entry;
    }

    static string CString(ref BoxReader r)
    {
        var rest = r.Data[r.Position..];
        int end = rest.IndexOf((byte)0);
        if (end < 0) throw r.Error("stpp string has no terminator");
        var text = Encoding.UTF8.GetString(rest[..end]);
        r.Skip(end + 1);
        return text;
    }

    protected override void WriteFields(ref BoxWriter w)
    {
        foreach (var text in (ReadOnlySpan<string>)[Namespace, SchemaLocation, AuxiliaryMimeTypes])
        {
            w.WriteBytes(Encoding.UTF8.GetBytes(text));
            w.WriteByte(0);
        }
    }
}
