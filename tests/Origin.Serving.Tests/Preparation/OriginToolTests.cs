using Origin.Serving.Tests.Support;
using Origin.Testing;

namespace Origin.Serving.Tests.Preparation;

/// <summary>origin-tool's contract: files FFmpeg can read, stable inspection text, and one-line errors with a non-zero exit that leave nothing behind.</summary>
public sealed class OriginToolTests : IDisposable
{
    readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("origin-tool-");

    public OriginToolTests()
    {
        foreach (var name in new[] { "demo-video-150k.ismv", "demo-audio-64k.isma", "progressive.mp4" })
            File.Copy(RepositoryFiles.Sample(name), Path.Combine(_dir.FullName, name));
    }

    public void Dispose() => _dir.Delete(recursive: true);

    string Local(string name) => Path.Combine(_dir.FullName, name);

    static async Task<string> FrameHashesAsync(params string[] input)
    {
        var run = await ExternalTool.RunAsync("ffmpeg", ["-v", "error", .. input, "-map", "0", "-f", "framemd5", "-"], TimeSpan.FromMinutes(1));
        Assert.True(run.ExitCode == 0, run.Error);
        return run.Output;
    }

    [Theory]
    [InlineData("demo-video-150k.ismv")]
    [InlineData("demo-audio-64k.isma")]
    [InlineData("progressive.mp4")]
    public async Task Ffmpeg_decodes_the_media_through_an_index_with_data_references_enabled(string media)
    {
        await ToolRunner.SucceedAsync(null, "index", Local(media));
        var index = Local(media[..media.LastIndexOf('.')] + "-index.mp4");

        var direct = await FrameHashesAsync("-i", Local(media));
        Assert.True(direct.Split('\n').Count(l => l.Length > 0 && !l.StartsWith('#')) > 400, "frames were decoded at all");
        Assert.Equal(direct, await FrameHashesAsync("-enable_drefs", "1", "-i", index));
        // The index holds no samples: without following its references there is nothing to decode.
        var refused = await ExternalTool.RunAsync("ffmpeg", ["-v", "error", "-i", index, "-map", "0", "-f", "framemd5", "-"], TimeSpan.FromMinutes(1));
        Assert.NotEqual(direct, refused.Output);
    }

    [Fact]
    public async Task Per_track_indexes_name_their_track_and_a_folder_elsewhere_is_reached_relatively()
    {
        var combined = Local("progressive.mp4");
        await ToolRunner.SucceedAsync(null, "index", "--per-track", combined);
        Assert.True(File.Exists(Local("progressive-track1-index.mp4")));
        Assert.True(File.Exists(Local("progressive-track2-index.mp4")));

        await ToolRunner.SucceedAsync(null, "index", "-o", Local("prepared/both-index.mp4"), Local("demo-video-150k.ismv"), Local("demo-audio-64k.isma"));
        var inspect = await ToolRunner.SucceedAsync(null, "inspect", Local("prepared/both-index.mp4"));
        Assert.Contains("url  size 36: location ../demo-video-150k.ismv\n", inspect.Output);
        Assert.Contains("url  size 45: location ../demo-audio-64k.isma#trackID=1\n", inspect.Output);
        var hashes = await FrameHashesAsync("-enable_drefs", "1", "-i", Local("prepared/both-index.mp4"));
        Assert.Matches("\n1, +\\d", hashes); // the second track, whose media lives in another file, decodes too
    }

    [Fact]
    public async Task Inspect_prints_a_stable_tree_and_summary()
    {
        var first = await ToolRunner.SucceedAsync(null, "inspect", Local("demo-video-150k.ismv"));
        var second = await ToolRunner.SucceedAsync(null, "inspect", Local("demo-video-150k.ismv"));
        Assert.Equal(first.Output, second.Output);
        Assert.StartsWith("ftyp @0 size 24: major isml, brands isml,piff\nmoov @24 size ", first.Output);
        Assert.Contains("      mdhd size 44: timescale 10000000, language und\n", first.Output);
        Assert.Contains("… 14 more moof and mdat boxes (--fragments shows them)\n", first.Output);
        Assert.EndsWith("track 1: video avc1.640015 426x240 24 fps, language und, 20.000 s, 153 kb/s, 10 fragments\n", first.Output);
        var all = await ToolRunner.SucceedAsync(null, "inspect", "--fragments", Local("demo-video-150k.ismv"));
        Assert.Equal(10, all.Output.Split('\n').Count(l => l.StartsWith("moof @", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_manifest_names_tracks_from_the_files()
    {
        await ToolRunner.SucceedAsync(null, "index", Local("demo-video-150k.ismv"), Local("demo-audio-64k.isma"));
        await ToolRunner.SucceedAsync(null, "manifest", "-o", Local("x.ism"), Local("demo-video-150k-index.mp4"), Local("demo-audio-64k-index.mp4"));
        var ism = await File.ReadAllTextAsync(Local("x.ism"));
        Assert.Matches("<video src=\"demo-video-150k-index.mp4\" systemBitrate=\"\\d+\">\\s*<param name=\"trackID\" value=\"1\" valuetype=\"data\" />\\s*<param name=\"trackName\" value=\"video\"", ism);
        Assert.Contains("<audio src=\"demo-audio-64k-index.mp4\"", ism);
    }

    public static TheoryData<string, string> BadInputs => new()
    {
        { "text", "not an MP4 file" },
        { "truncated", "invalid MP4:" },
        { "missing", "not found" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_is_one_line_on_stderr_a_non_zero_exit_and_no_file(string kind, string message)
    {
        string input = Local("bad.mp4");
        switch (kind)
        {
            case "text": await File.WriteAllTextAsync(input, "this is not video\n"); break;
            case "truncated": await File.WriteAllBytesAsync(input, (await File.ReadAllBytesAsync(Local("demo-video-150k.ismv")))[..600]); break;
        }
        foreach (var args in new[] { new[] { "index", input }, ["manifest", "-o", Local("bad.ism"), input], ["inspect", input] })
        {
            var run = await ToolRunner.RunAsync(args);
            Assert.Equal(1, run.ExitCode);
            Assert.StartsWith("error: ", run.Error);
            Assert.Contains(message, run.Error);
            Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
        }
        Assert.DoesNotContain(Directory.GetFiles(_dir.FullName, "bad*"), f => f != input);
        Assert.Empty(Directory.GetFiles(_dir.FullName, "*.tmp"));
    }

    [Fact]
    public async Task An_index_whose_media_is_gone_fails_to_list_or_inspect()
    {
        await ToolRunner.SucceedAsync(null, "index", Local("demo-audio-64k.isma"));
        File.Delete(Local("demo-audio-64k.isma"));
        foreach (var args in new[] { new[] { "manifest", "-o", Local("gone.ism"), Local("demo-audio-64k-index.mp4") }, ["inspect", Local("demo-audio-64k-index.mp4")] })
        {
            var run = await ToolRunner.RunAsync(args);
            Assert.Equal(1, run.ExitCode);
            Assert.StartsWith("error: invalid MP4: ", run.Error);
            Assert.EndsWith("referenced media demo-audio-64k.isma not found\n", run.Error);
        }
        Assert.False(File.Exists(Local("gone.ism")));
    }

    [Fact]
    public async Task A_wrong_command_line_exits_2()
    {
        Assert.Equal(2, (await ToolRunner.RunAsync("index")).ExitCode);
        Assert.Equal(2, (await ToolRunner.RunAsync("index", "--per-track", "-o", Local("x.mp4"), Local("progressive.mp4"))).ExitCode);
        Assert.Equal(2, (await ToolRunner.RunAsync("manifest", Local("progressive.mp4"))).ExitCode);
    }
}
