namespace Origin.Storage;

/// <summary>Paths inside one storage root: '/'-separated, relative, never climbing out of the root.</summary>
public static class StoragePaths
{
    /// <summary>
    /// A path or URL as it may appear in an error or a log line: without query, fragment or credentials, where
    /// signatures and tokens live.
    /// </summary>
    public static string ForDisplay(string locator)
    {
        int end = locator.IndexOfAny(['?', '#']);
        if (end >= 0) locator = locator[..end];
        int scheme = locator.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0) return locator;
        int authority = scheme + 3, pathStart = locator.IndexOf('/', authority);
        int at = locator.LastIndexOf('@', pathStart < 0 ? locator.Length - 1 : pathStart);
        return at >= authority ? locator[..authority] + locator[(at + 1)..] : locator;
    }

    /// <summary>
    /// The one rule for paths inside a root, for every store and for request URLs: the segments (empty ones dropped),
    /// or null when one could climb out of the root or means something else to some store: ".", "..", a backslash,
    /// or a control character (NUL ends a path for the operating system).
    /// </summary>
    public static string[]? SafeSegments(string path)
    {
        foreach (var c in path)
            if (c == '\\' || char.IsControl(c)) return null;
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var segment in segments)
            if (segment is "." or "..") return null;
        return segments;
    }

    /// <summary>
    /// Resolves <paramref name="reference"/> against the folder of <paramref name="basePath"/> (how a server manifest
    /// names its sources and an index MP4 its media). Null when the reference is an absolute URL or leaves the root.
    /// </summary>
    public static string? Resolve(string basePath, string reference)
    {
        if (reference.Contains("://", StringComparison.Ordinal)) return null;
        var folder = basePath.Contains('/') ? basePath[..basePath.LastIndexOf('/')] : "";
        var parts = new List<string>(folder.Length == 0 ? [] : folder.Split('/'));
        foreach (var part in reference.Split('/'))
        {
            if (part is "" or ".") continue;
            if (part == "..")
            {
                if (parts.Count == 0) return null;
                parts.RemoveAt(parts.Count - 1);
            }
            else parts.Add(part);
        }
        return string.Join('/', parts);
    }

    /// <summary>
    /// The reference from the folder of <paramref name="fromPath"/> to <paramref name="toPath"/> (both relative to
    /// one root), the inverse of <see cref="Resolve"/>: "x.ismv" beside it, "../media/x.ismv" elsewhere.
    /// </summary>
    public static string Relative(string fromPath, string toPath)
    {
        var from = fromPath.Split('/', StringSplitOptions.RemoveEmptyEntries)[..^1];
        var to = toPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        int common = 0;
        while (common < from.Length && common < to.Length - 1 && from[common] == to[common]) common++;
        var parts = new List<string>();
        for (int i = common; i < from.Length; i++) parts.Add("..");
        parts.AddRange(to[common..]);
        return string.Join('/', parts);
    }
}
