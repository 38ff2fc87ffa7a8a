using Origin.Media.Bytes;

namespace Origin.Media.Text.Reading;

/// <summary>
/// WebVTT (W3C WebVTT 1.0): the signature line, then cue blocks (an optional identifier, the timing line with its
/// settings, the text); NOTE, STYLE and REGION blocks are skipped. A cue whose timing cannot be read, or ends
/// before it starts, is skipped and counted. From the settings only <c>line</c> is kept: a line in the upper half
/// puts the cue at the top.
/// </summary>
public static class WebVttReader
{
    public static SubtitleTrack Read(ReadOnlySpan<byte> bytes)
    {
        var text = TextBlocks.Decode(bytes, "WebVTT");
        if (!text.StartsWith("WEBVTT", StringComparison.Ordinal) || (text.Length > 6 && text[6] is not (' ' or '\t' or '\n')))
            throw new MediaFormatException("WebVTT subtitles do not start with WEBVTT");
        var cues = new List<SubtitleCue>();
        int skipped = 0;
        bool header = true;
        foreach (var block in TextBlocks.Split(text))
        {
            if (header)
            {
                header = false;
                // The signature's block may not hold a cue; the header ends at the first blank line.
                continue;
            }
            if (block[0].StartsWith("NOTE", StringComparison.Ordinal) || block[0] is "STYLE" or "REGION") continue;
            int timing = block[0].Contains("-->", StringComparison.Ordinal) ? 0 : 1;
            if (timing >= block.Length || !TryTiming(block[timing], out long start, out long end, out var placement) || TextBlocks.TooLong(block))
            {
                skipped++;
                continue;
            }
            if (TextBlocks.Cue(start, end, block.Skip(timing + 1), srt: false, placement) is { } cue) cues.Add(cue);
            TextBlocks.CheckCount(cues.Count, "WebVTT");
        }
        return new SubtitleTrack(cues, skipped);
    }

    static bool TryTiming(string line, out long start, out long end, out CuePlacement placement)
    {
        (start, end, placement) = (0, 0, CuePlacement.Bottom);
        int arrow = line.IndexOf("-->", StringComparison.Ordinal);
        if (arrow < 0) return false;
        var after = line.AsSpan(arrow + 3).TrimStart(" \t");
        int space = after.IndexOfAny(' ', '\t');
        var endText = space < 0 ? after : after[..space];
        if (!SubtitleTime.TryParseClock(line.AsSpan(0, arrow).Trim(" \t"), comma: false, out start)
            || !SubtitleTime.TryParseClock(endText, comma: false, out end) || end <= start) return false;
        if (space >= 0) placement = Placement(after[space..]);
        return true;
    }

    /// <summary><c>line:N</c> (a line number: 0 and up count from the top) or <c>line:N%</c> (below 50 is the top half).</summary>
    static CuePlacement Placement(ReadOnlySpan<char> settings)
    {
        foreach (var range in settings.SplitAny(" \t"))
        {
            var setting = settings[range];
            if (!setting.StartsWith("line:")) continue;
            var value = setting[5..];
            int comma = value.IndexOf(',');
            if (comma >= 0) value = value[..comma];
            bool percent = value.EndsWith("%");
            if (!double.TryParse(percent ? value[..^1] : value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var n)) continue;
            return (percent ? n < 50 : n >= 0) ? CuePlacement.Top : CuePlacement.Bottom;
        }
        return CuePlacement.Bottom;
    }
}
