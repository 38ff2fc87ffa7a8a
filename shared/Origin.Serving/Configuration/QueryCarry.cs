using System.Text;
using Origin.Media.Packaging.Naming;
using Origin.Serving.Options;

namespace Origin.Serving.Configuration;

/// <summary>
/// Which of a request's query parameters a mount carries into the URLs its manifests reference (and, on a
/// ManifestProxy mount, to the CMS, so the manifest and every URL it references resolve the same server manifest).
/// ManifestProxy mounts carry every parameter by default; stored mounts none but the origin's own options
/// (<see cref="RequestOptionsReader"/>), which every mount carries, since they choose what the manifest lists.
/// <c>DropQuery</c> names parameters never carried, such as CDN tokens the CDN signs anew per URL.
/// </summary>
public sealed class QueryCarry
{
    readonly bool _all;
    readonly HashSet<string> _carry;
    readonly HashSet<string> _drop;

    QueryCarry(bool all, IEnumerable<string> carry, IEnumerable<string> drop)
    {
        _all = all;
        _carry = new HashSet<string>(carry, StringComparer.Ordinal);
        _drop = new HashSet<string>(drop, StringComparer.Ordinal);
    }

    /// <summary><paramref name="carry"/>: null for the mount's default, ["*"] for all, [] for none, else names.</summary>
    public static QueryCarry For(bool proxied, IReadOnlyList<string>? carry, IReadOnlyList<string> drop)
    {
        carry ??= proxied ? ["*"] : [];
        bool all = carry.Contains("*");
        return new QueryCarry(all, all ? [] : carry, drop);
    }

    /// <summary>
    /// The carried parameters of <paramref name="query"/> (with or without its '?'), in the order received, each
    /// byte that may not stand in a URI query percent-encoded (UTF-8) and everything else kept as it came, so
    /// applying it to its own output changes nothing: a child request canonicalises to what its manifest wrote.
    /// </summary>
    public LinkQuery Select(string? query)
    {
        if (string.IsNullOrEmpty(query)) return LinkQuery.None;
        var text = new StringBuilder(query.Length + 1);
        var parameters = query.AsSpan(query[0] == '?' ? 1 : 0);
        foreach (var range in parameters.Split('&'))
        {
            var parameter = parameters[range];
            if (parameter.IsEmpty || !Carries(parameter)) continue;
            text.Append(text.Length == 0 ? '?' : '&');
            AppendCanonical(text, parameter);
        }
        return LinkQuery.FromCanonical(text.ToString());
    }

    bool Carries(ReadOnlySpan<char> parameter)
    {
        if (_all && _drop.Count == 0) return true; // the default of proxied mounts: no name to look at
        int equals = parameter.IndexOf('=');
        var raw = equals < 0 ? parameter : parameter[..equals];
        var name = raw.Contains('%') ? Uri.UnescapeDataString(raw.ToString()) : raw.ToString();
        return (_all || _carry.Contains(name) || RequestOptionsReader.IsOption(name)) && !_drop.Contains(name);
    }

    static void AppendCanonical(StringBuilder text, ReadOnlySpan<char> parameter)
    {
        Span<byte> utf8 = stackalloc byte[4];
        for (int i = 0; i < parameter.Length; i++)
        {
            char c = parameter[i];
            bool escape = c == '%' ? !(i + 2 < parameter.Length && char.IsAsciiHexDigit(parameter[i + 1]) && char.IsAsciiHexDigit(parameter[i + 2]))
                : !LinkQuery.IsQueryCharacter(c);
            if (!escape)
            {
                text.Append(c);
                continue;
            }
            int length = char.IsHighSurrogate(c) && i + 1 < parameter.Length && char.IsLowSurrogate(parameter[i + 1])
                ? Encoding.UTF8.GetBytes(parameter.Slice(i++, 2), utf8)
                : Encoding.UTF8.GetBytes(parameter.Slice(i, 1), utf8);
            foreach (var b in utf8[..length]) text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
