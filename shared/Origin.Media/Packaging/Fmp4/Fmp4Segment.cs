using System.Buffers;
using System.IO.Pipelines;
using Origin.Media.Boxes;
using Origin.Media.Bytes;
using Origin.Media.Packaging.Samples;
using Origin.Media.Presentation;
using Origin.Storage;

namespace Origin.Media.Packaging.Fmp4;

/// <summary>
/// The fMP4 muxer: a media segment ready to send. Its header ([styp] moof mdat-header) is built from the samples
/// the reader announced, with the sizes the transforms will give them, so its length is known before the first
/// sample byte is read; the samples then stream from the reader through the transforms to the response. With no
/// transform the bytes go across in large pooled chunks, as a copy; with transforms, sample by sample. Where a
/// transform's sizes depend on the bytes, every sample is read and transformed into pooled memory first, once, and
/// the header then says what was built.
/// </summary>
public sealed class Fmp4Segment : ISegmentBody
{
    const int CopyBufferSize = SegmentBodyExtensions.BlockSize;
    /// <summary>No real sample comes near this; a transform holds one in memory, so a lying size is refused.</summary>
    const int MaxTransformedSample = 64 << 20;
    /// <summary>A segment built in memory is refused beyond this: 4 s at 100 Mbit/s is 50 MB.</summary>
    public const int MaxBuiltPayload = 96 << 20;

    readonly SegmentSampleReader _reader;
    readonly IReadOnlyList<ISampleTransform> _transforms;
    readonly SegmentSamples _output;
    readonly PooledBufferWriter? _built;

    Fmp4Segment(SegmentSampleReader reader, IReadOnlyList<ISampleTransform> transforms, SegmentSamples output, byte[] header, PooledBufferWriter? built)
    {
        _reader = reader;
        _transforms = transforms;
        _output = output;
        _built = built;
        Header = header;
    }

    public byte[] Header { get; }
    public long PayloadLength => _output.PayloadSize;
    public long ContentLength => Header.Length + PayloadLength;
    public int PendingReads => _built is null ? _reader.PendingReads : 0;
    public long PendingBytes => _built is null ? _reader.PendingBytes : 0;

    /// <summary>
    /// Reads segment <paramref name="segment"/> (0-based) of <paramref name="track"/> as an fMP4 media segment; the
    /// segment owns <paramref name="transforms"/> from here and disposes those that are disposable.
    /// </summary>
    public static async Task<Fmp4Segment> PrepareAsync(IStorageObject source, PresentationTrack track, int segment, SegmentStyle style,
        IReadOnlyList<ISampleTransform>? transforms, CancellationToken cancellationToken)
    {
        transforms ??= [];
        var reader = await SegmentSampleReader.OpenAsync(source, track, segment, cancellationToken);
        try
        {
            uint sequenceNumber = (uint)segment + 1;
            if (transforms.Count == 0) return new Fmp4Segment(reader, transforms, reader.Samples, MediaSegmentWriter.WriteHeader(reader.Samples, sequenceNumber, style), null);
            var annotators = transforms.OfType<IFragmentAnnotator>().ToList();
            if (annotators.TrueForAll(a => a.KnownBeforeBytes) && KnownSizes(reader.Samples, transforms) is { } output)
                return new Fmp4Segment(reader, transforms, output, MediaSegmentWriter.WriteHeader(output, sequenceNumber, style, TrafBoxes(annotators, output)), null);
            var (built, samples) = await BuildAsync(reader, transforms, cancellationToken);
            return new Fmp4Segment(reader, transforms, samples, MediaSegmentWriter.WriteHeader(samples, sequenceNumber, style, TrafBoxes(annotators, samples)), built);
        }
        catch
        {
            await reader.DisposeAsync();
            foreach (var transform in transforms) (transform as IDisposable)?.Dispose();
            throw;
        }
    }

    /// <summary>The samples as the moof must describe them, each one's size after every transform; null when a
    /// transform cannot tell without the bytes.</summary>
    static SegmentSamples? KnownSizes(SegmentSamples input, IReadOnlyList<ISampleTransform> transforms)
    {
        var samples = new TrackRunSample[input.Samples.Length];
        for (int i = 0; i < samples.Length; i++)
        {
            var s = input.Samples[i];
            int? size = SampleSize(s, i);
            foreach (var t in transforms)
                if (size is { } known) size = t.OutputLength(i, known);
            if (size is not { } final) return null;
            samples[i] = s with { Size = (uint)final };
        }
        return With(input, samples);
    }

    static List<Box>? TrafBoxes(List<IFragmentAnnotator> annotators, SegmentSamples samples)
    {
        if (annotators.Count == 0) return null;
        var boxes = new List<Box>();
        foreach (var annotator in annotators) boxes.AddRange(annotator.TrafBoxes(samples.Samples.Length));
        return boxes;
    }

    static SegmentSamples With(SegmentSamples input, TrackRunSample[] samples) =>
        new() { DecodeTime = input.DecodeTime, Samples = samples, Ranges = input.Ranges };

    static int SampleSize(TrackRunSample sample, int index) => sample.Size <= MaxTransformedSample ? (int)sample.Size
        : throw new MediaFormatException($"sample {index} of {sample.Size} bytes is too large to transform", BoxTypes.Trun);

    /// <summary>Every sample read and passed through the transforms into one pooled payload; the sizes it came to.</summary>
    static async Task<(PooledBufferWriter Payload, SegmentSamples Samples)> BuildAsync(SegmentSampleReader reader, IReadOnlyList<ISampleTransform> transforms, CancellationToken cancellationToken)
    {
        var input = reader.Samples.Samples;
        var payload = new PooledBufferWriter((int)Math.Min(reader.Samples.PayloadSize + 1024, MaxBuiltPayload));
        try
        {
            var sizes = new TrackRunSample[input.Length];
            await ForEachSampleAsync(reader, transforms, payload, cancellationToken, (i, length) =>
            {
                if (payload.WrittenCount > MaxBuiltPayload)
                    throw new MediaFormatException($"the segment grows past {MaxBuiltPayload} bytes", BoxTypes.Mdat);
                sizes[i] = input[i] with { Size = (uint)length };
                return ValueTask.CompletedTask;
            });
            return (payload, With(reader.Samples, sizes));
        }
        catch
        {
            payload.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Each sample read whole and passed through the transforms in turn, the last one appending to
    /// <paramref name="output"/> (those before it through two pooled writers, swapped); <paramref name="written"/>
    /// hears each sample's index and output length as it is appended.
    /// </summary>
    static async Task ForEachSampleAsync(SegmentSampleReader reader, IReadOnlyList<ISampleTransform> transforms, PooledBufferWriter output,
        CancellationToken cancellationToken, Func<int, int, ValueTask> written)
    {
        var input = reader.Samples.Samples;
        int largest = 1;
        for (int i = 0; i < input.Length; i++) largest = Math.Max(largest, SampleSize(input[i], i));
        using PooledBufferWriter a = new(transforms.Count > 1 ? largest : 1), b = new(transforms.Count > 2 ? largest : 1);
        for (int i = 0; i < input.Length; i++)
        {
            var sample = await reader.ReadSampleAsync((int)input[i].Size, cancellationToken);
            var (from, to) = ((PooledBufferWriter?)null, a);
            for (int t = 0; t < transforms.Count - 1; t++)
            {
                to.Reset();
                transforms[t].Apply(i, from is null ? sample.Span : from.WrittenSpan, to);
                (from, to) = (to, to == a ? b : a);
            }
            int before = output.WrittenCount;
            transforms[^1].Apply(i, from is null ? sample.Span : from.WrittenSpan, output);
            await written(i, output.WrittenCount - before);
        }
    }

    /// <summary>Writes the header and then the samples; with no transform, storage reads land in the writer's memory.</summary>
    public async Task WriteToAsync(PipeWriter destination, CancellationToken cancellationToken)
    {
        destination.Write(Header);
        if (_built is not null) await destination.WriteAsync(_built.WrittenMemory, cancellationToken);
        else if (_transforms.Count == 0) await _reader.CopyToAsync(destination, CopyBufferSize, cancellationToken);
        else await StreamTransformedAsync(destination, cancellationToken);
    }

    /// <summary>Transformed samples go out in blocks of about <see cref="CopyBufferSize"/>, not one write per sample.</summary>
    async Task StreamTransformedAsync(PipeWriter destination, CancellationToken cancellationToken)
    {
        using var pending = new PooledBufferWriter(CopyBufferSize + 4096);
        await ForEachSampleAsync(_reader, _transforms, pending, cancellationToken, async (i, length) =>
        {
            if (length != _output.Samples[i].Size)
                throw new InvalidOperationException($"a transform wrote {length} bytes for sample {i}, not the {_output.Samples[i].Size} it announced");
            if (pending.WrittenCount < CopyBufferSize) return;
            await destination.WriteAsync(pending.WrittenMemory, cancellationToken);
            pending.Reset();
        });
        await destination.WriteAsync(pending.WrittenMemory, cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        _built?.Dispose();
        foreach (var transform in _transforms) (transform as IDisposable)?.Dispose();
        return _reader.DisposeAsync();
    }
}
