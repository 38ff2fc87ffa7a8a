using System.Globalization;
using Origin.Media.Packaging;
using Origin.Media.Packaging.Ts;
using Origin.Media.Presentation;
using Origin.Storage.File;
using Origin.Testing;

namespace Origin.Media.Tests.Packaging;

/// <summary>
/// MPEG-TS segments of the samples, checked by ffmpeg: every segment decodes on its own with -xerror, and all of a
/// variant's segments one after another form one stream without a continuity-counter error, with decode times
/// that only go forward and no gap between segments.
/// </summary>
public class TsSegmentTests
{
    /// <summary>The progressive sample's video and audio, and the fragmented set's 300k video with its audio.</summary>
    static async Task<List<PresentationTrack>> TracksAsync(string set)
    {
        var storage = new FileStorage(RepositoryFiles.Samples);
        if (set == "progressive")
            return [.. (await FilePackaging.OpenAsync(storage, await RepositoryFiles.OpenSampleAsync("progressive.mp4"))).Tracks];
        var video = await FilePackaging.OpenAsync(storage, await RepositoryFiles.OpenSampleAsync("demo-video-300k.ismv"));
        var audio = await FilePackaging.OpenAsync(storage, await RepositoryFiles.OpenSampleAsync("demo-audio-64k.isma"));
        return [video.Tracks.Single(), audio.Tracks.Single()];
    }

    [Theory]
    [InlineData("progressive")]
    [InlineData("fragmented")]
    public async Task Every_segment_decodes_and_the_segments_join_into_one_clean_stream(string set)
    {
        var tracks = await TracksAsync(set);
        var folder = Directory.CreateTempSubdirectory("ts").FullName;
        int count = tracks.Min(t => t.Segments.Count);
        var all = new List<byte>();
        for (int i = 0; i < count; i++)
        {
            var segment = await FilePackaging.TsSegmentAsync(tracks, i);
            Assert.Equal(0, segment.Length % TsPacketWriter.PacketSize);
            for (int at = 0; at < segment.Length; at += TsPacketWriter.PacketSize) Assert.Equal(0x47, segment[at]);
            var path = Path.Combine(folder, $"{i}.ts");
            await File.WriteAllBytesAsync(path, segment);
            var decode = await ExternalTool.RunAsync("ffmpeg", ["-v", "error", "-xerror", "-i", path, "-f", "null", "-"], TimeSpan.FromMinutes(1));
            Assert.True(decode.ExitCode == 0 && decode.Error.Length == 0, $"segment {i}: {decode.Error}");
            all.AddRange(segment);
        }
        var joined = Path.Combine(folder, "all.ts");
        await File.WriteAllBytesAsync(joined, [.. all]);
        var debug = await ExternalTool.RunAsync("ffmpeg", ["-v", "debug", "-i", joined, "-f", "null", "-"], TimeSpan.FromMinutes(1));
        Assert.Equal(0, debug.ExitCode);
        Assert.DoesNotContain("Continuity check failed", debug.Error);

        var probe = await ExternalTool.RunAsync("ffprobe", ["-v", "error", "-show_entries", "packet=codec_type,dts,duration", "-of", "csv=p=0", joined], TimeSpan.FromMinutes(1));
        Assert.Equal(0, probe.ExitCode);
        foreach (var kind in new[] { "video", "audio" })
        {
            var packets = probe.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(','))
                .Where(f => f[0] == kind).Select(f => (Dts: long.Parse(f[1], CultureInfo.InvariantCulture), Duration: long.Parse(f[2], CultureInfo.InvariantCulture))).ToList();
            Assert.True(packets.Count > 10, $"{kind}: {packets.Count} packets");
            for (int p = 1; p < packets.Count; p++)
            {
                long step = packets[p].Dts - packets[p - 1].Dts;
                Assert.True(step > 0 && step <= 2 * Math.Max(packets[p - 1].Duration, 1), $"{kind} packet {p}: decode time steps by {step} (duration {packets[p - 1].Duration})");
            }
        }
    }

    /// <summary>AC-3 and E-AC-3 go in as their syncframes, under the ATSC stream types with a registration descriptor.</summary>
    [Theory]
    [InlineData("ac3", "ac3")]
    [InlineData("eac3", "eac3")]
    public async Task Dolby_audio_is_carried_as_it_is_and_decodes(string codec, string decoded)
    {
        var folder = Directory.CreateTempSubdirectory("ts-dolby").FullName;
        await GeneratedMedia.DolbyAudioAsync(Path.Combine(folder, "dolby.mp4"), codec);
        var storage = new FileStorage(folder);
        var tracks = (await FilePackaging.OpenAsync(storage, (await storage.OpenAsync("dolby.mp4", default)).Object!)).Tracks.ToList();
        var path = Path.Combine(folder, "0.ts");
        await File.WriteAllBytesAsync(path, await FilePackaging.TsSegmentAsync(tracks, 0));
        var decode = await ExternalTool.RunAsync("ffmpeg", ["-v", "error", "-xerror", "-i", path, "-f", "null", "-"], TimeSpan.FromMinutes(1));
        Assert.True(decode.ExitCode == 0 && decode.Error.Length == 0, decode.Error);
        var probe = await ExternalTool.RunAsync("ffprobe", ["-v", "error", "-show_entries", "stream=codec_name", "-of", "csv=p=0", path], TimeSpan.FromMinutes(1));
        Assert.Contains(decoded, probe.Output.Split('\n', StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task Each_pid_starts_its_continuity_counter_at_zero_and_ends_it_at_fifteen()
    {
        var tracks = await TracksAsync("progressive");
        var segment = await FilePackaging.TsSegmentAsync(tracks, 1);
        var last = new Dictionary<int, int>();
        for (int at = 0; at < segment.Length; at += TsPacketWriter.PacketSize)
        {
            int pid = (segment[at + 1] & 0x1f) << 8 | segment[at + 2], cc = segment[at + 3] & 0x0f;
            if (last.TryGetValue(pid, out var previous)) Assert.Equal((previous + 1) & 0x0f, cc);
            else Assert.Equal(pid is 0 or 0x1000 ? 1 : 0, cc); // the tables count segments: this is the second
            last[pid] = cc;
        }
        Assert.Equal(15, last[TsSegment.VideoPid]);
        Assert.Equal(15, last[TsSegment.AudioPid]);
    }
}
