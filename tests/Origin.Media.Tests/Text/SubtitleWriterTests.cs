using System.Text;
using System.Xml.Linq;
using Origin.Media.Text;
using Origin.Media.Text.Reading;
using Origin.Media.Text.Writing;

namespace Origin.Media.Tests.Text;

/// <summary>What each writer makes reads back, through this project's readers, as the cues it was given.</summary>
public class SubtitleWriterTests
{
    static readonly SubtitleCue[] Cues =
    [
        new(1 * SubtitleTime.TicksPerSecond, 3 * SubtitleTime.TicksPerSecond, [new("One <&> two", CueStyle.Italic), new("\n\nthree")]),
        new(2_500 * SubtitleTime.TicksPerMillisecond, 5 * SubtitleTime.TicksPerSecond, [new("Top", CueStyle.Bold | CueStyle.Underline)], CuePlacement.Top),
        new(9 * SubtitleTime.TicksPerSecond + 1, 10 * SubtitleTime.TicksPerSecond, [new("sub-millisecond start")]),
    ];

    [Fact]
    public void WebVtt_segment_round_trips_with_its_timestamp_map()
    {
        var text = WebVttWriter.Segment(Cues[..2], 90_000);
        Assert.StartsWith("WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:90000,LOCAL:00:00:00.000\n\n00:00:01.000 --> 00:00:03.000\n<i>One &lt;&amp;&gt; two</i>\nthree\n", text);
        var back = WebVttReader.Read(Encoding.UTF8.GetBytes(text));
        Assert.Equal(2, back.Cues.Count);
        Assert.Equal([new("One <&> two", CueStyle.Italic), new("\nthree")], back.Cues[0].Spans);
        Assert.Equal(Cues[1] with { Spans = back.Cues[1].Spans }, back.Cues[1]);
        Assert.Equal(Cues[1].Spans, back.Cues[1].Spans);
    }

    [Fact]
    public void Ttml_document_clips_to_its_window_and_keeps_ticks_exactly()
    {
        var bytes = TtmlWriter.Document(Cues, 2 * SubtitleTime.TicksPerSecond, 10 * SubtitleTime.TicksPerSecond, "en");
        var root = XDocument.Parse(Encoding.UTF8.GetString(bytes)).Root!;
        Assert.Equal("http://www.w3.org/ns/ttml", root.Name.NamespaceName);
        var back = TtmlReader.Read(bytes);
        Assert.Equal("en", back.Language);
        Assert.Equal(3, back.Cues.Count);
        Assert.Equal((2 * SubtitleTime.TicksPerSecond, 3 * SubtitleTime.TicksPerSecond), (back.Cues[0].Start, back.Cues[0].End));
        Assert.Equal([new("One <&> two", CueStyle.Italic), new("\n\nthree")], back.Cues[0].Spans);
        Assert.Equal(CuePlacement.Top, back.Cues[1].Placement);
        Assert.Equal(Cues[1].Spans, back.Cues[1].Spans);
        Assert.Equal(Cues[2].Start, back.Cues[2].Start);
    }

    [Fact]
    public void An_empty_window_is_a_document_without_paragraphs()
    {
        var back = TtmlReader.Read(TtmlWriter.Document(Cues, 20 * SubtitleTime.TicksPerSecond, 22 * SubtitleTime.TicksPerSecond, null));
        Assert.Empty(back.Cues);
    }
}
