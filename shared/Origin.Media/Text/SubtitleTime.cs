using System.Globalization;

namespace Origin.Media.Text;

/// <summary>
/// Subtitle times are kept in 100 ns ticks (Smooth Streaming's timescale): WebVTT's and SRT's milliseconds and TTML's
/// tick rates of 10 MHz or divisors of it are exact; TTML frame times are rounded to the nearest tick.
/// </summary>
public static class SubtitleTime
{
    public const long TicksPerSecond = 10_000_000;
    public const long TicksPerMillisecond = 10_000;
    /// <summary>Later than any real programme (100 hours): a time beyond it is taken for a typo, not a cue.</summary>
    public const long Max = 100 * 3600 * TicksPerSecond;

    /// <summary>
    /// <c>[hh:]mm:ss.ttt</c> (WebVTT; hours of two or more digits, minutes and seconds of two, milliseconds of three),
    /// or with a comma before the milliseconds when <paramref name="comma"/> (SRT, whose hours are always written).
    /// </summary>
    public static bool TryParseClock(ReadOnlySpan<char> text, bool comma, out long ticks)
    {
        ticks = 0;
        int dot = text.LastIndexOfAny('.', ',');
        // SRT files written by hand use a dot now and then; WebVTT has only the dot.
        if (dot < 0 || text.Length - dot - 1 != 3 || (text[dot] == ',' && !comma)) return false;
        if (!TryDigits(text[(dot + 1)..], out long ms)) return false;
        var clock = text[..dot];
        int last = clock.LastIndexOf(':');
        if (last < 0) return false;
        if (!TwoDigits(clock[(last + 1)..], out long seconds) || seconds > 59) return false;
        clock = clock[..last];
        long hours = 0, minutes;
        int colon = clock.LastIndexOf(':');
        if (colon < 0)
        {
            if (comma || !TwoDigits(clock, out minutes)) return false;
        }
        else
        {
            if (!TwoDigits(clock[(colon + 1)..], out minutes)) return false;
            var h = clock[..colon];
            if (h.Length < (comma ? 1 : 2) || h.Length > 3 || !TryDigits(h, out hours)) return false;
        }
        if (minutes > 59) return false;
        ticks = ((hours * 60 + minutes) * 60 + seconds) * TicksPerSecond + ms * TicksPerMillisecond;
        return ticks <= Max;
    }

    /// <summary>WebVTT's form: hours always, so every player reads it the same way.</summary>
    public static string FormatClock(long ticks)
    {
        long ms = (ticks + TicksPerMillisecond / 2) / TicksPerMillisecond;
        return string.Create(CultureInfo.InvariantCulture, $"{ms / 3_600_000:00}:{ms / 60_000 % 60:00}:{ms / 1000 % 60:00}.{ms % 1000:000}");
    }

    static bool TwoDigits(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        return text.Length == 2 && TryDigits(text, out value);
    }

    static bool TryDigits(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        if (text.IsEmpty) return false;
        foreach (var c in text)
        {
            if (c is < '0' or > '9') return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }
}
