using System.Security.Cryptography;
using System.Text.Json;
using Origin.Media.Tests.Fuzz;
using Origin.Serving.Tests.Support;
using Origin.Testing;

namespace Origin.Serving.Tests.Fuzz;

/// <summary>
/// Mutated uploads served by the running origin, as a viewer would ask for them (master playlist, a media playlist,
/// init and first segment, MPD, Smooth manifest): every answer is a whole 200, or a 4xx/502 with a one-line reason;
/// never a 500, a hang or a broken connection.
/// </summary>
[Trait("Category", "Fuzz")]
[Collection(SoloCollection.Name)] // allocations are counted process-wide: nothing else may run beside it
public sealed class AssetFuzzTests : IAsyncLifetime
{
    const string Project = "Origin.Serving.Tests";
    readonly string _dir = Directory.CreateTempSubdirectory("asset-fuzz").FullName;
    OriginServer _origin = null!;

    public async Task InitializeAsync()
    {
        foreach (var file in Directory.GetFiles(RepositoryFiles.Samples)) File.Copy(file, Path.Combine(_dir, Path.GetFileName(file)));
        _origin = await OriginServer.StartAsync(new Dictionary<string, string> { ["fuzz"] = _dir });
    }

    public async Task DisposeAsync()
    {
        await _origin.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Whether the answer is a complete 200 (true) or a short problem (false); anything else fails.</summary>
    async Task<bool> GetAsync(string path)
    {
        var fetched = await CdnFetch.GetAsync(_origin.Client, path);
        Assert.False(fetched.Broke, $"{path}: the connection broke");
        if (fetched.Status == 200)
        {
            Assert.Equal(fetched.Promised, fetched.Received.Length);
            return true;
        }
        Assert.True(fetched.Status is (>= 400 and < 500) or 502, $"{path}: {fetched.Status}");
        using var problem = JsonDocument.Parse(fetched.Received);
        var reason = problem.RootElement.GetProperty("detail").GetString()!;
        Assert.True(reason.Length > 0 && !reason.Contains('\n'), $"{path}: reason \"{reason}\"");
        return false;
    }

    /// <summary>
    /// Serves one mutated file under a name of its own (its hash), so that no cache answers for an earlier case; a
    /// case the mutator repeats finds its file already there (rewriting it would be a replacement under the origin).
    /// </summary>
    async Task<bool> ServeAsync(byte[] input, string extension)
    {
        var name = Convert.ToHexStringLower(SHA256.HashData(input))[..16] + extension;
        if (!File.Exists(Path.Combine(_dir, name))) await File.WriteAllBytesAsync(Path.Combine(_dir, name), input);
        var root = $"/fuzz/{name}/";
        await GetAsync(root + ".mpd");
        await GetAsync(root + "Manifest");
        if (!await GetAsync(root + ".m3u8")) return false;
        var master = await _origin.Client.GetStringAsync(root + ".m3u8");
        var playlist = master.Split('\n').FirstOrDefault(l => l.Length > 0 && !l.StartsWith('#'));
        if (playlist is null || !await GetAsync(root + playlist.Trim())) return true;
        var lines = (await _origin.Client.GetStringAsync(root + playlist.Trim())).Split('\n');
        if (lines.FirstOrDefault(l => l.StartsWith("#EXT-X-MAP:URI=\"", StringComparison.Ordinal)) is { } map) await GetAsync(root + map[16..map.IndexOf('"', 16)]);
        if (lines.FirstOrDefault(l => l.Length > 0 && !l.StartsWith('#')) is { } segment) await GetAsync(root + segment.Trim());
        return true;
    }

    [Fact]
    public Task Mutated_media_files_get_whole_answers_or_short_reasons() =>
        Fuzzer.RunAsync(Project, "served-media", MediaFuzzTests.FileSeeds(), Math.Min(Fuzzer.Iterations(60), 3000),
            input => ServeAsync(input, ".mp4"), timeBound: TimeSpan.FromSeconds(10), processWide: true);

    [Fact]
    public Task Mutated_server_manifests_get_whole_answers_or_short_reasons() =>
        Fuzzer.RunAsync(Project, "served-manifests", [File.ReadAllBytes(RepositoryFiles.Sample("demo.ism"))], Math.Min(Fuzzer.Iterations(100), 3000),
            input => ServeAsync(input, ".ism"), timeBound: TimeSpan.FromSeconds(10), processWide: true);

    [Fact]
    public async Task Every_input_that_ever_failed_now_passes()
    {
        foreach (var input in Fuzzer.Regressions(Project, "served-media")) await ServeAsync(input, ".mp4");
        foreach (var input in Fuzzer.Regressions(Project, "served-manifests")) await ServeAsync(input, ".ism");
    }
}
