using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Origin.Serving.Configuration;
using Origin.Serving.Tests.Support;
using Origin.Testing;

namespace Origin.Serving.Tests.Http;

/// <summary>ManifestProxy (IsmProxyPass): server manifests from a CMS per request, media from web servers, and no open proxy.</summary>
public sealed class ManifestProxyTests : IAsyncLifetime
{
    TestCms _cms = null!;
    StaticWebServer _media = null!;
    OriginServer _origin = null!;

    public async Task InitializeAsync()
    {
        _media = await StaticWebServer.StartAsync(ignoreRange: false);
        await _media.PutSamplesAsync("library/");
        _cms = await TestCms.StartAsync(_media.BaseUri + "library/");
        var mediaHost = _media.BaseUri.Host;
        // The CMS writes SMIL with absolute media URLs on another server.
        _origin = await OriginServer.StartAsync(new Dictionary<string, string> { ["vod"] = RepositoryFiles.Samples }, new Dictionary<string, string?>(_cms.Mount("cms"))
        {
            // Stored .ism files on a web server, media beside them (relative src).
            ["Origin:Mounts:web:Path"] = "/web",
            ["Origin:Mounts:web:ManifestProxy"] = _media.BaseUri + "library/",
            ["Origin:Mounts:web:AllowPrivateAddresses"] = "true",
            // Re-streaming from any allowed host named in the path.
            ["Origin:Mounts:direct:Path"] = "/direct",
            ["Origin:Mounts:direct:ManifestProxy"] = "http://",
            ["Origin:Mounts:direct:AllowedHosts"] = $"{mediaHost},localhost",
            ["Origin:Mounts:direct:AllowPrivateAddresses"] = "true",
            // A "CMS" that redirects every manifest request to another host.
            ["Origin:Mounts:bounce:Path"] = "/bounce",
            ["Origin:Mounts:bounce:ManifestProxy"] = _media.BaseUri + "away/",
            ["Origin:Mounts:bounce:AllowPrivateAddresses"] = "true",
            // The same, but with the default address policy: loopback must be refused.
            ["Origin:Mounts:strict:Path"] = "/strict",
            ["Origin:Mounts:strict:ManifestProxy"] = "http://",
            ["Origin:Mounts:strict:AllowedHosts"] = $"{mediaHost},localhost",
        });
    }

    public async Task DisposeAsync()
    {
        await _origin.DisposeAsync();
        await _media.DisposeAsync();
        await _cms.DisposeAsync();
    }

    [Fact]
    public async Task A_cms_that_hangs_gets_a_504_within_the_upstream_deadline_and_is_retried_next_time()
    {
        await using var cms = await TestCms.StartAsync(_media.BaseUri + "library/");
        cms.Hang = true;
        await using var origin = await OriginServer.StartAsync(new Dictionary<string, string> { ["vod"] = RepositoryFiles.Samples },
            new Dictionary<string, string?>(cms.Mount("slow")) { ["Origin:UpstreamTimeoutSeconds"] = "1" });
        var started = System.Diagnostics.Stopwatch.StartNew();
        using (var hung = await origin.Client.GetAsync("/slow/a.ism/.m3u8"))
        {
            Assert.Equal(System.Net.HttpStatusCode.GatewayTimeout, hung.StatusCode);
            Assert.Contains("did not answer in time", await hung.Content.ReadAsStringAsync());
        }
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"the deadline took {started.Elapsed}");
        cms.Hang = false;
        Assert.Equal(System.Net.HttpStatusCode.OK, (await origin.Client.GetAsync("/slow/a.ism/.m3u8")).StatusCode);
    }

    [Fact]
    public async Task A_cms_manifest_is_fetched_once_per_ttl_and_gives_the_same_segments()
    {
        var before = _cms.Requests;
        var master = await _origin.Client.GetStringAsync("/cms/demo.ism/.m3u8");
        Assert.Contains("demo-video=300000.m3u8", master);
        Assert.DoesNotContain("demo-video=500000", master); // the CMS chose two of the three renditions
        await _origin.Client.GetStringAsync("/cms/demo.ism/.mpd");
        await _origin.Client.GetStringAsync("/cms/demo.ism/demo-video=300000.m3u8");
        for (int i = 1; i <= 4; i++)
        {
            var proxied = await _origin.Client.GetByteArrayAsync($"/cms/demo.ism/demo-video=300000-{i}.m4s");
            Assert.Equal(await _origin.Client.GetByteArrayAsync($"/vod/demo.ism/demo-video=300000-{i}.m4s"), proxied);
        }
        Assert.Equal(1, _cms.Requests - before);
    }

    [Fact]
    public async Task The_query_reaches_the_cms_and_playout_switches_apply()
    {
        using var hls = await _origin.Client.GetAsync("/cms/demo.ism/.m3u8?hls=off");
        using var dash = await _origin.Client.GetAsync("/cms/demo.ism/.mpd?hls=off");
        Assert.Equal(404, (int)hls.StatusCode);
        Assert.Contains("switched off", await hls.Content.ReadAsStringAsync());
        Assert.Equal(200, (int)dash.StatusCode);
    }

    [Fact]
    public async Task Signed_sources_are_read_with_their_signature_and_keep_their_index_when_signed_anew()
    {
        await using var media = await StaticWebServer.StartAsync(ignoreRange: false);
        await media.PutSamplesAsync();
        await using var cms = await TestCms.StartAsync(media.BaseUri.ToString());
        cms.MaxAge = 0; // every manifest request goes to the CMS, which signs the sources anew
        await using var origin = await OriginServer.StartAsync(new Dictionary<string, string> { ["vod"] = RepositoryFiles.Samples }, cms.Mount("signed"));
        const string Segment = "demo.ism/demo-video=300000-2.m4s";
        var expected = await origin.Client.GetByteArrayAsync("/vod/" + Segment);

        cms.MediaQuery = media.RequiredQuery = "?sig=first";
        Assert.Equal(expected, await origin.Client.GetByteArrayAsync("/signed/" + Segment));

        // Signed anew: the sources are opened with the new signature, and their indexes are the ones already built.
        cms.MediaQuery = media.RequiredQuery = "?sig=second";
        int before = media.Requests;
        Assert.Equal(expected, await origin.Client.GetByteArrayAsync("/signed/" + Segment));
        Assert.Equal(3 + 1, media.Requests - before); // one look at each of the 3 sources, one segment read

        // A signature the store no longer accepts is the upstream's refusal (502), and the signature is not quoted.
        media.RequiredQuery = "?sig=third";
        using var refused = await origin.Client.GetAsync("/signed/" + Segment);
        Assert.Equal(502, (int)refused.StatusCode);
        var reason = await refused.Content.ReadAsStringAsync();
        Assert.Contains("upstream answered 403", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("sig=", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Proxied_manifests_follow_the_cms_cache_control()
    {
        _cms.MaxAge = 7;
        using var response = await _origin.Client.GetAsync("/cms/other.ism/.mpd");
        Assert.Equal("public, max-age=7", response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task Stored_manifests_on_a_web_server_resolve_relative_sources()
    {
        var proxied = await _origin.Client.GetByteArrayAsync("/web/demo.ism/dash/demo-video=500000-20000000.dash");
        Assert.Equal(await _origin.Client.GetByteArrayAsync("/vod/demo.ism/dash/demo-video=500000-20000000.dash"), proxied);
    }

    [Fact]
    public async Task A_smil_on_a_web_server_is_proxied_as_an_ism_is()
    {
        var library = Path.Combine(_media.Root, "library");
        File.Copy(Path.Combine(library, "demo.ism"), Path.Combine(library, "demo.smil"), overwrite: true);
        Assert.Equal(await _origin.Client.GetStringAsync("/vod/demo.ism/.mpd"), await _origin.Client.GetStringAsync("/web/demo.smil/.mpd"));
        var proxied = await _origin.Client.GetByteArrayAsync("/web/demo.smil/dash/demo-video=500000-20000000.dash");
        Assert.Equal(await _origin.Client.GetByteArrayAsync("/vod/demo.ism/dash/demo-video=500000-20000000.dash"), proxied);
    }

    [Fact]
    public async Task A_plain_mp4_on_an_allowed_host_is_restreamed()
    {
        var host = _media.BaseUri.Authority;
        var proxied = await _origin.Client.GetByteArrayAsync($"/direct/{host}/library/progressive.mp4/progressive-video=402263-2.m4s");
        Assert.Equal(await _origin.Client.GetByteArrayAsync("/vod/progressive.mp4/progressive-video=402263-2.m4s"), proxied);
    }

    [Theory]
    [InlineData("/direct/evil.example/a.mp4/.m3u8", 403, "host evil.example is not allowed")]
    [InlineData("/direct/169.254.169.254/latest/meta-data.mp4/.m3u8", 403, "is not allowed")]
    [InlineData("/strict/2130706433/a.mp4/.m3u8", 403, "is not allowed")] // decimal 127.0.0.1: an allowed name, a refused address
    [InlineData("/direct/[::1]/a.mp4/.m3u8", 403, "is not allowed")]
    [InlineData("/strict/localhost:{port}/library/progressive.mp4/.m3u8", 403, "not allowed")] // allowed name, loopback address
    [InlineData("/cms/x.ism/.m3u8?src=http://evil.example/a.mp4", 403, "host evil.example is not allowed")]
    [InlineData("/cms/x.ism/.m3u8?src=http://169.254.169.254/a.mp4", 403, "is not allowed")]
    [InlineData("/cms/x.ism/.m3u8?src=http://[::ffff:a9fe:a9fe]/a.mp4", 403, "is not allowed")] // 169.254.169.254 as IPv4-mapped IPv6
    [InlineData("/strict/0177.0.0.1:{port}/library/progressive.mp4/.m3u8", 403, "not allowed")] // octal 127.0.0.1
    [InlineData("/strict/0x7f.0.0.1:{port}/library/progressive.mp4/.m3u8", 403, "not allowed")] // hexadecimal
    [InlineData("/strict/127.1:{port}/library/progressive.mp4/.m3u8", 403, "not allowed")] // shortened
    [InlineData("/direct/127.0.0.1:{port}/away/a.mp4/.m3u8", 403, "redirect to another host refused")] // media redirect
    [InlineData("/bounce/x.ism/.m3u8", 403, "redirect to host 192.0.2.1 is not allowed")] // CMS redirect
    public async Task Hostile_targets_are_refused_with_a_reason(string path, int status, string reason)
    {
        path = path.Replace("{port}", _media.BaseUri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var response = await _origin.Client.GetAsync(path);
        Assert.Equal(status, (int)response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(reason, problem.RootElement.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("http://cms.example/smil", "must be an http(s) URL ending in '/'")]
    [InlineData("ftp://cms.example/", "must be an http(s) URL ending in '/'")]
    [InlineData("http://", "AllowedHosts must list")]
    public void Bad_proxy_settings_stop_start_up(string proxy, string reason)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Origin:Mounts:m:Path"] = "/m",
            ["Origin:Mounts:m:ManifestProxy"] = proxy,
        }).Build();
        var e = Assert.Throws<OriginConfigurationException>(() => OriginOptions.Read(configuration));
        Assert.Contains(reason, e.Message);
    }
}
