namespace Origin.Functions;

/// <summary>
/// How the host hands the app its port: the AWS Lambda Web Adapter forwards to AWS_LWA_PORT (or PORT, default 8080)
/// and polls <see cref="HealthPath"/> until the app is ready. Elsewhere --urls / ASPNETCORE_URLS / appsettings decide.
/// (On Azure the origin runs in functions/Origin.AzureFunctions, the isolated worker.)
/// </summary>
static class HostingPlatform
{
    public const string HealthPath = "/healthz";

    public static string? Port()
    {
        if (Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_NAME") is null) return null;
        return Environment.GetEnvironmentVariable("AWS_LWA_PORT") is { Length: > 0 } adapter ? adapter
            : Environment.GetEnvironmentVariable("PORT") is { Length: > 0 } port ? port
            : "8080";
    }
}
