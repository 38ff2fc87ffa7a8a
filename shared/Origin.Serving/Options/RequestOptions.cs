using System.Globalization;
using System.Text;
using Origin.Serving.Options.Filters;

namespace Origin.Serving.Options;

/// <summary>
/// What a request asks of the packager beyond its URL's path, from the query and the server manifest. The
/// presentation is built once per source version; each distinct <see cref="Canonical"/> form is a view of it, and
/// that form is part of every cache key and ETag the view's outputs get. Each option is one property here and one
/// entry in <see cref="RequestOptionsReader"/>.
/// </summary>
public sealed record RequestOptions
{
    public static RequestOptions None { get; } = new();

    /// <summary>Video tracks above this bit rate are left out (audio and text are kept).</summary>
    public long? MaxBitrate { get; init; }
    /// <summary>Video tracks below this bit rate are left out.</summary>
    public long? MinBitrate { get; init; }

    /// <summary>Tracks the expression does not hold for are left out (every kind).</summary>
    public TrackFilter? Filter { get; init; }

    /// <summary>HLS in fMP4 (true) or MPEG-TS (false); null leaves it to the asset and the mount.</summary>
    public bool? HlsFmp4 { get; init; }

    /// <summary>A clip's begin and end in 100 ns ticks of the asset's time (vbegin, vend).</summary>
    public long? ClipBegin { get; init; }
    public long? ClipEnd { get; init; }

    /// <summary>
    /// A clip of a fragmented source ends with the fragment holding its end (Smooth: dash.js's Smooth player stalls,
    /// in about one run of five, half way into a last fragment cut short). Set by the format, not the query.
    /// </summary>
    public bool ClipWholeFragments { get; init; }

    /// <summary>The clip these options cut, if they do.</summary>
    public Media.Presentation.ClipRange? Clip => ClipBegin is null && ClipEnd is null ? null : new(ClipBegin ?? 0, ClipEnd, ClipWholeFragments);

    public bool IsEmpty => MaxBitrate is null && MinBitrate is null && HlsFmp4 is null && Filter is null && Clip is null;

    /// <summary>"" for no option, else <c>name=value</c> pairs in name order with values normalised: equal options,
    /// however written, give one view and one ETag.</summary>
    public string Canonical
    {
        get
        {
            if (IsEmpty) return "";
            var text = new StringBuilder();
            if (Filter is { } filter) text.Append(RequestOptionsReader.Filter).Append('=').Append(filter.Canonical);
            if (HlsFmp4 is { } fmp4) text.Append(text.Length == 0 ? "" : "&").Append(RequestOptionsReader.HlsFmp4).Append('=').Append(fmp4 ? "true" : "false");
            if (MaxBitrate is { } max) Append(text, RequestOptionsReader.MaxBitrate, max);
            if (MinBitrate is { } min) Append(text, RequestOptionsReader.MinBitrate, min);
            if (ClipBegin is { } begin) Append(text, RequestOptionsReader.ClipBegin, Clips.ClipTime.Format(begin));
            if (ClipEnd is { } end) Append(text, RequestOptionsReader.ClipEnd, Clips.ClipTime.Format(end));
            if (ClipWholeFragments && Clip is not null) text.Append("&whole_fragments");
            return text.ToString();
        }
    }

    /// <summary>
    /// Both sets together, each bound the narrower of the two: a platform's cap in the server manifest holds
    /// whatever a viewer's URL asks for, and a clip of a clip is the time both hold (both in the asset's time). The
    /// container is a choice, not a bound: the URL's wins.
    /// </summary>
    public RequestOptions Narrowed(RequestOptions other) => other.IsEmpty ? this : IsEmpty ? other : new()
    {
        MaxBitrate = Narrower(MaxBitrate, other.MaxBitrate, Math.Min),
        MinBitrate = Narrower(MinBitrate, other.MinBitrate, Math.Max),
        HlsFmp4 = other.HlsFmp4 ?? HlsFmp4,
        ClipBegin = Narrower(ClipBegin, other.ClipBegin, Math.Max),
        ClipEnd = Narrower(ClipEnd, other.ClipEnd, Math.Min),
        Filter = Filter is { } mine && other.Filter is { } theirs ? TrackFilter.Both(mine, theirs) : Filter ?? other.Filter,
    };

    static long? Narrower(long? a, long? b, Func<long, long, long> pick) => a is { } x && b is { } y ? pick(x, y) : a ?? b;

    static void Append(StringBuilder text, string name, long value) => Append(text, name, value.ToString(CultureInfo.InvariantCulture));

    static void Append(StringBuilder text, string name, string value) =>
        text.Append(text.Length == 0 ? "" : "&").Append(name).Append('=').Append(value);
}
