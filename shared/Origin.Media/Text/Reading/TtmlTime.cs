using System.Globalization;

namespace Origin.Media.Text.Reading;

/// <summary>
/// TTML time expressions (TTML2 §10.3.1): clock time <c>hh:mm:ss[.fff]</c> or <c>hh:mm:ss:ff[.sub]</c>, and offset
/// time <c>N[.n](h|m|s|ms|f|t)</c>, frames and ticks by the document's <c>ttp:frameRate</c> (with its multiplier),
/// <c>ttp:subFrameRate</c> and <c>ttp:tickRate</c>. Computed in decimal, so tick and millisecond times stay exact.
/// </summary>
public sealed record TtmlTime(decimal FrameRate, decimal SubFrameRate, decimal TickRate)
{
    public static readonly TtmlTime Default = new(30, 1, 1);

    /// <summary>The time in <see cref="SubtitleTime"/> ticks, or null when it is not a time expression.</summary>
    public long? Parse(string text)
    {
        var t = text.AsSpan().Trim();
        if (t.IsEmpty || t.Length > 40) return null;
        decimal? seconds = t.Contains(':') ? Clock(t) : Offset(t);
        if (seconds is not { } s || s < 0 || s * SubtitleTime.TicksPerSecond > SubtitleTime.Max) return null;
        return (long)Math.Round(s * SubtitleTime.TicksPerSecond, MidpointRounding.AwayFromZero);
    }

    decimal? Clock(ReadOnlySpan<char> t)
    {
        Span<Range> parts = stackalloc Range[5];
        int n = t.Split(parts, ':');
        if (n is not (3 or 4)) return null;
        if (!Whole(t[parts[0]], out var hours) || !Two(t[parts[1]], out var minutes) || minutes > 59) return null;
        var secondsText = t[parts[2]];
        decimal seconds;
        if (n == 3)
        {
            if (secondsText.Length < 2 || !decimal.TryParse(secondsText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out seconds) || seconds >= 60) return null;
            return hours * 3600 + minutes * 60 + seconds;
        }
        if (!Two(secondsText, out var whole) || whole > 59) return null;
        var frameText = t[parts[3]];
        int dot = frameText.IndexOf('.');
        if (!Whole(dot < 0 ? frameText : frameText[..dot], out var frames)) return null;
        decimal sub = 0;
        if (dot >= 0 && !Whole(frameText[(dot + 1)..], out sub)) return null;
        if (FrameRate <= 0 || frames >= Math.Ceiling(FrameRate)) return null;
        return hours * 3600 + minutes * 60 + whole + (frames + (SubFrameRate > 0 ? sub / SubFrameRate : 0)) / FrameRate;
    }

    decimal? Offset(ReadOnlySpan<char> t)
    {
        int unit = t.Length;
        while (unit > 0 && char.IsAsciiLetter(t[unit - 1])) unit--;
        if (unit == 0 || unit == t.Length) return null;
        if (!decimal.TryParse(t[..unit], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var count)) return null;
        return t[unit..] switch
        {
            "h" => count * 3600,
            "m" => count * 60,
            "s" => count,
            "ms" => count / 1000,
            "f" when FrameRate > 0 => count / FrameRate,
            "t" when TickRate > 0 => count / TickRate,
            _ => null,
        };
    }

    static bool Two(ReadOnlySpan<char> t, out decimal value)
    {
        value = 0;
        return t.Length == 2 && Whole(t, out value);
    }

    static bool Whole(ReadOnlySpan<char> t, out decimal value)
    {
        value = 0;
        if (t.IsEmpty || t.Length > 12) return false;
        foreach (var c in t)
        {
            if (!char.IsAsciiDigit(c)) return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }

    /// <summary>The document's time parameters from the root's <c>ttp:</c> attributes (TTML2 §7.2).</summary>
    public static TtmlTime From(Func<string, string?> parameter)
    {
        decimal frameRate = Positive(parameter("frameRate")) ?? 30;
        if (parameter("frameRateMultiplier") is { } multiplier)
        {
            var parts = multiplier.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && Positive(parts[0]) is { } num && Positive(parts[1]) is { } den) frameRate = frameRate * num / den;
        }
        decimal subFrameRate = Positive(parameter("subFrameRate")) ?? 1;
        // Without a tick rate, ticks are sub-frames when a frame rate is given, else seconds.
        decimal tickRate = Positive(parameter("tickRate")) ?? (parameter("frameRate") is not null ? frameRate * subFrameRate : 1);
        return new TtmlTime(frameRate, subFrameRate, tickRate);
    }

    static decimal? Positive(string? text) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value > 0 && value < 100_000_000 ? value : null;
}
