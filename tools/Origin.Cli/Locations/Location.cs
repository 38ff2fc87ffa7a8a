namespace Origin.Cli.Locations;

/// <summary>
/// A file the tool reads or writes, named on the command line as a local path or a storage locator
/// (<c>s3://bucket/key</c>, <c>az://container/blob</c>, <c>https://host/path</c>): the storage root it lives under and
/// its path there. Files under one root can refer to each other by relative paths; that is how an index MP4 names
/// its media and a server manifest its tracks.
/// </summary>
public sealed record Location(string Root, string Path, string Text)
{
    public static Location Parse(string text)
    {
        foreach (var scheme in new[] { "s3", "az" })
        {
            if (!text.StartsWith(scheme + "://", StringComparison.OrdinalIgnoreCase)) continue;
            var rest = text[(scheme.Length + 3)..];
            int slash = rest.IndexOf('/');
            if (slash <= 0 || slash == rest.Length - 1) throw new ArgumentException($"{text} names no object: use {scheme}://container/path");
            return new Location($"{scheme}://{rest[..slash]}", rest[(slash + 1)..], text);
        }
        if (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.AbsolutePath.Length <= 1) throw new ArgumentException($"{text} is not a file URL");
            return new Location(uri.GetLeftPart(UriPartial.Authority) + "/", Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')), text);
        }
        var full = System.IO.Path.GetFullPath(text);
        var root = System.IO.Path.GetPathRoot(full)!;
        return new Location("file://" + root, full[root.Length..].Replace('\\', '/'), text);
    }

    public string Name => Path[(Path.LastIndexOf('/') + 1)..];

    /// <summary>The file name without its extension: "x" for x.ismv.</summary>
    public string Stem => Name.Contains('.') ? Name[..Name.LastIndexOf('.')] : Name;

    /// <summary>A file in the same folder.</summary>
    public Location Sibling(string name)
    {
        var path = Path.Contains('/') ? Path[..(Path.LastIndexOf('/') + 1)] + name : name;
        return new Location(Root, path, Text.Contains('/') || Text.Contains('\\') ? Text[..(Text.LastIndexOfAny(['/', '\\']) + 1)] + name : name);
    }

    /// <summary>The path from this file's folder to <paramref name="target"/>, which must share the root.</summary>
    public string ReferenceTo(Location target) =>
        string.Equals(Root, target.Root, StringComparison.Ordinal)
            ? Storage.StoragePaths.Relative(Path, target.Path)
            : throw new ArgumentException($"{target.Text} is not in the same storage as {Text}; a relative reference cannot reach it");

    public override string ToString() => Text;
}
