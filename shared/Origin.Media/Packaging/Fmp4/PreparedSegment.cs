using System.Buffers;
using Origin.Media.Boxes;
using Origin.Media.Bytes;
using Origin.Media.Presentation;
using Origin.Storage;

namespace Origin.Media.Packaging.Fmp4;

/// <summary>
/// A media segment ready to send: its header bytes (styp/moof/mdat header) are built, its length is known, and its
/// sample bytes are still in storage, to be copied through one pooled buffer when the response is written.
/// </summary>
public sealed class PreparedSegment : IAsyncDisposable
{
    /// <summary>Gaps smaller than this between sample runs of a progressive file are read through rather than
    /// costing another round trip (interleaved audio between video chunks).</summary>
    public const long CoalesceGap = 64 * 1024;
    const int CopyBufferSize = 128 * 1024;
    const int MaxMoofSize = 16 << 20;

    readonly IStorageObject _source;
    readonly Stream? _fragment;
    readonly long _fragmentPosition;
    readonly List<ByteRange> _ranges;
    /// <summary>A progressive segment's sample runs, one range read each; the first is opened while preparing.</summary>
    List<Run> _runs = [];
    Stream? _firstRun;

    PreparedSegment(byte[] header, long payloadLength, IStorageObject source, List<ByteRange> ranges, Stream? fragment, long fragmentPosition)
    {
        Header = header;
        PayloadLength = payloadLength;
        _source = source;
        _ranges = ranges;
        _fragment = fragment;
        _fragmentPosition = fragmentPosition;
    }

    public byte[] Header { get; }
    public long PayloadLength { get; }

    /// <summary>Storage round trips writing the body will still make (new range reads; the first one is already open).</summary>
    public int PendingReads { get; private init; }
    /// <summary>Storage bytes writing the body will still read, gaps between sample runs included.</summary>
    public long PendingBytes { get; private init; }
    public long ContentLength => Header.Length + PayloadLength;

    public static async Task<PreparedSegment> PrepareAsync(IStorageObject source, PresentationTrack track, int segment,
        SegmentStyle style, CancellationToken cancellationToken)
    {
        var index = track.Index;
        uint sequence = (uint)segment + 1;
        if (index.Fragments is { } fragments)
        {
            // One range read from this fragment's moof to the next: the moof is parsed from its head, the samples
            // stream on from the same read.
            long offset = fragments.Offsets[segment], length = fragments.Lengths[segment];
            var stream = await source.OpenRangeAsync(offset, length, cancellationToken);
            try
            {
                var moofBytes = await ReadMoofAsync(stream, offset, length, cancellationToken);
                var moof = (ContainerBox)BoxParser.ReadOne(moofBytes, offset);
                var samples = FragmentSamples.Collect(moof, offset, length, index, fragments.Times[segment]);
                var header = MediaSegmentWriter.WriteHeader(samples, sequence, style);
                long end = samples.Ranges.Count > 0 ? samples.Ranges[^1].Offset + samples.Ranges[^1].Length : moofBytes.Length;
                return new PreparedSegment(header, samples.PayloadSize, source, samples.Ranges, stream, moofBytes.Length)
                {
                    PendingBytes = Math.Max(0, end - moofBytes.Length),
                };
            }
            catch
            {
                await stream.DisposeAsync();
                throw;
            }
        }
        var (first, count) = track.Segments.SampleRange(segment);
        var collected = ProgressiveSamples.Collect(index, first, count);
        var runs = Runs(collected.Ranges);
        // Whatever can fail is found before the headers go: samples the file does not hold are a format error, and
        // the first read is opened now, so a replaced or unreachable source is answered (or retried) cleanly
        // rather than cutting a response short.
        if (runs.Count > 0 && runs.Max(r => r.End) > source.Info.Length)
            throw new MediaFormatException($"sample data of segment {sequence} lies beyond the end of the file", BoxTypes.Stco);
        var firstRun = runs.Count > 0 ? await source.OpenRangeAsync(runs[0].Start, runs[0].End - runs[0].Start, cancellationToken) : null;
        return new PreparedSegment(MediaSegmentWriter.WriteHeader(collected, sequence, style), collected.PayloadSize, source, collected.Ranges, null, 0)
        {
            _runs = runs,
            _firstRun = firstRun,
            PendingReads = Math.Max(0, runs.Count - 1),
            PendingBytes = runs.Sum(r => r.End - r.Start),
        };
    }

    /// <summary>A run of sample ranges worth one range read: its first and last range and the byte span they cover.</summary>
    readonly record struct Run(int First, int Last, long Start, long End);

    static List<Run> Runs(List<ByteRange> ranges)
    {
        var runs = new List<Run>();
        int i = 0;
        while (i < ranges.Count)
        {
            int last = i;
            while (last + 1 < ranges.Count && ranges[last + 1].Offset >= ranges[last].Offset + ranges[last].Length
                   && ranges[last + 1].Offset - (ranges[last].Offset + ranges[last].Length) <= CoalesceGap) last++;
            runs.Add(new Run(i, last, ranges[i].Offset, ranges[last].Offset + ranges[last].Length));
            i = last + 1;
        }
        return runs;
    }

    static async Task<byte[]> ReadMoofAsync(Stream stream, long offset, long length, CancellationToken cancellationToken)
    {
        var head = new byte[8];
        await stream.ReadExactlyAsync(head, cancellationToken);
        if (!BoxHeader.TryRead(head, offset, length, out var header) || header.Type != BoxTypes.Moof)
            throw new MediaFormatException("fragment does not start with moof", 0, offset);
        if (header.Size > Math.Min(length, MaxMoofSize))
            throw new MediaFormatException($"moof of {header.Size} bytes does not fit its fragment", BoxTypes.Moof, offset);
        var moof = new byte[header.Size];
        head.CopyTo(moof, 0);
        await stream.ReadExactlyAsync(moof.AsMemory(8), cancellationToken);
        return moof;
    }

    /// <summary>Writes the header and then the samples, straight from storage.</summary>
    public async Task WriteToAsync(Stream destination, CancellationToken cancellationToken)
    {
        await destination.WriteAsync(Header, cancellationToken);
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            if (_fragment is not null) await CopyFragmentAsync(destination, buffer, cancellationToken);
            else await CopyProgressiveAsync(destination, buffer, cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Ranges are relative to the fragment's start and in increasing order: skip what lies between them.</summary>
    async Task CopyFragmentAsync(Stream destination, byte[] buffer, CancellationToken cancellationToken)
    {
        long position = _fragmentPosition;
        foreach (var range in _ranges)
        {
            if (range.Offset < position) throw new MediaFormatException("fragment samples are not in file order", BoxTypes.Trun);
            await CopyAsync(_fragment!, null, range.Offset - position, buffer, cancellationToken);
            await CopyAsync(_fragment!, destination, range.Length, buffer, cancellationToken);
            position = range.Offset + range.Length;
        }
    }

    /// <summary>Sample runs close together are fetched as one range read; far apart ones as separate reads.</summary>
    async Task CopyProgressiveAsync(Stream destination, byte[] buffer, CancellationToken cancellationToken)
    {
        foreach (var run in _runs)
        {
            var opened = _firstRun;
            _firstRun = null;
            await using var stream = opened ?? await _source.OpenRangeAsync(run.Start, run.End - run.Start, cancellationToken);
            long position = run.Start;
            for (int r = run.First; r <= run.Last; r++)
            {
                await CopyAsync(stream, null, _ranges[r].Offset - position, buffer, cancellationToken);
                await CopyAsync(stream, destination, _ranges[r].Length, buffer, cancellationToken);
                position = _ranges[r].Offset + _ranges[r].Length;
            }
        }
    }

    /// <summary>Moves <paramref name="count"/> bytes from source to destination, or discards them when it is null.</summary>
    static async Task CopyAsync(Stream source, Stream? destination, long count, byte[] buffer, CancellationToken cancellationToken)
    {
        while (count > 0)
        {
            int n = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count)), cancellationToken);
            if (n == 0) throw new StorageException(StorageStatus.Unavailable, "storage ended before the segment did");
            if (destination is not null) await destination.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
            count -= n;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_fragment is not null) await _fragment.DisposeAsync();
        if (_firstRun is not null) await _firstRun.DisposeAsync();
    }
}
