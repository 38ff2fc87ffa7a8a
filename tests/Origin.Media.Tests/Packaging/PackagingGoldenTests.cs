using System.Text;
using System.Text.Json;
using Origin.Media.Packaging;
using Origin.Media.Packaging.Fmp4;
using Origin.Media.Presentation;
using Origin.Media.Tests.Support;
using Origin.Storage.File;
using Origin.Testing;

namespace Origin.Media.Tests.Packaging;

/// <summary>
/// Box dumps of init and media segments (HLS/DASH style with styp, Smooth style with tfxd) of each sample track,
/// compared with reviewed golden files (refresh with UPDATE_GOLDEN=1 and read the diff), and the same outputs' box
/// trees held against MP4Box.js (GPAC's parser), so the goldens are not only checked against themselves.
/// </summary>
public class PackagingGoldenTests
{
    static readonly string GoldenFolder = Path.Combine(RepositoryFiles.Root, "tests", "Origin.Media.Tests", "Golden");

    public static TheoryData<string> Files() => new() { "demo-video-150k.ismv", "demo-audio-64k.isma", "progressive.mp4" };

    /// <summary>Per track: the init segment, the first media segment and the second in Smooth's style.</summary>
    static async Task<List<(string Name, byte[] Bytes)>> OutputsAsync(string file)
    {
        var packaging = await FilePackaging.OpenAsync(new FileStorage(RepositoryFiles.Samples), await RepositoryFiles.OpenSampleAsync(file));
        var outputs = new List<(string, byte[])>();
        foreach (var track in packaging.Tracks)
        {
            outputs.Add(($"{track.Key} init", FilePackaging.Init(track)));
            outputs.Add(($"{track.Key} segment 0", await FilePackaging.SegmentAsync(track, 0, new SegmentStyle(WithStyp: true, WithSmoothTime: false))));
            outputs.Add(($"{track.Key} smooth segment 1", await FilePackaging.SegmentAsync(track, 1, new SegmentStyle(WithStyp: false, WithSmoothTime: true))));
        }
        return outputs;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Init_and_media_segments_match_their_reviewed_box_dumps(string file)
    {
        var dump = new StringBuilder();
        foreach (var (name, bytes) in await OutputsAsync(file)) dump.Append("== ").Append(name).Append('\n').Append(BoxDump.Write(bytes));
        var golden = Path.Combine(GoldenFolder, file + ".dump.txt");
        if (RepositoryFiles.UpdateGolden) await File.WriteAllTextAsync(golden, dump.ToString());
        Assert.True(File.Exists(golden), $"{golden} is missing: run the tests once with UPDATE_GOLDEN=1 and review it");
        Assert.Equal(await File.ReadAllTextAsync(golden), dump.ToString());
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Mp4box_js_reads_the_same_box_tree(string file)
    {
        var folder = Directory.CreateTempSubdirectory("boxes").FullName;
        var outputs = await OutputsAsync(file);
        var paths = new List<string>();
        for (int i = 0; i < outputs.Count; i++)
        {
            paths.Add(Path.Combine(folder, $"{i}.mp4"));
            await File.WriteAllBytesAsync(paths[i], outputs[i].Bytes);
        }
        var players = Path.Combine(RepositoryFiles.Root, "tests", "players");
        var run = await ExternalTool.RunAsync("node", [Path.Combine(players, "boxes.mjs"), .. paths], TimeSpan.FromSeconds(60), players);
        Assert.True(run.ExitCode == 0, run.Error);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(outputs.Count, lines.Length);
        for (int i = 0; i < outputs.Count; i++)
        {
            var theirs = JsonDocument.Parse(lines[i]).RootElement.GetProperty("boxes").EnumerateArray()
                .Select(b => (b[0].GetInt32(), b[1].GetString()!, b[2].GetInt64())).ToList();
            Assert.True(theirs.Count > 3, $"{outputs[i].Name}: MP4Box.js found only {theirs.Count} boxes");
            Assert.Equal(theirs, BoxDump.Structure(outputs[i].Bytes));
        }
    }
}
