using System.Text;
using Origin.Media.Packaging.Naming;
using Origin.Media.Presentation;

namespace Origin.Media.Packaging.Hls;

/// <summary>
/// A VOD media playlist of fMP4 segments with an EXT-X-MAP init segment (RFC 8216 4.4.3, 4.4.4.5) and, when
/// encrypted, its EXT-X-KEY (after the segments a clear lead leaves unencrypted); every URI of the origin's carries the request's <see cref="LinkQuery"/>.
/// </summary>
public static class HlsMediaPlaylist
{
    public static string Write(Presentation.Presentation presentation, PresentationTrack track, LinkQuery query = default) =>
        Write(presentation, track, query, OutputNames.HlsInit(presentation.Name, track.Key), n => OutputNames.HlsSegment(presentation.Name, track.Key, n));

    /// <summary>
    /// The playlist of <paramref name="track"/>'s segments named by <paramref name="segmentName"/> (1-based), with an
    /// EXT-X-MAP of <paramref name="init"/> (fMP4), or none (MPEG-TS, which needs version 4 only).
    /// </summary>
    public static string Write(Presentation.Presentation presentation, PresentationTrack track, LinkQuery query, string? init, Func<int, string> segmentName)
    {
        var segments = track.Segments;
        double timescale = track.Index.Timescale;
        double longest = segments.LongestSeconds(track.Index.Timescale);

        // EXTINF values rounded to the nearest integer must not exceed the target duration (RFC 8216 4.4.3.1).
        var text = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:").Append(init is null ? '4' : '7').Append('\n')
            .Append("#EXT-X-TARGETDURATION:").Append(Math.Max(1, (int)Math.Round(longest, MidpointRounding.AwayFromZero))).Append('\n')
            .Append("#EXT-X-MEDIA-SEQUENCE:1\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        // A trick-play track's segments hold one sync sample each: an I-frame playlist of per-picture resources.
        if (track.KeyframesOnly) text.Append("#EXT-X-I-FRAMES-ONLY\n");
        if (init is not null) text.Append("#EXT-X-MAP:URI=\"").Append(init).Append(query.Text).Append("\"\n");
        // A clear lead's segments come before the key, which applies to every segment after it.
        // Subtitles are never encrypted.
        var keys = track.Kind == Index.TrackKind.Text ? null : presentation.HlsProtection;
        int clear = keys is { } protection ? segments.CountStartingBefore(protection.ClearLeadSeconds, track.Index.Timescale) : 0;
        for (int i = 0; i < segments.Count; i++)
        {
            if (i == clear) HlsKeyTags.AppendKey(text, keys);
            text.Append("#EXTINF:").Append(OutputNames.Seconds(segments.Durations[i] / timescale)).Append(",\n")
                .Append(segmentName(i + 1)).Append(query.Text).Append('\n');
        }
        return text.Append("#EXT-X-ENDLIST\n").ToString();
    }
}
