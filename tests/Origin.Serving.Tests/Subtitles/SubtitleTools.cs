using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Origin.Media.Text;
using Origin.Media.Text.Reading;
using Origin.Testing;

namespace Origin.Serving.Tests.Subtitles;

/// <summary>
/// What the sample sidecars say (read once, by the origin's own readers, which their unit tests check against
/// hand-written expectations), and the independent parsers of tests/players/text.mjs (webvtt-parser, imsc) over
/// what the origin serves.
/// </summary>
public static partial class SubtitleTools
{
    public sealed record ParsedCue(double Start, double End, string Text);
    public sealed record Parsed(string File, string[] Errors, string[] Warnings, ParsedCue[] Cues);

    /// <summary>The cues of a sample sidecar: start and end in seconds, text without markup.</summary>
    public static List<ParsedCue> Source(string sample)
    {
        var bytes = File.ReadAllBytes(RepositoryFiles.Sample(sample));
        var track = SubtitleReader.Read(SubtitleReader.FormatOf(sample)!.Value, bytes);
        return [.. track.Cues.Select(c => new ParsedCue(c.Start / (double)SubtitleTime.TicksPerSecond, c.End / (double)SubtitleTime.TicksPerSecond, c.PlainText))];
    }

    /// <summary>Parses each file with text.mjs, which prints one result per file.</summary>
    public static async Task<List<Parsed>> ParseAsync(IReadOnlyList<string> files)
    {
        var players = Path.Combine(RepositoryFiles.Root, "tests", "players");
        var run = await ExternalTool.RunAsync("node", ["text.mjs", .. files], TimeSpan.FromMinutes(2), players);
        Assert.True(run.ExitCode == 0, run.Error);
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var parsed = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonSerializer.Deserialize<Parsed>(l, options)!).ToList();
        Assert.Equal(files.Count, parsed.Count);
        return parsed;
    }

    /// <summary>Cue text as a viewer reads it: WebVTT's tags and character references gone.</summary>
    public static string Plain(string text) => WebUtility.HtmlDecode(Tag().Replace(text, ""));

    /// <summary>The text inside an fMP4 segment's mdat (one TTML sample).</summary>
    public static byte[] MdatPayload(byte[] segment)
    {
        for (int at = 0; at + 8 <= segment.Length;)
        {
            int size = (segment[at] << 24) | (segment[at + 1] << 16) | (segment[at + 2] << 8) | segment[at + 3];
            if (segment.AsSpan(at + 4, 4).SequenceEqual("mdat"u8)) return segment[(at + 8)..(at + size)];
            Assert.True(size >= 8, $"box of size {size} at {at}");
            at += size;
        }
        throw new Xunit.Sdk.XunitException("no mdat in the segment");
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();
}
