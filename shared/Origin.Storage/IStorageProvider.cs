namespace Origin.Storage;

/// <summary>
/// Opens the storage a configuration locator names (<c>file:</c>, <c>https://</c>, <c>az://</c>, <c>s3://</c>).
/// Cloud adapters live in their own assemblies and register a provider, so the core has no cloud dependency.
/// </summary>
public interface IStorageProvider
{
    bool Handles(string locator);

    /// <summary>Opens the storage, or throws <see cref="ArgumentException"/> saying what is wrong with the locator.</summary>
    IMediaStorage Open(string locator);

    /// <summary>Opens the location as a writable object store (for the index cache), or throws <see cref="ArgumentException"/>.</summary>
    IObjectStore OpenObjectStore(string locator);
}
