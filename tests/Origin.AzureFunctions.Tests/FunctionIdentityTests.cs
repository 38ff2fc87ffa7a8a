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

    [Fact]
    public async Task Every_manifest_and_segment_of_the_samples_is_the_same_bytes_and_headers()
    {
        var urls = await SampleResponses.UrlsAsync(_kestrelClient);
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

    Task<int> AssertSameAsync(HttpMethod method, string url, string? ifNoneMatch = null) =>
        SampleResponses.AssertSameAsync(_kestrelClient, _functionClient, "the function", method, url, ifNoneMatch);
}
