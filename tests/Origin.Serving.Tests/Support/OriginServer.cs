using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Origin.Media.Tests.Support;
using Origin.Testing;
using Origin.Serving;
using Origin.Storage.Azure;
using Origin.Storage.S3;

namespace Origin.Serving.Tests.Support;

/// <summary>
/// The origin app, composed as functions/Program.cs composes it, on Kestrel at a free loopback port: tests, ffmpeg
/// and the browsers talk to it over real HTTP.
/// </summary>
public sealed class OriginServer : IAsyncDisposable
{
    readonly WebApplication _app;

    OriginServer(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
        Client = new HttpClient { BaseAddress = new Uri(baseUrl) };
    }

    public string BaseUrl { get; }
    public HttpClient Client { get; }
    public string Url(string path) => BaseUrl + path;

    /// <summary>
    /// Starts an origin with the given mounts (name → folder, or a storage locator) plus any extra settings; with
    /// <paramref name="logs"/>, everything the app logs at Information and above (the origin's own lines at every
    /// level) is kept there; <paramref name="storage"/> adds a storage provider (test doubles at the storage seam).
    /// </summary>
    public static async Task<OriginServer> StartAsync(IReadOnlyDictionary<string, string>? mounts = null, IReadOnlyDictionary<string, string?>? settings = null,
        LogCapture? logs = null, Origin.Storage.IStorageProvider? storage = null)
    {
        mounts ??= new Dictionary<string, string> { ["vod"] = RepositoryFiles.Samples };
        var builder = LoopbackApp.CreateBuilder();
        if (logs is not null)
            builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Information).AddFilter("Origin", LogLevel.Trace);
        var values = new Dictionary<string, string?>();
        foreach (var (name, folder) in mounts)
        {
            values[$"Origin:Mounts:{name}:Path"] = "/" + name;
            values[$"Origin:Mounts:{name}:Storage"] = Path.IsPathRooted(folder) ? "file://" + folder : folder;
        }
        // Each server gets its own durable index cache unless the test shares one on purpose.
        values["Origin:IndexCache"] = "file://" + Directory.CreateTempSubdirectory("index-cache").FullName;
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        builder.Configuration.AddInMemoryCollection(values);
        if (storage is not null) builder.Services.AddSingleton(storage);
        builder.Services.AddOrigin(builder.Configuration, builder.Environment.ContentRootPath)
            .AddOriginAzureStorage(builder.Configuration)
            .AddOriginS3Storage(builder.Configuration);
        var app = builder.Build();
        app.MapOrigin();
        return new OriginServer(app, (await LoopbackApp.StartAsync(app)).AbsoluteUri.TrimEnd('/'));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>
/// One origin on the bundled samples, shared by the tests of a collection: <c>/vod</c>, and <c>/carry</c> over the
/// same folder, which carries every query parameter but <c>token</c> into its manifests' URLs.
/// </summary>
public sealed class SampleOriginFixture : IAsyncLifetime
{
    public OriginServer Server { get; private set; } = null!;
    public async Task InitializeAsync() => Server = await OriginServer.StartAsync(
        new Dictionary<string, string> { ["vod"] = RepositoryFiles.Samples, ["carry"] = RepositoryFiles.Samples },
        new Dictionary<string, string?> { ["Origin:Mounts:carry:CarryQuery"] = "*", ["Origin:Mounts:carry:DropQuery"] = "token" });
    public async Task DisposeAsync() => await Server.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SampleOriginCollection : ICollectionFixture<SampleOriginFixture>
{
    public const string Name = "sample origin";
}
