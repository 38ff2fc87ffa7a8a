using System.Globalization;
using System.Text;
using Origin.Media.Index;
using Origin.Media.Packaging.Naming;
using Origin.Media.Presentation;

namespace Origin.Media.Packaging.Hls;

/// <summary>
/// The HLS multivariant playlist (RFC 8216 4.4.6): one EXT-X-STREAM-INF per video track and audio group, audio as
/// EXT-X-MEDIA renditions grouped by codec, CODECS always present (players pick renditions by it), and an
/// EXT-X-I-FRAME-STREAM-INF per video track for trick play. Every URI carries
/// the request's <see cref="LinkQuery"/>.
/// </summary>
public static class HlsMasterPlaylist
{
    public static string Write(Presentation.Presentation presentation, LinkQuery query = default)
    {
        var text = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        HlsKeyTags.AppendSessionKey(text, presentation.HlsProtection);
        var video = Of(presentation, TrackKind.Video);
        var audioGroups = GroupAudio(Of(presentation, TrackKind.Audio));

        foreach (var (groupId, members) in audioGroups)
        {
            bool first = true;
            foreach (var audio in members)
            {
                var name = LanguageNames.DisplayName(audio.Language, audio.Name);
                text.Append("#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"").Append(groupId).Append('"');
                if (LanguageNames.IsDetermined(audio.Language)) text.Append(",LANGUAGE=\"").Append(LanguageNames.Tag(audio.Language)).Append('"');
                text.Append(",NAME=\"").Append(name).Append('"')
                    .Append(",DEFAULT=").Append(first ? "YES" : "NO").Append(",AUTOSELECT=YES");
                if (audio.Index.Codec.Channels > 0) text.Append(",CHANNELS=\"").Append(audio.Index.Codec.Channels.ToString(CultureInfo.InvariantCulture)).Append('"');
                text.Append(",URI=\"").Append(OutputNames.HlsMediaPlaylist(presentation.Name, audio.Key)).Append(query.Text).Append("\"\n");
                first = false;
            }
        }

        HlsSubtitleRenditions.Append(text, presentation, query);

        if (video.Count == 0)
        {
            // Audio-only: each audio track is a variant of its own.
            foreach (var audio in Of(presentation, TrackKind.Audio))
                StreamInf(text, presentation, audio, null, query);
            return text.ToString();
        }
        if (audioGroups.Count == 0) audioGroups.Add((null, []));
        foreach (var (groupId, members) in audioGroups)
            foreach (var v in video)
                StreamInf(text, presentation, v, groupId is null ? null : (groupId, members), query);
        foreach (var keyframes in presentation.KeyframeTracks)
            IFrameStreamInf(text, presentation, keyframes, query);
        return text.ToString();
    }

    /// <summary>An I-frame playlist (RFC 8216 4.3.4.3) for trick play: video only, its bit rates the sync samples'.</summary>
    static void IFrameStreamInf(StringBuilder text, Presentation.Presentation presentation, PresentationTrack track, LinkQuery query)
    {
        var codec = track.Index.Codec;
        text.Append("#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=").Append(track.PeakBitrate.ToString(CultureInfo.InvariantCulture))
            .Append(",AVERAGE-BANDWIDTH=").Append(track.AverageBitrate.ToString(CultureInfo.InvariantCulture))
            .Append(",CODECS=\"").Append(codec.Codecs).Append('"');
        if (codec.Width > 0)
            text.Append(",RESOLUTION=").Append(codec.Width.ToString(CultureInfo.InvariantCulture)).Append('x').Append(codec.Height.ToString(CultureInfo.InvariantCulture));
        text.Append(",URI=\"").Append(OutputNames.HlsMediaPlaylist(presentation.Name, track.Key)).Append(query.Text).Append("\"\n");
    }

    static void StreamInf(StringBuilder text, Presentation.Presentation presentation, PresentationTrack track,
        (string Id, List<PresentationTrack> Members)? audio, LinkQuery query)
    {
        long peak = track.PeakBitrate, average = track.Bitrate;
        string codecs = track.Index.Codec.Codecs;
        if (audio is { } group)
        {
            long audioPeak = 0, audioAverage = 0;
            foreach (var a in group.Members)
            {
                audioPeak = Math.Max(audioPeak, a.PeakBitrate);
                audioAverage = Math.Max(audioAverage, a.Bitrate);
            }
            peak += audioPeak;
            average += audioAverage;
            codecs += "," + group.Members[0].Index.Codec.Codecs;
        }
        text.Append("#EXT-X-STREAM-INF:BANDWIDTH=").Append(peak.ToString(CultureInfo.InvariantCulture))
            .Append(",AVERAGE-BANDWIDTH=").Append(average.ToString(CultureInfo.InvariantCulture))
            .Append(",CODECS=\"").Append(codecs).Append('"');
        var codec = track.Index.Codec;
        if (track.Kind == TrackKind.Video && codec.Width > 0)
            text.Append(",RESOLUTION=").Append(codec.Width.ToString(CultureInfo.InvariantCulture)).Append('x').Append(codec.Height.ToString(CultureInfo.InvariantCulture));
        if (track.Index.FrameRate > 0)
            text.Append(",FRAME-RATE=").Append(track.Index.FrameRate.ToString("0.000", CultureInfo.InvariantCulture));
        if (audio is { } g) text.Append(",AUDIO=\"").Append(g.Id).Append('"');
        HlsSubtitleRenditions.AppendGroup(text, presentation);
        text.Append('\n').Append(OutputNames.HlsMediaPlaylist(presentation.Name, track.Key)).Append(query.Text).Append('\n');
    }

    static List<PresentationTrack> Of(Presentation.Presentation presentation, TrackKind kind)
    {
        var tracks = new List<PresentationTrack>();
        foreach (var t in presentation.Tracks)
            if (t.Kind == kind) tracks.Add(t);
        return tracks;
    }

    /// <summary>One group per audio codec: a variant may only reference renditions its CODECS attribute covers.</summary>
    static List<(string? Id, List<PresentationTrack> Members)> GroupAudio(List<PresentationTrack> audio)
    {
        var groups = new List<(string? Id, List<PresentationTrack> Members)>();
        foreach (var a in audio)
        {
            var id = "audio-" + a.Index.Codec.Codecs.Replace('.', '-');
            var index = groups.FindIndex(g => g.Id == id);
            if (index < 0) groups.Add((id, [a]));
            else groups[index].Members.Add(a);
        }
        return groups;
    }
}
