using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Origin.Storage.Http;

namespace Origin.Storage.Azure;

/// <summary>
/// <c>az://container/prefix</c>. The account comes from <c>Origin:Azure:ConnectionString</c> (Azurite, or a key
/// kept in app settings), else <c>Origin:Azure:ServiceUri</c> with DefaultAzureCredential (managed identity).
/// </summary>
public sealed class AzureStorageProvider(IConfiguration configuration) : IStorageProvider
{
    readonly Lazy<BlobServiceClient> _service = new(() => CreateService(configuration));

    public bool Handles(string locator) => locator.StartsWith("az://", StringComparison.OrdinalIgnoreCase);

    public IMediaStorage Open(string locator)
    {
        var parsed = ObjectLocator.Parse(locator, "az");
        return new AzureBlobStorage(_service.Value.GetBlobContainerClient(parsed.Container), parsed);
    }

    public IObjectStore OpenObjectStore(string locator)
    {
        var parsed = ObjectLocator.Parse(locator, "az");
        return new AzureObjectStore(_service.Value.GetBlobContainerClient(parsed.Container), parsed);
    }

    static BlobServiceClient CreateService(IConfiguration configuration)
    {
        var options = new BlobClientOptions();
        // Azure.Core retries 408, 429, 5xx and resets with jittered exponential backoff; NetworkTimeout also bounds
        // each read of a body, so a stall mid-segment fails instead of hanging.
        options.Retry.Mode = global::Azure.Core.RetryMode.Exponential;
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(50);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        options.Retry.NetworkTimeout = HttpUpstreamOptions.ConfiguredTimeout(configuration["Origin:UpstreamTimeoutSeconds"]);
        if (configuration["Origin:Azure:ConnectionString"] is { Length: > 0 } connectionString)
            return new BlobServiceClient(connectionString, options);
        if (configuration["Origin:Azure:ServiceUri"] is { Length: > 0 } serviceUri && Uri.TryCreate(serviceUri, UriKind.Absolute, out var uri))
            return new BlobServiceClient(uri, new DefaultAzureCredential(), options);
        throw new ArgumentException("set Origin:Azure:ServiceUri (managed identity) or Origin:Azure:ConnectionString");
    }
}

public static class AzureStorageServiceCollectionExtensions
{
    /// <summary>Lets mounts and the index cache use <c>az://</c> locators.</summary>
    public static IServiceCollection AddOriginAzureStorage(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton<IStorageProvider>(new AzureStorageProvider(configuration));
}
