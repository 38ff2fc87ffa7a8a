namespace Origin.Media.Text;

/// <summary>
/// A subtitle file's cues, sorted by start time, with what reading it found: the cues it had to skip (unparsable
/// times) and the language the document itself declares, if any.
/// </summary>
public sealed class SubtitleTrack
{
    /// <summary>A subtitle file longer than this is refused: a feature film's subtitles are well under 1 MB.</summary>
    public const int MaxBytes = 8 << 20;
    /// <summary>And one with more cues than this (a cue a second for over 27 hours).</summary>
    public const int MaxCues = 100_000;
    /// <summary>A cue with more text than this is skipped: no screen shows it, and markup over it costs time.</summary>
    public const int MaxCueChars = 16 << 10;

    public SubtitleTrack(IReadOnlyList<SubtitleCue> cues, int skipped = 0, string? language = null)
    {
        // OrderBy is stable: cues that start together keep the source's order, as every format shows them.
        Cues = cues.OrderBy(c => c.Start).ToArray();
        Skipped = skipped;
        Language = language;
    }

    public IReadOnlyList<SubtitleCue> Cues { get; }
    /// <summary>Cues left out because their timing could not be read; the rest are served.</summary>
    public int Skipped { get; }
    /// <summary>ISO 639 code or BCP 47 tag the document declares (TTML's xml:lang), null when it declares none.</summary>
    public string? Language { get; }

    /// <summary>Where the last cue ends, in ticks.</summary>
    public long End
    {
        get
        {
            long end = 0;
            foreach (var c in Cues) end = Math.Max(end, c.End);
            return end;
        }
    }

    /// <summary>The cues that show at some instant of [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public IEnumerable<SubtitleCue> Within(long start, long end)
    {
        foreach (var c in Cues)
        {
            if (c.Start >= end) yield break;
            if (c.Overlaps(start, end)) yield return c;
        }
    }

    /// <summary>Rough bytes held, for a memory-bounded cache.</summary>
    public long EstimatedBytes
    {
        get
        {
            long bytes = 256;
            foreach (var c in Cues)
            {
                bytes += 96;
                foreach (var s in c.Spans) bytes += 32 + s.Text.Length * 2L;
            }
            return bytes;
        }
    }
}
