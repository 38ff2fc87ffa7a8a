// Answers every GET with a short body on the port the platform names, like the origin's hosts do.
var builder = WebApplication.CreateSlimBuilder(args);
var port = Environment.GetEnvironmentVariable("AWS_LWA_PORT");
if (port is not null) builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
var app = builder.Build();
app.MapGet("/{**path}", () => "hello");
app.Run();
