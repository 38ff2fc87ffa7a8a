using System.Reflection;
using System.Text.Json;
using Origin.Testing;

namespace Origin.AzureFunctions.Tests;

/// <summary>What the worker SDK generates for the Functions host, read as the host reads it.</summary>
public sealed class FunctionMetadataTests
{
    static string Output(string file)
    {
        var configuration = typeof(FunctionMetadataTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        return Path.Combine(RepositoryFiles.Root, "functions", "Origin.AzureFunctions", "bin", configuration, "net10.0", file);
    }

    [Fact]
    public void The_one_function_is_an_anonymous_catch_all_http_trigger_for_get_head_and_options()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(Output("functions.metadata")));
        var function = Assert.Single(metadata.RootElement.EnumerateArray());
        Assert.Equal("dotnet-isolated", function.GetProperty("language").GetString());
        var trigger = function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "httpTrigger");
        Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString());
        Assert.Equal("{*path}", trigger.GetProperty("route").GetString());
        Assert.Equal(["get", "head", "options"], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!).Order());
    }

    [Fact]
    public void The_host_json_beside_the_worker_has_no_route_prefix_and_no_custom_handler()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Output("host.json")));
        Assert.Equal("2.0", host.RootElement.GetProperty("version").GetString());
        Assert.Equal("", host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        Assert.False(host.RootElement.TryGetProperty("customHandler", out _));
        using var worker = JsonDocument.Parse(File.ReadAllText(Output("worker.config.json")));
        Assert.Equal("dotnet-isolated", worker.RootElement.GetProperty("description").GetProperty("language").GetString());
    }
}
