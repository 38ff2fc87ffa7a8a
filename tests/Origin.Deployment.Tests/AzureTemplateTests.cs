using System.Text.Json;
using System.Text.RegularExpressions;
using Origin.Testing;
using YamlDotNet.RepresentationModel;

namespace Origin.Deployment.Tests;

/// <summary>The Azure deployment files, tested as data (no cloud here): what the Functions host and azd will read.</summary>
public class AzureTemplateTests
{
    static string Read(string path) => File.ReadAllText(Path.Combine(RepositoryFiles.Root, path));

    [Fact]
    public void Host_json_runs_the_app_as_a_forwarding_custom_handler_with_no_route_prefix()
    {
        using var host = JsonDocument.Parse(Read("host.json"));
        var root = host.RootElement;
        Assert.Equal("2.0", root.GetProperty("version").GetString());
        var handler = root.GetProperty("customHandler");
        Assert.Equal("origin", handler.GetProperty("description").GetProperty("defaultExecutablePath").GetString());
        Assert.True(handler.GetProperty("enableForwardingHttpRequest").GetBoolean());
        Assert.Equal("", root.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        Assert.True(TimeSpan.Parse(root.GetProperty("functionTimeout").GetString()!) >= TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void The_http_trigger_catches_every_path_for_get_head_and_options()
    {
        using var function = JsonDocument.Parse(Read("functions/azure/serve/function.json"));
        var trigger = function.RootElement.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "httpTrigger");
        Assert.Equal("{*path}", trigger.GetProperty("route").GetString());
        Assert.Equal("anonymous", trigger.GetProperty("authLevel").GetString());
        var methods = trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!).ToArray();
        Assert.Equal(new[] { "get", "head", "options" }, methods);
        Assert.Contains(function.RootElement.GetProperty("bindings").EnumerateArray(), b => b.GetProperty("type").GetString() == "http");
    }

    [Fact]
    public void Azure_yaml_packages_with_the_script_and_deploys_the_function_service()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(Read("azure.yaml")));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var origin = (YamlMappingNode)((YamlMappingNode)root["services"])["origin"];
        Assert.Equal("function", origin["host"].ToString());
        Assert.Equal("./functions/Origin.Functions", origin["project"].ToString());
        Assert.Contains("deploy/package.sh azure", ((YamlMappingNode)((YamlMappingNode)root["hooks"])["prepackage"])["run"].ToString());
        Assert.True(File.Exists(Path.Combine(RepositoryFiles.Root, "infra", "main.bicep")));
    }

    [Fact]
    public void Bicep_creates_a_flex_consumption_custom_handler_app_with_the_origin_settings()
    {
        var bicep = Read("infra/main.bicep");
        Assert.Contains("tier: 'FlexConsumption', name: 'FC1'", bicep);
        Assert.Contains("runtime: { name: 'custom'", bicep);
        Assert.Contains("kind: 'functionapp,linux'", bicep);
        Assert.Contains("identity: { type: 'SystemAssigned' }", bicep);
        Assert.Matches(@"name: 'Origin__Mounts__vod__Storage', value: 'az://media'", bicep);
        Assert.Matches(@"name: 'Origin__IndexCache', value: 'az://index-cache'", bicep);
        Assert.Contains("name: 'Origin__Azure__ServiceUri'", bicep);
        Assert.Contains("'azd-service-name': 'origin'", bicep);
        Assert.DoesNotMatch("(?i)AccountKey|ConnectionString'", bicep.Replace("APPLICATIONINSIGHTS_CONNECTION_STRING", ""));
    }

    [Fact]
    public void Bicep_grants_read_on_media_and_write_on_the_index_cache_only()
    {
        var bicep = Read("infra/main.bicep");
        // Each role assignment: its scope and the role it grants.
        var assignments = Regex.Matches(bicep, @"resource \w+ 'Microsoft.Authorization/roleAssignments@[^']+' = \{\s*scope: (\w+)[\s\S]*?roleDefinitions', (\w+)\)")
            .Select(m => (Scope: m.Groups[1].Value, Role: m.Groups[2].Value)).ToList();
        Assert.Contains(("mediaContainer", "storageBlobDataReader"), assignments);
        Assert.Contains(("indexCacheContainer", "storageBlobDataContributor"), assignments);
        Assert.Contains(("hostStorage", "storageBlobDataOwner"), assignments);
        Assert.Equal(3, assignments.Count);
        Assert.Contains("var storageBlobDataReader = '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'", bicep);
        Assert.Contains("var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'", bicep);
        Assert.Contains("allowSharedKeyAccess: false", bicep);
    }

    [Fact]
    public void Front_door_caches_by_full_url_in_front_of_the_function_app()
    {
        var bicep = Read("infra/main.bicep");
        Assert.Contains("'Microsoft.Cdn/profiles@", bicep);
        Assert.Contains("queryStringCachingBehavior: 'UseQueryString'", bicep);
        Assert.Contains("hostName: app.properties.defaultHostName", bicep);
        Assert.Contains("probePath: '/healthz'", bicep);
        Assert.Contains("output ORIGIN_URL", bicep);
    }
}
