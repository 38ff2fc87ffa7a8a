using System.Text;
using System.Xml.Linq;
using Origin.Serving.Tests.Support;
using Origin.Testing;
using static Origin.Serving.Tests.Subtitles.SubtitleTools;

namespace Origin.Serving.Tests.Subtitles;

/// <summary>
/// The sample's two sidecars (English WebVTT, French TTML) as HLS WebVTT renditions, DASH stpp and Smooth TTML
/// tracks: announced as the specs say, cut on the video's segments, and read back by independent parsers as the
/// source's cues, timing exact to the millisecond.
/// </summary>
[Collection(SampleOriginCollection.Name)]
public class SubtitleOutputTests(SampleOriginFixture fixture)
{
    const string Asset = "/vod/demo.ism";
    static readonly (string Key, string Source, string Tag, string Name)[] Tracks =
        [("textstream_eng=1000", "demo.en.vtt", "en", "English"), ("textstream_fra=1000", "demo.fr.ttml", "fr", "Français")];

    HttpClient Client => fixture.Server.Client;

    [Theory]
    [InlineData("")]
    [InlineData("?hls_fmp4=false")]
    public async Task Hls_masters_offer_each_language_to_every_variant(string query)
    {
        var master = await Client.GetStringAsync($"{Asset}/.m3u8{query}");
        foreach (var (key, _, tag, name) in Tracks)
            Assert.Contains($"#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"textstream\",LANGUAGE=\"{tag}\",NAME=\"{name}\",DEFAULT=NO,AUTOSELECT=YES,URI=\"demo-{key}.m3u8{query}\"\n", master);
        var variants = master.Split('\n').Where(l => l.StartsWith("#EXT-X-STREAM-INF:", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, variants.Count);
        Assert.All(variants, v => Assert.EndsWith(",SUBTITLES=\"textstream\"", v));
    }

    [Fact]
    public async Task Subtitle_playlists_follow_the_video_segments_without_init_or_key()
    {
        var video = await Client.GetStringAsync($"{Asset}/demo-video=150000.m3u8");
        foreach (var (key, _, _, _) in Tracks)
        {
            var playlist = await Client.GetStringAsync($"{Asset}/demo-{key}.m3u8");
            Assert.DoesNotContain("#EXT-X-MAP", playlist);
            Assert.DoesNotContain("#EXT-X-KEY", playlist);
            Assert.Equal(Lines(video, "#EXTINF"), Lines(playlist, "#EXTINF"));
            Assert.Equal(Enumerable.Range(1, 10).Select(n => $"demo-{key}-{n}.vtt"), Lines(playlist, "demo-"));
        }
    }

    static List<string> Lines(string text, string prefix) => [.. text.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal))];

    [Theory]
    [InlineData("", 0)]
    [InlineData("?hls_fmp4=false", 90_000)]
    public async Task Every_webvtt_segment_is_valid_and_together_they_are_the_source(string query, long mpegTs)
    {
        var folder = Directory.CreateTempSubdirectory("webvtt").FullName;
        var files = new List<string>();
        foreach (var (key, _, _, _) in Tracks)
            for (int n = 1; n <= 10; n++)
            {
                using var response = await Client.GetAsync($"{Asset}/demo-{key}-{n}.vtt{query}");
                response.EnsureSuccessStatusCode();
                Assert.Equal("text/vtt; charset=utf-8", response.Content.Headers.ContentType!.ToString());
                // Made from cues in memory: no storage read.
                Assert.Equal(0, ServerTiming.Of(response).Reads);
                var text = await response.Content.ReadAsStringAsync();
                Assert.StartsWith($"WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:{mpegTs},LOCAL:00:00:00.000\n", text);
                files.Add(Path.Combine(folder, $"{key}-{n}.webvtt"));
                await File.WriteAllTextAsync(files[^1], text);
            }
        var parsed = await ParseAsync(files);
        for (int t = 0; t < Tracks.Length; t++)
        {
            var segments = parsed.Skip(t * 10).Take(10).ToList();
            // The one thing the W3C parser objects to is the header line RFC 8216 3.5 requires.
            Assert.All(segments, s => Assert.Equal(["line 2: No blank line after the signature."], s.Errors));
            for (int n = 0; n < 10; n++)
                Assert.All(segments[n].Cues, c => Assert.True(c.Start < 2 * (n + 1) && c.End > 2 * n, $"{segments[n].File}: cue {c.Start}-{c.End} outside its segment"));
            var served = segments.SelectMany(s => s.Cues).Select(c => new ParsedCue(c.Start, c.End, Plain(c.Text))).Distinct().ToList();
            Assert.Equal(Source(Tracks[t].Source), served);
        }
    }

    /// <summary>ffmpeg reads the HLS WebVTT rendition and the DASH text representation to their ends.</summary>
    [Fact]
    public async Task Ffmpeg_reads_each_subtitle_rendition_to_the_end()
    {
        var timeout = TimeSpan.FromMinutes(2);
        var hls = await ExternalTool.RunAsync("ffmpeg", ["-v", "error", "-xerror", "-i", fixture.Server.Url($"{Asset}/demo-textstream_eng=1000.m3u8"), "-f", "webvtt", "-"], timeout);
        Assert.True(hls.ExitCode == 0 && hls.Error.Trim().Length == 0, hls.Error);
        // ffmpeg keeps a cue repeated in two segments twice: the distinct timings are the source's cues.
        Assert.Equal(Source("demo.en.vtt").Count, hls.Output.Split('\n').Where(l => l.Contains(" --> ", StringComparison.Ordinal)).Distinct().Count());

        var output = Path.Combine(Directory.CreateTempSubdirectory("dash-text").FullName, "text.bin");
        var dash = await ExternalTool.RunAsync("ffmpeg", ["-v", "error", "-xerror", "-i", fixture.Server.Url($"{Asset}/.mpd"), "-map", "0:d:0", "-c", "copy", "-f", "data", output], timeout);
        Assert.True(dash.ExitCode == 0 && dash.Error.Trim().Length == 0, dash.Error);
        // Every sample of the English set, end to end: its ten TTML documents.
        Assert.Equal(10, System.Text.RegularExpressions.Regex.Count(await File.ReadAllTextAsync(output), "<tt "));
    }

    [Fact]
    public async Task Dash_has_a_text_adaptation_set_per_language_on_the_video_timeline()
    {
        var mpd = XDocument.Parse(await Client.GetStringAsync($"{Asset}/.mpd"));
        XNamespace ns = "urn:mpeg:dash:schema:mpd:2011";
        var sets = mpd.Descendants(ns + "AdaptationSet").ToList();
        // The first video set; the trick-play set after it has a timeline of its own.
        var video = sets.First(s => (string?)s.Attribute("contentType") == "video").Descendants(ns + "S").Select(s => s.ToString()).ToList();
        var text = sets.Where(s => (string?)s.Attribute("contentType") == "text").ToList();
        Assert.Equal(["en", "fr"], text.Select(s => (string?)s.Attribute("lang")));
        foreach (var set in text)
        {
            Assert.Equal("application/mp4", (string?)set.Attribute("mimeType"));
            Assert.Equal("subtitle", (string?)set.Element(ns + "Role")!.Attribute("value"));
            Assert.Equal("stpp.ttml.im1t", (string?)set.Element(ns + "Representation")!.Attribute("codecs"));
            var template = set.Element(ns + "SegmentTemplate")!;
            Assert.Equal("10000000", (string?)template.Attribute("timescale"));
            // 2 s segments, as the video's (whose timescale is the same 10 MHz in these ismv files).
            Assert.Equal(video, template.Descendants(ns + "S").Select(s => s.ToString()));
        }
    }

    [Theory]
    [InlineData("dash")]
    [InlineData("smooth")]
    public async Task Ttml_samples_parse_with_imsc_and_give_the_source_cues(string format)
    {
        var folder = Directory.CreateTempSubdirectory("ttml").FullName;
        var files = new List<string>();
        foreach (var (key, _, _, _) in Tracks)
        {
            if (format == "dash")
            {
                var init = await Client.GetByteArrayAsync($"{Asset}/dash/demo-{key}.dash");
                Assert.Contains("stpp"u8.ToArray(), Windows(init));
                Assert.Contains("subt"u8.ToArray(), Windows(init));
            }
            for (int n = 0; n < 10; n++)
            {
                long time = n * 20_000_000L;
                var (stream, bitrate) = (key[..key.IndexOf('=')], key[(key.IndexOf('=') + 1)..]);
                var url = format == "dash" ? $"{Asset}/dash/demo-{key}-{time}.dash" : $"{Asset}/QualityLevels({bitrate})/Fragments({stream}={time})";
                using var response = await Client.GetAsync(url);
                response.EnsureSuccessStatusCode();
                Assert.Equal("application/mp4", response.Content.Headers.ContentType!.MediaType);
                var segment = await response.Content.ReadAsByteArrayAsync();
                // DASH segments start with styp; Smooth fragments with moof, and carry tfxd.
                Assert.Equal(format == "dash" ? "styp" : "moof", Encoding.ASCII.GetString(segment, 4, 4));
                files.Add(Path.Combine(folder, $"{format}-{stream}-{n}.ttml"));
                await File.WriteAllBytesAsync(files[^1], MdatPayload(segment));
            }
        }
        var parsed = await ParseAsync(files);
        Assert.All(parsed, p => Assert.Empty(p.Errors));
        for (int t = 0; t < Tracks.Length; t++)
        {
            // Each sample shows its part of the cues that cross its span; Smooth's count from the fragment's start.
            var served = new List<ParsedCue>();
            for (int n = 0; n < 10; n++)
            {
                double offset = format == "smooth" ? 2 * n : 0;
                foreach (var c in parsed[t * 10 + n].Cues)
                {
                    Assert.True(c.Start + offset >= 2 * n - 1e-9 && c.End + offset <= 2 * (n + 1) + 1e-9, $"{parsed[t * 10 + n].File}: {c.Start}-{c.End}");
                    served.Add(new ParsedCue(Math.Round(c.Start + offset, 6), Math.Round(c.End + offset, 6), c.Text));
                }
            }
            Assert.Equal(Source(Tracks[t].Source), Joined(served));
        }
    }

    /// <summary>Pieces of one cue in consecutive samples, joined again.</summary>
    static List<ParsedCue> Joined(List<ParsedCue> pieces)
    {
        var joined = new List<ParsedCue>();
        foreach (var p in pieces)
        {
            if (joined.Count > 0 && joined[^1].Text == p.Text && Math.Abs(joined[^1].End - p.Start) < 1e-6) joined[^1] = joined[^1] with { End = p.End };
            else joined.Add(p);
        }
        return joined;
    }

    static IEnumerable<byte[]> Windows(byte[] bytes)
    {
        for (int i = 0; i + 4 <= bytes.Length; i++) yield return bytes[i..(i + 4)];
    }

    [Fact]
    public async Task Smooth_lists_text_streams_with_their_language()
    {
        var manifest = XDocument.Parse(await Client.GetStringAsync($"{Asset}/Manifest"));
        var text = manifest.Descendants("StreamIndex").Where(s => (string?)s.Attribute("Type") == "text").ToList();
        Assert.Equal(["textstream_eng", "textstream_fra"], text.Select(s => (string?)s.Attribute("Name")));
        Assert.Equal(["eng", "fra"], text.Select(s => (string?)s.Attribute("Language")));
        Assert.All(text, s => Assert.Equal("SUBT", (string?)s.Attribute("Subtype")));
        Assert.All(text, s => Assert.Equal("TTML", (string?)s.Element("QualityLevel")!.Attribute("FourCC")));
        Assert.All(text, s => Assert.Equal("10", (string?)s.Attribute("Chunks")));
    }

    [Fact]
    public async Task A_filter_selects_subtitles_like_any_track()
    {
        var without = await Client.GetStringAsync($"{Asset}/.m3u8?filter=" + Uri.EscapeDataString("type!=\"textstream\""));
        Assert.DoesNotContain("SUBTITLES", without);
        var french = await Client.GetStringAsync($"{Asset}/.mpd?filter=" + Uri.EscapeDataString("type!=\"textstream\"||systemLanguage==\"fra\""));
        Assert.Contains("lang=\"fr\"", french);
        Assert.DoesNotContain("textstream_eng", french);
    }

    [Theory]
    [InlineData("/demo-textstream_eng=1000-11.vtt", 404)]
    [InlineData("/demo-textstream_eng=1000-1.m4s", 404)]
    [InlineData("/demo-textstream_eng=1000.m4s", 404)]
    [InlineData("/demo-video=150000-1.webvtt", 404)]
    [InlineData("/dash/demo-textstream_eng=1000-1.dash", 404)]
    public async Task Subtitle_urls_that_name_nothing_are_404(string path, int status)
    {
        using var response = await Client.GetAsync(Asset + path);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }
}
