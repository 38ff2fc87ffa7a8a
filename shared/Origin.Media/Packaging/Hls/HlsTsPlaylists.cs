using System.Globalization;
using System.Text;
using Origin.Media.Index;
using Origin.Media.Packaging.Naming;
using Origin.Media.Packaging.Ts;
using Origin.Media.Presentation;

namespace Origin.Media.Packaging.Hls;

/// <summary>
/// HLS over MPEG-TS, as set-top boxes and Unified Origin serve it: each video variant muxes the video with the
/// first audio track (<c>name-audio=64000-video=300000.m3u8</c>); further audio tracks are EXT-X-MEDIA renditions
/// of audio-only TS, the muxed one listed without a URI (RFC 8216 4.3.4.2.1: it is in the variant); an asset
/// without video is one audio-only variant per audio track. BANDWIDTH adds the TS overhead to the peak bit rates.
/// </summary>
public static class HlsTsPlaylists
{
    const string AudioGroup = "audio";

    public static string Master(Presentation.Presentation presentation, LinkQuery query = default)
    {
        var text = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:4\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        HlsKeyTags.AppendSessionKey(text, presentation.HlsProtection);
        var video = presentation.Tracks.Where(t => t.Kind == TrackKind.Video).ToList();
        var audio = presentation.Tracks.Where(t => t.Kind == TrackKind.Audio).ToList();
        HlsSubtitleRenditions.Append(text, presentation, query);
        if (video.Count == 0)
        {
            foreach (var a in audio) Variant(text, presentation, a, null, false, query);
            return text.ToString();
        }
        var muxed = audio.FirstOrDefault();
        bool renditions = audio.Count > 1;
        if (renditions)
            foreach (var a in audio)
            {
                text.Append("#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"").Append(AudioGroup).Append('"');
                if (LanguageNames.IsDetermined(a.Language)) text.Append(",LANGUAGE=\"").Append(LanguageNames.Tag(a.Language)).Append('"');
                text.Append(",NAME=\"").Append(LanguageNames.DisplayName(a.Language, a.Name)).Append("\",DEFAULT=").Append(a == muxed ? "YES" : "NO").Append(",AUTOSELECT=YES");
                if (a.Index.Codec.Channels > 0) text.Append(",CHANNELS=\"").Append(a.Index.Codec.Channels.ToString(CultureInfo.InvariantCulture)).Append('"');
                if (a != muxed) text.Append(",URI=\"").Append(OutputNames.HlsTsPlaylist(presentation.Name, null, a.Key)).Append(query.Text).Append('"');
                text.Append('\n');
            }
        foreach (var v in video) Variant(text, presentation, v, muxed, renditions, query);
        return text.ToString();
    }

    static void Variant(StringBuilder text, Presentation.Presentation presentation, PresentationTrack track, PresentationTrack? audio, bool group, LinkQuery query)
    {
        long peak = Overhead(track) + (audio is null ? 0 : Overhead(audio));
        var codecs = audio is null ? track.Index.Codec.Codecs : $"{track.Index.Codec.Codecs},{audio.Index.Codec.Codecs}";
        text.Append("#EXT-X-STREAM-INF:BANDWIDTH=").Append(peak.ToString(CultureInfo.InvariantCulture)).Append(",CODECS=\"").Append(codecs).Append('"');
        var codec = track.Index.Codec;
        if (track.Kind == TrackKind.Video && codec.Width > 0)
            text.Append(",RESOLUTION=").Append(codec.Width.ToString(CultureInfo.InvariantCulture)).Append('x').Append(codec.Height.ToString(CultureInfo.InvariantCulture));
        if (track.Index.FrameRate > 0) text.Append(",FRAME-RATE=").Append(track.Index.FrameRate.ToString("0.000", CultureInfo.InvariantCulture));
        if (group) text.Append(",AUDIO=\"").Append(AudioGroup).Append('"');
        HlsSubtitleRenditions.AppendGroup(text, presentation);
        text.Append('\n').Append(OutputNames.HlsTsPlaylist(presentation.Name, audio?.Key, track.Key)).Append(query.Text).Append('\n');
    }

    /// <summary>
    /// A track's peak bit rate in TS: 188 bytes per 184 of payload; per PES its header, an access unit delimiter
    /// (video) and on average half a packet of stuffing in its last packet; per AAC frame its ADTS header; per
    /// segment the two tables and up to 15 packets that close the continuity count.
    /// </summary>
    static long Overhead(PresentationTrack track)
    {
        bool video = track.Kind == TrackKind.Video;
        double audioFrames = video ? 0 : track.Index.Codec.SampleRate / 1024.0;
        double pes = video ? track.Index.FrameRate : audioFrames / 4;
        double seconds = Math.Max(track.Segments.LongestSeconds(track.Index.Timescale), 1);
        double perSecond = track.PeakBitrate / 8.0 + pes * (PesHeader.Size(true) + 7 + 92) + audioFrames * AdtsHeader.Size
            + 17 * TsPacketWriter.PacketSize / seconds;
        return (long)Math.Ceiling(perSecond * TsPacketWriter.PacketSize / 184 * 8);
    }

    /// <summary>The media playlist of a TS variant: <paramref name="track"/>'s segments, with <paramref name="audio"/> muxed in.</summary>
    public static string Media(Presentation.Presentation presentation, PresentationTrack track, PresentationTrack? audio, LinkQuery query = default) =>
        HlsMediaPlaylist.Write(presentation, track, query, init: null, n => OutputNames.HlsTsSegment(presentation.Name, audio?.Key, track.Key, n));
}
