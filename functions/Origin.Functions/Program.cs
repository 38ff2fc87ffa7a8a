using Origin.Functions;
using Origin.Serving;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.AddOrigin(builder.Configuration, builder.Environment.ContentRootPath);

var app = builder.Build();
app.MapOrigin();
app.Lifetime.ApplicationStarted.Register(() => SampleUrls.Print(app));
app.Run();
