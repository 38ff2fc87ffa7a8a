using System.Text;
using Origin.Media.Bytes;

namespace Origin.Media.Text.Reading;

/// <summary>
/// The line-based subtitle formats as blocks of lines: UTF-8 with or without a byte-order mark, any of the three
/// line endings, blocks separated by blank lines.
/// </summary>
static class TextBlocks
{
    static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Decode(ReadOnlySpan<byte> bytes, string format)
    {
        if (bytes.Length > SubtitleTrack.MaxBytes) throw new MediaFormatException($"{format} subtitles of {bytes.Length} bytes are over the {SubtitleTrack.MaxBytes >> 20} MB limit");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
        try
        {
            return Strict.GetString(bytes).ReplaceLineEndings("\n");
        }
        catch (DecoderFallbackException)
        {
            throw new MediaFormatException($"{format} subtitles are not UTF-8 text");
        }
    }

    /// <summary>Each run of non-blank lines. A line of only spaces counts as blank, as players read it.</summary>
    public static IEnumerable<string[]> Split(string text)
    {
        var block = new List<string>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Trim().Length == 0)
            {
                if (block.Count > 0) yield return [.. block];
                block.Clear();
            }
            else block.Add(line);
        }
        if (block.Count > 0) yield return [.. block];
    }

    /// <summary>Whether a cue's text lines are over <see cref="SubtitleTrack.MaxCueChars"/>.</summary>
    public static bool TooLong(IEnumerable<string> lines)
    {
        long chars = 0;
        foreach (var line in lines) chars += line.Length + 1;
        return chars > SubtitleTrack.MaxCueChars;
    }

    /// <summary>A cue's text lines as spans, its markup read; null when it has no text at all.</summary>
    public static SubtitleCue? Cue(long start, long end, IEnumerable<string> lines, bool srt, CuePlacement placement = CuePlacement.Bottom)
    {
        var (spans, marked) = CueTextMarkup.Parse(string.Join('\n', lines), srt);
        if (spans.Count == 0) return null;
        return new SubtitleCue(start, end, spans, marked == CuePlacement.Top ? marked : placement);
    }

    public static void CheckCount(int cues, string format)
    {
        if (cues > SubtitleTrack.MaxCues) throw new MediaFormatException($"{format} subtitles have more than {SubtitleTrack.MaxCues} cues");
    }
}
