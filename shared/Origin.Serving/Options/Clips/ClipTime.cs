using System.Globalization;
using Origin.Media.Presentation;

namespace Origin.Serving.Options.Clips;

/// <summary>
/// The times <c>vbegin</c> and <c>vend</c> take, to 100 ns: seconds (<c>90</c>, <c>90.25</c>), a clock
/// (<c>01:30</c>, <c>00:01:30.250</c>) or an ISO 8601 duration (<c>PT1M30.25S</c>, <c>P1DT2H</c>; no years or months,
/// whose length is not fixed). Anything else, a negative time or one past a year, is refused with the reason.
/// </summary>
public static class ClipTime
{
    const long MaxSeconds = 366L * 24 * 3600;
    const int MaxFractionDigits = 9;

    public static bool TryParse(string text, out long ticks, out string? reason)
    {
        ticks = 0;
        reason = null;
        decimal? seconds = text.StartsWith('P') ? Iso8601(text) : text.Contains(':') ? Clock(text) : Number(text);
        if (seconds is not { } value) reason = "expected seconds, hh:mm:ss[.fff] or an ISO 8601 duration such as PT1M30S";
        else if (value > MaxSeconds) reason = "a time past a year";
        else ticks = (long)Math.Round(value * ClipRange.TicksPerSecond, MidpointRounding.AwayFromZero);
        return reason is null;
    }

    /// <summary>The canonical form: seconds, to the tick, without trailing zeros.</summary>
    public static string Format(long ticks) =>
        (ticks / (decimal)ClipRange.TicksPerSecond).ToString("0.#######", CultureInfo.InvariantCulture);

    /// <summary>Digits with an optional fraction; no sign, exponent or spaces.</summary>
    static decimal? Number(ReadOnlySpan<char> text)
    {
        int dot = text.IndexOf('.');
        var whole = dot < 0 ? text : text[..dot];
        var fraction = dot < 0 ? [] : text[(dot + 1)..];
        if (whole.Length is 0 or > 12 || !AllDigits(whole) || (dot >= 0 && (fraction.Length is 0 or > MaxFractionDigits || !AllDigits(fraction))))
            return null;
        return decimal.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
    }

    /// <summary>[hh:]mm:ss[.fff], minutes and seconds below 60.</summary>
    static decimal? Clock(string text)
    {
        var parts = text.Split(':');
        if (parts.Length is < 2 or > 3) return null;
        decimal total = 0;
        for (int i = 0; i < parts.Length; i++)
        {
            bool last = i == parts.Length - 1;
            if (!last && (parts[i].Length == 0 || !AllDigits(parts[i]) || parts[i].Length > 7)) return null;
            if (i > 0 && parts[i].Split('.')[0].Length != 2) return null;
            if (Number(parts[i]) is not { } value || (i > 0 && value >= 60)) return null;
            total = total * 60 + value;
        }
        return total;
    }

    /// <summary>PnDTnHnMnS: each number digits (a fraction on the last only), the units in that order.</summary>
    static decimal? Iso8601(string text)
    {
        const string units = "DHMS";
        decimal[] factors = [86400, 3600, 60, 1];
        decimal total = 0;
        int unit = 0, i = 1;
        bool inTime = false, any = false;
        while (i < text.Length)
        {
            if (text[i] == 'T')
            {
                if (inTime || i == text.Length - 1) return null;
                (inTime, unit, i) = (true, 1, i + 1);
                continue;
            }
            int start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.')) i++;
            if (i == start || i == text.Length || Number(text.AsSpan(start, i - start)) is not { } value) return null;
            int found = units.IndexOf(text[i], unit);
            if (found < 0 || (found == 0) == inTime || (found < 3 && value != decimal.Truncate(value))) return null;
            total += value * factors[found];
            (unit, i, any) = (found + 1, i + 1, true);
        }
        return any ? total : null;
    }

    static bool AllDigits(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
            if (!char.IsAsciiDigit(c)) return false;
        return true;
    }
}
