using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Origin.Serving.Configuration;
using Origin.Serving.Preview;

namespace Origin.Functions;

/// <summary>On start-up, prints the preview page's URL (when it is on), then a playable URL per format for the first
/// assets of each local folder mount.</summary>
static class SampleUrls
{
    const int MaxAssets = 10;

    public static void Print(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault()?.TrimEnd('/');
        if (address is null) return;
        address = address.Replace("://0.0.0.0", "://localhost").Replace("://[::]", "://localhost").Replace("://+", "://localhost");
        if (app.Services.GetRequiredService<OriginOptions>().Preview) Console.WriteLine($"Preview: {address}/  (plays every asset below in the browser)");
        foreach (var mount in app.Services.GetRequiredService<MountTable>().Mounts)
        {
            foreach (var asset in LocalAssets.List(mount, MaxAssets))
            {
                var baseUrl = $"{address}{mount.Options.Path.TrimEnd('/')}/{asset}";
                Console.WriteLine($"{asset}:");
                Console.WriteLine($"  HLS    {baseUrl}/.m3u8");
                Console.WriteLine($"  DASH   {baseUrl}/.mpd");
                Console.WriteLine($"  Smooth {baseUrl}/Manifest");
            }
        }
    }
}
