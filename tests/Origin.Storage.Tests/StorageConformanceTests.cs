namespace Origin.Storage.Tests;

/// <summary>
/// What every storage backend must do, run against each one (local folder, web server, Azure Blob via Azurite,
/// S3 via s3rver): ranges at start, middle and end, a missing object, a replaced object, and paths that escape.
/// </summary>
public abstract class StorageConformanceTests
{
    protected const int ObjectSize = 1_000_003; // odd on purpose: no range lines up with a power of two

    /// <summary>Writes (or replaces) an object in the backend under test.</summary>
    protected abstract Task PutAsync(string path, byte[] content);

    /// <summary>The storage under test, rooted where <see cref="PutAsync"/> writes.</summary>
    protected abstract IMediaStorage Storage { get; }

    protected static byte[] Content(int seed, int size = ObjectSize)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    async Task<(IStorageObject Object, byte[] Content)> PutAndOpenAsync(string path, int seed = 1)
    {
        var content = Content(seed);
        await PutAsync(path, content);
        var result = await Storage.OpenAsync(path, default);
        Assert.Equal(StorageStatus.Ok, result.Status);
        return (result.Object!, content);
    }

    [Fact]
    public async Task Open_reports_length_and_a_validator()
    {
        var (obj, _) = await PutAndOpenAsync("media/a.mp4");
        Assert.Equal(ObjectSize, obj.Info.Length);
        Assert.False(string.IsNullOrEmpty(obj.Info.Validator));
        Assert.Equal("media/a.mp4", obj.Path);
    }

    [Theory]
    [InlineData(0, 100)]
    [InlineData(500_000, 65_536)]
    [InlineData(ObjectSize - 10, 10)]
    public async Task Reads_return_the_bytes_of_the_range(long offset, int length)
    {
        var (obj, content) = await PutAndOpenAsync("media/b.mp4");
        var buffer = new byte[length];
        Assert.Equal(length, await obj.ReadAsync(offset, buffer, default));
        Assert.Equal(content.AsSpan((int)offset, length).ToArray(), buffer);
    }

    [Fact]
    public async Task A_read_past_the_end_returns_what_is_there()
    {
        var (obj, content) = await PutAndOpenAsync("media/c.mp4");
        var buffer = new byte[100];
        Assert.Equal(30, await obj.ReadAsync(ObjectSize - 30, buffer, default));
        Assert.Equal(content[^30..], buffer[..30]);
    }

    [Fact]
    public async Task A_range_streams_exactly_its_bytes()
    {
        var (obj, content) = await PutAndOpenAsync("media/d.mp4");
        await using var stream = await obj.OpenRangeAsync(123_457, 300_000, default);
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        Assert.Equal(content.AsSpan(123_457, 300_000).ToArray(), copy.ToArray());
    }

    [Fact]
    public async Task A_missing_object_is_not_found()
    {
        var result = await Storage.OpenAsync("media/missing.mp4", default);
        Assert.Equal(StorageStatus.NotFound, result.Status);
    }

    [Fact]
    public async Task A_replaced_object_is_detected_by_a_handle_on_the_old_version()
    {
        var (obj, _) = await PutAndOpenAsync("media/e.mp4", seed: 1);
        var attached = Storage.Attach("media/e.mp4", obj.Info);
        await Task.Delay(1100); // validators from modification times have one-second resolution on some stores
        await PutAsync("media/e.mp4", Content(2, ObjectSize + 1));
        var e = await Assert.ThrowsAsync<StorageException>(async () => await attached.ReadAsync(0, new byte[10], default));
        Assert.Equal(StorageStatus.Changed, e.Status);

        var reopened = await Storage.OpenAsync("media/e.mp4", default);
        Assert.NotEqual(obj.Info.Validator, reopened.Object!.Info.Validator);
    }

    [Fact]
    public async Task An_attached_handle_reads_without_asking_for_metadata()
    {
        var (obj, content) = await PutAndOpenAsync("media/f.mp4");
        var statistics = StorageStatistics.Begin();
        var attached = Storage.Attach("media/f.mp4", obj.Info);
        await using var stream = await attached.OpenRangeAsync(10, 1000, default);
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        Assert.Equal(content.AsSpan(10, 1000).ToArray(), copy.ToArray());
        Assert.Equal(1, statistics.Reads);
        Assert.Equal(1000, statistics.Bytes);
    }

    [Theory]
    [InlineData("../outside.mp4")]
    [InlineData("media/../../outside.mp4")]
    public async Task Paths_that_leave_the_root_are_refused(string path)
    {
        var result = await Storage.OpenAsync(path, default);
        Assert.Equal(StorageStatus.Invalid, result.Status);
    }
}
