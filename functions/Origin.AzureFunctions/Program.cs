using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Origin.Serving;
using Origin.Storage.Azure;

// The Functions host starts this worker and forwards each HTTP request to its ASP.NET Core server; the origin reads
// its settings from the app's settings (environment) as the Kestrel app does.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddOrigin(builder.Configuration, builder.Environment.ContentRootPath)
    .AddOriginAzureStorage(builder.Configuration);
await builder.Build().RunAsync();
