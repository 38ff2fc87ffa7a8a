namespace Origin.Storage.Http;

/// <summary><c>http(s)://host/prefix/</c>: media on a web server, all mounts sharing the per-host connection pools.</summary>
public sealed class HttpStorageProvider(HttpUpstreams upstreams) : IStorageProvider
{
    public bool Handles(string locator) =>
        locator.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || locator.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    public IMediaStorage Open(string locator)
    {
        if (!Uri.TryCreate(locator, UriKind.Absolute, out var uri) || uri.Host.Length == 0) throw new ArgumentException($"\"{locator}\" is not a URL");
        if (uri.UserInfo.Length > 0 || uri.Query.Length > 0) throw new ArgumentException("credentials and query strings do not belong in a storage URL");
        return new HttpStorage(uri, upstreams);
    }

    public IObjectStore OpenObjectStore(string locator) => throw new ArgumentException("a web server cannot hold the index cache; use file:, az:// or s3://");
}
