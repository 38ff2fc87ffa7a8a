namespace Origin.Storage.File;

/// <summary>
/// Symbolic links in a media folder (a library laid out with links is common): where a path really leads, and the
/// size and age of what it leads to rather than of the link itself.
/// </summary>
static class SymbolicLinks
{
    const int MaxLinks = 40; // as Linux's own limit on links followed in one lookup (ELOOP)

    /// <summary>
    /// The absolute path with every link on the way resolved, like realpath(3), or null when links loop. A component
    /// that does not exist is kept as it is (the caller's existence check decides).
    /// </summary>
    public static string? RealPath(string fullPath)
    {
        var pending = new List<string>(Components(fullPath));
        var current = Path.GetPathRoot(fullPath) ?? "/";
        int followed = 0;
        for (int i = 0; i < pending.Count; i++)
        {
            var next = Path.Combine(current, pending[i]);
            if (new FileInfo(next).LinkTarget is not { } target)
            {
                current = next;
                continue;
            }
            if (++followed > MaxLinks) return null;
            // The target is relative to the link's folder (already real): resolve it, then walk what remains.
            var resolved = Path.GetFullPath(target, current);
            pending = [.. Components(resolved), .. pending[(i + 1)..]];
            current = Path.GetPathRoot(resolved) ?? "/";
            i = -1;
        }
        return current;
    }

    /// <summary>The file a path names, through a link if it is one; null when it does not exist (a dangling link).</summary>
    public static FileInfo? Target(string fullPath)
    {
        var file = new FileInfo(fullPath);
        if (file.LinkTarget is not null)
        {
            try { file = file.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? file; }
            catch (IOException) { return null; } // a loop
        }
        return file.Exists ? file : null;
    }

    static string[] Components(string path) =>
        path[(Path.GetPathRoot(path)?.Length ?? 0)..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
}
