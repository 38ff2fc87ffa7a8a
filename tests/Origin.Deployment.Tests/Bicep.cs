using System.Reflection;
using System.Text.Json;
using Origin.Testing;

namespace Origin.Deployment.Tests;

/// <summary>Compiles a Bicep file with the CLI from the pinned Azure.Bicep.CommandLine package (no network needed).</summary>
static class Bicep
{
    static string Cli => Path.Combine(typeof(Bicep).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPackage").Value!, "tools", "bicep");

    public static async Task<JsonDocument> BuildAsync(string file)
    {
        var run = await ExternalTool.RunAsync(Cli, ["build", "--stdout", file], TimeSpan.FromMinutes(2));
        if (run.ExitCode != 0) throw new InvalidOperationException($"bicep build {file} failed: {run.Error}");
        return JsonDocument.Parse(run.Output);
    }
}
