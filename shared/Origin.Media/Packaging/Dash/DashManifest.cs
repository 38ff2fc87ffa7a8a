using System.Globalization;
using System.Xml;
using Origin.Media.Index;
using Origin.Media.Packaging.Naming;
using Origin.Media.Presentation;
using Origin.Media.Protection;

namespace Origin.Media.Packaging.Dash;

/// <summary>
/// A static MPD (ISO/IEC 23009-1, live profile): one AdaptationSet per content type and language, SegmentTemplate
/// with a SegmentTimeline and $Time$ addressing. The template sits on the AdaptationSet when all its
/// Representations share a timeline, on each Representation otherwise. Segment URLs carry the request's <see cref="LinkQuery"/>:
/// a relative template resolves against the MPD's URL without its query.
/// </summary>
public static class DashManifest
{
    const string Namespace = "urn:mpeg:dash:schema:mpd:2011";

    public static string Write(Presentation.Presentation presentation, LinkQuery query = default) => XmlText.Write(w =>
    {
        w.WriteStartElement("MPD", Namespace);
        if (presentation.DashProtection is { } protection) ContentProtectionElements.DeclareNamespaces(w, protection);
        w.WriteAttributeString("profiles", "urn:mpeg:dash:profile:isoff-live:2011");
        w.WriteAttributeString("type", "static");
        w.WriteAttributeString("mediaPresentationDuration", Duration(presentation.DurationSeconds));
        w.WriteAttributeString("minBufferTime", Duration(MaxSegmentSeconds(presentation)));
        w.WriteStartElement("Period");
        w.WriteAttributeString("id", "1");
        w.WriteAttributeString("start", "PT0S");
        int id = 1, videoSet = 0;
        foreach (var set in AdaptationSets(presentation))
        {
            if (set[0].Kind == TrackKind.Video) videoSet = id;
            WriteAdaptationSet(w, presentation, set, id++, query);
        }
        // Trick play (DASH-IF IOP 3.2.9): the video tracks' sync samples, a set of their own that names the one it
        // stands in for; players that do not know the scheme skip it.
        if (videoSet > 0 && presentation.KeyframeTracks.Count > 0)
            WriteAdaptationSet(w, presentation, [.. presentation.KeyframeTracks], id, query, videoSet);
        w.WriteEndElement();
        w.WriteEndElement();
    });

    static void WriteAdaptationSet(XmlWriter w, Presentation.Presentation presentation, List<PresentationTrack> set, int id, LinkQuery query,
        int trickModeFor = 0)
    {
        var first = set[0];
        bool video = first.Kind == TrackKind.Video, audio = first.Kind == TrackKind.Audio;
        bool shared = SharedTimeline(set);
        w.WriteStartElement("AdaptationSet");
        w.Attribute("id", id);
        w.WriteAttributeString("contentType", first.Kind.ContentType());
        if (LanguageNames.IsDetermined(first.Language)) w.WriteAttributeString("lang", LanguageNames.Tag(first.Language));
        w.WriteAttributeString("mimeType", first.Kind.Mp4MimeType());
        w.WriteAttributeString("segmentAlignment", "true");
        w.WriteAttributeString("startWithSAP", "1");
        if (video)
        {
            var (maxWidth, maxHeight) = PresentationTrack.LargestPicture(set);
            w.Attribute("maxWidth", maxWidth);
            w.Attribute("maxHeight", maxHeight);
        }
        // Subtitles are served clear.
        if (presentation.DashProtection is { } protection && first.Kind != TrackKind.Text) ContentProtectionElements.Write(w, protection);
        if (trickModeFor > 0)
        {
            w.WriteStartElement("EssentialProperty");
            w.WriteAttributeString("schemeIdUri", "http://dashif.org/guidelines/trickmode");
            w.Attribute("value", trickModeFor);
            w.WriteEndElement();
        }
        if (audio || first.Kind == TrackKind.Text)
        {
            w.WriteStartElement("Role");
            w.WriteAttributeString("schemeIdUri", "urn:mpeg:dash:role:2011");
            w.WriteAttributeString("value", audio ? "main" : SubtitleRole.Of(first).DashRole);
            w.WriteEndElement();
        }
        if (shared) WriteSegmentTemplate(w, presentation, first, query);
        foreach (var track in set)
        {
            w.WriteStartElement("Representation");
            w.WriteAttributeString("id", track.Key);
            w.Attribute("bandwidth", track.PeakBitrate);
            w.WriteAttributeString("codecs", track.Index.Codec.Codecs);
            var codec = track.Index.Codec;
            if (video)
            {
                w.Attribute("width", codec.Width);
                w.Attribute("height", codec.Height);
                if (track.Index.FrameRate > 0 && !track.KeyframesOnly) w.WriteAttributeString("frameRate", FrameRate(track.Index.FrameRate));
                w.WriteAttributeString("sar", codec.SampleAspect.ToString());
                if (track.KeyframesOnly)
                {
                    // One picture per segment: played at normal speed, it covers this many times the real rate.
                    if (track.Index.FrameRate > 0)
                        w.Attribute("maxPlayoutRate", Math.Max(1, (long)Math.Round(track.Index.FrameRate * track.Segments.LongestSeconds(track.Index.Timescale))));
                    w.WriteAttributeString("codingDependency", "false");
                }
            }
            if (audio && codec.SampleRate > 0) w.Attribute("audioSamplingRate", codec.SampleRate);
            if (audio && codec.Channels > 0)
            {
                w.WriteStartElement("AudioChannelConfiguration");
                w.WriteAttributeString("schemeIdUri", "urn:mpeg:dash:23003:3:audio_channel_configuration:2011");
                w.Attribute("value", codec.Channels);
                w.WriteEndElement();
            }
            if (!shared) WriteSegmentTemplate(w, presentation, track, query);
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    static void WriteSegmentTemplate(XmlWriter w, Presentation.Presentation presentation, PresentationTrack track, LinkQuery query)
    {
        w.WriteStartElement("SegmentTemplate");
        w.Attribute("timescale", track.Index.Timescale);
        w.WriteAttributeString("initialization", OutputNames.DashInitTemplate(presentation.Name) + query.ForTemplate);
        w.WriteAttributeString("media", OutputNames.DashMediaTemplate(presentation.Name) + query.ForTemplate);
        w.WriteStartElement("SegmentTimeline");
        var times = track.Segments.Times;
        var durations = track.Segments.Durations;
        for (int i = 0; i < times.Length;)
        {
            // Runs of equal durations that follow each other without gaps collapse into one S with @r.
            int repeat = 0;
            while (i + repeat + 1 < times.Length && durations[i + repeat + 1] == durations[i]
                   && times[i + repeat + 1] == times[i + repeat] + durations[i + repeat]) repeat++;
            w.WriteStartElement("S");
            if (track.Segments.StartsAfterGap(i)) w.Attribute("t", times[i]);
            w.Attribute("d", durations[i]);
            if (repeat > 0) w.Attribute("r", repeat);
            w.WriteEndElement();
            i += repeat + 1;
        }
        w.WriteEndElement();
        w.WriteEndElement();
    }

    /// <summary>Video together; audio by language and codec; text by language, codec and role.</summary>
    static List<List<PresentationTrack>> AdaptationSets(Presentation.Presentation presentation)
    {
        var sets = new List<List<PresentationTrack>>();
        foreach (var kind in (ReadOnlySpan<TrackKind>)[TrackKind.Video, TrackKind.Audio, TrackKind.Text])
        {
            foreach (var track in presentation.Tracks)
            {
                if (track.Kind != kind) continue;
                var set = sets.Find(s => s[0].Kind == kind && (kind == TrackKind.Video
                    || (s[0].Language == track.Language && s[0].Index.Codec.Codecs == track.Index.Codec.Codecs
                        && (kind != TrackKind.Text || SubtitleRole.Of(s[0]) == SubtitleRole.Of(track)))));
                if (set is null) sets.Add([track]);
                else set.Add(track);
            }
        }
        return sets;
    }

    static bool SharedTimeline(List<PresentationTrack> set)
    {
        var first = set[0];
        foreach (var t in set)
        {
            if (t.Index.Timescale != first.Index.Timescale) return false;
            if (!t.Segments.Times.SequenceEqual(first.Segments.Times) || !t.Segments.Durations.SequenceEqual(first.Segments.Durations)) return false;
        }
        return true;
    }

    static double MaxSegmentSeconds(Presentation.Presentation presentation)
    {
        double longest = 1;
        foreach (var t in presentation.Tracks) longest = Math.Max(longest, t.Segments.LongestSeconds(t.Index.Timescale));
        return Math.Ceiling(longest);
    }

    static string Duration(double seconds) => "PT" + seconds.ToString("0.000", CultureInfo.InvariantCulture) + "S";

    static string FrameRate(double rate)
    {
        // Common NTSC rates are written as fractions, as DASH expects; others as the nearest whole or a /1000 ratio.
        foreach (var whole in (ReadOnlySpan<int>)[24, 30, 60])
            if (Math.Abs(rate - whole * 1000 / 1001.0) < 0.01) return string.Create(CultureInfo.InvariantCulture, $"{whole * 1000}/1001");
        return Math.Abs(rate - Math.Round(rate)) < 0.001
            ? ((long)Math.Round(rate)).ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{(long)Math.Round(rate * 1000)}/1000");
    }
}
