using System.IO.Pipelines;

namespace Origin.Media.Packaging;

/// <summary>
/// A media segment ready to send: its length is known before its first byte, and it writes itself into a pipe, the
/// response's own (Kestrel's: what is read from storage lands in the memory the socket sends from) or one over a stream.
/// </summary>
public interface ISegmentBody : IAsyncDisposable
{
    long ContentLength { get; }
    /// <summary>Storage round trips writing the body will still make, and their bytes.</summary>
    int PendingReads { get; }
    long PendingBytes { get; }
    Task WriteToAsync(PipeWriter destination, CancellationToken cancellationToken);
}

public static class SegmentBodyExtensions
{
    /// <summary>Pipe memory handed out at a time: a storage read or a block of packets fills one.</summary>
    public const int BlockSize = 128 * 1024;

    /// <summary>Writes the segment to a stream (a file, a test's buffer, an encrypting stream), which stays open.</summary>
    public static async Task WriteToAsync(this ISegmentBody body, Stream destination, CancellationToken cancellationToken)
    {
        var writer = PipeWriter.Create(destination, new StreamPipeWriterOptions(minimumBufferSize: BlockSize, leaveOpen: true));
        await body.WriteToAsync(writer, cancellationToken);
        await writer.CompleteAsync();
    }
}
