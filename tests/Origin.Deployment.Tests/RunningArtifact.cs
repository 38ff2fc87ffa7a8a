using System.Diagnostics;
using System.Globalization;
using Origin.Testing;

namespace Origin.Deployment.Tests;

/// <summary>
/// A packaged artifact started as its platform starts it (its own executable, the platform's port variables, only the
/// settings a deployment gives), ready once it answers <c>readinessPath</c>; killed on dispose.
/// </summary>
sealed class RunningArtifact : IAsyncDisposable
{
    readonly Process _process;
    readonly Task<string> _error;

    public HttpClient Client { get; }

    RunningArtifact(Process process, HttpClient client)
    {
        _process = process;
        Client = client;
        _ = process.StandardOutput.ReadToEndAsync();
        _error = process.StandardError.ReadToEndAsync();
    }

    /// <summary>Starts the Lambda layout's bootstrap as the Web Adapter does (AWS_LAMBDA_FUNCTION_NAME, AWS_LWA_PORT).</summary>
    public static Task<RunningArtifact> StartLambdaAsync(string folder, IReadOnlyDictionary<string, string> settings) =>
        StartAsync(folder, "bootstrap", port => new Dictionary<string, string>(settings)
        {
            ["AWS_LAMBDA_FUNCTION_NAME"] = "origin",
            ["AWS_LWA_PORT"] = port,
        }, "/healthz");

    public static async Task<RunningArtifact> StartAsync(string folder, string executable, Func<string, Dictionary<string, string>> environment, string readinessPath)
    {
        var port = Emulator.FreePort().ToString(CultureInfo.InvariantCulture);
        var start = new ProcessStartInfo(Path.Combine(folder, executable))
        {
            WorkingDirectory = folder, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var (key, value) in environment(port)) start.Environment[key] = value;
        var artifact = new RunningArtifact(Process.Start(start)!, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") });
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (artifact._process.HasExited)
            {
                var error = await artifact._error;
                await artifact.DisposeAsync();
                throw new InvalidOperationException($"{executable} exited with {artifact._process.ExitCode}: {error}");
            }
            try
            {
                using var response = await artifact.Client.GetAsync(readinessPath);
                if (response.IsSuccessStatusCode) return artifact;
            }
            catch (HttpRequestException) { }
            await Task.Delay(50);
        }
        await artifact.DisposeAsync();
        throw new TimeoutException($"{executable} did not answer {readinessPath} within 30 s");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
