using System.Collections.Concurrent;
using System.Net;
using Polly;

namespace Origin.Storage.Http;

/// <summary>Limits and timeouts for outbound HTTP.</summary>
public sealed record HttpUpstreamOptions
{
    /// <summary>Connections per upstream host: a burst queues instead of exhausting local ports.</summary>
    public int MaxConnectionsPerHost { get; init; } = 64;
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>Deadline for one request's headers and body.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(20);
    public int MaxRedirects { get; init; } = 3;
    /// <summary>Further attempts after a 5xx, 429, reset or timeout, before any body byte was used; reads are idempotent.</summary>
    public int Retries { get; init; } = 2;
    /// <summary>A second request beside one that has not answered by the upstream's 95th percentile (see <see cref="UpstreamLatency"/>).</summary>
    public bool Hedging { get; init; } = true;
    /// <summary>Hedging never starts sooner than this, so that a fast upstream's jitter does not double its requests.</summary>
    public TimeSpan MinHedgingDelay { get; init; } = TimeSpan.FromMilliseconds(10);
    /// <summary>First backoff; each retry doubles it, with jitter so that instances do not retry in step.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(50);
    /// <summary>The longest Retry-After honoured; a longer one fails fast rather than holding the viewer.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>Where connections may go; null trusts DNS (for configured storage, not for hosts taken from URLs).</summary>
    public AddressPolicy? Addresses { get; init; }

    /// <summary>
    /// The deadline <c>Origin:UpstreamTimeoutSeconds</c> sets for every store, read where only the raw setting is at
    /// hand (the cloud adapters); the origin's options reject an out-of-range value at start-up.
    /// </summary>
    public static TimeSpan ConfiguredTimeout(string? seconds) =>
        TimeSpan.FromSeconds(double.TryParse(seconds, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && value is >= 0.1 and <= 120 ? value : 20);
}

/// <summary>One upstream host: its pooled client, what its requests go through, how long it takes to answer, and the
/// hedged requests it may still be sent.</summary>
public sealed record Upstream(HttpMessageInvoker Client, ResiliencePipeline<HttpResponseMessage> Pipeline, UpstreamLatency Latency, HedgingBudget Hedges);

/// <summary>
/// One pooled <see cref="SocketsHttpHandler"/> per upstream host, reused by every request: keep-alive, bounded
/// connections, and no redirects, decompression or cookies behind the origin's back.
/// </summary>
public sealed class HttpUpstreams(HttpUpstreamOptions options) : IDisposable
{
    readonly ConcurrentDictionary<string, Upstream> _upstreams = new(StringComparer.OrdinalIgnoreCase);

    public HttpUpstreamOptions Options => options;

    public Upstream For(Uri uri) => _upstreams.GetOrAdd(uri.GetLeftPart(UriPartial.Authority), _ =>
    {
        var (latency, hedges) = (new UpstreamLatency(), new HedgingBudget());
        return new Upstream(Client(), UpstreamResilience.Build(options, latency, hedges), latency, hedges);
    });

    HttpMessageInvoker Client() => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        UseProxy = false,
        MaxConnectionsPerServer = options.MaxConnectionsPerHost,
        ConnectTimeout = options.ConnectTimeout,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
        ConnectCallback = options.Addresses is { } policy ? policy.ConnectAsync : null,
    }, disposeHandler: true);

    public void Dispose()
    {
        foreach (var upstream in _upstreams.Values) upstream.Client.Dispose();
    }
}
