using System.Net;
using Origin.Serving.Configuration;
using Origin.Storage;
using Origin.Storage.Http;

namespace Origin.Serving.Assets;

/// <summary>
/// Documents fetched from upstream web servers a mount may reach (a CMS's server manifests, CPIX key services),
/// under the mount's outbound rules: allowed hosts (redirects too), its address policy, its timeout, a size cap.
/// </summary>
static class UpstreamFetch
{
    /// <summary>
    /// GETs a document (redirects only to allowed hosts), at most <paramref name="maxBytes"/>, with its Cache-Control
    /// max-age; <paramref name="server"/> names the upstream in reasons, <paramref name="notFound"/> is the status a
    /// 404 or 410 becomes.
    /// </summary>
    public static async Task<(byte[] Bytes, int? MaxAge)> GetAsync(Mount mount, Uri url, string server, int maxBytes, int notFound)
    {
        var upstreams = mount.Upstreams ?? throw new OriginProblem(502, $"mount {mount.Options.Name} lists no AllowedHosts to reach {url.Host}");
        using var deadline = new CancellationTokenSource(upstreams.Options.RequestTimeout);
        StorageStatistics.RecordRead(0, TimeSpan.Zero);
        for (int redirects = 0; ; redirects++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            HttpResponseMessage response;
            try
            {
                response = await upstreams.For(url).Client.SendAsync(request, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new OriginProblem(504, $"{server} did not answer in time");
            }
            catch (HttpRequestException e) when (e.InnerException is UpstreamRefusedException refused)
            {
                throw new OriginProblem(403, refused.Message);
            }
            catch (HttpRequestException e)
            {
                throw new OriginProblem(502, $"{server} is unreachable: {e.HttpRequestError}");
            }
            using (response)
            {
                if ((int)response.StatusCode is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is { } location && redirects < upstreams.Options.MaxRedirects)
                {
                    url = location.IsAbsoluteUri ? location : new Uri(url, location);
                    if (!mount.AllowedHosts.Allows(url.Host)) throw new OriginProblem(403, $"redirect to host {url.Host} is not allowed");
                    continue;
                }
                if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone) throw new OriginProblem(notFound, $"{server} has no such document");
                if (response.StatusCode != HttpStatusCode.OK) throw new OriginProblem(502, $"{server} answered {(int)response.StatusCode}");
                var cache = response.Headers.CacheControl;
                int? maxAge = cache is null ? null : cache.NoStore || cache.NoCache ? 0 : (int?)cache.MaxAge?.TotalSeconds;
                var bytes = await ReadLimitedAsync(await response.Content.ReadAsStreamAsync(deadline.Token), maxBytes, server, deadline.Token);
                StorageStatistics.RecordBytes(bytes.Length);
                return (bytes, maxAge);
            }
        }
    }

    static async Task<byte[]> ReadLimitedAsync(Stream body, int maxBytes, string server, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int n;
        while ((n = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > maxBytes) throw new OriginProblem(502, $"the document from {server} is too large");
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }
}
