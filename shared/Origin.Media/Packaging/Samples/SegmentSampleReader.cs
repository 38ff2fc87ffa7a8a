using System.Buffers;
using System.IO.Pipelines;
using Origin.Media.Boxes;
using Origin.Media.Bytes;
using Origin.Media.Presentation;
using Origin.Storage;

namespace Origin.Media.Packaging.Samples;

/// <summary>
/// The first stage of every segment: which samples it holds (known before a byte of them is read) and their bytes,
/// in sample order, from as few range reads as the source allows. A fragmented source costs one range read, from
/// its moof to the next (the moof is parsed from its head, the samples stream on from the same read); a progressive
/// one a read per run of nearby samples, the first opened before the headers go, so a replaced or unreachable source
/// is answered cleanly rather than cut short. Both are the same thing here: runs of byte ranges, read in turn.
/// </summary>
public sealed class SegmentSampleReader : IAsyncDisposable
{
    /// <summary>Gaps smaller than this between sample runs of a progressive file are read through rather than
    /// costing another round trip (interleaved audio between video chunks).</summary>
    public const long CoalesceGap = 64 * 1024;
    const int MaxMoofSize = 16 << 20;
    const int SkipBufferSize = 16 * 1024;
    /// <summary>How much <see cref="ReadSampleAsync"/> reads ahead at a time.</summary>
    const int StageSize = 128 * 1024;

    /// <summary>Ranges <see cref="First"/>..<see cref="Last"/>, covered by one range read from Start to End.</summary>
    readonly record struct Run(int First, int Last, long Start, long End);

    readonly IStorageObject _source;
    readonly List<ByteRange> _ranges;
    readonly List<Run> _runs;
    Stream? _stream;
    int _run = -1;
    int _range;
    long _position;
    long _left;
    byte[]? _skip;
    byte[]? _stage;
    int _stageStart, _stageEnd;

    SegmentSampleReader(IStorageObject source, SegmentSamples samples, List<Run> runs, Stream? opened)
    {
        _source = source;
        Samples = samples;
        _ranges = samples.Ranges;
        _runs = runs;
        _stream = opened;
    }

    public SegmentSamples Samples { get; }
    /// <summary>Storage round trips reading the samples will still make (the first read is already open).</summary>
    public int PendingReads { get; private init; }
    /// <summary>Storage bytes reading the samples will still take, gaps between sample runs included.</summary>
    public long PendingBytes { get; private init; }

    /// <summary>Opens the samples of output segment <paramref name="segment"/> of <paramref name="track"/>.</summary>
    public static Task<SegmentSampleReader> OpenAsync(IStorageObject source, PresentationTrack track, int segment, CancellationToken cancellationToken) =>
        track.Index.Fragments is not null ? OpenFragmentAsync(source, track, segment, cancellationToken) : OpenProgressiveAsync(source, track, segment, cancellationToken);

    static async Task<SegmentSampleReader> OpenFragmentAsync(IStorageObject source, PresentationTrack track, int segment, CancellationToken cancellationToken)
    {
        var fragments = track.Index.Fragments!;
        int fragment = track.Segments.SourceFragment(segment);
        long offset = fragments.Offsets[fragment], length = fragments.Lengths[fragment];
        var stream = await source.OpenRangeAsync(offset, length, cancellationToken);
        try
        {
            var moofBytes = await ReadMoofAsync(stream, offset, length, cancellationToken);
            var moof = (ContainerBox)BoxParser.ReadOne(moofBytes, offset);
            var samples = FragmentSamples.Collect(moof, offset, length, track.Index, fragments.Times[fragment]).Shifted(track.Segments.TimeShift);
            if (track.Segments.End is { } clipEnd) samples = samples.Until(clipEnd);
            // A trick-play segment is its fragment's sync sample; the read stops after it.
            if (track.KeyframesOnly) samples = samples.FirstOnly(track.Segments.Durations[segment]);
            long end = samples.Ranges.Count > 0 ? samples.Ranges[^1].Offset + samples.Ranges[^1].Length : moofBytes.Length;
            // Ranges count from the moof's first byte; the open read stands just past the moof.
            return new SegmentSampleReader(source, samples, [new Run(0, samples.Ranges.Count - 1, moofBytes.Length, end)], stream)
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

    static async Task<SegmentSampleReader> OpenProgressiveAsync(IStorageObject source, PresentationTrack track, int segment, CancellationToken cancellationToken)
    {
        var (first, count) = track.Segments.SampleRange(segment);
        var samples = track.KeyframesOnly
            ? ProgressiveSamples.Collect(track.Index, first, 1).FirstOnly(track.Segments.Durations[segment])
            : ProgressiveSamples.Collect(track.Index, first, count);
        samples = samples.Shifted(track.Segments.TimeShift);
        var runs = Runs(samples.Ranges);
        long end = 0;
        foreach (var run in runs) end = Math.Max(end, run.End);
        // Whatever can fail is found before the headers go: samples the file does not hold are a format error.
        if (end > source.Info.Length)
            throw new MediaFormatException($"sample data of segment {segment + 1} lies beyond the end of the file", BoxTypes.Stco);
        long bytes = 0;
        foreach (var run in runs) bytes += run.End - run.Start;
        var opened = runs.Count > 0 ? await source.OpenRangeAsync(runs[0].Start, runs[0].End - runs[0].Start, cancellationToken) : null;
        return new SegmentSampleReader(source, samples, runs, opened) { PendingReads = Math.Max(0, runs.Count - 1), PendingBytes = bytes };
    }

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

    /// <summary>
    /// Reads the next sample bytes, in sample order, into <paramref name="buffer"/>: up to its length, 0 at the end.
    /// What lies between the samples (other tracks, gaps read through) is passed over.
    /// </summary>
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (_left == 0)
        {
            if (_range >= _ranges.Count || buffer.Length == 0) return 0;
            if (_run < 0 || _range > _runs[_run].Last) await NextRunAsync(cancellationToken);
            var next = _ranges[_range];
            if (next.Offset < _position) throw new MediaFormatException("samples are not in file order", BoxTypes.Trun);
            await SkipAsync(next.Offset - _position, cancellationToken);
            (_left, _range) = (next.Length, _range + 1);
        }
        int n = await _stream!.ReadAsync(buffer[..(int)Math.Min(buffer.Length, _left)], cancellationToken);
        if (n == 0) throw new StorageException(StorageStatus.Unavailable, "storage ended before the segment did");
        _left -= n;
        _position += n;
        return n;
    }

    /// <summary>
    /// Copies every remaining sample byte to <paramref name="destination"/>, read from storage straight into the
    /// writer's own memory (a response's pipe: no second buffer, no copy between them), flushed every
    /// <paramref name="flushEvery"/> bytes: the path with no transform, a range at a time, no per-read bookkeeping.
    /// </summary>
    public async Task CopyToAsync(PipeWriter destination, int flushEvery, CancellationToken cancellationToken)
    {
        if (_left > 0 || _range > 0) throw new InvalidOperationException("the samples were partly read already");
        while (_range < _ranges.Count)
        {
            if (_run < 0 || _range > _runs[_run].Last) await NextRunAsync(cancellationToken);
            var next = _ranges[_range++];
            if (next.Offset < _position) throw new MediaFormatException("samples are not in file order", BoxTypes.Trun);
            await SkipAsync(next.Offset - _position, cancellationToken);
            await CopyAsync(next.Length, destination, flushEvery, cancellationToken);
        }
        await destination.FlushAsync(cancellationToken);
    }

    async Task CopyAsync(long count, PipeWriter destination, int flushEvery, CancellationToken cancellationToken)
    {
        _position += count;
        int unflushed = 0;
        while (count > 0)
        {
            var memory = destination.GetMemory((int)Math.Min(flushEvery, count));
            int n = await _stream!.ReadAsync(memory[..(int)Math.Min(memory.Length, count)], cancellationToken);
            if (n == 0) throw new StorageException(StorageStatus.Unavailable, "storage ended before the segment did");
            destination.Advance(n);
            count -= n;
            if ((unflushed += n) < flushEvery) continue;
            var flushed = await destination.FlushAsync(cancellationToken);
            if (flushed.IsCanceled || flushed.IsCompleted) throw new OperationCanceledException("the response was closed");
            unflushed = 0;
        }
    }

    /// <summary>
    /// The next whole sample of <paramref name="length"/> bytes, valid until the next call. Samples are cut from
    /// large staged reads, so a segment of small samples costs a read per block, not per sample.
    /// </summary>
    public async ValueTask<ReadOnlyMemory<byte>> ReadSampleAsync(int length, CancellationToken cancellationToken)
    {
        if (_stageEnd - _stageStart < length)
        {
            if (_stage is null || _stage.Length < length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Max(StageSize, length));
                if (_stage is not null)
                {
                    _stage.AsSpan(_stageStart, _stageEnd - _stageStart).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(_stage);
                }
                (_stage, _stageEnd, _stageStart) = (larger, _stageEnd - _stageStart, 0);
            }
            else
            {
                _stage.AsSpan(_stageStart, _stageEnd - _stageStart).CopyTo(_stage);
                (_stageEnd, _stageStart) = (_stageEnd - _stageStart, 0);
            }
            while (_stageEnd < length)
            {
                int n = await ReadAsync(_stage.AsMemory(_stageEnd), cancellationToken);
                if (n == 0) throw new MediaFormatException("a segment's samples ended before their sizes said", BoxTypes.Trun);
                _stageEnd += n;
            }
        }
        var sample = _stage!.AsMemory(_stageStart, length);
        _stageStart += length;
        return sample;
    }

    async ValueTask NextRunAsync(CancellationToken cancellationToken)
    {
        var opened = _run < 0 ? _stream : null;
        if (opened is null && _stream is not null) await _stream.DisposeAsync();
        var run = _runs[++_run];
        _stream = opened ?? await _source.OpenRangeAsync(run.Start, run.End - run.Start, cancellationToken);
        _position = run.Start;
    }

    async ValueTask SkipAsync(long count, CancellationToken cancellationToken)
    {
        if (count == 0) return;
        _skip ??= ArrayPool<byte>.Shared.Rent(SkipBufferSize);
        while (count > 0)
        {
            int n = await _stream!.ReadAsync(_skip.AsMemory(0, (int)Math.Min(_skip.Length, count)), cancellationToken);
            if (n == 0) throw new StorageException(StorageStatus.Unavailable, "storage ended before the segment did");
            count -= n;
            _position += n;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stream is not null) await _stream.DisposeAsync();
        _stream = null;
        if (_skip is not null) ArrayPool<byte>.Shared.Return(_skip);
        _skip = null;
        if (_stage is not null) ArrayPool<byte>.Shared.Return(_stage);
        _stage = null;
    }
}
