using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Origin.Serving.Caching;
using Origin.Serving.Assets;
using Origin.Serving.Configuration;
using Origin.Serving.Options;
using Origin.Serving.Preview;
using Origin.Serving.Responses;
using Origin.Storage;
using Origin.Storage.File;
using Origin.Storage.Http;

namespace Origin.Serving;

public static class OriginServiceCollectionExtensions
{
    /// <summary>
    /// Registers the origin with the file and HTTP storage providers; cloud adapters add theirs. Options are read
    /// and validated now, and the mounts and index cache opened when the host starts, so a bad configuration fails
    /// start-up in every host.
    /// </summary>
    public static IServiceCollection AddOrigin(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var options = OriginOptions.Read(configuration);
        services.AddSingleton(options);
        services.AddSingleton(new HttpUpstreams(options.Upstreams()));
        services.AddSingleton<IStorageProvider>(new FileStorageProvider(contentRoot, options.FileLinksOutsideMounts));
        services.AddSingleton<IStorageProvider>(sp => new HttpStorageProvider(sp.GetRequiredService<HttpUpstreams>()));
        services.AddSingleton(sp => new MountTable(options, sp.GetServices<IStorageProvider>()));
        services.AddSingleton(sp => new IndexStore(options.IndexCacheBytes,
            options.IndexCache is { } locator ? MountTable.OpenObjectStore(locator, "Origin:IndexCache", sp.GetServices<IStorageProvider>()) : null,
            sp.GetRequiredService<ILogger<IndexStore>>()));
        services.AddSingleton<PresentationAssembler>();
        services.AddSingleton<CpixDocuments>();
        services.AddSingleton<ProxiedAssets>();
        services.AddSingleton<AssetResolver>();
        services.AddSingleton(new PresentationViews(options.IndexCacheBytes / 16));
        services.AddSingleton(new RenderedOutputs(options.IndexCacheBytes / 8));
        if (options.Preview)
        {
            services.AddSingleton<OriginResponder>();
            services.AddSingleton<PreviewSite>();
            services.AddSingleton<IOriginHandler>(sp => new PreviewHandler(sp.GetRequiredService<OriginResponder>(), sp.GetRequiredService<PreviewSite>()));
        }
        else services.AddSingleton<IOriginHandler, OriginResponder>();
        services.AddHostedService<OriginStartupCheck>();
        // Hosting's request lines carry the full URL, query included (viewers' tokens, signatures); the origin logs
        // its own line per request with the path only, so those are kept off at any configured level. Off entirely:
        // with any level of that category on, hosting makes an Activity per request for log scopes nobody reads.
        services.AddLogging(logging => logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None));
        return services;
    }

    /// <summary>Every GET/HEAD/OPTIONS path goes to the origin; it answers 404 for paths outside its mounts.</summary>
    public static IEndpointConventionBuilder MapOrigin(this IEndpointRouteBuilder endpoints)
    {
        var handler = endpoints.ServiceProvider.GetRequiredService<IOriginHandler>();
        return endpoints.MapMethods("/{**path}", [HttpMethods.Get, HttpMethods.Head, HttpMethods.Options], handler.HandleAsync);
    }
}
