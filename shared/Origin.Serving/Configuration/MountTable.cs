using Origin.Storage;

namespace Origin.Serving.Configuration;

/// <summary>A configured mount with its storage opened.</summary>
public sealed record Mount(MountOptions Options, IMediaStorage Storage);

/// <summary>Finds the mount for a request path: the longest matching prefix, on a segment boundary.</summary>
public sealed class MountTable
{
    readonly Mount[] _mounts;

    public MountTable(OriginOptions options, string baseDirectory)
    {
        var mounts = new List<Mount>();
        foreach (var m in options.Mounts)
            mounts.Add(new Mount(m, StorageLocator.Open(m.Storage, $"Origin:Mounts:{m.Name}:Storage", baseDirectory)));
        mounts.Sort((a, b) => b.Options.Path.Length.CompareTo(a.Options.Path.Length));
        _mounts = [.. mounts];
    }

    public IReadOnlyList<Mount> Mounts => _mounts;

    public (Mount Mount, string Remainder)? Resolve(string path)
    {
        foreach (var mount in _mounts)
        {
            var prefix = mount.Options.Path;
            if (prefix == "/") return (mount, path.TrimStart('/'));
            if (path.StartsWith(prefix, StringComparison.Ordinal) && path.Length > prefix.Length && path[prefix.Length] == '/')
                return (mount, path[(prefix.Length + 1)..]);
        }
        return null;
    }
}
