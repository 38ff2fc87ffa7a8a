using System.Globalization;
using System.Text;

namespace Origin.Media.Text.Reading;

/// <summary>
/// WebVTT cue text (and SRT's, which uses the same tags and adds <c>&lt;font&gt;</c> and ASS overrides such as
/// <c>{\an8}</c>): <c>&lt;i&gt;</c>, <c>&lt;b&gt;</c> and <c>&lt;u&gt;</c> become styles; classes, voices, language
/// spans, ruby and inline timestamps keep their text and lose their tag; character references are decoded.
/// </summary>
public static class CueTextMarkup
{
    public static (List<CueSpan> Spans, CuePlacement Placement) Parse(ReadOnlySpan<char> text, bool srt)
    {
        var spans = new List<CueSpan>();
        var placement = CuePlacement.Bottom;
        var run = new StringBuilder();
        var style = CueStyle.None;
        // How deep each style is open: <i><i>x</i>y</i> leaves y italic.
        Span<int> depth = stackalloc int[3];

        void Flush()
        {
            if (run.Length == 0) return;
            if (spans.Count > 0 && spans[^1].Style == style) spans[^1] = new CueSpan(spans[^1].Text + run, style);
            else spans.Add(new CueSpan(run.ToString(), style));
            run.Clear();
        }

        for (int i = 0; i < text.Length;)
        {
            char c = text[i];
            if (c == '<' && text[(i + 1)..].IndexOf('>') is var close and >= 0)
            {
                var tag = text.Slice(i + 1, close);
                i += close + 2;
                bool end = tag.StartsWith("/");
                var name = Name(end ? tag[1..] : tag);
                int bit = name switch { "i" => 0, "b" => 1, "u" => 2, _ => -1 };
                if (bit < 0) continue;
                Flush();
                depth[bit] = Math.Max(0, depth[bit] + (end ? -1 : 1));
                style = (depth[0] > 0 ? CueStyle.Italic : 0) | (depth[1] > 0 ? CueStyle.Bold : 0) | (depth[2] > 0 ? CueStyle.Underline : 0);
                continue;
            }
            if (c == '&' && Reference(text[i..]) is { } reference)
            {
                run.Append(reference.Text);
                i += reference.Length;
                continue;
            }
            if (srt && c == '{' && text[i..].StartsWith("{\\") && text[i..].IndexOf('}') is var brace and > 0)
            {
                // ASS overrides: \an7-9 put the line at the top; the rest (colours, fonts) are dropped.
                var tag = text.Slice(i, brace + 1);
                if (tag.Contains("\\an7", StringComparison.Ordinal) || tag.Contains("\\an8", StringComparison.Ordinal) || tag.Contains("\\an9", StringComparison.Ordinal))
                    placement = CuePlacement.Top;
                i += brace + 1;
                continue;
            }
            run.Append(c);
            i++;
        }
        Flush();
        return (spans, placement);
    }

    /// <summary>The tag's name: up to a class dot, an annotation's space or the end.</summary>
    static string Name(ReadOnlySpan<char> tag)
    {
        int end = tag.IndexOfAny('.', ' ', '\t');
        return (end < 0 ? tag : tag[..end]).ToString().ToLowerInvariant();
    }

    static (string Text, int Length)? Reference(ReadOnlySpan<char> text)
    {
        int semicolon = text.IndexOf(';');
        if (semicolon < 2 || semicolon > 10) return null;
        var name = text[1..semicolon];
        string? decoded = name switch
        {
            "amp" => "&", "lt" => "<", "gt" => ">", "quot" => "\"", "apos" => "'",
            "nbsp" => "\u00a0", "lrm" => "\u200e", "rlm" => "\u200f",
            _ => null,
        };
        if (decoded is null && name[0] == '#')
        {
            bool hex = name.Length > 1 && (name[1] is 'x' or 'X');
            if (int.TryParse(name[(hex ? 2 : 1)..], hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out int code)
                && code is > 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF))
                decoded = char.ConvertFromUtf32(code);
        }
        return decoded is null ? null : (decoded, semicolon + 1);
    }
}
