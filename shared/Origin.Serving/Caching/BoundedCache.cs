namespace Origin.Serving.Caching;

/// <summary>
/// A least-recently-used cache bounded by the bytes its values hold, with single flight: concurrent misses for one
/// key share one load. A failed load is not cached, so the next request tries again.
/// </summary>
public sealed class BoundedCache<TValue>(long capacityBytes, Func<TValue, long> sizeOf) where TValue : class
{
    sealed record Entry(string Key, TValue Value, long Size);

    readonly object _gate = new();
    readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    readonly LinkedList<Entry> _recency = new();
    readonly Dictionary<string, Task<TValue>> _loading = new(StringComparer.Ordinal);
    long _bytes;

    public long Bytes { get { lock (_gate) return _bytes; } }
    public int Count { get { lock (_gate) return _entries.Count; } }

    public bool TryGet(string key, out TValue value)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                value = node.Value.Value;
                return true;
            }
        }
        value = null!;
        return false;
    }

    /// <summary>
    /// The cached value, or the result of <paramref name="load"/>, run once however many callers miss together.
    /// The load runs outside the lock and is shared, so it should not be cancelled by any one caller.
    /// </summary>
    public Task<TValue> GetOrLoadAsync(string key, Func<Task<TValue>> load)
    {
        TaskCompletionSource<TValue> loading;
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                return Task.FromResult(node.Value.Value);
            }
            if (_loading.TryGetValue(key, out var pending)) return pending;
            loading = new TaskCompletionSource<TValue>(TaskCreationOptions.RunContinuationsAsynchronously);
            _loading[key] = loading.Task;
        }
        _ = LoadAsync(key, load, loading);
        return loading.Task;
    }

    async Task LoadAsync(string key, Func<Task<TValue>> load, TaskCompletionSource<TValue> loading)
    {
        try
        {
            var value = await load().ConfigureAwait(false);
            Add(key, value);
            lock (_gate) _loading.Remove(key);
            loading.SetResult(value);
        }
        catch (Exception e)
        {
            lock (_gate) _loading.Remove(key);
            loading.SetException(e);
        }
    }

    public void Add(string key, TValue value)
    {
        long size = Math.Max(1, sizeOf(value));
        lock (_gate)
        {
            if (_entries.Remove(key, out var old))
            {
                _recency.Remove(old);
                _bytes -= old.Value.Size;
            }
            if (size > capacityBytes) return;
            _entries[key] = _recency.AddFirst(new Entry(key, value, size));
            _bytes += size;
            while (_bytes > capacityBytes && _recency.Last is { } last)
            {
                _recency.RemoveLast();
                _entries.Remove(last.Value.Key);
                _bytes -= last.Value.Size;
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
            _recency.Clear();
            _bytes = 0;
        }
    }

    public void Remove(string key)
    {
        lock (_gate)
        {
            if (_entries.Remove(key, out var node))
            {
                _recency.Remove(node);
                _bytes -= node.Value.Size;
            }
        }
    }
}
