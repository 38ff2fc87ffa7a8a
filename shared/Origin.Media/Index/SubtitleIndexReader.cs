using Origin.Media.Boxes;
using Origin.Media.Bytes;
using Origin.Media.Packaging.Naming;
using Origin.Media.Text;
using Origin.Media.Text.Reading;
using Origin.Storage;

namespace Origin.Media.Index;

/// <summary>
/// A sidecar subtitle file as an index: one text track holding the file's cues, timed in 100 ns ticks, described as
/// the TTML-in-MP4 (stpp) track DASH and Smooth get, so it is cached, serialized and selected like any other track.
/// The file is read whole, in the window its opening read already brought when it is small.
/// </summary>
public static class SubtitleIndexReader
{
    public static async Task<MediaIndex> ReadAsync(IStorageObject source, SubtitleReader.Format format, CancellationToken cancellationToken)
    {
        if (source.Info.Length > SubtitleTrack.MaxBytes)
            throw new MediaFormatException($"subtitles of {source.Info.Length} bytes are over the {SubtitleTrack.MaxBytes >> 20} MB limit");
        var window = new SourceWindow(source, MediaIndexReader.WindowSize);
        var bytes = await window.GetAsync(0, (int)source.Info.Length, cancellationToken);
        var subtitles = SubtitleReader.Read(format, bytes.Span);
        var track = new TrackIndex
        {
            TrackId = 1,
            Kind = TrackKind.Text,
            Timescale = (uint)SubtitleTime.TicksPerSecond,
            Language = subtitles.Language is { } declared ? LanguageNames.FromTag(declared) : "und",
            SampleEntry = new XmlSubtitleSampleEntry(),
            Codec = CodecDescription.From(new XmlSubtitleSampleEntry()),
            Duration = subtitles.End,
            MediaBytes = source.Info.Length,
            Subtitles = subtitles,
        };
        return new MediaIndex { Path = source.Path, Validator = source.Info.Validator, Tracks = [track] };
    }
}
