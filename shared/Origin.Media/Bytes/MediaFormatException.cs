namespace Origin.Media.Bytes;

/// <summary>Malformed media: names the box and the byte offset where reading stopped, so a bad upload is diagnosable.</summary>
public sealed class MediaFormatException(string message, uint boxType = 0, long offset = -1)
    : Exception(Describe(message, boxType, offset))
{
    public uint BoxType { get; } = boxType;
    public long Offset { get; } = offset;

    static string Describe(string message, uint boxType, long offset) =>
        (boxType, offset) switch
        {
            (0, < 0) => message,
            (0, _) => $"{message} at offset {offset}",
            (_, < 0) => $"{FourCC.ToString(boxType)}: {message}",
            _ => $"{FourCC.ToString(boxType)}: {message} at offset {offset}",
        };
}
