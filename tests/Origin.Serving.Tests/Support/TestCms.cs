using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using Origin.Testing;

namespace Origin.Serving.Tests.Support;

/// <summary>
/// A small CMS on loopback that writes SMIL per request, like the seed's smil.php: <c>/smil/{name}.ism</c> lists
/// the demo set at <see cref="MediaBase"/>; <c>?hls=off</c> adds the hls_playout switch; <c>?src=URL</c> makes a
/// one-track manifest for any URL. Each demo source ends in <see cref="MediaQuery"/>, as signed URLs do. It counts
/// its requests and sends Cache-Control max-age=<see cref="MaxAge"/>. <c>/smil.php/{CACHE_ID}.ism?url=URL</c> is
/// the seed's own example: audio and video of one file, with systemBitrate placeholders.
/// </summary>
public sealed class TestCms : IAsyncDisposable
{
    readonly WebApplication _app;
    int _requests;
    readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _seedRequests = new(StringComparer.Ordinal);

    TestCms(WebApplication app, Uri baseUri) { _app = app; BaseUri = baseUri; }

    public Uri BaseUri { get; }
    public string MediaBase { get; set; } = "";
    /// <summary>The query every demo source carries (a signature such as "?sig=…"), or "".</summary>
    public string MediaQuery { get; set; } = "";
    public int MaxAge { get; set; } = 30;
    public int Requests => Volatile.Read(ref _requests);
    /// <summary>How often smil.php was asked for this path and query (e.g. "/smil.php/id.ism?url=…").</summary>
    public int SeedRequests(string pathAndQuery) => _seedRequests.TryGetValue(pathAndQuery, out var n) ? n : 0;
    /// <summary>Markup added to the head of every /smil/ manifest (DRM groups, metas); a test may change it at any time.</summary>
    public string Head { get; set; } = "";
    /// <summary>When set, the CMS accepts requests and never answers: a hung upstream.</summary>
    public bool Hang { get; set; }

    /// <summary>
    /// Settings for a mount at <c>/{name}</c> whose manifests come from this CMS, allowed to reach the media host on
    /// loopback (the CMS's <see cref="MediaBase"/>).
    /// </summary>
    public Dictionary<string, string?> Mount(string name) => new()
    {
        [$"Origin:Mounts:{name}:Path"] = "/" + name,
        [$"Origin:Mounts:{name}:ManifestProxy"] = BaseUri + "smil/",
        [$"Origin:Mounts:{name}:AllowedHosts"] = new Uri(MediaBase).Host,
        [$"Origin:Mounts:{name}:AllowPrivateAddresses"] = "true",
    };

    /// <summary>The seed's set-up: <c>ManifestProxy: http://cms/smil.php/</c>, media on <paramref name="mediaHost"/>.</summary>
    public Dictionary<string, string?> SeedMount(string name, string mediaHost) => new()
    {
        [$"Origin:Mounts:{name}:Path"] = "/" + name,
        [$"Origin:Mounts:{name}:ManifestProxy"] = BaseUri + "smil.php/",
        [$"Origin:Mounts:{name}:AllowedHosts"] = mediaHost,
        [$"Origin:Mounts:{name}:AllowPrivateAddresses"] = "true",
    };

    public static async Task<TestCms> StartAsync(string mediaBase)
    {
        var app = LoopbackApp.CreateBuilder().Build();
        TestCms? cms = null;
        app.MapGet("/smil/{name}.ism", async (HttpContext context, string name) =>
        {
            Interlocked.Increment(ref cms!._requests);
            if (cms.Hang) await Task.Delay(Timeout.Infinite, context.RequestAborted);
            context.Response.Headers.CacheControl = $"max-age={cms.MaxAge}";
            context.Response.ContentType = "application/smil+xml";
            var src = context.Request.Query["src"].ToString();
            var head = (context.Request.Query["hls"] == "off" ? """<meta name="hls_playout" content="false"/>""" : "") + cms.Head;
            var body = src.Length > 0
                ? $"""<video src="{src}"/><audio src="{src}"/>"""
                : $"""
                   <video src="{cms.MediaBase}demo-video-150k.ismv{cms.MediaQuery}" systemBitrate="150000"><param name="trackName" value="video"/></video>
                   <video src="{cms.MediaBase}demo-video-300k.ismv{cms.MediaQuery}" systemBitrate="300000"><param name="trackName" value="video"/></video>
                   <audio src="{cms.MediaBase}demo-audio-64k.isma{cms.MediaQuery}" systemBitrate="64000"><param name="trackName" value="audio"/></audio>
                   """;
            await context.Response.WriteAsync($"""<smil xmlns="http://www.w3.org/2001/SMIL20/Language"><head>{head}</head><body><switch>{body}</switch></body></smil>""");
        });
        app.MapGet("/smil.php/{name}.ism", async (HttpContext context) =>
        {
            cms!._seedRequests.AddOrUpdate(context.Request.Path + context.Request.QueryString, 1, (_, n) => n + 1);
            var url = context.Request.Query["url"].ToString();
            if (url.Length == 0)
            {
                context.Response.StatusCode = 404;
                return;
            }
            context.Response.Headers.CacheControl = $"max-age={cms.MaxAge}";
            context.Response.ContentType = "application/smil+xml";
            var src = System.Security.SecurityElement.Escape(url);
            await context.Response.WriteAsync($"""<smil xmlns="http://www.w3.org/2001/SMIL20/Language"><head/><body><switch><audio src="{src}" systemBitrate="1"/><video src="{src}" systemBitrate="1"/></switch></body></smil>""");
        });
        cms = new TestCms(app, await LoopbackApp.StartAsync(app)) { MediaBase = mediaBase };
        return cms;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
