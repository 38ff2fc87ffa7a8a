using Origin.Functions;
using Origin.Serving;
using Origin.Serving.Configuration;
#if AZURE_STORAGE
using Origin.Storage.Azure;
#endif
using Origin.Storage.S3;

// Settings are read once at start: a function instance never edits its files, so no watcher runs.
var builder = WebApplication.CreateSlimBuilder([.. args, "--hostBuilder:reloadConfigOnChange=false"]);
if (HostingPlatform.Port() is { } port) builder.WebHost.UseUrls($"http://127.0.0.1:{port}");

WebApplication app;
try
{
    builder.Services.AddOrigin(builder.Configuration, builder.Environment.ContentRootPath)
        .AddOriginS3Storage(builder.Configuration);
#if AZURE_STORAGE
    builder.Services.AddOriginAzureStorage(builder.Configuration);
#endif
    app = builder.Build();
    app.MapGet(HostingPlatform.HealthPath, static context => context.Response.WriteAsync("ok"));
    app.MapOrigin();
    // Mounts and the index cache are opened as the host starts.
    await app.StartAsync();
}
catch (OriginConfigurationException e)
{
    // A bad setting is the operator's to fix: say which, without a stack trace.
    Console.Error.WriteLine($"origin: configuration error: {e.Message}");
    return 2;
}

SampleUrls.Print(app);
await app.WaitForShutdownAsync();
return 0;
