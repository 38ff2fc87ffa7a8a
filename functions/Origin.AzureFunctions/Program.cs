using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Origin.Serving;
using Origin.Serving.Configuration;
using Origin.Storage.Azure;

// The Functions host starts this worker and forwards each HTTP request to its ASP.NET Core server; the origin reads
// its settings from the app's settings (environment) as the Kestrel app does.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
try
{
    builder.Services.AddOrigin(builder.Configuration, builder.Environment.ContentRootPath)
        .AddOriginAzureStorage(builder.Configuration);
    // Mounts and the index cache are opened as the host starts.
    await builder.Build().RunAsync();
}
catch (OriginConfigurationException e)
{
    // A bad app setting is the operator's to fix: the host's log says which, without a stack trace.
    Console.Error.WriteLine($"origin: configuration error: {e.Message}");
    return 2;
}
return 0;
