using System.Globalization;
using System.Text;
using Origin.Media.Index;
using Origin.Media.Presentation;

namespace Origin.Serving.Options.Filters;

/// <summary>
/// A track selection expression in Unified Origin's syntax (<c>filter=</c> in the query or the server manifest's
/// metas): comparisons of a track's attributes with literals, joined by <c>&amp;&amp;</c>, <c>||</c> and <c>!</c>.
/// A track is offered when the expression holds for it. Parsed by <see cref="TrackFilterParser"/>.
/// </summary>
public abstract class TrackFilter
{
    public abstract bool Matches(PresentationTrack track);

    /// <summary>The expression written out fully bracketed, without spaces: equal filters however written share one
    /// view, cache key and ETag.</summary>
    public string Canonical
    {
        get
        {
            var text = new StringBuilder();
            Write(text);
            return text.ToString();
        }
    }

    internal abstract void Write(StringBuilder text);

    /// <summary>Both must hold (a platform's filter in the server manifest and a viewer's in the URL).</summary>
    public static TrackFilter Both(TrackFilter a, TrackFilter b) => new And(a, b);

    internal sealed class And(TrackFilter left, TrackFilter right) : TrackFilter
    {
        public override bool Matches(PresentationTrack track) => left.Matches(track) && right.Matches(track);
        internal override void Write(StringBuilder text) { text.Append('('); left.Write(text); text.Append("&&"); right.Write(text); text.Append(')'); }
    }

    internal sealed class Or(TrackFilter left, TrackFilter right) : TrackFilter
    {
        public override bool Matches(PresentationTrack track) => left.Matches(track) || right.Matches(track);
        internal override void Write(StringBuilder text) { text.Append('('); left.Write(text); text.Append("||"); right.Write(text); text.Append(')'); }
    }

    internal sealed class Not(TrackFilter operand) : TrackFilter
    {
        public override bool Matches(PresentationTrack track) => !operand.Matches(track);
        internal override void Write(StringBuilder text) { text.Append("!("); operand.Write(text); text.Append(')'); }
    }

    internal sealed class NumberComparison(TrackAttribute attribute, string op, double value) : TrackFilter
    {
        public override bool Matches(PresentationTrack track)
        {
            double actual = attribute.Number(track);
            return op switch
            {
                "==" => actual == value,
                "!=" => actual != value,
                "<" => actual < value,
                "<=" => actual <= value,
                ">" => actual > value,
                _ => actual >= value,
            };
        }

        internal override void Write(StringBuilder text) =>
            text.Append(attribute.Name).Append(op).Append(value.ToString("0.###############", CultureInfo.InvariantCulture));
    }

    internal sealed class TextComparison(TrackAttribute attribute, bool equal, string value) : TrackFilter
    {
        public override bool Matches(PresentationTrack track) => attribute.Is(track, value) == equal;

        internal override void Write(StringBuilder text) =>
            text.Append(attribute.Name).Append(equal ? "==" : "!=").Append('"').Append(value.Replace("\\", "\\\\").Replace("\"", "\\\"")).Append('"');
    }
}

/// <summary>A track attribute a filter may name, with Unified Origin's spelling, and how a track's value is read.</summary>
public sealed class TrackAttribute
{
    public string Name { get; }
    public bool IsNumber { get; }
    readonly Func<PresentationTrack, double>? _number;
    readonly Func<PresentationTrack, string, bool>? _is;

    TrackAttribute(string name, Func<PresentationTrack, double>? number, Func<PresentationTrack, string, bool>? @is)
    {
        Name = name;
        IsNumber = number is not null;
        _number = number;
        _is = @is;
    }

    public double Number(PresentationTrack track) => _number!(track);
    public bool Is(PresentationTrack track, string value) => _is!(track, value);

    static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    /// <summary>By name, case-insensitively (Unified documents <c>FourCC</c> and <c>MaxHeight</c> capitalised).</summary>
    public static readonly IReadOnlyDictionary<string, TrackAttribute> All = new TrackAttribute[]
    {
        // Unified calls text tracks "textstream", as the server manifest does; "text" is taken as the same.
        new("type", null, (t, v) => Same(v, t.Kind switch { TrackKind.Video => "video", TrackKind.Audio => "audio", _ => "textstream" })
            || (t.Kind == TrackKind.Text && Same(v, "text"))),
        new("systemBitrate", t => t.Bitrate, null),
        new("systemLanguage", null, (t, v) => Same(v, t.Language)),
        new("trackName", null, (t, v) => string.Equals(v, t.Name, StringComparison.Ordinal)),
        // Smooth's FourCC (H264, AACL, EC-3…) or the sample entry's (avc1, mp4a…).
        new("FourCC", null, (t, v) => Same(v, t.Index.Codec.SmoothFourCC) || Same(v, Media.Bytes.FourCC.ToString(t.Index.SampleEntry.Type).Trim())),
        new("MaxWidth", t => t.Index.Codec.Width, null),
        new("MaxHeight", t => t.Index.Codec.Height, null),
    }.ToDictionary(a => a.Name, StringComparer.OrdinalIgnoreCase);
}
