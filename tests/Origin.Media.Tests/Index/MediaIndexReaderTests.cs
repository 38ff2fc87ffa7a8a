using Origin.Media.Boxes;
using Origin.Media.Bytes;
using Origin.Media.Index;
using Origin.Media.Tests.Support;
using Origin.Testing;
using Origin.Storage;

namespace Origin.Media.Tests.Index;

public class MediaIndexReaderTests
{
    [Fact]
    public async Task Fragmented_source_is_indexed_from_mfra_in_two_reads()
    {
        var statistics = StorageStatistics.Begin();
        var index = await MediaIndexReader.ReadAsync(await RepositoryFiles.OpenSampleAsync("demo-video-300k.ismv"), default);

        // Head window (ftyp, moov, first moof), tail window (mfra and, this close to it, the last moof, for its duration).
        Assert.Equal(2, statistics.Reads);
        var track = Assert.Single(index.Tracks);
        Assert.Equal(TrackKind.Video, track.Kind);
        Assert.Equal(10_000_000u, track.Timescale);
        Assert.Equal(640, track.Codec.Width);
        Assert.Equal(360, track.Codec.Height);
        Assert.StartsWith("avc1.64", track.Codec.Codecs);
        Assert.Equal(24, track.FrameRate);
        var fragments = track.Fragments!;
        Assert.Equal(10, fragments.Count);
        for (int i = 0; i < fragments.Count; i++)
        {
            Assert.Equal(i * 20_000_000L, fragments.Times[i]);
            Assert.Equal(20_000_000L, fragments.Durations[i]);
        }
        Assert.Equal(200_000_000L, track.Duration);
    }

    [Fact]
    public async Task Fragment_ranges_run_from_each_moof_to_the_next_and_cover_the_media()
    {
        var source = await RepositoryFiles.OpenSampleAsync("demo-audio-64k.isma");
        var fragments = (await MediaIndexReader.ReadAsync(source, default)).Tracks[0].Fragments!;
        var bytes = await File.ReadAllBytesAsync(RepositoryFiles.Sample("demo-audio-64k.isma"));
        for (int i = 0; i < fragments.Count; i++)
        {
            Assert.True(BoxHeader.TryRead(bytes.AsSpan((int)fragments.Offsets[i]), 0, 16, out var h));
            Assert.Equal(BoxTypes.Moof, h.Type);
            if (i + 1 < fragments.Count) Assert.Equal(fragments.Offsets[i + 1], fragments.Offsets[i] + fragments.Lengths[i]);
        }
        // The last fragment ends where mfra begins.
        var end = fragments.Offsets[^1] + fragments.Lengths[^1];
        Assert.True(BoxHeader.TryRead(bytes.AsSpan((int)end), 0, 16, out var mfra));
        Assert.Equal(BoxTypes.Mfra, mfra.Type);
    }

    [Fact]
    public async Task Progressive_source_with_moov_at_the_end_is_indexed_in_two_reads()
    {
        var statistics = StorageStatistics.Begin();
        var index = await MediaIndexReader.ReadAsync(await RepositoryFiles.OpenSampleAsync("progressive.mp4"), default);
        Assert.Equal(2, statistics.Reads);

        var video = index.Tracks.Single(t => t.Kind == TrackKind.Video);
        var audio = index.Tracks.Single(t => t.Kind == TrackKind.Audio);
        Assert.Equal(480, video.Samples!.Count);
        Assert.NotNull(video.Samples.CompositionOffsets); // B-frames
        Assert.False(video.Samples.AllSync);
        Assert.Equal(1024, video.CompositionShift);       // ffmpeg's edit list: two frames at 12288 Hz
        Assert.Equal(0, audio.CompositionShift);           // audio priming is not shifted
        Assert.Equal("mp4a.40.2", audio.Codec.Codecs);
        Assert.Equal(48000, audio.Codec.SampleRate);
        Assert.Equal(2, audio.Codec.Channels);
        Assert.Equal("eng", audio.Language);
        Assert.Equal(20.0, video.Duration / (double)video.Timescale, 3);

        // Interleaved: audio samples lie between video chunks, and every sample is inside the mdat.
        var length = new FileInfo(RepositoryFiles.Sample("progressive.mp4")).Length;
        foreach (var t in index.Tracks)
            for (int i = 0; i < t.Samples!.Count; i++)
                Assert.InRange(t.Samples.Offsets[i] + t.Samples.Sizes[i], 48, length);
    }

    [Fact]
    public async Task Not_an_mp4_is_a_clear_error()
    {
        var dir = Directory.CreateTempSubdirectory();
        await File.WriteAllTextAsync(Path.Combine(dir.FullName, "x.mp4"), "<html>this is not a video</html>");
        var e = await Assert.ThrowsAsync<MediaFormatException>(async () => await MediaIndexReader.ReadAsync(await RepositoryFiles.OpenAsync(dir.FullName, "x.mp4"), default));
        Assert.Contains("not an MP4", e.Message);
    }

    [Fact]
    public async Task Truncated_progressive_file_is_a_clear_error()
    {
        var dir = Directory.CreateTempSubdirectory();
        var bytes = await File.ReadAllBytesAsync(RepositoryFiles.Sample("progressive.mp4"));
        await File.WriteAllBytesAsync(Path.Combine(dir.FullName, "cut.mp4"), bytes[..(bytes.Length - 5000)]);
        await Assert.ThrowsAsync<MediaFormatException>(async () => await MediaIndexReader.ReadAsync(await RepositoryFiles.OpenAsync(dir.FullName, "cut.mp4"), default));
    }
}
