using Origin.Media.Index;
using Origin.Serving.Routing;

namespace Origin.Serving.Responses;

public static class ContentTypes
{
    public const string Hls = "application/vnd.apple.mpegurl";
    public const string Dash = "application/dash+xml";
    public const string Smooth = "text/xml; charset=utf-8";
    public const string Problem = "application/problem+json";
    public const string TransportStream = "video/mp2t";
    public const string WebVtt = "text/vtt; charset=utf-8";

    public static string ForManifest(OutputFormat format) => format switch
    {
        OutputFormat.Hls => Hls,
        OutputFormat.Dash => Dash,
        _ => Smooth,
    };

    public static string ForMedia(TrackKind kind) => kind.Mp4MimeType();
}
