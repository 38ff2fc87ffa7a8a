using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Origin.Serving.Configuration;

namespace Origin.Serving.Preview;

/// <summary>
/// The preview page's few resources: the page at <c>/</c> and at each mount's root, its script and style under
/// <c>/_preview/</c>, and the list of mounts with the assets of the listable ones. Everything else is the origin's.
/// The page is static and embedded; the player libraries come from a public CDN under Subresource Integrity, and the
/// Content-Security-Policy allows nothing beyond them, this origin, and the media elements' blob: sources.
/// </summary>
public sealed class PreviewSite
{
    const int MaxAssetsPerMount = 500;
    const string Cdn = "https://cdn.jsdelivr.net";
    // hls.js runs its transmuxer in a blob: worker; every player feeds the video element through a blob: URL (MSE).
    // dash.js adds an empty <style> element (filled through the CSSOM) when it shows subtitles: the hash of the empty
    // text allows that element and no other inline style.
    const string ContentSecurityPolicy = "default-src 'none'; script-src 'self' " + Cdn + "; style-src 'self' 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='; " +
        "connect-src 'self'; media-src 'self' blob:; worker-src blob:; img-src 'self' data:; base-uri 'none'; " +
        "form-action 'none'; frame-ancestors 'none'";

    readonly MountTable _mounts;
    readonly HashSet<string> _pagePaths;
    readonly byte[] _page = Embedded("preview.html"), _script = Embedded("preview.js"), _style = Embedded("preview.css");

    public PreviewSite(MountTable mounts)
    {
        _mounts = mounts;
        _pagePaths = ["/", .. mounts.Mounts.Select(m => m.Options.Path.TrimEnd('/') + "/")];
    }

    /// <summary>Answers the request if it is one of the page's; null when the origin should.</summary>
    public Task? TryServe(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)) return null;
        var path = request.Path.Value ?? "/";
        return path switch
        {
            "/_preview/preview.js" => WriteAsync(context, "text/javascript; charset=utf-8", _script),
            "/_preview/preview.css" => WriteAsync(context, "text/css; charset=utf-8", _style),
            "/_preview/assets.json" => WriteAsync(context, "application/json", AssetList()),
            _ when _pagePaths.Contains(path) => WriteAsync(context, "text/html; charset=utf-8", _page),
            _ => null,
        };
    }

    /// <summary><c>{"mounts":[{"path":"/vod","listable":true,"assets":["demo.ism",…]}]}</c>: mount paths (which
    /// the origin answers under anyway) and asset names, never a storage locator.</summary>
    byte[] AssetList()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("mounts");
            foreach (var mount in _mounts.Mounts.OrderBy(m => m.Options.Path, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("path", mount.Options.Path.TrimEnd('/'));
                json.WriteBoolean("listable", LocalAssets.IsListable(mount));
                json.WriteStartArray("assets");
                foreach (var asset in LocalAssets.List(mount, MaxAssetsPerMount)) json.WriteStringValue(asset);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    static Task WriteAsync(HttpContext context, string contentType, byte[] body)
    {
        var response = context.Response;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        response.Headers.CacheControl = "no-cache";
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body).AsTask();
    }

    static byte[] Embedded(string name)
    {
        using var stream = typeof(PreviewSite).Assembly.GetManifestResourceStream("preview/" + name)
            ?? throw new InvalidOperationException($"the preview page's {name} is not embedded");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

/// <summary>The origin with the preview page in front (registered when <c>Origin:Preview</c> is on): one path check
/// per request, in every host.</summary>
sealed class PreviewHandler(IOriginHandler origin, PreviewSite site) : IOriginHandler
{
    public Task HandleAsync(HttpContext context) => site.TryServe(context) ?? origin.HandleAsync(context);
}
