using System.Net;
using System.Text.Json;
using Origin.Serving.Tests.Support;

namespace Origin.Serving.Tests.Http;

[Collection(SampleOriginCollection.Name)]
public class HttpContractTests(SampleOriginFixture fixture)
{
    HttpClient Client => fixture.Server.Client;

    [Theory]
    [InlineData("/vod/demo.ism/.m3u8", "application/vnd.apple.mpegurl", "max-age=60")]
    [InlineData("/vod/demo.ism/.mpd", "application/dash+xml", "max-age=60")]
    [InlineData("/vod/demo.ism/Manifest", "text/xml; charset=utf-8", "max-age=60")]
    [InlineData("/vod/demo.ism/demo-audio=64000.m3u8", "application/vnd.apple.mpegurl", "max-age=60")]
    [InlineData("/vod/demo.ism/demo-video=300000.m4s", "video/mp4", "immutable")]
    [InlineData("/vod/demo.ism/demo-audio=64000-3.m4s", "audio/mp4", "immutable")]
    [InlineData("/vod/progressive.mp4/dash/progressive-video=402263-0.dash", "video/mp4", "immutable")]
    public async Task Responses_carry_type_length_etag_caching_and_cors(string path, string contentType, string cacheControl)
    {
        using var response = await Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(contentType, response.Content.Headers.ContentType!.ToString());
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.NotNull(response.Headers.ETag);
        Assert.Contains(cacheControl, response.Headers.CacheControl!.ToString());
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Matches("storage;dur=[0-9.]+;desc=\"\\d+ reads, \\d+ bytes\"", response.Headers.GetValues("Server-Timing").Single());
    }

    [Fact]
    public async Task Same_request_gives_same_bytes_and_etag()
    {
        const string path = "/vod/demo.ism/dash/demo-video=500000-40000000.dash";
        using var a = await Client.GetAsync(path);
        using var b = await Client.GetAsync(path);
        Assert.Equal(a.Headers.ETag, b.Headers.ETag);
        Assert.Equal(await a.Content.ReadAsByteArrayAsync(), await b.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/vod/demo.ism/.mpd")]
    [InlineData("/vod/demo.ism/demo-video=150000-4.m4s")]
    public async Task If_none_match_gives_304_without_a_body(string path)
    {
        using var first = await Client.GetAsync(path);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var second = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
    }

    [Theory]
    [InlineData("/vod/demo.ism/.m3u8")]
    [InlineData("/vod/demo.ism/QualityLevels(300000)/Fragments(video=60000000)")]
    public async Task Head_gives_the_headers_of_get_and_no_body(string path)
    {
        using var get = await Client.GetAsync(path);
        using var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Preflight_is_answered()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/vod/demo.ism/.mpd");
        request.Headers.Add("Origin", "https://player.example");
        request.Headers.Add("Access-Control-Request-Method", "GET");
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Theory]
    [InlineData("/vod/missing.ism/.m3u8", 404, "not found")]
    [InlineData("/vod/demo.ism/demo-video=1.m3u8", 404, "no track video=1")]
    [InlineData("/vod/demo.ism/demo-video=300000-11.m4s", 404, "no segment 11")]
    [InlineData("/vod/demo.ism/dash/demo-video=300000-123.dash", 404, "no segment at time 123")]
    [InlineData("/vod/demo.ism/QualityLevels(1)/Fragments(video=0)", 404, "no track video=1")]
    [InlineData("/vod/demo.ism/demo-video=300000-0.m4s", 400, "invalid segment number")]
    [InlineData("/vod/demo.ism/nonsense", 404, "unknown presentation path")]
    [InlineData("/elsewhere/demo.ism/.m3u8", 404, "no mount")]
    [InlineData("/vod/..%2F..%2Fetc/passwd.mp4/.m3u8", 404, "not found")]
    [InlineData("/vod/%2e%2e/%2e%2e/etc/demo.ism/.m3u8", 404, "no mount")] // dot segments are resolved before routing
    [InlineData("/vod/demo-video-150k.ismv.mp4/.m3u8", 404, "not found")]
    public async Task Bad_requests_get_a_short_problem_not_a_500(string path, int status, string reason)
    {
        using var response = await Client.GetAsync(path);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var detail = problem.RootElement.GetProperty("detail").GetString()!;
        Assert.Contains(reason, detail);
        Assert.DoesNotContain("\n", detail);
        Assert.DoesNotMatch(@"at \S+\.\S+\(", detail); // no stack frames
    }

    [Theory]
    [InlineData(4_000, 414)]  // past the origin's own path limit
    [InlineData(20_000, 414)] // past the server's request-line limit
    public async Task Oversize_urls_are_refused(int length, int status)
    {
        using var response = await Client.GetAsync("/vod/" + new string('a', length) + ".ism/.m3u8");
        Assert.Equal(status, (int)response.StatusCode);
    }

    [Fact]
    public async Task Oversize_headers_are_refused_and_the_server_keeps_serving()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/vod/demo.ism/.m3u8");
        request.Headers.TryAddWithoutValidation("X-Padding", new string('a', 64 * 1024));
        using var response = await Client.SendAsync(request);
        Assert.Equal(431, (int)response.StatusCode);
        using var next = await Client.GetAsync("/vod/demo.ism/.m3u8");
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task Only_get_head_and_options_are_served()
    {
        using var response = await Client.PostAsync("/vod/demo.ism/.m3u8", new StringContent(""));
        Assert.True((int)response.StatusCode is 405);
    }
}
