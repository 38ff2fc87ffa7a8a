using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Origin.Serving.Assets;
using Origin.Serving.Configuration;
using Origin.Serving.Responses;

namespace Origin.Serving;

public static class OriginServiceCollectionExtensions
{
    /// <summary>Registers the origin: options read and validated now, so a bad configuration fails at start-up.</summary>
    public static IServiceCollection AddOrigin(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var options = OriginOptions.Read(configuration);
        services.AddSingleton(options);
        services.AddSingleton(new MountTable(options, contentRoot));
        services.AddSingleton<AssetResolver>();
        services.AddSingleton<OriginResponder>();
        return services;
    }

    /// <summary>Every GET/HEAD/OPTIONS path goes to the origin; it answers 404 for paths outside its mounts.</summary>
    public static IEndpointConventionBuilder MapOrigin(this IEndpointRouteBuilder endpoints)
    {
        var responder = endpoints.ServiceProvider.GetRequiredService<OriginResponder>();
        return endpoints.MapMethods("/{**path}", [HttpMethods.Get, HttpMethods.Head, HttpMethods.Options], responder.HandleAsync);
    }
}
