namespace Origin.Media.Index;

/// <summary>How manifests and responses name a track kind.</summary>
public static class TrackKinds
{
    /// <summary>"video", "audio" or "text": DASH's AdaptationSet@contentType and Smooth's StreamIndex@Type.</summary>
    public static string ContentType(this TrackKind kind) => kind switch
    {
        TrackKind.Video => "video",
        TrackKind.Audio => "audio",
        _ => "text",
    };

    /// <summary>The MIME type of the track's fMP4 segments (DASH's @mimeType, a segment's Content-Type).</summary>
    public static string Mp4MimeType(this TrackKind kind) => kind switch
    {
        TrackKind.Video => "video/mp4",
        TrackKind.Audio => "audio/mp4",
        _ => "application/mp4",
    };
}
