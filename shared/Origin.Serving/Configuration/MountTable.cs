using Origin.Storage;
using Origin.Storage.Http;

namespace Origin.Serving.Configuration;

/// <summary>
/// A configured mount with its storage opened. Mounts that reach out (ManifestProxy's CMS, CPIX key services) also
/// get their own outbound HTTP pools, bound by the mount's address policy, and the list of hosts they may reach.
/// </summary>
public sealed record Mount(MountOptions Options, IMediaStorage? Storage)
{
    public HttpUpstreams? Upstreams { get; init; }
    public HostAllowList AllowedHosts { get; init; } = new([]);
    public bool IsProxied => Options.ManifestProxy is not null;
    /// <summary>Which request query parameters the URLs in this mount's manifests carry.</summary>
    public QueryCarry Query { get; } = QueryCarry.For(Options.ManifestProxy is not null, Options.CarryQuery, Options.DropQuery);
}

/// <summary>Finds the mount for a request path: the longest matching prefix, on a segment boundary.</summary>
public sealed class MountTable
{
    readonly Mount[] _mounts;

    public MountTable(OriginOptions options, IEnumerable<IStorageProvider> providers)
    {
        var mounts = new List<Mount>();
        foreach (var m in options.Mounts)
        {
            var storage = m.Storage is null ? null : OpenStorage(m.Storage, $"Origin:Mounts:{m.Name}:Storage", providers);
            if (m.ManifestProxy is null && m.AllowedHosts.Count == 0)
            {
                mounts.Add(new Mount(m, storage));
                continue;
            }
            var hosts = new List<string>(m.AllowedHosts);
            if (m.ManifestProxy is { } proxy && proxy is not ("http://" or "https://")) hosts.Add(new Uri(proxy).Host);
            mounts.Add(new Mount(m, storage)
            {
                Upstreams = new HttpUpstreams(options.Upstreams(new AddressPolicy(m.AllowPrivateAddresses))),
                AllowedHosts = new HostAllowList(hosts),
            });
        }
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
