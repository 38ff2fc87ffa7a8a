using System.Globalization;
using System.Xml;
using System.Text;

namespace Origin.Media.Text.Writing;

/// <summary>
/// A TTML document in the IMSC 1 text profile for one segment of a DASH (stpp) or Smooth text track: the cues of
/// [start, end) clipped to it (ISO/IEC 14496-30: a sample's document shows nothing outside the sample), timed in
/// ticks of 10 MHz so every source time is kept, two regions (bottom and top of the picture) and the styles cues use
/// as inline attributes. Times count from <c>origin</c>: 0 for DASH (the track's timeline, ISO/IEC 14496-30), the
/// fragment's start for Smooth Streaming, whose players take TTML times as relative to the fragment.
/// </summary>
public static class TtmlWriter
{
    const string Tt = "http://www.w3.org/ns/ttml";
    const string Tts = "http://www.w3.org/ns/ttml#styling";
    const string Ttp = "http://www.w3.org/ns/ttml#parameter";
    const string Xml = "http://www.w3.org/XML/1998/namespace";

    public static byte[] Document(IEnumerable<SubtitleCue> cues, long start, long end, string? language, long origin = 0)
    {
        var output = new MemoryStream();
        // Not indented: whitespace inside a paragraph would be cue text to a TTML reader.
        using (var w = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            w.WriteStartDocument();
            Write(w, cues, start, end, language, origin);
            w.WriteEndDocument();
        }
        return output.ToArray();
    }

    static void Write(XmlWriter w, IEnumerable<SubtitleCue> cues, long start, long end, string? language, long origin)
    {
        w.WriteStartElement("tt", Tt);
        w.WriteAttributeString("xmlns", "tts", null, Tts);
        w.WriteAttributeString("xmlns", "ttp", null, Ttp);
        w.WriteAttributeString("xml", "lang", Xml, language ?? "");
        w.WriteAttributeString("ttp", "timeBase", Ttp, "media");
        w.WriteAttributeString("ttp", "tickRate", Ttp, SubtitleTime.TicksPerSecond.ToString(CultureInfo.InvariantCulture));
        w.WriteStartElement("head", Tt);
        w.WriteStartElement("layout", Tt);
        Region(w, "bottom", "after");
        Region(w, "top", "before");
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteStartElement("body", Tt);
        w.WriteStartElement("div", Tt);
        foreach (var cue in cues)
        {
            if (!cue.Overlaps(start, end)) continue;
            w.WriteStartElement("p", Tt);
            w.WriteAttributeString("begin", Ticks(Math.Max(cue.Start, start) - origin));
            w.WriteAttributeString("end", Ticks(Math.Min(cue.End, end) - origin));
            w.WriteAttributeString("region", cue.Placement == CuePlacement.Top ? "top" : "bottom");
            foreach (var span in cue.Spans) Span(w, span);
            w.WriteEndElement();
        }
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    }

    static void Region(XmlWriter w, string id, string displayAlign)
    {
        w.WriteStartElement("region", Tt);
        w.WriteAttributeString("xml", "id", Xml, id);
        w.WriteAttributeString("tts", "origin", Tts, "10% 10%");
        w.WriteAttributeString("tts", "extent", Tts, "80% 80%");
        w.WriteAttributeString("tts", "displayAlign", Tts, displayAlign);
        w.WriteAttributeString("tts", "textAlign", Tts, "center");
        w.WriteEndElement();
    }

    static void Span(XmlWriter w, CueSpan span)
    {
        if (span.Style != CueStyle.None)
        {
            w.WriteStartElement("span", Tt);
            if (span.Style.HasFlag(CueStyle.Italic)) w.WriteAttributeString("tts", "fontStyle", Tts, "italic");
            if (span.Style.HasFlag(CueStyle.Bold)) w.WriteAttributeString("tts", "fontWeight", Tts, "bold");
            if (span.Style.HasFlag(CueStyle.Underline)) w.WriteAttributeString("tts", "textDecoration", Tts, "underline");
        }
        var lines = span.Text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                w.WriteStartElement("br", Tt);
                w.WriteEndElement();
            }
            if (lines[i].Length > 0) w.WriteString(XmlSafe(lines[i]));
        }
        if (span.Style != CueStyle.None) w.WriteEndElement();
    }

    /// <summary>The text without the characters XML cannot hold (controls, lone surrogates), which other formats allow.</summary>
    static string XmlSafe(string text)
    {
        var kept = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i])) kept.Append(text[i]);
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i])) kept.Append(text[i]).Append(text[++i]);
        }
        return kept.ToString();
    }

    static string Ticks(long ticks) => ticks.ToString(CultureInfo.InvariantCulture) + "t";
}
