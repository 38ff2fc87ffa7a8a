using System.Text;
using Origin.Media.Bytes;
using Origin.Media.Text;
using Origin.Media.Text.Reading;

namespace Origin.Media.Tests.Text;

public class SubtitleReaderTests
{
    static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
    static long Ms(long ms) => ms * SubtitleTime.TicksPerMillisecond;

    [Fact]
    public void WebVtt_cues_keep_times_styles_line_breaks_and_placement()
    {
        var track = WebVttReader.Read(Utf8("\uFEFFWEBVTT - a title\r\nX-TIMESTAMP-MAP=MPEGTS:900000,LOCAL:00:00:00.000\r\n\r\n" +
            "NOTE a comment\r\nover two lines\r\n\r\nSTYLE\r\n::cue { color: red }\r\n\r\n" +
            "intro\r\n00:01.500 --> 00:03.250 align:start line:10%\r\n<i>Hello</i> &amp; <b>wel<u>come</u></b>\r\n<v Ann>second line\r\n\r\n" +
            "01:00:00.000 --> 01:00:01.001\r\nlate\r\n"));
        Assert.Equal(2, track.Cues.Count);
        var first = track.Cues[0];
        Assert.Equal((Ms(1500), Ms(3250)), (first.Start, first.End));
        Assert.Equal(CuePlacement.Top, first.Placement);
        Assert.Equal([new("Hello", CueStyle.Italic), new(" & ", CueStyle.None), new("wel", CueStyle.Bold), new("come", CueStyle.Bold | CueStyle.Underline), new("\nsecond line")],
            first.Spans);
        Assert.Equal(Ms(3_600_000), track.Cues[1].Start);
        Assert.Equal(CuePlacement.Bottom, track.Cues[1].Placement);
        Assert.Equal(0, track.Skipped);
    }

    [Theory]
    [InlineData("00:01.5 --> 00:02.000")]
    [InlineData("00:01.500 -> 00:02.000")]
    [InlineData("00:61.000 --> 00:62.000")]
    [InlineData("00:03.000 --> 00:02.000")]
    [InlineData("1:00:01.000 --> 1:00:02.000")]
    public void WebVtt_cue_with_unreadable_timing_is_skipped_and_counted(string timing)
    {
        var track = WebVttReader.Read(Utf8($"WEBVTT\n\n{timing}\nbad\n\n00:04.000 --> 00:05.000\ngood\n"));
        Assert.Equal("good", Assert.Single(track.Cues).PlainText);
        Assert.Equal(1, track.Skipped);
    }

    [Theory]
    [InlineData("")]
    [InlineData("WEBVTTX\n")]
    [InlineData("1\n00:00:01,000 --> 00:00:02,000\nan srt\n")]
    public void Not_WebVtt_is_a_format_error(string text) =>
        Assert.Throws<MediaFormatException>(() => WebVttReader.Read(Utf8(text)));

    [Fact]
    public void Invalid_utf8_is_a_format_error()
    {
        var e = Assert.Throws<MediaFormatException>(() => WebVttReader.Read([.. "WEBVTT\n\n00:01.000 --> 00:02.000\n"u8, 0xC3, 0x28, (byte)'\n']));
        Assert.Contains("UTF-8", e.Message);
    }

    [Fact]
    public void A_file_over_the_cap_is_refused_before_it_is_decoded() =>
        Assert.Throws<MediaFormatException>(() => SrtReader.Read(new byte[SubtitleTrack.MaxBytes + 1]));

    [Fact]
    public void Srt_reads_comma_times_tags_font_and_top_overrides()
    {
        var track = SrtReader.Read(Utf8("1\n00:00:01,000 --> 00:00:02,500 X1:10 X2:20 Y1:1 Y2:2\n<font color=\"#fff\"><i>Italic</i></font>\n\n" +
            "2\n00:00:03.000 --> 00:00:04,000\n{\\an8}At the top\ntwo lines\n\n3\nbroken --> timing\nx\n\n" +
            "4\n00:00:05,000 --> 00:00:06,000\n\n"));
        Assert.Equal(2, track.Cues.Count);
        Assert.Equal((Ms(1000), Ms(2500)), (track.Cues[0].Start, track.Cues[0].End));
        Assert.Equal([new CueSpan("Italic", CueStyle.Italic)], track.Cues[0].Spans);
        Assert.Equal("At the top\ntwo lines", track.Cues[1].PlainText);
        Assert.Equal(CuePlacement.Top, track.Cues[1].Placement);
        // The broken block, and the last one, whose text is missing (a timing line alone is a block of one line).
        Assert.Equal(1, track.Skipped);
    }

    [Fact]
    public void Ttml_times_nest_and_every_time_expression_is_read()
    {
        var track = TtmlReader.Read(Utf8("""
            <?xml version="1.0" encoding="UTF-8"?>
            <tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter" xmlns:tts="http://www.w3.org/ns/ttml#styling"
                xml:lang="fr" ttp:tickRate="90000" ttp:frameRate="25">
              <body><div begin="10s">
                <p begin="00:00:01.250" end="00:00:02">clock</p>
                <p begin="00:00:03:05" dur="2f">frames</p>
                <p begin="450000t" end="540000t">ticks</p>
                <p begin="1.5m" end="91s">minutes</p>
                <p begin="500ms" end="0.75s">ms</p>
                <p begin="soon" end="later">bad</p>
                <p begin="1s">no end</p>
              </div></body>
            </tt>
            """));
        Assert.Equal("fr", track.Language);
        Assert.Equal(2, track.Skipped);
        var times = track.Cues.ToDictionary(c => c.PlainText, c => (c.Start, c.End));
        Assert.Equal((Ms(10_500), Ms(10_750)), times["ms"]);
        Assert.Equal((Ms(11_250), Ms(12_000)), times["clock"]);
        Assert.Equal((Ms(13_200), Ms(13_280)), times["frames"]);
        Assert.Equal((Ms(15_000), Ms(16_000)), times["ticks"]);
        Assert.Equal((Ms(100_000), Ms(101_000)), times["minutes"]);
        Assert.Equal(["ms", "clock", "frames", "ticks", "minutes"], track.Cues.Select(c => c.PlainText));
    }

    [Fact]
    public void Ttml_styles_regions_breaks_and_whitespace()
    {
        var track = TtmlReader.Read(Utf8("""
            <tt xmlns="http://www.w3.org/2006/10/ttaf1" xmlns:tts="http://www.w3.org/2006/10/ttaf1#styling">
              <head>
                <styling><style xml:id="it" tts:fontStyle="italic"/><style xml:id="both" style="it" tts:fontWeight="bold"/></styling>
                <layout><region xml:id="up" tts:origin="10% 5%" tts:extent="80% 20%"/><region xml:id="down" tts:origin="10% 70%" tts:extent="80% 20%" tts:displayAlign="after"/></layout>
              </head>
              <body region="down"><div>
                <p begin="1s" end="2s" region="up">
                  Plain   and <span style="it">slanted</span><br/>
                  <span style="both">strong</span> <span tts:textDecoration="underline">under</span>
                </p>
                <p begin="3s" end="4s"><span style="it">not <span tts:fontStyle="normal">upright</span></span></p>
              </div></body>
            </tt>
            """));
        Assert.Equal(2, track.Cues.Count);
        var first = track.Cues[0];
        Assert.Equal(CuePlacement.Top, first.Placement);
        Assert.Equal([new("Plain and "), new("slanted", CueStyle.Italic), new("\n"), new("strong", CueStyle.Italic | CueStyle.Bold), new(" "), new("under", CueStyle.Underline)],
            first.Spans);
        Assert.Equal(CuePlacement.Bottom, track.Cues[1].Placement);
        Assert.Equal([new("not ", CueStyle.Italic), new("upright")], track.Cues[1].Spans);
    }

    [Theory]
    [InlineData("<tt xmlns=\"http://www.w3.org/ns/ttml\"><body><p begin=\"1s\" end=\"2s\">unclosed</body></tt>")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE tt [<!ENTITY x \"y\">]><tt/>")]
    [InlineData("<html/>")]
    public void Malformed_ttml_is_a_format_error(string text) =>
        Assert.Throws<MediaFormatException>(() => TtmlReader.Read(Utf8(text)));

    [Fact]
    public void Deeply_nested_ttml_is_refused_not_recursed()
    {
        var text = "<tt xmlns=\"http://www.w3.org/ns/ttml\"><body><div><p begin=\"0s\" end=\"1s\">" + string.Concat(Enumerable.Repeat("<span>", 5000)) + "x"
            + string.Concat(Enumerable.Repeat("</span>", 5000)) + "</p></div></body></tt>";
        Assert.Contains("nest", Assert.Throws<MediaFormatException>(() => TtmlReader.Read(Utf8(text))).Message);
    }

    [Fact]
    public void Format_follows_the_file_name()
    {
        Assert.Equal(SubtitleReader.Format.WebVtt, SubtitleReader.FormatOf("a/b.en.VTT"));
        Assert.Equal(SubtitleReader.Format.Srt, SubtitleReader.FormatOf("b.srt"));
        Assert.Equal(SubtitleReader.Format.Ttml, SubtitleReader.FormatOf("b.dfxp"));
        Assert.Equal(SubtitleReader.Format.Ttml, SubtitleReader.FormatOf("b.ttml"));
        Assert.Null(SubtitleReader.FormatOf("b.ismt"));
    }
}
