using System.Globalization;

namespace Origin.Media.Packaging.Naming;

/// <summary>
/// Output file names, relative to the asset's <c>name.ism/</c> base, in Unified Origin's scheme; the URL parser
/// reads back exactly what these write.
/// </summary>
public static class OutputNames
{
    public const string HlsMaster = ".m3u8";
    public const string DashManifest = ".mpd";
    public const string SmoothManifest = "Manifest";

    public static string HlsMediaPlaylist(string asset, string trackKey) => $"{asset}-{trackKey}.m3u8";
    public static string HlsInit(string asset, string trackKey) => $"{asset}-{trackKey}.m4s";
    public static string HlsSegment(string asset, string trackKey, int number) =>
        string.Create(CultureInfo.InvariantCulture, $"{asset}-{trackKey}-{number}.m4s");

    /// <summary>
    /// A WebVTT segment of a subtitle track. Unified names them <c>.webvtt</c>, which the URL parser accepts too; the
    /// origin writes <c>.vtt</c>, the extension ffmpeg's HLS reader requires of WebVTT segments.
    /// </summary>
    public static string HlsSubtitleSegment(string asset, string trackKey, int number) =>
        string.Create(CultureInfo.InvariantCulture, $"{asset}-{trackKey}-{number}.vtt");

    /// <summary>An MPEG-TS variant's playlist: the audio muxed into it, if any, then the track, as Unified names them.</summary>
    public static string HlsTsPlaylist(string asset, string? audioKey, string trackKey) =>
        audioKey is null ? $"{asset}-{trackKey}.m3u8" : $"{asset}-{audioKey}-{trackKey}.m3u8";
    public static string HlsTsSegment(string asset, string? audioKey, string trackKey, int number) =>
        audioKey is null ? string.Create(CultureInfo.InvariantCulture, $"{asset}-{trackKey}-{number}.ts")
            : string.Create(CultureInfo.InvariantCulture, $"{asset}-{audioKey}-{trackKey}-{number}.ts");

    public static string DashInitTemplate(string asset) => $"dash/{asset}-$RepresentationID$.dash";
    public static string DashMediaTemplate(string asset) => $"dash/{asset}-$RepresentationID$-$Time$.dash";

    public static string SmoothFragmentsTemplate(string streamName) => $"QualityLevels({{bitrate}})/Fragments({streamName}={{start time}})";

    public static string Seconds(double seconds) => seconds.ToString("0.000###", CultureInfo.InvariantCulture);
}
