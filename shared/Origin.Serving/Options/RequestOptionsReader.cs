using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Origin.Serving.Assets;
using Origin.Serving.Options.Filters;

namespace Origin.Serving.Options;

/// <summary>
/// Reads <see cref="RequestOptions"/> from a request's query (a bad value is the viewer's: 400) and from a server
/// manifest's metas (a bad value is the publisher's: 502), with one table of names for both. Parameters that name
/// no option (tokens, a CMS's own) are left alone.
/// </summary>
public static class RequestOptionsReader
{
    public const string MaxBitrate = "max_bitrate";
    public const string MinBitrate = "min_bitrate";
    public const string HlsFmp4 = "hls_fmp4";
    public const string Filter = "filter";
    public const string ClipBegin = "vbegin";
    public const string ClipEnd = "vend";

    /// <summary>A bit rate no track comes near; larger values are refused rather than overflowing arithmetic.</summary>
    const long MaxBitsPerSecond = 1_000_000_000_000;

    delegate RequestOptions Apply(RequestOptions options, string value, out string? reason);

    static readonly Dictionary<string, Apply> Table = new(StringComparer.Ordinal)
    {
        [MaxBitrate] = (RequestOptions o, string v, out string? reason) => o with { MaxBitrate = Bitrate(v, out reason) },
        [MinBitrate] = (RequestOptions o, string v, out string? reason) => o with { MinBitrate = Bitrate(v, out reason) },
        [HlsFmp4] = (RequestOptions o, string v, out string? reason) => o with { HlsFmp4 = Flag(v, out reason) },
        [Filter] = (RequestOptions o, string v, out string? reason) => o with { Filter = Expression(v, out reason) },
        [ClipBegin] = (RequestOptions o, string v, out string? reason) => o with { ClipBegin = Time(v, out reason) },
        [ClipEnd] = (RequestOptions o, string v, out string? reason) => o with { ClipEnd = Time(v, out reason) },
    };

    /// <summary>Whether a query parameter is one of the origin's options (these are always carried into links).</summary>
    public static bool IsOption(string name) => Table.ContainsKey(name);

    public static RequestOptions FromQuery(string? query)
    {
        if (string.IsNullOrEmpty(query) || query == "?") return RequestOptions.None;
        var options = RequestOptions.None;
        foreach (var (name, values) in QueryHelpers.ParseQuery(query))
        {
            if (!Table.TryGetValue(name, out var apply)) continue;
            if (values.Count != 1) throw new OriginProblem(400, $"option {name} is given {values.Count} times");
            options = apply(options, values[0] ?? "", out var reason);
            if (reason is not null) throw new OriginProblem(400, $"option {name}: {reason}");
        }
        if (EmptyClip(options) is { } empty) throw new OriginProblem(400, empty);
        return options;
    }

    public static RequestOptions FromManifest(IReadOnlyDictionary<string, string>? metas)
    {
        if (metas is null || metas.Count == 0) return RequestOptions.None;
        var options = RequestOptions.None;
        foreach (var (name, apply) in Table)
        {
            if (!metas.TryGetValue(name, out var value)) continue;
            options = apply(options, value, out var reason);
            if (reason is not null) throw new OriginProblem(502, $"server manifest meta {name}: {reason}");
        }
        if (EmptyClip(options) is { } empty) throw new OriginProblem(502, "server manifest meta: " + empty);
        return options;
    }

    static TrackFilter? Expression(string text, out string? reason)
    {
        reason = null;
        try
        {
            return TrackFilterParser.Parse(text);
        }
        catch (TrackFilterException e)
        {
            reason = e.Message;
            return null;
        }
    }

    static string? EmptyClip(RequestOptions options) =>
        options.ClipBegin is { } begin && options.ClipEnd is { } end && end <= begin ? $"option {ClipEnd} must come after {ClipBegin}" : null;

    static long? Time(string text, out string? reason) => Clips.ClipTime.TryParse(text, out var ticks, out reason) ? ticks : null;

    static bool? Flag(string text, out string? reason)
    {
        reason = text is "true" or "false" ? null : "expected true or false";
        return reason is null ? text == "true" : null;
    }

    static long? Bitrate(string text, out string? reason)
    {
        reason = null;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= MaxBitsPerSecond) return value;
        reason = "expected a bit rate in bits per second";
        return null;
    }
}
