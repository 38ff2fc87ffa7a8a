namespace Origin.Storage;

/// <summary>
/// An object opened together with its first bytes, which the opening round trip asked for (the same response gave
/// its length and validator): reads that fall within them cost no round trip. A server manifest is read whole this
/// way, and an MP4's first window, where its index starts.
/// </summary>
public sealed class HeadedObject(IStorageObject inner, byte[] head) : IStorageObject
{
    public string Path => inner.Path;
    public StorageObjectInfo Info => inner.Info;
    public int HeadLength => head.Length;

    public ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        long length = Math.Min(buffer.Length, Info.Length - offset);
        if (!Within(offset, length)) return inner.ReadAsync(offset, buffer, cancellationToken);
        head.AsSpan((int)offset, (int)length).CopyTo(buffer.Span);
        return ValueTask.FromResult((int)length);
    }

    public ValueTask<Stream> OpenRangeAsync(long offset, long length, CancellationToken cancellationToken) =>
        Within(offset, length) ? ValueTask.FromResult<Stream>(new MemoryStream(head, (int)offset, (int)length, writable: false))
            : inner.OpenRangeAsync(offset, length, cancellationToken);

    bool Within(long offset, long length) => offset >= 0 && length >= 0 && offset + length <= head.Length;

    /// <summary>Reads the first <paramref name="count"/> bytes of a body that starts at the object's first byte.</summary>
    public static async Task<byte[]> ReadHeadAsync(Stream body, long count, CancellationToken cancellationToken)
    {
        var head = new byte[count];
        await body.ReadExactlyAsync(head, cancellationToken);
        return head;
    }

    /// <summary>The total length in a Content-Range value (<c>bytes 0-65535/1234567</c>); null when absent or unknown.</summary>
    public static long? TotalLength(string? contentRange) =>
        contentRange is { } range && range.LastIndexOf('/') is >= 0 and var slash
            && long.TryParse(range.AsSpan(slash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var total)
            ? total : null;
}
