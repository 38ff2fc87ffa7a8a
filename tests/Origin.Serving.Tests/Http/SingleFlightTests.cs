using Microsoft.Extensions.Logging.Abstractions;
using Origin.Serving.Caching;
using Origin.Storage;
using Origin.Storage.File;
using Origin.Testing;

namespace Origin.Serving.Tests.Http;

public class SingleFlightTests
{
    [Fact]
    public async Task Concurrent_misses_for_one_source_build_its_index_once()
    {
        var storage = new FileStorage(RepositoryFiles.Samples);
        var source = new CountingObject((await storage.OpenAsync("progressive.mp4", default)).Object!);
        var store = new IndexStore(64 << 20, durable: null, NullLogger<IndexStore>.Instance);

        // Every request arrives while the first build is still waiting on storage, so none can find it finished.
        var requests = Enumerable.Range(0, 32).Select(_ => store.GetAsync(storage, source)).ToList();
        source.Release();
        var results = await Task.WhenAll(requests);

        Assert.All(results, index => Assert.Same(results[0], index));
        Assert.Equal(2, source.Reads); // one build: the head window and the moov at the end
    }

    /// <summary>Counts the range reads made through a storage object, which wait until <see cref="Release"/>.</summary>
    sealed class CountingObject(IStorageObject inner) : IStorageObject
    {
        readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        int _reads;
        public int Reads => Volatile.Read(ref _reads);
        public string Path => inner.Path;
        public StorageObjectInfo Info => inner.Info;
        public void Release() => _gate.TrySetResult();

        public async ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reads);
            await _gate.Task;
            return await inner.ReadAsync(offset, buffer, cancellationToken);
        }

        public async ValueTask<Stream> OpenRangeAsync(long offset, long length, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reads);
            await _gate.Task;
            return await inner.OpenRangeAsync(offset, length, cancellationToken);
        }
    }
}
