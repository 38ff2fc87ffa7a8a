namespace Origin.Media.Packaging.Naming;

/// <summary>
/// The query every URL a manifest references carries, so a player that resolves those URLs relative to the
/// manifest (which drops the manifest's own query, RFC 3986 5.2.2) still reaches the same server manifest, options
/// and keys. <see cref="Text"/> is already in canonical form ("" or "?a=1&amp;b=2", every character legal in a URI
/// query), so the manifest writes it as it is and the child request arrives with the same bytes.
/// </summary>
public readonly record struct LinkQuery
{
    LinkQuery(string text) => Text = text;

    public static LinkQuery None => default;

    /// <summary>"" or "?…", to append to a relative URL.</summary>
    public string Text { get => field ?? ""; }

    public bool IsEmpty => Text.Length == 0;

    /// <summary>
    /// In a DASH SegmentTemplate a '$' starts an identifier: a literal one is written "$$" (ISO/IEC 23009-1 5.3.9.4.4).
    /// </summary>
    public string ForTemplate => Text.Contains('$') ? Text.Replace("$", "$$", StringComparison.Ordinal) : Text;

    /// <summary>Wraps text already made canonical by the caller: "?" followed by query characters only.</summary>
    public static LinkQuery FromCanonical(string text)
    {
        if (text.Length == 0) return None;
        if (text[0] != '?') throw new ArgumentException("a link query starts with '?'", nameof(text));
        foreach (var c in text.AsSpan(1))
            if (!IsQueryCharacter(c)) throw new ArgumentException($"'{c}' is not a canonical query character", nameof(text));
        return new LinkQuery(text);
    }

    /// <summary>
    /// RFC 3986 3.4 query characters: unreserved, sub-delims, ':', '@', '/', '?', and '%' of a percent-escape. None
    /// of them ends an HLS quoted string or a line, and XML escapes '&amp;' and ''' itself; '{' and '}', which a Smooth
    /// Url template would read as a placeholder, are not among them.
    /// </summary>
    public static bool IsQueryCharacter(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
            or '-' or '.' or '_' or '~' or '!' or '$' or '&' or '\'' or '(' or ')' or '*' or '+' or ',' or ';' or '='
            or ':' or '@' or '/' or '?' or '%';
}
