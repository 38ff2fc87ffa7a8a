using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Origin.Storage.Http;

namespace Origin.Storage.S3;

/// <summary>
/// <c>s3://bucket/prefix</c>. Credentials from the default chain (the Lambda role, environment, profile);
/// <c>Origin:S3:Region</c>, and for S3-compatible stores <c>Origin:S3:ServiceUrl</c> and <c>Origin:S3:ForcePathStyle</c>.
/// </summary>
public sealed class S3StorageProvider(IConfiguration configuration) : IStorageProvider
{
    readonly Lazy<IAmazonS3> _client = new(() => CreateClient(configuration));
    /// <summary>Read once, not per <see cref="Open"/>, which runs for every s3:// source a proxied manifest names.</summary>
    readonly TimeSpan _timeout = HttpUpstreamOptions.ConfiguredTimeout(configuration["Origin:UpstreamTimeoutSeconds"]);

    public bool Handles(string locator) => locator.StartsWith("s3://", StringComparison.OrdinalIgnoreCase);

    public IMediaStorage Open(string locator) =>
        new S3Storage(_client.Value, ObjectLocator.Parse(locator, "s3"), _timeout);

    public IObjectStore OpenObjectStore(string locator) => new S3ObjectStore(_client.Value, ObjectLocator.Parse(locator, "s3"));

    static IAmazonS3 CreateClient(IConfiguration configuration)
    {
        var config = new AmazonS3Config
        {
            // The SDK retries 5xx, throttling and resets with jittered exponential backoff (standard mode).
            Timeout = HttpUpstreamOptions.ConfiguredTimeout(configuration["Origin:UpstreamTimeoutSeconds"]),
            MaxErrorRetry = 2,
            RetryMode = RequestRetryMode.Standard,
            ForcePathStyle = string.Equals(configuration["Origin:S3:ForcePathStyle"], "true", StringComparison.OrdinalIgnoreCase),
        };
        if (configuration["Origin:S3:ServiceUrl"] is { Length: > 0 } serviceUrl) config.ServiceURL = serviceUrl;
        if (configuration["Origin:S3:Region"] is { Length: > 0 } region)
        {
            if (config.ServiceURL is null) config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
            else config.AuthenticationRegion = region;
        }
        // Explicit keys are for emulators and tests; deployments use the role's credentials.
        return configuration["Origin:S3:AccessKey"] is { Length: > 0 } accessKey
            ? new AmazonS3Client(new BasicAWSCredentials(accessKey, configuration["Origin:S3:SecretKey"]), config)
            : new AmazonS3Client(config);
    }
}

public static class S3StorageServiceCollectionExtensions
{
    /// <summary>Lets mounts and the index cache use <c>s3://</c> locators.</summary>
    public static IServiceCollection AddOriginS3Storage(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton<IStorageProvider>(new S3StorageProvider(configuration));
}
