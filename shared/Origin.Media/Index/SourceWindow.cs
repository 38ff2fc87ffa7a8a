using Origin.Media.Boxes;
using Origin.Media.Bytes;
using Origin.Storage;

namespace Origin.Media.Index;

/// <summary>
/// Reads a source in windows: one storage round trip fetches a generous block, and later look-ups that fall inside
/// it cost nothing. Finding moov and the fragment index is a handful of such windows whatever the file's layout.
/// </summary>
internal sealed class SourceWindow(IStorageObject source, int windowSize)
{
    /// <summary>No metadata box we read whole (moov, moof, mfra) may be larger than this.</summary>
    public const int MaxMetadataBoxSize = 64 << 20;

    // The head window stays: moov and the first moof are asked for again after the tail (mfra) has been read.
    byte[] _head = [];
    byte[] _bytes = [];
    long _start;

    public long Length => source.Info.Length;
    public int Reads { get; private set; }

    /// <summary>Bytes [offset, offset+count) of the source, fewer at its end; fetched only if not already in the window.</summary>
    public async ValueTask<ReadOnlyMemory<byte>> GetAsync(long offset, int count, CancellationToken cancellationToken)
    {
        // Offsets come from the file (tfra, box sizes): check them in 64-bit arithmetic before anything is sized by them.
        if (offset < 0 || offset > Length || count < 0)
            throw new MediaFormatException("points outside the source", 0, offset);
        count = (int)Math.Min(count, Length - offset);
        if (offset + count <= _head.Length)
            return _head.AsMemory((int)offset, count);
        if (offset >= _start && offset + count <= _start + _bytes.Length)
            return _bytes.AsMemory((int)(offset - _start), count);
        int size = (int)Math.Min(Math.Max(count, windowSize), Length - offset);
        var bytes = new byte[size];
        int read = await source.ReadAsync(offset, bytes, cancellationToken);
        Reads++;
        if (read < count) throw new MediaFormatException($"source ended after {read} of {count} bytes", 0, offset);
        _bytes = read == size ? bytes : bytes[..read];
        _start = offset;
        if (offset == 0) _head = _bytes;
        return _bytes.AsMemory(0, count);
    }

    /// <summary>
    /// Keeps the whole source in the head window (one read unless it already is): for small files read box by box,
    /// such as an index MP4 whose every moof is visited.
    /// </summary>
    public async ValueTask LoadWholeAsync(long maxBytes, CancellationToken cancellationToken)
    {
        if (Length > maxBytes) throw new MediaFormatException($"index file of {Length} bytes is larger than the {maxBytes} allowed");
        if (_head.Length >= Length) return;
        var bytes = new byte[Length];
        int read = await source.ReadAsync(0, bytes, cancellationToken);
        Reads++;
        if (read < Length) throw new MediaFormatException($"source ended after {read} of {Length} bytes");
        _head = _bytes = bytes;
        _start = 0;
    }

    /// <summary>
    /// Reads the tail of the source into the window (where mfra lives): four windows of it, so the mfro read first
    /// and the mfra before it (tens of KB for an hour of 2 s fragments, more with short fragments or many tracks)
    /// come in one read, which costs far less than a second round trip.
    /// </summary>
    public ValueTask<ReadOnlyMemory<byte>> GetTailAsync(int count, CancellationToken cancellationToken)
    {
        long offset = Math.Max(0, Length - Math.Max(count, 4L * windowSize));
        return GetAsync(offset, (int)(Length - offset), cancellationToken);
    }

    /// <summary>The header of the box at <paramref name="offset"/>, or null if fewer than 8 bytes remain.</summary>
    public async ValueTask<BoxHeader?> GetHeaderAsync(long offset, CancellationToken cancellationToken)
    {
        var bytes = await GetAsync(offset, 16, cancellationToken);
        return BoxHeader.TryRead(bytes.Span, offset, Length - offset, out var header) ? header : null;
    }

    /// <summary>A whole metadata box, parsed.</summary>
    public async ValueTask<Box> GetBoxAsync(long offset, BoxHeader header, CancellationToken cancellationToken)
    {
        if (header.Size > MaxMetadataBoxSize)
            throw new MediaFormatException($"box of {header.Size} bytes is larger than the {MaxMetadataBoxSize} allowed", header.Type, offset);
        if (offset + header.Size > Length)
            throw new MediaFormatException($"box of {header.Size} bytes runs past the end of the file", header.Type, offset);
        var bytes = await GetAsync(offset, (int)header.Size, cancellationToken);
        return BoxParser.ReadOne(bytes.Span, offset);
    }
}
