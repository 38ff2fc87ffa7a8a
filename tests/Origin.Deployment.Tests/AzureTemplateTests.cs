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
    public void Host_json_is_the_isolated_workers_with_no_route_prefix()
    {
        using var host = JsonDocument.Parse(Read("host.json"));
        var root = host.RootElement;
        Assert.Equal("2.0", root.GetProperty("version").GetString());
        Assert.False(root.TryGetProperty("customHandler", out _));
        Assert.Equal("", root.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        Assert.True(TimeSpan.Parse(root.GetProperty("functionTimeout").GetString()!) >= TimeSpan.FromSeconds(10));
        // The worker's project ships this file beside itself.
        Assert.Contains("../../host.json", Read("functions/Origin.AzureFunctions/Origin.AzureFunctions.csproj"));
    }

    [Fact]
    public void Azure_yaml_deploys_the_worker_project_as_a_standard_function_service_with_no_hook()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(Read("azure.yaml")));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var origin = (YamlMappingNode)((YamlMappingNode)root["services"])["origin"];
        Assert.Equal("function", origin["host"].ToString());
        Assert.Equal("dotnet", origin["language"].ToString());
        Assert.Equal("./functions/Origin.AzureFunctions", origin["project"].ToString());
        Assert.True(File.Exists(Path.Combine(RepositoryFiles.Root, "functions", "Origin.AzureFunctions", "Origin.AzureFunctions.csproj")));
        Assert.False(origin.Children.ContainsKey("dist"));
        Assert.False(root.Children.ContainsKey("hooks"));
        Assert.True(File.Exists(Path.Combine(RepositoryFiles.Root, "infra", "main.bicep")));
    }

    /// <summary>infra/main.bicep compiled by the Bicep CLI (a pinned package) into the ARM template Azure deploys.</summary>
    static readonly Lazy<Task<JsonDocument>> Template = new(() => Bicep.BuildAsync(Path.Combine(RepositoryFiles.Root, "infra", "main.bicep")));

    static async Task<List<JsonElement>> ResourcesAsync(string type) =>
        [.. (await Template.Value).RootElement.GetProperty("resources").EnumerateArray().Where(r => r.GetProperty("type").GetString() == type)];

    static JsonElement Path_(JsonElement element, params string[] names) => names.Aggregate(element, (e, name) => e.GetProperty(name));

    [Fact]
    public async Task Bicep_creates_a_flex_consumption_dotnet_isolated_app_with_the_origin_settings()
    {
        var plan = (await ResourcesAsync("Microsoft.Web/serverfarms")).Single();
        Assert.Equal("FlexConsumption", Path_(plan, "sku", "tier").GetString());
        Assert.Equal("FC1", Path_(plan, "sku", "name").GetString());

        var app = (await ResourcesAsync("Microsoft.Web/sites")).Single();
        Assert.Equal("functionapp,linux", app.GetProperty("kind").GetString());
        Assert.Equal("SystemAssigned", Path_(app, "identity", "type").GetString());
        Assert.Equal("dotnet-isolated", Path_(app, "properties", "functionAppConfig", "runtime", "name").GetString());
        Assert.Equal("10.0", Path_(app, "properties", "functionAppConfig", "runtime", "version").GetString());
        Assert.Contains("createObject('azd-service-name', 'origin')", app.GetProperty("tags").GetString());
        var settings = Path_(app, "properties", "siteConfig", "appSettings").EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("value").ToString());
        Assert.Equal("az://media", settings["Origin__Mounts__vod__Storage"]);
        Assert.Equal("az://index-cache", settings["Origin__IndexCache"]);
        Assert.Contains("Origin__Azure__ServiceUri", settings.Keys);
        // Identity only: no account key or connection string reaches the app.
        Assert.DoesNotContain(settings, s => Regex.IsMatch(s.Key + s.Value, "(?i)AccountKey|listKeys") || s.Key.EndsWith("ConnectionString", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bicep_grants_read_on_media_and_write_on_the_index_cache_only()
    {
        var variables = (await Template.Value).RootElement.GetProperty("variables");
        // Azure's built-in role ids: Storage Blob Data Reader, Contributor and Owner.
        Assert.Equal("2a2b9908-6ea1-4ae2-8e65-a410df84e7d1", variables.GetProperty("storageBlobDataReader").GetString());
        Assert.Equal("ba92f5b4-2d11-453d-a403-e96b0029c9fe", variables.GetProperty("storageBlobDataContributor").GetString());
        Assert.Equal("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", variables.GetProperty("storageBlobDataOwner").GetString());

        // Each role assignment: the resource it is scoped to and the role it grants.
        var assignments = (await ResourcesAsync("Microsoft.Authorization/roleAssignments")).Select(a => (
            Scope: a.GetProperty("scope").GetString()!,
            Role: Regex.Match(Path_(a, "properties", "roleDefinitionId").GetString()!, @"variables\('(\w+)'\)").Groups[1].Value)).ToList();
        Assert.Equal(3, assignments.Count);
        Assert.Contains(assignments, a => a.Scope.Contains("'default', 'media')") && a.Role == "storageBlobDataReader");
        Assert.Contains(assignments, a => a.Scope.Contains("'default', 'index-cache')") && a.Role == "storageBlobDataContributor");
        Assert.Contains(assignments, a => a.Scope.StartsWith("[resourceId('Microsoft.Storage/storageAccounts', format('sthost", StringComparison.Ordinal) && a.Role == "storageBlobDataOwner");

        foreach (var account in await ResourcesAsync("Microsoft.Storage/storageAccounts"))
        {
            Assert.False(Path_(account, "properties", "allowSharedKeyAccess").GetBoolean());
            Assert.False(Path_(account, "properties", "allowBlobPublicAccess").GetBoolean());
        }
    }

    [Fact]
    public async Task Front_door_caches_by_full_url_in_front_of_the_function_app()
    {
        var route = (await ResourcesAsync("Microsoft.Cdn/profiles/afdEndpoints/routes")).Single();
        Assert.Equal("UseQueryString", Path_(route, "properties", "cacheConfiguration", "queryStringCachingBehavior").GetString());
        var origin = (await ResourcesAsync("Microsoft.Cdn/profiles/originGroups/origins")).Single();
        Assert.Contains("Microsoft.Web/sites", Path_(origin, "properties", "hostName").GetString());
        var group = (await ResourcesAsync("Microsoft.Cdn/profiles/originGroups")).Single();
        Assert.Equal("/healthz", Path_(group, "properties", "healthProbeSettings", "probePath").GetString());
        Assert.True((await Template.Value).RootElement.GetProperty("outputs").TryGetProperty("ORIGIN_URL", out _));
    }
}
