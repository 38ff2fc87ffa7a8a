using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Origin.Media.Bytes;

namespace Origin.Media.Text.Reading;

/// <summary>
/// TTML and its profiles (IMSC 1 text, EBU-TT-D, SMPTE-TT, DFXP of either W3C namespace): each <c>&lt;p&gt;</c> is a
/// cue, timed by its own <c>begin</c>/<c>end</c>/<c>dur</c> within its ancestors' (parallel time containers);
/// <c>&lt;span&gt;</c> styles (italic, bold, underline, inline or by referenced styles) and <c>&lt;br/&gt;</c> are kept,
/// and a region displayed before (above) the middle puts the cue at the top. Malformed XML, DTDs and a root that is
/// not <c>tt</c> are refused; a paragraph without a time is skipped and counted.
/// </summary>
public static class TtmlReader
{
    const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";

    public static SubtitleTrack Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > SubtitleTrack.MaxBytes) throw new MediaFormatException($"TTML subtitles of {bytes.Length} bytes are over the {SubtitleTrack.MaxBytes >> 20} MB limit");
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = SubtitleTrack.MaxBytes, IgnoreComments = true };
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(bytes.ToArray()), settings);
            document = XDocument.Load(reader, LoadOptions.PreserveWhitespace);
        }
        catch (XmlException e)
        {
            throw new MediaFormatException($"TTML subtitles are not well-formed XML: {e.Message}");
        }
        var root = document.Root;
        if (root is null || root.Name.LocalName != "tt") throw new MediaFormatException("TTML subtitles have no <tt> root");
        var reading = new Reading(TtmlTime.From(name => Attribute(root, name)), Styles(root), Regions(root));
        var body = Child(root, "body");
        if (body is not null) reading.Walk(body, 0, long.MaxValue, reading.Style(body, CueStyle.None), reading.RegionOf(body, CuePlacement.Bottom));
        return new SubtitleTrack(reading.Cues, reading.Skipped, root.Attribute(XName.Get("lang", XmlNamespace))?.Value is { Length: > 0 } lang ? lang : null);
    }

    sealed class Reading(TtmlTime time, Dictionary<string, XElement> styles, Dictionary<string, CuePlacement> regions)
    {
        public List<SubtitleCue> Cues { get; } = [];
        public int Skipped { get; private set; }

        /// <summary>Times nest: an element's begin and end are offsets from its parent's begin, within its parent's end.</summary>
        public void Walk(XElement element, long parentBegin, long parentEnd, CueStyle style, CuePlacement placement, int depth = 0)
        {
            CheckDepth(depth);
            if (!TryTimes(element, parentBegin, parentEnd, out long begin, out long end))
            {
                Skipped++;
                return;
            }
            foreach (var child in element.Elements())
            {
                var name = child.Name.LocalName;
                if (name == "div") Walk(child, begin, end, Style(child, style), RegionOf(child, placement), depth + 1);
                else if (name == "p") Paragraph(child, begin, end, Style(child, style), RegionOf(child, placement));
            }
        }

        void Paragraph(XElement p, long parentBegin, long parentEnd, CueStyle style, CuePlacement placement)
        {
            if (!TryTimes(p, parentBegin, parentEnd, out long begin, out long end) || end == long.MaxValue || end <= begin)
            {
                Skipped++;
                return;
            }
            var spans = new List<CueSpan>();
            Content(p, style, spans, p.Attribute(XName.Get("space", XmlNamespace))?.Value == "preserve");
            if (spans.Sum(s => (long)s.Text.Length) > SubtitleTrack.MaxCueChars)
            {
                Skipped++;
                return;
            }
            var cleaned = Tidy(spans);
            if (cleaned.Count == 0) return;
            Cues.Add(new SubtitleCue(begin, end, cleaned, placement));
            TextBlocks.CheckCount(Cues.Count, "TTML");
        }

        void Content(XElement element, CueStyle style, List<CueSpan> spans, bool preserve, int depth = 0)
        {
            CheckDepth(depth);
            foreach (var node in element.Nodes())
            {
                switch (node)
                {
                    case XText text:
                        spans.Add(new CueSpan(preserve ? text.Value.ReplaceLineEndings("\n") : Collapse(text.Value), style));
                        break;
                    case XElement { Name.LocalName: "br" }:
                        spans.Add(new CueSpan("\n", style));
                        break;
                    case XElement { Name.LocalName: "span" } span:
                        Content(span, Style(span, style), spans, preserve || span.Attribute(XName.Get("space", XmlNamespace))?.Value == "preserve", depth + 1);
                        break;
                }
            }
        }

        bool TryTimes(XElement element, long parentBegin, long parentEnd, out long begin, out long end)
        {
            begin = parentBegin;
            end = parentEnd;
            if (element.Attribute("begin")?.Value is { } b)
            {
                if (time.Parse(b) is not { } offset) return false;
                begin = parentBegin + offset;
            }
            if (element.Attribute("end")?.Value is { } e)
            {
                if (time.Parse(e) is not { } offset) return false;
                end = Math.Min(parentEnd, parentBegin + offset);
            }
            else if (element.Attribute("dur")?.Value is { } d)
            {
                if (time.Parse(d) is not { } duration) return false;
                end = Math.Min(parentEnd, begin + duration);
            }
            return true;
        }

        /// <summary>An element's style: its parent's, then its referenced styles', then its own attributes.</summary>
        public CueStyle Style(XElement element, CueStyle inherited)
        {
            var style = inherited;
            if (element.Attribute("style")?.Value is { } references)
                foreach (var id in references.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    if (styles.TryGetValue(id, out var referenced)) style = Own(referenced, Style(referenced, style, depth: 1));
            return Own(element, style);
        }

        CueStyle Style(XElement styleElement, CueStyle style, int depth)
        {
            // Styles may reference styles; a cycle or a deep chain stops here.
            if (depth > 8 || styleElement.Attribute("style")?.Value is not { } references) return style;
            foreach (var id in references.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                if (styles.TryGetValue(id, out var referenced)) style = Own(referenced, Style(referenced, style, depth + 1));
            return style;
        }

        public CuePlacement RegionOf(XElement element, CuePlacement inherited) =>
            element.Attribute("region")?.Value is { } id && regions.TryGetValue(id, out var placement) ? placement : inherited;
    }

    /// <summary>Real documents nest a few levels; a deeper one is hostile, and reading it would exhaust the stack.</summary>
    const int MaxDepth = 64;

    static void CheckDepth(int depth)
    {
        if (depth > MaxDepth) throw new MediaFormatException($"TTML subtitles nest deeper than {MaxDepth} elements");
    }

    static CueStyle Own(XElement element, CueStyle style)
    {
        if (Attribute(element, "fontStyle") is { } fontStyle) style = fontStyle is "italic" or "oblique" ? style | CueStyle.Italic : style & ~CueStyle.Italic;
        if (Attribute(element, "fontWeight") is { } weight) style = weight == "bold" ? style | CueStyle.Bold : style & ~CueStyle.Bold;
        if (Attribute(element, "textDecoration") is { } decoration)
        {
            if (decoration.Contains("noUnderline", StringComparison.Ordinal)) style &= ~CueStyle.Underline;
            else if (decoration.Contains("underline", StringComparison.Ordinal)) style |= CueStyle.Underline;
        }
        return style;
    }

    static Dictionary<string, XElement> Styles(XElement root)
    {
        var styles = new Dictionary<string, XElement>(StringComparer.Ordinal);
        foreach (var style in Child(Child(root, "head"), "styling")?.Elements() ?? [])
            if (style.Name.LocalName == "style" && Id(style) is { } id) styles[id] = style;
        return styles;
    }

    /// <summary>Regions shown above the middle of the picture: text displayed from their top, or lying in the upper half.</summary>
    static Dictionary<string, CuePlacement> Regions(XElement root)
    {
        var regions = new Dictionary<string, CuePlacement>(StringComparer.Ordinal);
        foreach (var region in Child(Child(root, "head"), "layout")?.Elements() ?? [])
        {
            if (region.Name.LocalName != "region" || Id(region) is not { } id) continue;
            var align = RegionAttribute(region, "displayAlign");
            double? top = Percent(RegionAttribute(region, "origin"), 1), height = Percent(RegionAttribute(region, "extent"), 1);
            bool upper = top is { } y && (height is { } h ? y + h <= 50 : y < 50);
            regions[id] = upper || (align == "before" && (top ?? 0) < 50) ? CuePlacement.Top : CuePlacement.Bottom;
        }
        return regions;
    }

    /// <summary>A region's style attribute, on the region or in a <c>&lt;style&gt;</c> child of it.</summary>
    static string? RegionAttribute(XElement region, string name) =>
        Attribute(region, name) ?? region.Elements().Where(e => e.Name.LocalName == "style").Select(e => Attribute(e, name)).FirstOrDefault(v => v is not null);

    /// <summary>The <paramref name="index"/>th of two lengths, when given in percent.</summary>
    static double? Percent(string? pair, int index)
    {
        var parts = pair?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts is not { Length: 2 } || !parts[index].EndsWith('%')) return null;
        return double.TryParse(parts[index][..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    /// <summary>An attribute by local name in any namespace: tts:, ttp: and their older DFXP namespaces alike.</summary>
    static string? Attribute(XElement element, string localName)
    {
        foreach (var a in element.Attributes())
            if (a.Name.LocalName == localName && a.Name.NamespaceName.Length > 0) return a.Value.Trim();
        return null;
    }

    static string? Id(XElement element) => element.Attribute(XName.Get("id", XmlNamespace))?.Value;

    static XElement? Child(XElement? parent, string localName) => parent?.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    static string Collapse(string text)
    {
        var result = new StringBuilder(text.Length);
        bool space = false;
        foreach (var c in text)
        {
            if (c is ' ' or '\t' or '\r' or '\n')
            {
                space = true;
                continue;
            }
            if (space) result.Append(' ');
            space = false;
            result.Append(c);
        }
        if (space) result.Append(' ');
        return result.ToString();
    }

    /// <summary>Drops the spaces XML indentation leaves at the ends of lines, and blank lines at either end; merges
    /// runs of one style. Linear in the text, whatever its shape.</summary>
    static List<CueSpan> Tidy(List<CueSpan> spans)
    {
        var chars = new List<(char C, CueStyle Style)>();
        foreach (var s in spans)
            foreach (var c in s.Text) chars.Add((c, s.Style));
        var kept = new List<(char C, CueStyle Style)>(chars.Count);
        for (int lineStart = 0; lineStart <= chars.Count;)
        {
            int lineEnd = lineStart;
            while (lineEnd < chars.Count && chars[lineEnd].C != '\n') lineEnd++;
            int from = lineStart, to = lineEnd;
            while (from < to && chars[from].C == ' ') from++;
            while (to > from && chars[to - 1].C == ' ') to--;
            for (int i = from; i < to; i++) kept.Add(chars[i]);
            if (lineEnd < chars.Count) kept.Add(chars[lineEnd]);
            lineStart = lineEnd + 1;
        }
        int first = 0, last = kept.Count;
        while (first < last && kept[first].C == '\n') first++;
        while (last > first && kept[last - 1].C == '\n') last--;
        var result = new List<CueSpan>();
        var run = new StringBuilder();
        for (int i = first; i < last; i++)
        {
            run.Append(kept[i].C);
            if (i + 1 == last || kept[i + 1].Style != kept[i].Style)
            {
                result.Add(new CueSpan(run.ToString(), kept[i].Style));
                run.Clear();
            }
        }
        return result;
    }
}
