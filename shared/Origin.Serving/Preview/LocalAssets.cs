using Origin.Serving.Configuration;
using Origin.Storage.File;

namespace Origin.Serving.Preview;

/// <summary>
/// The assets a <c>file:</c> mount holds, as request paths under the mount: server manifests and MP4s, a few folders
/// deep, in order, at most <c>max</c>. Other storage is not listed (a bucket listing is a cost and a disclosure the
/// origin never needs): for those the preview page asks for a path.
/// </summary>
public static class LocalAssets
{
    static readonly string[] Extensions = [".ism", ".isml", ".smil", ".mp4"];

    public static bool IsListable(Mount mount) => mount.Storage is FileStorage && !mount.IsProxied;

    public static IReadOnlyList<string> List(Mount mount, int max)
    {
        if (!IsListable(mount)) return [];
        var folder = new Uri(mount.Storage!.Description).LocalPath;
        if (!Directory.Exists(folder)) return [];
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true, MaxRecursionDepth = 3, IgnoreInaccessible = true,
            // Links are not followed: what they lead to is the storage's to allow per request, not a listing's.
            AttributesToSkip = FileAttributes.Hidden | FileAttributes.System | FileAttributes.ReparsePoint,
        };
        return [.. Directory.EnumerateFiles(folder, "*", options)
            .Where(file => Extensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
            .Select(file => Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .Take(max)];
    }
}
