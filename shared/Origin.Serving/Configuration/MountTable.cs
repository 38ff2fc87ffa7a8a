using Origin.Storage;

namespace Origin.Serving.Configuration;

/// <summary>A configured mount with its storage opened.</summary>
public sealed record Mount(MountOptions Options, IMediaStorage Storage);

/// <summary>Finds the mount for a request path: the longest matching prefix, on a segment boundary.</summary>
public sealed class MountTable
{
    readonly Mount[] _mounts;

    public MountTable(OriginOptions options, IEnumerable<IStorageProvider> providers)
    {
        var mounts = new List<Mount>();
        foreach (var m in options.Mounts)
            mounts.Add(new Mount(m, OpenStorage(m.Storage, $"Origin:Mounts:{m.Name}:Storage", providers)));
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

    public static IMediaStorage OpenStorage(string locator, string key, IEnumerable<IStorageProvider> providers) =>
        Open(locator, key, providers, p => p.Open(locator));

    public static IObjectStore OpenObjectStore(string locator, string key, IEnumerable<IStorageProvider> providers) =>
        Open(locator, key, providers, p => p.OpenObjectStore(locator));

    static T Open<T>(string locator, string key, IEnumerable<IStorageProvider> providers, Func<IStorageProvider, T> open)
    {
        foreach (var provider in providers)
        {
            if (!provider.Handles(locator)) continue;
            try
            {
                return open(provider);
            }
            catch (ArgumentException e)
            {
                throw new OriginConfigurationException($"{key}: {e.Message}");
            }
        }
        throw new OriginConfigurationException($"{key}: no storage handles \"{locator}\" (file:, http(s)://, az://, s3://)");
    }
}
