using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Origin.Serving.Caching;

namespace Origin.Serving;

/// <summary>
/// Opens every mount and the index cache as the host starts, in whatever host the origin runs, so a bad locator or
/// setting stops start-up with an <see cref="Configuration.OriginConfigurationException"/> instead of failing the first request.
/// </summary>
sealed class OriginStartupCheck(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<IndexStore>();
        services.GetRequiredService<IOriginHandler>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
