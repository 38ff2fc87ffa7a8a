using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Origin.Serving.Configuration;

namespace Origin.Serving.Tests.Configuration;

/// <summary>A host that never maps an endpoint (a Functions worker) still refuses to start on a bad mount.</summary>
public class StartupCheckTests
{
    [Fact]
    public async Task A_host_without_endpoints_checks_the_mounts_as_it_starts()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Origin:Mounts:vod:Path"] = "/vod",
            ["Origin:Mounts:vod:Storage"] = "ftp://example.com/media/",
        });
        builder.Services.AddOrigin(builder.Configuration, AppContext.BaseDirectory);
        using var host = builder.Build();
        var e = await Assert.ThrowsAsync<OriginConfigurationException>(() => host.StartAsync());
        Assert.Contains("ftp", e.Message);
    }

    [Fact]
    public async Task A_good_configuration_starts_and_hands_out_the_handler()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Origin:Mounts:vod:Path"] = "/vod",
            ["Origin:Mounts:vod:Storage"] = "file://" + Origin.Testing.RepositoryFiles.Samples,
        });
        builder.Services.AddOrigin(builder.Configuration, AppContext.BaseDirectory);
        using var host = builder.Build();
        await host.StartAsync();
        Assert.NotNull(host.Services.GetRequiredService<IOriginHandler>());
        await host.StopAsync();
    }
}
