using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Origin.Testing;
using Origin.Serving.Tests.Support;

namespace Origin.Serving.Tests.Preview;

/// <summary>
/// The preview page (Origin:Preview): in headless Chromium an operator's walk through it (tests/players/preview.mjs)
/// plays every sample in every format past 4 s and sees requests with storage reads in the table; its player
/// libraries are the pinned packages, loaded under the page's Subresource Integrity hashes; an asset name with markup
/// in it is shown as text; and with the option off, nothing of it is served.
/// </summary>
public sealed partial class PreviewPageTests : IAsyncLifetime
{
    const string HostileName = "<img src=x onerror=window.__pwned=1>.mp4";
    static readonly string Players = Path.Combine(RepositoryFiles.Root, "tests", "players");
    OriginServer _origin = null!;

    public async Task InitializeAsync()
    {
        var odd = Directory.CreateTempSubdirectory("odd-names").FullName;
        File.Copy(Path.Combine(RepositoryFiles.Samples, "progressive.mp4"), Path.Combine(odd, HostileName));
        _origin = await OriginServer.StartAsync(
            new Dictionary<string, string> { ["vod"] = RepositoryFiles.Samples, ["odd"] = odd },
            new Dictionary<string, string?> { ["Origin:Preview"] = "true" });
    }

    public async Task DisposeAsync() => await _origin.DisposeAsync();

    public sealed record PageCheck([property: System.Text.Json.Serialization.JsonPropertyName("check")] string Kind, string? Asset, string? Format, bool Ok, double CurrentTime, int Rows, int RowsWithStorageReads, string? Error);

    [Fact]
    public async Task Every_sample_plays_in_every_format_and_the_table_shows_storage_reads()
    {
        Assert.True(Directory.Exists(Path.Combine(Players, "node_modules")), "player packages are not installed: run .ci/setup.sh");
        var screenshot = Path.Combine(RepositoryFiles.Root, "artifacts", "test", "preview.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        File.Delete(screenshot);
        var run = await ExternalTool.RunAsync("node", ["preview.mjs", "--url", _origin.BaseUrl, "--mount", "/vod", "--assets", "demo.ism,progressive.mp4",
            "--hostile-mount", "/odd", "--hostile-asset", HostileName, "--screenshot", screenshot], TimeSpan.FromMinutes(6), Players);
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var checks = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith('{'))
            .Select(l => JsonSerializer.Deserialize<PageCheck>(l, options)!).ToList();
        Assert.True(checks.Count == 7, $"{checks.Count} checks reported (exit {run.ExitCode}): {run.Error}\n{run.Output}");
        Assert.All(checks.Where(c => c.Kind == "play"), c =>
            Assert.True(c.Ok && c.CurrentTime >= 4 && c.RowsWithStorageReads > 0, $"{c.Asset} {c.Format}: {c.Error} at {c.CurrentTime}s, {c.Rows} rows, {c.RowsWithStorageReads} with storage reads"));
        Assert.True(checks.Single(c => c.Kind == "escaping").Ok, "the asset name with markup was not shown as text: " + run.Output);
        Assert.Equal(0, run.ExitCode);
        Assert.True(new FileInfo(screenshot).Length > 20_000, "no screenshot of the page");
    }

    [Fact]
    public async Task The_page_allows_no_inline_script_and_no_other_host_than_the_cdn()
    {
        using var page = await _origin.Client.GetAsync("/");
        Assert.Equal("text/html; charset=utf-8", page.Content.Headers.ContentType!.ToString());
        var policy = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy);
        Assert.Contains("script-src 'self' https://cdn.jsdelivr.net;", policy);
        Assert.DoesNotContain("unsafe", policy);
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotMatch("<script(?![^>]*\\ssrc=)", html); // every script is a file
        Assert.DoesNotContain(" style=", html);
        using var mountPage = await _origin.Client.GetAsync("/vod/");
        Assert.Equal(html, await mountPage.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_asset_list_names_mount_paths_and_assets_but_no_storage()
    {
        var json = await _origin.Client.GetStringAsync("/_preview/assets.json");
        using var document = JsonDocument.Parse(json);
        var vod = document.RootElement.GetProperty("mounts").EnumerateArray().Single(m => m.GetProperty("path").GetString() == "/vod");
        Assert.True(vod.GetProperty("listable").GetBoolean());
        Assert.Equal(["demo.ism", "progressive.mp4"], vod.GetProperty("assets").EnumerateArray().Select(a => a.GetString()!));
        Assert.DoesNotContain("file:", json);
        Assert.DoesNotContain(RepositoryFiles.Samples, json);
        Assert.DoesNotContain("<img", json); // escaped as \u003C by the writer, read back as the name
        Assert.Contains(HostileName, document.RootElement.GetProperty("mounts").EnumerateArray()
            .Single(m => m.GetProperty("path").GetString() == "/odd").GetProperty("assets").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task The_player_libraries_are_the_pinned_versions_under_their_integrity_hashes()
    {
        var script = await _origin.Client.GetStringAsync("/_preview/preview.js");
        var pinned = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Players, "package.json"))).RootElement.GetProperty("dependencies");
        var libraries = Library().Matches(script);
        Assert.Equal(4, libraries.Count);
        foreach (Match library in libraries)
        {
            string name = library.Groups["name"].Value, version = library.Groups["version"].Value, file = library.Groups["file"].Value;
            Assert.Equal(pinned.GetProperty(name).GetString(), version);
            var bytes = await File.ReadAllBytesAsync(Path.Combine(Players, "node_modules", name, file));
            Assert.True(library.Groups["integrity"].Value == "sha384-" + Convert.ToBase64String(SHA384.HashData(bytes)),
                $"{name}/{file}: the page's integrity hash is not the pinned file's");
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/vod/")]
    [InlineData("/_preview/preview.js")]
    [InlineData("/_preview/assets.json")]
    public async Task With_the_preview_off_nothing_of_it_is_served(string path)
    {
        await using var plain = await OriginServer.StartAsync();
        using var response = await plain.Client.GetAsync(path);
        Assert.Equal(404, (int)response.StatusCode);
    }

    [GeneratedRegex(@"src: CDN \+ '(?<name>[a-z.\-]+)@(?<version>[0-9.]+)/(?<file>[^']+)', integrity: '(?<integrity>sha384-[A-Za-z0-9+/=]+)'")]
    private static partial Regex Library();
}
