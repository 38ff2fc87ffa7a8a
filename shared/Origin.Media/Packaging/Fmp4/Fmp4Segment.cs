using System.Buffers;
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
/// transform the bytes go across in large pooled chunks, as a copy; with transforms, sample by sample.
/// </summary>
public sealed class Fmp4Segment : IAsyncDisposable
{
    const int CopyBufferSize = 128 * 1024;
    /// <summary>No real sample comes near this; a transform holds one in memory, so a lying size is refused.</summary>
    const int MaxTransformedSample = 64 << 20;

    readonly SegmentSampleReader _reader;
    readonly IReadOnlyList<ISampleTransform> _transforms;
    readonly SegmentSamples _output;

    Fmp4Segment(SegmentSampleReader reader, IReadOnlyList<ISampleTransform> transforms, SegmentSamples output, byte[] header)
    {
        _reader = reader;
        _transforms = transforms;
        _output = output;
        Header = header;
    }

    public byte[] Header { get; }
    public long PayloadLength => _output.PayloadSize;
    public long ContentLength => Header.Length + PayloadLength;
    public int PendingReads => _reader.PendingReads;
    public long PendingBytes => _reader.PendingBytes;

    /// <summary>Reads segment <paramref name="segment"/> (0-based) of <paramref name="track"/> as an fMP4 media segment.</summary>
    public static async Task<Fmp4Segment> PrepareAsync(IStorageObject source, PresentationTrack track, int segment, SegmentStyle style,
        IReadOnlyList<ISampleTransform>? transforms, CancellationToken cancellationToken)
    {
        var reader = await SegmentSampleReader.OpenAsync(source, track, segment, cancellationToken);
        try
        {
            return Frame(reader, (uint)segment + 1, style, transforms ?? []);
        }
        catch
        {
            await reader.DisposeAsync();
            throw;
        }
    }

    /// <summary>Takes ownership of <paramref name="reader"/>.</summary>
    public static Fmp4Segment Frame(SegmentSampleReader reader, uint sequenceNumber, SegmentStyle style, IReadOnlyList<ISampleTransform> transforms)
    {
        var output = transforms.Count == 0 ? reader.Samples : Transformed(reader.Samples, transforms);
        return new Fmp4Segment(reader, transforms, output, MediaSegmentWriter.WriteHeader(output, sequenceNumber, style));
    }

    /// <summary>The samples as the moof must describe them: each one's size after every transform.</summary>
    static SegmentSamples Transformed(SegmentSamples input, IReadOnlyList<ISampleTransform> transforms)
    {
        var samples = new TrackRunSample[input.Samples.Length];
        for (int i = 0; i < samples.Length; i++)
        {
            var s = input.Samples[i];
            if (s.Size > MaxTransformedSample) throw new MediaFormatException($"sample {i} of {s.Size} bytes is too large to transform", BoxTypes.Trun);
            int size = (int)s.Size;
            foreach (var t in transforms) size = t.OutputLength(i, size);
            samples[i] = s with { Size = (uint)size };
        }
        return new SegmentSamples { DecodeTime = input.DecodeTime, Samples = samples, Ranges = input.Ranges };
    }

    /// <summary>Writes the header and then the samples.</summary>
    public async Task WriteToAsync(Stream destination, CancellationToken cancellationToken)
    {
        await destination.WriteAsync(Header, cancellationToken);
        if (_transforms.Count == 0) await CopyAsync(destination, cancellationToken);
        else await TransformAsync(destination, cancellationToken);
    }

    async Task CopyAsync(Stream destination, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            await _reader.CopyToAsync(destination, buffer, cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Each sample read whole, passed through the transforms in turn (two pooled buffers, swapped), written.</summary>
    async Task TransformAsync(Stream destination, CancellationToken cancellationToken)
    {
        var input = _reader.Samples.Samples;
        int largest = 1; // every stage of every sample fits the two buffers
        for (int i = 0; i < input.Length; i++)
        {
            int size = (int)input[i].Size;
            largest = Math.Max(largest, size);
            foreach (var transform in _transforms) largest = Math.Max(largest, size = transform.OutputLength(i, size));
        }
        byte[] a = ArrayPool<byte>.Shared.Rent(largest), b = ArrayPool<byte>.Shared.Rent(largest);
        try
        {
            for (int i = 0; i < input.Length; i++)
            {
                int length = (int)input[i].Size;
                await _reader.ReadExactlyAsync(a.AsMemory(0, length), cancellationToken);
                foreach (var transform in _transforms)
                {
                    int next = transform.OutputLength(i, length);
                    transform.Apply(i, a.AsSpan(0, length), b.AsSpan(0, next));
                    (a, b, length) = (b, a, next);
                }
                await destination.WriteAsync(a.AsMemory(0, length), cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(a);
            ArrayPool<byte>.Shared.Return(b);
        }
    }

    public ValueTask DisposeAsync() => _reader.DisposeAsync();
}
