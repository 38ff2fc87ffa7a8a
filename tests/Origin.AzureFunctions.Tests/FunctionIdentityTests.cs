using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Origin.Serving;
using Origin.Serving.Tests.Support;
using Origin.Storage.Azure;
using Origin.Testing;

namespace Origin.AzureFunctions.Tests;

/// <summary>
/// The function, invoked as the ASP.NET Core integration invokes it (the worker's own HttpContext handed to the
/// method, its result executed after), answers exactly as the Kestrel app: every manifest and segment of the
/// samples, conditional requests and errors, byte for byte and header for header.
/// </summary>
public sealed class FunctionIdentityTests : IAsyncLifetime
{
    WebApplication _kestrel = null!, _function = null!;
    HttpClient _kestrelClient = null!, _functionClient = null!;

    static WebApplicationBuilder Builder()
    {
        var builder = LoopbackApp.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Origin:Mounts:vod:Path"] = "/vod",
            ["Origin:Mounts:vod:Storage"] = "file://" + RepositoryFiles.Samples,
            ["Origin:IndexCache"] = "none",
        });
        builder.Services.AddOrigin(builder.Configuration, builder.Environment.ContentRootPath).AddOriginAzureStorage(builder.Configuration);
        return builder;
    }

    public async Task InitializeAsync()
    {
        _kestrel = Builder().Build();
        _kestrel.MapOrigin();
        var functionBuilder = Builder();
        functionBuilder.Services.AddSingleton<OriginFunction>();
        _function = functionBuilder.Build();
        _function.MapMethods("/{**path}", [HttpMethods.Get, HttpMethods.Head, HttpMethods.Options], async context =>
        {
            var result = await context.RequestServices.GetRequiredService<OriginFunction>().RunAsync(context.Request);
            await result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
        });
        _kestrelClient = new HttpClient { BaseAddress = await LoopbackApp.StartAsync(_kestrel) };
        _functionClient = new HttpClient { BaseAddress = await LoopbackApp.StartAsync(_function) };
    }

    public async Task DisposeAsync()
    {
        _kestrelClient.Dispose();
        _functionClient.Dispose();
        await _kestrel.DisposeAsync();
        await _function.DisposeAsync();
    }

    /// <summary>Every URL a player of each format would ask for, read from the Kestrel app's manifests.</summary>
    async Task<List<string>> SampleUrlsAsync()
    {
        var urls = new List<string>();
        foreach (var asset in new[] { "demo.ism", "progressive.mp4" })
        {
            var root = new Uri(_kestrelClient.BaseAddress!, $"vod/{asset}/").AbsoluteUri;
            foreach (var manifest in new[] { ".m3u8", ".m3u8?hls_fmp4=false", ".mpd", "Manifest" }) urls.Add(root + manifest);
            var tracks = (await SegmentLists.FromHlsAsync(_kestrelClient, root + ".m3u8"))
                .Concat(await SegmentLists.FromHlsAsync(_kestrelClient, root + ".m3u8?hls_fmp4=false"))
                .Concat(await SegmentLists.FromDashAsync(_kestrelClient, root + ".mpd"))
                .Concat(await SegmentLists.FromSmoothAsync(_kestrelClient, root + "Manifest", Path.GetFileNameWithoutExtension(asset)));
            foreach (var track in tracks)
            {
                if (track.Init.Length > 0) urls.Add(track.Init);
                urls.AddRange(track.Segments);
            }
        }
        return [.. urls.Distinct().Select(url => new Uri(url).PathAndQuery)];
    }

    [Fact]
    public async Task Every_manifest_and_segment_of_the_samples_is_the_same_bytes_and_headers()
    {
        var urls = await SampleUrlsAsync();
        Assert.True(urls.Count > 100, $"only {urls.Count} URLs");
        foreach (var url in urls) await AssertSameAsync(HttpMethod.Get, url);
    }

    [Theory]
    [InlineData("GET", "/vod/demo.ism/.mpd")]
    [InlineData("HEAD", "/vod/demo.ism/demo-video=300000-2.m4s")]
    [InlineData("OPTIONS", "/vod/demo.ism/.m3u8")]
    [InlineData("GET", "/vod/missing.ism/.m3u8")]
    [InlineData("GET", "/vod/demo.ism/demo-video=300000-999.m4s")]
    [InlineData("GET", "/elsewhere/x.ism/.mpd")]
    public async Task Other_methods_and_errors_are_answered_alike(string method, string url) =>
        await AssertSameAsync(new HttpMethod(method), url);

    [Fact]
    public async Task A_conditional_request_is_a_304_from_both()
    {
        using var first = await _kestrelClient.GetAsync("/vod/demo.ism/demo-video=300000.m3u8");
        var etag = first.Headers.ETag!.Tag;
        var kestrel = await AssertSameAsync(HttpMethod.Get, "/vod/demo.ism/demo-video=300000.m3u8", etag);
        Assert.Equal(304, kestrel);
    }

    async Task<int> AssertSameAsync(HttpMethod method, string url, string? ifNoneMatch = null)
    {
        var (kestrelStatus, kestrelHeaders, kestrelBody) = await FetchAsync(_kestrelClient, method, url, ifNoneMatch);
        var (functionStatus, functionHeaders, functionBody) = await FetchAsync(_functionClient, method, url, ifNoneMatch);
        Assert.True(kestrelStatus == functionStatus, $"{method} {url}: {kestrelStatus} from Kestrel, {functionStatus} from the function");
        Assert.True(kestrelHeaders == functionHeaders, $"{method} {url}: headers differ\n{kestrelHeaders}\n---\n{functionHeaders}");
        Assert.True(kestrelBody.AsSpan().SequenceEqual(functionBody), $"{method} {url}: bodies differ ({kestrelBody.Length} and {functionBody.Length} bytes)");
        return kestrelStatus;
    }

    /// <summary>Status, headers (but the date and the per-request timings) and body.</summary>
    static async Task<(int Status, string Headers, byte[] Body)> FetchAsync(HttpClient client, HttpMethod method, string url, string? ifNoneMatch)
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
}
