namespace Origin.Storage;

/// <summary>What every remote backend's object does the same way: check a range, and fill a buffer from a range read.</summary>
public static class RangeReads
{
    public static void Check(IStorageObject obj, long offset, long length)
    {
        if (offset < 0 || length < 0 || offset + length > obj.Info.Length)
            throw new StorageException(StorageStatus.RangeNotSatisfiable, $"range {offset}+{length} is outside {obj.Path}");
    }

    /// <summary>
    /// One range read into the buffer: up to its length, fewer only at the end of the object. Nothing of a buffered
    /// read is used before it is whole, so a body that breaks off or stalls is asked for again, up to
    /// <paramref name="bodyRetries"/> times (a stream handed to a caller cannot be).
    /// </summary>
    public static async ValueTask<int> ReadAsync(IStorageObject obj, long offset, Memory<byte> buffer, CancellationToken cancellationToken, int bodyRetries = 0)
    {
        long length = Math.Min(buffer.Length, obj.Info.Length - offset);
        if (length <= 0) return 0;
        for (int attempt = 0; ; attempt++)
        {
            await using var stream = await obj.OpenRangeAsync(offset, length, cancellationToken);
            try
            {
                await stream.ReadExactlyAsync(buffer[..(int)length], cancellationToken);
                return (int)length;
            }
            catch (StorageException e) when (attempt < bodyRetries && e.Status is StorageStatus.Unavailable or StorageStatus.Timeout)
            {
                // Broke off mid-body: the next attempt opens the range again.
            }
        }
    }
}
