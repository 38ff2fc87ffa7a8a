namespace Origin.Functions;

/// <summary>
/// How each host hands the app its port: the Azure Functions custom-handler host sets FUNCTIONS_CUSTOMHANDLER_PORT
/// and forwards HTTP to it; the AWS Lambda Web Adapter forwards to AWS_LWA_PORT (or PORT, default 8080) and polls
/// <see cref="HealthPath"/> until the app is ready. Elsewhere --urls / ASPNETCORE_URLS / appsettings decide.
/// </summary>
static class HostingPlatform
{
    public const string HealthPath = "/healthz";

    public static string? Port()
    {
        if (Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT") is { Length: > 0 } azure) return azure;
        if (Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_NAME") is null) return null;
        return Environment.GetEnvironmentVariable("AWS_LWA_PORT") is { Length: > 0 } adapter ? adapter
            : Environment.GetEnvironmentVariable("PORT") is { Length: > 0 } port ? port
            : "8080";
    }
}
