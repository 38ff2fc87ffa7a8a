using System.Xml;
using Origin.Media.Index;
using Origin.Media.Packaging.Naming;
using Origin.Media.Presentation;
using Origin.Media.Protection;

namespace Origin.Media.Packaging.Smooth;

/// <summary>
/// The Smooth Streaming client manifest (MS-SSTR 2.2.2): one StreamIndex per track name, QualityLevels with
/// CodecPrivateData, and the chunk list as <c>c</c> elements. Each StreamIndex carries its own
/// TimeScale (the tracks' media timescale), so fragment times are the source's decode times unchanged. The fragment
/// Url template carries the request's <see cref="LinkQuery"/>. An encrypted presentation leads with its PlayReady
/// ProtectionHeader.
/// </summary>
public static class SmoothManifest
{
    const long ManifestTimescale = 10_000_000;

    public static string Write(Presentation.Presentation presentation, LinkQuery query = default) => XmlText.Write(w =>
    {
        w.WriteStartElement("SmoothStreamingMedia");
        w.Attribute("MajorVersion", 2);
        w.Attribute("MinorVersion", 2);
        w.Attribute("TimeScale", ManifestTimescale);
        w.Attribute("Duration", (long)Math.Round(presentation.DurationSeconds * ManifestTimescale));
        if (presentation.SmoothProtection is { } protection)
        {
            // MS-SSTR 2.2.2.2: PlayReady's header object, for PIFF players to acquire the license with.
            w.WriteStartElement("Protection");
            w.WriteStartElement("ProtectionHeader");
            w.WriteAttributeString("SystemID", DrmSystem.PlayReady.ToString("D").ToUpperInvariant());
            w.WriteString(Convert.ToBase64String(PlayReadyHeaderObject.Of(protection)));
            w.WriteEndElement();
            w.WriteEndElement();
        }
        foreach (var stream in Streams(presentation))
            WriteStreamIndex(w, stream, query);
        w.WriteEndElement();
    });

    static void WriteStreamIndex(XmlWriter w, List<PresentationTrack> stream, LinkQuery query)
    {
        var first = stream[0];
        bool video = first.Kind == TrackKind.Video;
        w.WriteStartElement("StreamIndex");
        w.WriteAttributeString("Type", first.Kind.ContentType());
        // MS-SSTR 2.2.2.3: captions (CAPT) or subtitles (SUBT), which Smooth players offer differently.
        if (first.Kind == TrackKind.Text) w.WriteAttributeString("Subtype", SubtitleRole.Of(first).Captions ? "CAPT" : "SUBT");
        w.WriteAttributeString("Name", first.Name);
        if (LanguageNames.IsDetermined(first.Language)) w.WriteAttributeString("Language", first.Language);
        w.Attribute("TimeScale", first.Index.Timescale);
        w.Attribute("Chunks", first.Segments.Count);
        w.Attribute("QualityLevels", stream.Count);
        w.WriteAttributeString("Url", OutputNames.SmoothFragmentsTemplate(first.Name) + query.Text);
        if (video)
        {
            var (maxWidth, maxHeight) = PresentationTrack.LargestPicture(stream);
            w.Attribute("MaxWidth", maxWidth);
            w.Attribute("MaxHeight", maxHeight);
            w.Attribute("DisplayWidth", maxWidth);
            w.Attribute("DisplayHeight", maxHeight);
        }
        int index = 0;
        foreach (var track in stream)
        {
            var codec = track.Index.Codec;
            w.WriteStartElement("QualityLevel");
            w.Attribute("Index", index++);
            w.Attribute("Bitrate", track.Bitrate);
            w.WriteAttributeString("FourCC", codec.SmoothFourCC);
            if (video)
            {
                w.Attribute("MaxWidth", codec.Width);
                w.Attribute("MaxHeight", codec.Height);
            }
            else if (track.Kind == TrackKind.Audio)
            {
                w.Attribute("SamplingRate", codec.SampleRate);
                w.Attribute("Channels", codec.Channels);
                w.Attribute("BitsPerSample", codec.BitsPerSample);
                w.Attribute("PacketSize", 4);
                w.Attribute("AudioTag", codec.SmoothFourCC == "AACL" ? 255 : 0);
            }
            w.WriteAttributeString("CodecPrivateData", codec.CodecPrivateData);
            w.WriteEndElement();
        }
        // No @r: older Smooth clients do not know it, and a chunk list is small.
        var times = first.Segments.Times;
        var durations = first.Segments.Durations;
        for (int i = 0; i < times.Length; i++)
        {
            w.WriteStartElement("c");
            if (first.Segments.StartsAfterGap(i)) w.Attribute("t", times[i]);
            w.Attribute("d", durations[i]);
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    /// <summary>Tracks grouped by name: Smooth addresses fragments by stream name and bit rate.</summary>
    static List<List<PresentationTrack>> Streams(Presentation.Presentation presentation)
    {
        var streams = new List<List<PresentationTrack>>();
        foreach (var track in presentation.Tracks)
        {
            var stream = streams.Find(s => s[0].Name == track.Name);
            if (stream is null) streams.Add([track]);
            else stream.Add(track);
        }
        return streams;
    }
}
