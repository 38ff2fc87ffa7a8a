using System.Text;
using Origin.Media.Boxes;
using Origin.Media.Packaging.Fmp4;
using Origin.Media.Packaging.Samples;
using Origin.Media.Presentation;
using Origin.Media.Text;
using Origin.Media.Text.Writing;

namespace Origin.Media.Packaging.Subtitles;

/// <summary>
/// The segments of a subtitle track, made from its cues rather than read: WebVTT for HLS, and for DASH and Smooth
/// one TTML document as the one sync sample of an fMP4 fragment (styp for DASH, tfxd for Smooth, whose TTML times
/// count from the fragment's start), as long as the segment of the picture it goes with.
/// </summary>
public static class SubtitleSegments
{
    /// <summary>
    /// The HLS WebVTT segment of number <paramref name="segment"/> (0-based), its cues mapped to the media's
    /// timestamps: <paramref name="mpegTsAtZero"/> is the 90 kHz timestamp presentation time 0 has in the variant's
    /// segments (MPEG-TS's offset, or 0 for fMP4, whose decode times start at 0).
    /// </summary>
    public static byte[] WebVtt(PresentationTrack track, int segment, long mpegTsAtZero)
    {
        var (start, end) = Window(track, segment);
        return Encoding.UTF8.GetBytes(WebVttWriter.Segment(CuesWithin(track, start, end), mpegTsAtZero));
    }

    /// <summary>The fMP4 media segment of number <paramref name="segment"/>: a TTML sample covering the segment.</summary>
    public static byte[] Ttml(PresentationTrack track, int segment, SegmentStyle style)
    {
        var (start, end) = Window(track, segment);
        var document = TtmlWriter.Document(CuesWithin(track, start, end), start, end, Cues(track).Language, origin: style.WithSmoothTime ? start : 0);
        var samples = new SegmentSamples
        {
            DecodeTime = start,
            Samples = [new TrackRunSample((uint)(end - start), (uint)document.Length, SampleFlags.Sync, 0)],
            Ranges = [new ByteRange(0, document.Length)],
        };
        var header = MediaSegmentWriter.WriteHeader(samples, (uint)segment + 1, style);
        return [.. header, .. document];
    }

    static SubtitleTrack Cues(PresentationTrack track) =>
        track.Index.Subtitles ?? throw new ArgumentException("not a subtitle track", nameof(track));

    /// <summary>The cues shown between the output times <paramref name="start"/> and <paramref name="end"/>, in
    /// output time: a clip's count from its start, and one shown when the clip starts starts with it.</summary>
    static IEnumerable<SubtitleCue> CuesWithin(PresentationTrack track, long start, long end)
    {
        long shift = track.Segments.TimeShift;
        var cues = Cues(track).Within(start + shift, end + shift);
        return shift == 0 ? cues : cues.Select(c => c with { Start = Math.Max(0, c.Start - shift), End = c.End - shift });
    }

    static (long Start, long End) Window(PresentationTrack track, int segment)
    {
        long start = track.Segments.Times[segment];
        return (start, start + track.Segments.Durations[segment]);
    }
}
