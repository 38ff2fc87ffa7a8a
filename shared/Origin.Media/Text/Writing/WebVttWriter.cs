using System.Globalization;
using System.Text;

namespace Origin.Media.Text.Writing;

/// <summary>
/// WebVTT for HLS subtitle segments (RFC 8216 3.5): the cues that show during the segment, with their own times (a
/// cue crossing a boundary is repeated in both segments, which players merge), and an <c>X-TIMESTAMP-MAP</c> tying
/// cue time 0 to the media's timestamp of presentation time 0, so cues line up with MPEG-TS and fMP4 alike.
/// </summary>
public static class WebVttWriter
{
    public static string Segment(IEnumerable<SubtitleCue> cues, long mpegTsAtZero)
    {
        var text = new StringBuilder("WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:")
            .Append(mpegTsAtZero.ToString(CultureInfo.InvariantCulture)).Append(",LOCAL:00:00:00.000\n");
        foreach (var cue in cues) AppendCue(text, cue);
        return text.ToString();
    }

    /// <summary>A whole file (the form a sidecar is served in where a player takes one file).</summary>
    public static string File(IEnumerable<SubtitleCue> cues)
    {
        var text = new StringBuilder("WEBVTT\n");
        foreach (var cue in cues) AppendCue(text, cue);
        return text.ToString();
    }

    static void AppendCue(StringBuilder text, SubtitleCue cue)
    {
        text.Append('\n').Append(SubtitleTime.FormatClock(cue.Start)).Append(" --> ").Append(SubtitleTime.FormatClock(cue.End));
        if (cue.Placement == CuePlacement.Top) text.Append(" line:0");
        text.Append('\n');
        var body = new StringBuilder();
        foreach (var span in cue.Spans)
        {
            Open(body, span.Style);
            Escape(body, span.Text);
            Close(body, span.Style);
        }
        // A blank line would end the cue: runs of line breaks become one.
        foreach (var line in body.ToString().Split('\n'))
            if (line.Trim().Length > 0) text.Append(line).Append('\n');
    }

    static void Open(StringBuilder text, CueStyle style)
    {
        if (style.HasFlag(CueStyle.Italic)) text.Append("<i>");
        if (style.HasFlag(CueStyle.Bold)) text.Append("<b>");
        if (style.HasFlag(CueStyle.Underline)) text.Append("<u>");
    }

    static void Close(StringBuilder text, CueStyle style)
    {
        if (style.HasFlag(CueStyle.Underline)) text.Append("</u>");
        if (style.HasFlag(CueStyle.Bold)) text.Append("</b>");
        if (style.HasFlag(CueStyle.Italic)) text.Append("</i>");
    }

    static void Escape(StringBuilder text, string value)
    {
        foreach (var c in value)
        {
            switch (c)
            {
                case '&': text.Append("&amp;"); break;
                case '<': text.Append("&lt;"); break;
                case '>': text.Append("&gt;"); break;
                case '\u00a0': text.Append("&nbsp;"); break;
                default: text.Append(c); break;
            }
        }
    }
}
