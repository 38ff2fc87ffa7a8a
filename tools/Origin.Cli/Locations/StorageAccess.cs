using Microsoft.Extensions.Configuration;
using Origin.Media.Bytes;
using Origin.Storage;
using Origin.Storage.Azure;
using Origin.Storage.File;
using Origin.Storage.Http;
using Origin.Storage.S3;

namespace Origin.Cli.Locations;

/// <summary>
/// Opens locations through the origin's own storage code, configured as the origin is (<c>Origin:S3:*</c>,
/// <c>Origin:Azure:*</c>, from <c>Origin__S3__Region</c>-style environment variables).
/// </summary>
public sealed class StorageAccess(IConfiguration configuration) : IDisposable
{
    readonly HttpUpstreams _upstreams = new(new HttpUpstreamOptions());
    readonly Dictionary<string, IMediaStorage> _storages = new(StringComparer.Ordinal);
    IStorageProvider[]? _providers;

    IStorageProvider[] Providers => _providers ??=
    [
        new FileStorageProvider(Directory.GetCurrentDirectory()),
        new HttpStorageProvider(_upstreams),
        new S3StorageProvider(configuration),
        new AzureStorageProvider(configuration),
    ];

    IStorageProvider ProviderFor(string root) => Array.Find(Providers, p => p.Handles(root)) ?? throw new ArgumentException($"no storage handles {root}");

    public IMediaStorage StorageOf(Location location)
    {
        if (!_storages.TryGetValue(location.Root, out var storage)) _storages[location.Root] = storage = ProviderFor(location.Root).Open(location.Root);
        return storage;
    }

    /// <summary>Opens a file to read, or fails with a one-line reason.</summary>
    public async Task<IStorageObject> OpenAsync(Location location, CancellationToken ct)
    {
        var opened = await StorageOf(location).OpenAsync(location.Path, ct);
        return opened.Status switch
        {
            StorageStatus.Ok => opened.Object!,
            StorageStatus.NotFound => throw new FileNotFoundException($"{location} not found"),
            _ => throw new StorageException(opened.Status, $"{location}: {opened.Reason}"),
        };
    }

    /// <summary>Writes a file whole: locally through a temporary name and a rename, in object stores as one upload.</summary>
    public async Task WriteAsync(Location location, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        if (location.Root.StartsWith("http", StringComparison.OrdinalIgnoreCase)) throw new ArgumentException($"cannot write to a web server: {location}");
        await ProviderFor(location.Root).OpenObjectStore(location.Root).PutAsync(location.Path, content, ct);
    }

    public void Dispose() => _upstreams.Dispose();
}
