using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Origin.Serving.Configuration;
using Origin.Storage.File;

namespace Origin.Functions;

/// <summary>On start-up, prints a playable URL per format for the assets at the top of each local folder mount.</summary>
static class SampleUrls
{
    const int MaxAssets = 10;

    public static void Print(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault()?.TrimEnd('/');
        if (address is null) return;
        address = address.Replace("://0.0.0.0", "://localhost").Replace("://[::]", "://localhost").Replace("://+", "://localhost");
        foreach (var mount in app.Services.GetRequiredService<MountTable>().Mounts)
        {
            if (mount.Storage is not FileStorage) continue;
            var folder = new Uri(mount.Storage.Description).LocalPath;
            var assets = Directory.EnumerateFiles(folder, "*.ism").Concat(Directory.EnumerateFiles(folder, "*.mp4")).Order().Take(MaxAssets);
            foreach (var file in assets)
            {
                var baseUrl = $"{address}{mount.Options.Path.TrimEnd('/')}/{Path.GetFileName(file)}";
                Console.WriteLine($"{Path.GetFileName(file)}:");
                Console.WriteLine($"  HLS    {baseUrl}/.m3u8");
                Console.WriteLine($"  DASH   {baseUrl}/.mpd");
                Console.WriteLine($"  Smooth {baseUrl}/Manifest");
            }
        }
    }
}
