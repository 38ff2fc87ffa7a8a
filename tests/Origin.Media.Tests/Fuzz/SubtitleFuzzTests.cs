using System.Text;
using Origin.Media.Bytes;
using Origin.Media.Text;
using Origin.Media.Text.Reading;
using Origin.Media.Text.Writing;
using Origin.Testing;

namespace Origin.Media.Tests.Fuzz;

/// <summary>
/// Mutated WebVTT, SRT and TTML through their readers: a format error or cues, never another exception; and what is
/// read writes out as WebVTT and TTML that read back as the same number of cues.
/// </summary>
[Trait("Category", "Fuzz")]
public class SubtitleFuzzTests
{
    const string Project = "Origin.Media.Tests";

    static List<Fuzzer.Seed> Seeds(SubtitleReader.Format format) => format switch
    {
        SubtitleReader.Format.WebVtt => [Encoding.UTF8.GetBytes(File.ReadAllText(RepositoryFiles.Sample("demo.en.vtt")))],
        SubtitleReader.Format.Srt => [Encoding.UTF8.GetBytes(File.ReadAllText(RepositoryFiles.Sample("progressive.en.srt")))],
        _ => [Encoding.UTF8.GetBytes(File.ReadAllText(RepositoryFiles.Sample("demo.fr.ttml")))],
    };

    [Theory]
    [InlineData(SubtitleReader.Format.WebVtt)]
    [InlineData(SubtitleReader.Format.Srt)]
    [InlineData(SubtitleReader.Format.Ttml)]
    public Task Subtitle_readers_survive_mutated_files(SubtitleReader.Format format) =>
        Fuzzer.RunAsync(Project, "subtitles-" + format.ToString().ToLowerInvariant(), Seeds(format), Fuzzer.Iterations(2000), input =>
        {
            SubtitleTrack track;
            try
            {
                track = SubtitleReader.Read(format, input);
            }
            catch (MediaFormatException)
            {
                return Task.FromResult(false);
            }
            var vtt = WebVttReader.Read(Encoding.UTF8.GetBytes(WebVttWriter.File(track.Cues)));
            var ttml = TtmlReader.Read(TtmlWriter.Document(track.Cues, 0, long.MaxValue, track.Language));
            // A cue of only spaces has nothing to show, so a writer may drop it; none is added.
            Assert.InRange(ttml.Cues.Count, track.Cues.Count(c => c.PlainText.Trim().Length > 0), track.Cues.Count);
            Assert.True(vtt.Cues.Count <= track.Cues.Count);
            return Task.FromResult(true);
        });
}
