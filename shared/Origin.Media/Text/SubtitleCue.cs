namespace Origin.Media.Text;

/// <summary>
/// One subtitle cue as every format here can carry it: a time span in <see cref="SubtitleTime"/> ticks, text runs
/// with the styling the formats share (italic, bold, underline; line breaks as '\n' in the text) and whether it sits
/// at the top or the bottom of the picture. What a source has beyond that (colours, fonts, exact positions, ruby,
/// voices) is not kept.
/// </summary>
public sealed record SubtitleCue(long Start, long End, IReadOnlyList<CueSpan> Spans, CuePlacement Placement = CuePlacement.Bottom)
{
    /// <summary>The cue's text without styling, lines joined by '\n'.</summary>
    public string PlainText => string.Concat(Spans.Select(s => s.Text));

    /// <summary>Whether the cue shows at some instant of [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public bool Overlaps(long start, long end) => Start < end && End > start;
}

/// <summary>A run of cue text in one style.</summary>
public readonly record struct CueSpan(string Text, CueStyle Style = CueStyle.None);

[Flags]
public enum CueStyle : byte { None = 0, Italic = 1, Bold = 2, Underline = 4 }

public enum CuePlacement : byte { Bottom, Top }
