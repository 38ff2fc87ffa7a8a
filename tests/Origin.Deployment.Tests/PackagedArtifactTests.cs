using System.Diagnostics;
using System.IO.Compression;
using Origin.Testing;

namespace Origin.Deployment.Tests;

/// <summary>
/// Builds both artifacts with deploy/package.sh, checks the layouts the platforms require, and starts the Lambda app
/// the way its platform does (Web Adapter bootstrap and port) to serve a segment. The Functions host cannot run
/// here: the worker is served in-process by Origin.AzureFunctions.Tests.
/// </summary>
public sealed class PackagedArtifactTests : IAsyncLifetime
{
    static readonly string Root = RepositoryFiles.Root;

    public async Task InitializeAsync()
    {
        var package = await ExternalTool.RunAsync("bash", ["deploy/package.sh", "all"], TimeSpan.FromMinutes(8), Root);
        Assert.True(package.ExitCode == 0, package.Error);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void The_azure_zip_has_the_layout_flex_consumption_deploys()
    {
        using var zip = ZipFile.OpenRead(Path.Combine(Root, "artifacts", "azure", "origin-functionapp.zip"));
        var names = zip.Entries.Select(e => e.FullName).ToHashSet();
        foreach (var name in new[] { "host.json", "functions.metadata", "worker.config.json", "Origin.AzureFunctions.dll", "Origin.Serving.dll" })
            Assert.Contains(name, names);
        Assert.Contains(names, n => n.StartsWith(".azurefunctions/", StringComparison.Ordinal) && n.EndsWith(".dll", StringComparison.Ordinal));
        Assert.Contains("System.IO.Hashing.dll", names); // the Blob SDK's dependency travels with the app
        Assert.DoesNotContain(names, n => n.EndsWith(".pdb", StringComparison.Ordinal) || n.StartsWith("serve/", StringComparison.Ordinal));
    }

    [Fact]
    public void The_lambda_zip_has_an_executable_bootstrap_and_the_app()
    {
        using var zip = ZipFile.OpenRead(Path.Combine(Root, "artifacts", "aws", "origin-lambda-x86_64.zip"));
        var bootstrap = zip.GetEntry("bootstrap")!;
        Assert.NotNull(zip.GetEntry("origin"));
        // Unix permissions live in the upper 16 bits of the external attributes.
        Assert.True(((bootstrap.ExternalAttributes >> 16) & 0b001_000_000) != 0, "bootstrap is not executable");
        using var reader = new StreamReader(bootstrap.Open());
        Assert.Contains("exec", reader.ReadToEnd());
    }

    [Fact]
    public async Task The_lambda_artifact_names_no_mount_of_its_own_and_says_so_when_none_is_set()
    {
        var folder = Path.Combine(Root, "artifacts", "aws", "lambda");
        Assert.Empty(Directory.GetFiles(folder, "appsettings.*.json"));
        Assert.DoesNotContain("Mounts", await File.ReadAllTextAsync(Path.Combine(folder, "appsettings.json")));
        var start = new ProcessStartInfo(Path.Combine(folder, "bootstrap")) { WorkingDirectory = folder, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["AWS_LAMBDA_FUNCTION_NAME"] = "origin";
        start.Environment["AWS_LWA_PORT"] = Emulator.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("no mounts configured", await error);
    }

    [Fact]
    public async Task The_lambda_layout_serves_on_the_adapter_port_and_answers_readiness()
    {
        var folder = Path.Combine(Root, "artifacts", "aws", "lambda");
        await ServesASegmentAsync(folder, "bootstrap", port => new() { ["AWS_LAMBDA_FUNCTION_NAME"] = "origin", ["AWS_LWA_PORT"] = port },
            readinessPath: "/healthz");
    }

    static async Task ServesASegmentAsync(string folder, string executable, Func<string, Dictionary<string, string>> platform, string? readinessPath = null)
    {
        var port = Emulator.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var start = new ProcessStartInfo(Path.Combine(folder, executable)) { WorkingDirectory = folder, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in platform(port)) start.Environment[key] = value;
        // Only what a deployment sets (the SAM template's variables): the artifact carries no mount of its own.
        start.Environment["Origin__Mounts__vod__Path"] = "/vod";
        start.Environment["Origin__Mounts__vod__Storage"] = "file://" + RepositoryFiles.Samples;
        start.Environment["Origin__IndexCache"] = "none";
        using var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var deadline = Stopwatch.StartNew();
            HttpResponseMessage? response = null;
            while (deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                try { response = await client.GetAsync(readinessPath ?? "/vod/demo.ism/.mpd"); break; }
                catch (HttpRequestException) { await Task.Delay(50); }
            }
            Assert.NotNull(response);
            Assert.True(response!.IsSuccessStatusCode);
            var segment = await client.GetAsync("/vod/demo.ism/demo-video=300000-2.m4s");
            Assert.Equal(200, (int)segment.StatusCode);
            Assert.True((await segment.Content.ReadAsByteArrayAsync()).Length > 10_000);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }
    }
}
