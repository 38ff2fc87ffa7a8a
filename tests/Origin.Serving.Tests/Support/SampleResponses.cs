namespace Origin.Serving.Tests.Support;

/// <summary>
/// The sample assets' URLs as players of each format ask for them, and a response reduced to what two hosts of the
/// same origin must agree on: used to check that another host (the isolated worker, the Native AOT artifact) answers
/// exactly as the in-process Kestrel app.
/// </summary>
public static class SampleResponses
{
    /// <summary>Every manifest, init and media segment URL (path and query) of the samples, read from
    /// <paramref name="reference"/>'s manifests.</summary>
    public static async Task<List<string>> UrlsAsync(HttpClient reference, string mount = "vod")
    {
        var urls = new List<string>();
        foreach (var asset in new[] { "demo.ism", "progressive.mp4" })
        {
            var root = new Uri(reference.BaseAddress!, $"{mount}/{asset}/").AbsoluteUri;
            foreach (var manifest in new[] { ".m3u8", ".m3u8?hls_fmp4=false", ".mpd", "Manifest" }) urls.Add(root + manifest);
            var tracks = (await SegmentLists.FromHlsAsync(reference, root + ".m3u8"))
                .Concat(await SegmentLists.FromHlsAsync(reference, root + ".m3u8?hls_fmp4=false"))
                .Concat(await SegmentLists.FromDashAsync(reference, root + ".mpd"))
                .Concat(await SegmentLists.FromSmoothAsync(reference, root + "Manifest", Path.GetFileNameWithoutExtension(asset)));
            foreach (var track in tracks)
            {
                if (track.Init.Length > 0) urls.Add(track.Init);
                urls.AddRange(track.Segments);
            }
        }
        return [.. urls.Distinct().Select(url => new Uri(url).PathAndQuery)];
    }

    /// <summary>Status, headers (but the date and the per-request timings) and body.</summary>
    public static async Task<(int Status, string Headers, byte[] Body)> FetchAsync(HttpClient client, HttpMethod method, string url, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (ifNoneMatch is not null) request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        if (method == HttpMethod.Options) request.Headers.TryAddWithoutValidation("Origin", "https://player.example");
        using var response = await client.SendAsync(request);
        var headers = response.Headers.Concat(response.Content.Headers)
            .Where(h => h.Key is not ("Date" or "Server-Timing"))
            .Select(h => $"{h.Key}: {string.Join(", ", h.Value)}").Order(StringComparer.Ordinal);
        return ((int)response.StatusCode, string.Join("\n", headers), await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>Asserts both hosts give the same status, headers and body; returns the status.</summary>
    public static async Task<int> AssertSameAsync(HttpClient expected, HttpClient actual, string actualName, HttpMethod method, string url, string? ifNoneMatch = null)
    {
        var (expectedStatus, expectedHeaders, expectedBody) = await FetchAsync(expected, method, url, ifNoneMatch);
        var (actualStatus, actualHeaders, actualBody) = await FetchAsync(actual, method, url, ifNoneMatch);
        Assert.True(expectedStatus == actualStatus, $"{method} {url}: {expectedStatus} from Kestrel, {actualStatus} from {actualName}");
        Assert.True(expectedHeaders == actualHeaders, $"{method} {url}: headers differ\n{expectedHeaders}\n---\n{actualHeaders}");
        Assert.True(expectedBody.AsSpan().SequenceEqual(actualBody), $"{method} {url}: bodies differ ({expectedBody.Length} and {actualBody.Length} bytes)");
        return expectedStatus;
    }
}
