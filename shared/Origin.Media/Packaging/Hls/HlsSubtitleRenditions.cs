using System.Text;
using Origin.Media.Index;
using Origin.Media.Packaging.Naming;
using Origin.Media.Presentation;

namespace Origin.Media.Packaging.Hls;

/// <summary>
/// Subtitle tracks as HLS renditions (RFC 8216 4.4.6.1): one EXT-X-MEDIA of TYPE=SUBTITLES each, in one group every
/// variant names with SUBTITLES, for fMP4 and MPEG-TS masters alike. A track is FORCED (and then AUTOSELECT) when
/// the server manifest marks it so, DEFAULT when it is the manifest's default or forced; others are offered, not
/// shown. Their playlists list WebVTT segments cut as the picture is.
/// </summary>
public static class HlsSubtitleRenditions
{
    public const string GroupId = "textstream";

    public static bool Any(Presentation.Presentation presentation) => presentation.Tracks.Any(t => t.Kind == TrackKind.Text);

    public static void Append(StringBuilder text, Presentation.Presentation presentation, LinkQuery query)
    {
        foreach (var track in presentation.Tracks)
        {
            if (track.Kind != TrackKind.Text) continue;
            var role = SubtitleRole.Of(track);
            text.Append("#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"").Append(GroupId).Append('"');
            if (LanguageNames.IsDetermined(track.Language)) text.Append(",LANGUAGE=\"").Append(LanguageNames.Tag(track.Language)).Append('"');
            text.Append(",NAME=\"").Append(Name(track, role)).Append('"')
                .Append(",DEFAULT=").Append(role.Default ? "YES" : "NO")
                .Append(",AUTOSELECT=YES");
            if (role.Forced) text.Append(",FORCED=YES");
            if (role.Captions) text.Append(",CHARACTERISTICS=\"public.accessibility.transcribes-spoken-dialog,public.accessibility.describes-music-and-sound\"");
            text.Append(",URI=\"").Append(OutputNames.HlsMediaPlaylist(presentation.Name, track.Key)).Append(query.Text).Append("\"\n");
        }
    }

    /// <summary>The attribute a variant adds when the presentation has subtitles: <c>,SUBTITLES="textstream"</c>.</summary>
    public static void AppendGroup(StringBuilder text, Presentation.Presentation presentation)
    {
        if (Any(presentation)) text.Append(",SUBTITLES=\"").Append(GroupId).Append('"');
    }

    /// <summary>NAME must be unique in the group: the language's name, then the track's when two share a language.</summary>
    static string Name(PresentationTrack track, SubtitleRole role)
    {
        var name = LanguageNames.DisplayName(track.Language, track.Name);
        if (role.Forced) name += " (forced)";
        else if (role.Captions) name += " (CC)";
        return name.Replace('"', '\'');
    }

    /// <summary>The WebVTT segment playlist of a subtitle track (no EXT-X-MAP, never a key).</summary>
    public static string Media(Presentation.Presentation presentation, PresentationTrack track, LinkQuery query) =>
        HlsMediaPlaylist.Write(presentation, track, query, init: null, n => OutputNames.HlsSubtitleSegment(presentation.Name, track.Key, n));
}
