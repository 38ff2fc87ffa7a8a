namespace Origin.Serving.Caching;

/// <summary>A manifest, playlist or init segment as sent: its bytes, type and ETag, made once.</summary>
public sealed record RenderedOutput(byte[] Body, string ContentType, string ETag);

/// <summary>
/// Rendered outputs by presentation version, request path and carried query, of which they are a pure function (the
/// version names the sources and the options): a warm manifest costs a lookup and a write, its ETag
/// included. Bounded by bytes, least recently used first out; a render that fails is not kept.
/// </summary>
public sealed class RenderedOutputs(long capacityBytes)
{
    readonly BoundedCache<RenderedOutput> _outputs = new(capacityBytes, output => output.Body.Length + 256L);

    public RenderedOutput GetOrRender(string version, string path, string query, Func<RenderedOutput> render)
    {
        var key = string.Concat(version, "\n", path, "\n", query);
        if (_outputs.TryGet(key, out var output)) return output;
        output = render();
        _outputs.Add(key, output);
        return output;
    }
}
