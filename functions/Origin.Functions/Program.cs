using Origin.Functions;
using Origin.Serving;
using Origin.Serving.Configuration;

var builder = WebApplication.CreateSlimBuilder(args);
try
{
    builder.Services.AddOrigin(builder.Configuration, builder.Environment.ContentRootPath);
}
catch (OriginConfigurationException e)
{
    // A bad setting is the operator's to fix: say which, without a stack trace.
    Console.Error.WriteLine($"origin: configuration error: {e.Message}");
    return 2;
}

var app = builder.Build();
app.MapOrigin();
app.Lifetime.ApplicationStarted.Register(() => SampleUrls.Print(app));
app.Run();
return 0;
