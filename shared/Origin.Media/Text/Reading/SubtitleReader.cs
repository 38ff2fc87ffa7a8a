namespace Origin.Media.Text.Reading;

/// <summary>Which reader a subtitle file needs, by its name: the formats a server manifest's textstream may name.</summary>
public static class SubtitleReader
{
    public enum Format { WebVtt, Srt, Ttml }

    /// <summary>The format a file name says, or null when it names no subtitle file.</summary>
    public static Format? FormatOf(string path)
    {
        var extension = Path.GetExtension(path.AsSpan());
        if (extension.Equals(".vtt", StringComparison.OrdinalIgnoreCase) || extension.Equals(".webvtt", StringComparison.OrdinalIgnoreCase)) return Format.WebVtt;
        if (extension.Equals(".srt", StringComparison.OrdinalIgnoreCase)) return Format.Srt;
        if (extension.Equals(".ttml", StringComparison.OrdinalIgnoreCase) || extension.Equals(".dfxp", StringComparison.OrdinalIgnoreCase)
            || extension.Equals(".xml", StringComparison.OrdinalIgnoreCase)) return Format.Ttml;
        return null;
    }

    public static bool IsSubtitleFile(string path) => FormatOf(path) is not null;

    public static SubtitleTrack Read(Format format, ReadOnlySpan<byte> bytes) => format switch
    {
        Format.WebVtt => WebVttReader.Read(bytes),
        Format.Srt => SrtReader.Read(bytes),
        _ => TtmlReader.Read(bytes),
    };
}
