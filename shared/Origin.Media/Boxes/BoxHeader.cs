using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>A box's size and type as read from its first 8 (or 16, or 32) bytes.</summary>
public readonly record struct BoxHeader(uint Type, long Size, int HeaderSize)
{
    public long ContentSize => Size - HeaderSize;

    /// <summary>
    /// Reads a header from the start of <paramref name="data"/>. Returns false when fewer bytes than the header are
    /// available. Size 0 ("to the end of the file") is resolved against <paramref name="bytesToEnd"/>.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> data, long offset, long bytesToEnd, out BoxHeader header)
    {
        header = default;
        if (data.Length < 8) return false;
        var reader = new BoxReader(data[..8], offset);
        long size = reader.ReadUInt32();
        uint type = reader.ReadUInt32();
        int headerSize = 8;
        if (size == 1)
        {
            if (data.Length < 16) return false;
            size = (long)Math.Min(new BoxReader(data.Slice(8, 8)).ReadUInt64(), long.MaxValue);
            headerSize = 16;
        }
        else if (size == 0)
        {
            size = bytesToEnd;
        }
        if (type == BoxTypes.Uuid) headerSize += 16;
        if (size < headerSize)
            throw new MediaFormatException($"box size {size} is smaller than its header", type, offset);
        header = new BoxHeader(type, size, headerSize);
        return true;
    }
}
