using Origin.Functions;
using Origin.Serving;
using Origin.Serving.Configuration;
using Origin.Storage.Azure;
using Origin.Storage.S3;

var builder = WebApplication.CreateSlimBuilder(args);
WebApplication app;
try
{
    builder.Services.AddOrigin(builder.Configuration, builder.Environment.ContentRootPath)
        .AddOriginAzureStorage(builder.Configuration)
        .AddOriginS3Storage(builder.Configuration);
    app = builder.Build();
    app.MapOrigin();
}
catch (OriginConfigurationException e)
{
    // A bad setting is the operator's to fix: say which, without a stack trace.
    Console.Error.WriteLine($"origin: configuration error: {e.Message}");
    return 2;
}

app.Lifetime.ApplicationStarted.Register(() => SampleUrls.Print(app));
app.Run();
return 0;
