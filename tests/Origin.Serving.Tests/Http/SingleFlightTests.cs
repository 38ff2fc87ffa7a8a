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

        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => store.GetAsync(storage, source))));

        Assert.All(results, index => Assert.Same(results[0], index));
        Assert.Equal(2, source.Reads); // one build: the head window and the moov at the end
    }

    /// <summary>Counts the range reads made through a storage object.</summary>
    sealed class CountingObject(IStorageObject inner) : IStorageObject
    {
        int _reads;
        public int Reads => Volatile.Read(ref _reads);
        public string Path => inner.Path;
        public StorageObjectInfo Info => inner.Info;

        public ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reads);
            return inner.ReadAsync(offset, buffer, cancellationToken);
        }

        public ValueTask<Stream> OpenRangeAsync(long offset, long length, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reads);
            return inner.OpenRangeAsync(offset, length, cancellationToken);
        }
    }
}
