namespace Origin.Media.Text.Reading;

/// <summary>
/// SubRip (.srt): blocks of a counter line, a timing line <c>00:00:01,000 --> 00:00:02,500</c> (a dot for the comma
/// is accepted, display coordinates after it ignored) and the text. A block whose timing cannot be read is skipped
/// and counted; the counter is not checked, as editors renumber carelessly.
/// </summary>
public static class SrtReader
{
    public static SubtitleTrack Read(ReadOnlySpan<byte> bytes)
    {
        var text = TextBlocks.Decode(bytes, "SRT");
        var cues = new List<SubtitleCue>();
        int skipped = 0;
        foreach (var block in TextBlocks.Split(text))
        {
            int timing = block[0].Contains("-->", StringComparison.Ordinal) ? 0 : 1;
            if (timing >= block.Length || !TryTiming(block[timing], out long start, out long end) || TextBlocks.TooLong(block))
            {
                skipped++;
                continue;
            }
            if (TextBlocks.Cue(start, end, block.Skip(timing + 1), srt: true) is { } cue) cues.Add(cue);
            TextBlocks.CheckCount(cues.Count, "SRT");
        }
        return new SubtitleTrack(cues, skipped);
    }

    static bool TryTiming(string line, out long start, out long end)
    {
        (start, end) = (0, 0);
        int arrow = line.IndexOf("-->", StringComparison.Ordinal);
        if (arrow < 0) return false;
        var after = line.AsSpan(arrow + 3).Trim(" \t");
        int space = after.IndexOfAny(' ', '\t');
        return SubtitleTime.TryParseClock(line.AsSpan(0, arrow).Trim(" \t"), comma: true, out start)
            && SubtitleTime.TryParseClock(space < 0 ? after : after[..space], comma: true, out end) && end > start;
    }
}
