using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Origin.Testing;

/// <summary>
/// An upstream on loopback that counts its requests and connections and makes the next requests fail as planned:
/// the part of a fault that comes before a body is answered here, a broken body by the server that writes it.
/// </summary>
public abstract class FaultingServer : IAsyncDisposable
{
    readonly WebApplication _app = LoopbackApp.CreateBuilder().Build();
    public Uri BaseUri { get; private set; } = null!;
    public int Requests;

    /// <summary>How the next requests fail, in order.</summary>
    public ConcurrentQueue<UpstreamFault> Faults { get; } = new();

    /// <summary>Every connection that ever carried a request, by Kestrel's connection id.</summary>
    public ConcurrentDictionary<string, bool> Connections { get; } = new();

    /// <summary>Answers a request that no fault has answered; <paramref name="fault"/> may still cut its body.</summary>
    protected abstract Task ServeAsync(HttpContext context, UpstreamFault? fault);

    protected async Task StartAsync()
    {
        _app.Run(async context =>
        {
            Interlocked.Increment(ref Requests);
            Connections[context.Connection.Id] = true;
            Faults.TryDequeue(out var fault);
            if (fault is not null && await fault.AnswerBeforeBodyAsync(context)) return;
            await ServeAsync(context, fault);
        });
        BaseUri = await LoopbackApp.StartAsync(_app);
    }

    public virtual async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
