using System.Diagnostics;
using System.IO.Compression;
using Origin.Testing;

namespace Origin.Deployment.Tests;

/// <summary>
/// Builds both artifacts with deploy/package.sh and checks the layouts the platforms require. The Lambda artifact
/// (Native AOT) is started the way its platform starts it by <see cref="LambdaArtifactTests"/>; the Functions host
/// cannot run here: the worker is served in-process by Origin.AzureFunctions.Tests.
/// </summary>
public sealed class PackagedArtifacts : IAsyncLifetime
{
    public static readonly string Root = RepositoryFiles.Root;
    public static readonly string LambdaFolder = Path.Combine(Root, "artifacts", "aws", "lambda");

    public async Task InitializeAsync()
    {
        // arm64 first: the Lambda folder the tests start is the last build's, x86_64 Native AOT.
        var arm64 = await ExternalTool.RunAsync("bash", ["-c", "ARCH=arm64 deploy/package.sh aws"], TimeSpan.FromMinutes(8), Root);
        Assert.True(arm64.ExitCode == 0, arm64.Error);
        var package = await ExternalTool.RunAsync("bash", ["deploy/package.sh", "all"], TimeSpan.FromMinutes(12), Root);
        Assert.True(package.ExitCode == 0, package.Error);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

[CollectionDefinition(nameof(PackagedArtifacts))]
public sealed class PackagedArtifactsCollection : ICollectionFixture<PackagedArtifacts>;

[Collection(nameof(PackagedArtifacts))]
public sealed partial class PackagedArtifactTests
{
    static readonly string Root = PackagedArtifacts.Root;

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
    public void The_lambda_zip_is_an_executable_bootstrap_and_one_native_executable_without_the_azure_sdk()
    {
        using var zip = ZipFile.OpenRead(Path.Combine(Root, "artifacts", "aws", "origin-lambda-x86_64.zip"));
        var bootstrap = zip.GetEntry("bootstrap")!;
        // Unix permissions live in the upper 16 bits of the external attributes.
        Assert.True(((bootstrap.ExternalAttributes >> 16) & 0b001_000_000) != 0, "bootstrap is not executable");
        using (var reader = new StreamReader(bootstrap.Open())) Assert.Contains("exec", reader.ReadToEnd());
        var origin = zip.GetEntry("origin")!;
        var magic = new byte[4];
        using (var stream = origin.Open()) stream.ReadExactly(magic);
        Assert.Equal("\x7f" + "ELF", System.Text.Encoding.ASCII.GetString(magic));
        var names = zip.Entries.Select(e => e.FullName).ToList();
        // Native AOT: no managed assemblies to load, no symbols file, and no Azure SDK compiled in.
        Assert.DoesNotContain(names, n => n.EndsWith(".dll", StringComparison.Ordinal) || n.EndsWith(".dbg", StringComparison.Ordinal));
        using var binary = new MemoryStream();
        using (var stream = origin.Open()) stream.CopyTo(binary);
        Assert.Equal(-1, binary.ToArray().AsSpan().IndexOf("Azure.Storage.Blobs"u8));
        Assert.NotEqual(-1, binary.ToArray().AsSpan().IndexOf("AmazonS3Client"u8));
        // The executable links glibc dynamically: it must ask for no symbol version newer than provided.al2023's 2.34,
        // whatever the build machine has (the version names sit in the dynamic string table).
        var newest = GlibcVersion().Matches(System.Text.Encoding.Latin1.GetString(binary.ToArray()))
            .Select(m => Version.Parse(m.Groups[1].Value)).Max();
        Assert.True(newest is not null && newest <= new Version(2, 34), $"needs GLIBC_{newest}");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"GLIBC_(2\.[0-9]+)")]
    private static partial System.Text.RegularExpressions.Regex GlibcVersion();

    [Fact]
    public void The_arm64_lambda_zip_is_a_readytorun_app_for_aarch64()
    {
        using var zip = ZipFile.OpenRead(Path.Combine(Root, "artifacts", "aws", "origin-lambda-arm64.zip"));
        var header = new byte[20];
        using (var stream = zip.GetEntry("origin")!.Open()) stream.ReadExactly(header);
        Assert.Equal(0xB7, BitConverter.ToUInt16(header, 18)); // ELF e_machine: EM_AARCH64
        Assert.NotNull(zip.GetEntry("bootstrap"));
        Assert.NotNull(zip.GetEntry("libcoreclr.so")); // self-contained: the runtime travels with the app
        Assert.NotNull(zip.GetEntry("Origin.Serving.dll"));
        Assert.Null(zip.GetEntry("Azure.Core.dll"));
    }

    [Fact]
    public async Task The_lambda_artifact_names_no_mount_of_its_own_and_says_so_when_none_is_set()
    {
        var folder = PackagedArtifacts.LambdaFolder;
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
}
