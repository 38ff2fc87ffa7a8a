using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Origin.Testing;

/// <summary>
/// Storage emulators from tests/emulators (pinned npm packages), started on free loopback ports by the tests
/// themselves and stopped with them: Azurite for Azure Blob, s3rver for S3.
/// </summary>
public sealed class Emulator : IAsyncDisposable
{
    public const string AzuriteAccount = "devstoreaccount1";
    // Azurite's published, well-known development key: not a secret.
    public const string AzuriteKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    public const string S3rverKey = "S3RVER";

    readonly Process _process;
    public int Port { get; }

    Emulator(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public string AzuriteConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AzuriteAccount};AccountKey={AzuriteKey};BlobEndpoint=http://127.0.0.1:{Port}/{AzuriteAccount};";

    public string S3ServiceUrl => $"http://127.0.0.1:{Port}";

    public static Task<Emulator> StartAzuriteAsync() =>
        StartAsync("azurite-blob", port => ["--blobHost", "127.0.0.1", "--blobPort", port, "--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--loose"]);

    public static Task<Emulator> StartS3rverAsync(params string[] buckets)
    {
        var directory = Directory.CreateTempSubdirectory("s3rver").FullName;
        return StartAsync("s3rver", port =>
        {
            var args = new List<string> { "--directory", directory, "--port", port, "--address", "127.0.0.1", "--silent" };
            foreach (var bucket in buckets) { args.Add("--configure-bucket"); args.Add(bucket); }
            return args;
        });
    }

    static async Task<Emulator> StartAsync(string tool, Func<string, IEnumerable<string>> arguments)
    {
        var bin = Path.Combine(RepositoryFiles.Root, "tests", "emulators", "node_modules", ".bin", tool);
        if (!File.Exists(bin)) throw new InvalidOperationException($"{tool} is not installed: run .ci/setup.sh");
        int port = FreePort();
        var start = new ProcessStartInfo(bin) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments(port.ToString(System.Globalization.CultureInfo.InvariantCulture))) start.ArgumentList.Add(a);
        var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (process.HasExited) throw new InvalidOperationException($"{tool} exited with {process.ExitCode}");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return new Emulator(process, port);
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        process.Kill(entireProcessTree: true);
        throw new TimeoutException($"{tool} did not listen on {port} within 30 s");
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
