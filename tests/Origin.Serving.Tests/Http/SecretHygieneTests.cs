using Origin.Serving.Tests.Support;
using Origin.Testing;

namespace Origin.Serving.Tests.Http;

/// <summary>
/// Query tokens, signed media URLs and credentials in storage locators never reach a log line or an error body:
/// viewers' tokens are theirs and the CDN's, and a logged signature is a leaked one.
/// </summary>
public sealed class SecretHygieneTests : IAsyncLifetime
{
    const string Secret = "s3cr3t";
    const string ViewerQuery = $"?token={Secret}-token&X-Amz-Signature={Secret}-signature";
    readonly LogCapture _logs = new();
    TestCms _cms = null!;
    StaticWebServer _media = null!;
    OriginServer _origin = null!;

    public async Task InitializeAsync()
    {
        _media = await StaticWebServer.StartAsync(ignoreRange: false);
        await _media.PutSamplesAsync("library/");
        _cms = await TestCms.StartAsync(_media.BaseUri + "library/");
        _origin = await OriginServer.StartAsync(new Dictionary<string, string>
        {
            ["vod"] = RepositoryFiles.Samples,
            ["web"] = _media.BaseUri + "library/",
            ["dead"] = "http://127.0.0.1:9/media/",
        }, _cms.Mount("cms"), _logs);
    }

    public async Task DisposeAsync()
    {
        await _origin.DisposeAsync();
        await _media.DisposeAsync();
        await _cms.DisposeAsync();
    }

    /// <summary>A CMS manifest whose one source is a signed URL (the signature escaped as the CMS's query parameter).</summary>
    string SignedSource(string url) => "/cms/signed.ism/.m3u8?src=" + Uri.EscapeDataString($"{url}?sig={Secret}-src");

    [Fact]
    public async Task Neither_logs_nor_error_bodies_carry_tokens_signatures_or_credentials()
    {
        string[] paths =
        [
            "/vod/demo.ism/.m3u8" + ViewerQuery,
            "/vod/demo.ism/demo-video=150000-1.m4s" + ViewerQuery,
            "/vod/missing.ism/.m3u8" + ViewerQuery,
            "/vod/demo.ism/not-a-presentation" + ViewerQuery,
            "/vod/demo.ism/demo-video=150000-999.m4s" + ViewerQuery,
            "/web/demo.ism/.mpd" + ViewerQuery,
            "/web/missing.ism/.mpd" + ViewerQuery,
            "/dead/demo.ism/.mpd" + ViewerQuery,
            "/cms/listed.ism/.m3u8" + ViewerQuery,
            SignedSource("http://forbidden.example/a.ismv"),
            SignedSource(_media.BaseUri + "library/missing.ismv"),
            SignedSource(_media.BaseUri + "library/demo-video-150k.ismv"),
        ];
        var statuses = new List<int>();
        foreach (var path in paths)
        {
            using var response = await _origin.Client.GetAsync(path);
            statuses.Add((int)response.StatusCode);
            if (response.IsSuccessStatusCode) continue;
            var body = await response.Content.ReadAsStringAsync();
            Assert.False(body.Contains(Secret, StringComparison.OrdinalIgnoreCase), $"{path} answered {body}");
            Assert.DoesNotContain(response.Headers.Concat(response.Content.Headers), h => h.Value.Any(v => v.Contains(Secret, StringComparison.Ordinal)));
        }
        // The requests did reach each kind of failure, and the log saw them.
        Assert.Contains(200, statuses);
        Assert.Contains(404, statuses);
        Assert.Contains(403, statuses);
        Assert.Contains(502, statuses);
        Assert.True(_logs.Lines.Count >= paths.Length, $"only {_logs.Lines.Count} log lines");
        Assert.DoesNotContain(_logs.Lines, line => line.Contains(Secret, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData($"http://reader:{Secret}@127.0.0.1:9/media/")]
    [InlineData($"http://127.0.0.1:9/media/?sig={Secret}")]
    public async Task A_storage_locator_with_credentials_is_refused_at_start_without_echoing_them(string locator)
    {
        var e = await Assert.ThrowsAsync<Origin.Serving.Configuration.OriginConfigurationException>(() =>
            OriginServer.StartAsync(new Dictionary<string, string> { ["media"] = locator }));
        Assert.Contains("credentials", e.Message);
        Assert.DoesNotContain(Secret, e.Message);
    }
}
