using Origin.Media.Boxes;
using Origin.Media.Bytes;
using Origin.Media.Index;
using Origin.Media.Preparation;
using Origin.Storage.File;
using Origin.Testing;

namespace Origin.Media.Tests.Preparation;

/// <summary>Index MP4s written from the sample media, read back the way the origin reads them.</summary>
public sealed class IndexFileWriterTests : IDisposable
{
    static readonly string[] Media = ["demo-video-150k.ismv", "demo-video-300k.ismv", "demo-video-500k.ismv", "demo-audio-64k.isma"];
    readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("index-writer-");

    public IndexFileWriterTests()
    {
        Directory.CreateDirectory(Path.Combine(_dir.FullName, "media"));
        foreach (var name in Media.Append("progressive.mp4")) File.Copy(RepositoryFiles.Sample(name), Path.Combine(_dir.FullName, "media", name));
    }

    public void Dispose() => _dir.Delete(recursive: true);

    FileStorage Storage => new(_dir.FullName);

    async Task<MediaIndex> WriteAndReadAsync(string indexPath, params IndexSource[] sources)
    {
        var bytes = await IndexFileWriter.WriteAsync(sources, null, default);
        var full = Path.Combine(_dir.FullName, indexPath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await File.WriteAllBytesAsync(full, bytes);
        return await MediaIndexReader.ReadAsync(await RepositoryFiles.OpenAsync(_dir.FullName, indexPath), default, Storage);
    }

    async Task<IndexSource> SourceAsync(string media, string reference, params uint[] tracks) =>
        new(await RepositoryFiles.OpenAsync(_dir.FullName, "media/" + media), reference, tracks.Length == 0 ? null : tracks);

    static void AssertSameFragments(TrackIndex expected, TrackIndex actual)
    {
        var e = expected.Fragments!;
        var a = actual.Fragments!;
        Assert.Equal(e.Times.ToArray(), a.Times.ToArray());
        Assert.Equal(e.Durations.ToArray(), a.Durations.ToArray());
        Assert.Equal(e.Offsets.ToArray(), a.Offsets.ToArray());
        Assert.Equal(e.Lengths.ToArray(), a.Lengths.ToArray());
        Assert.Equal(expected.MediaBytes, actual.MediaBytes);
        Assert.Equal(expected.FrameRate, actual.FrameRate);
        Assert.Equal(expected.SampleEntry.ToArray(), actual.SampleEntry.ToArray());
    }

    [Theory]
    [InlineData("demo-video-150k.ismv")]
    [InlineData("demo-audio-64k.isma")]
    public async Task A_per_file_index_describes_the_media_fragment_for_fragment(string name)
    {
        var media = await MediaIndexReader.ReadAsync(await RepositoryFiles.OpenAsync(_dir.FullName, "media/" + name), default);
        var index = await WriteAndReadAsync("media/x-index.mp4", await SourceAsync(name, name));

        var track = Assert.Single(index.Tracks);
        var mediaFile = await RepositoryFiles.OpenAsync(_dir.FullName, "media/" + name);
        Assert.Equal(new DataReference("media/" + name, mediaFile.Info, 1), track.Data);
        AssertSameFragments(media.Tracks[0], track);
        // Audio has the most samples per byte, so the largest share of metadata.
        Assert.True(new FileInfo(Path.Combine(_dir.FullName, "media/x-index.mp4")).Length * 10 < mediaFile.Info.Length, "an index is a small part of its media");
    }

    [Fact]
    public async Task One_index_holds_every_file_with_renumbered_tracks_and_relative_references()
    {
        var sources = new List<IndexSource>();
        foreach (var name in Media) sources.Add(await SourceAsync(name, "../media/" + name));
        var index = await WriteAndReadAsync("index/all-index.mp4", [.. sources]);

        Assert.Equal([1u, 2u, 3u, 4u], index.Tracks.Select(t => t.TrackId));
        for (int i = 0; i < Media.Length; i++)
        {
            var media = await MediaIndexReader.ReadAsync(await RepositoryFiles.OpenAsync(_dir.FullName, "media/" + Media[i]), default);
            var track = index.Tracks[i];
            Assert.Equal("media/" + Media[i], track.Data!.Path);
            Assert.Equal(1u, track.Data.TrackId);
            AssertSameFragments(media.Tracks[0], track);
        }
    }

    [Fact]
    public async Task A_progressive_file_keeps_its_sample_table_pointing_into_the_media()
    {
        var media = await MediaIndexReader.ReadAsync(await RepositoryFiles.OpenAsync(_dir.FullName, "media/progressive.mp4"), default);
        var index = await WriteAndReadAsync("media/progressive-index.mp4", await SourceAsync("progressive.mp4", "progressive.mp4"));
        Assert.Equal(media.Tracks.Count, index.Tracks.Count);
        for (int i = 0; i < media.Tracks.Count; i++)
        {
            Assert.Equal(media.Tracks[i].Samples!.Offsets.ToArray(), index.Tracks[i].Samples!.Offsets.ToArray());
            Assert.Equal("media/progressive.mp4", index.Tracks[i].Data!.Path);
        }
    }

    [Fact]
    public async Task A_missing_media_file_is_a_clear_error()
    {
        var bytes = await IndexFileWriter.WriteAsync([await SourceAsync("demo-video-150k.ismv", "demo-video-150k.ismv")], null, default);
        await File.WriteAllBytesAsync(Path.Combine(_dir.FullName, "media/x-index.mp4"), bytes);
        File.Delete(Path.Combine(_dir.FullName, "media/demo-video-150k.ismv"));
        var e = await Assert.ThrowsAsync<MediaFormatException>(async () =>
            await MediaIndexReader.ReadAsync(await RepositoryFiles.OpenAsync(_dir.FullName, "media/x-index.mp4"), default, Storage));
        Assert.Contains("referenced media demo-video-150k.ismv not found", e.Message);
    }

    [Fact]
    public async Task An_index_cannot_be_indexed_again_nor_read_without_its_storage()
    {
        var bytes = await IndexFileWriter.WriteAsync([await SourceAsync("demo-video-150k.ismv", "demo-video-150k.ismv")], null, default);
        await File.WriteAllBytesAsync(Path.Combine(_dir.FullName, "media/x-index.mp4"), bytes);
        var again = await Assert.ThrowsAsync<MediaFormatException>(async () =>
            await IndexFileWriter.WriteAsync([await SourceAsync("x-index.mp4", "x-index.mp4")], null, default));
        Assert.Contains("itself an index file", again.Message);
        await Assert.ThrowsAsync<MediaFormatException>(async () =>
            await MediaIndexReader.ReadAsync(await RepositoryFiles.OpenAsync(_dir.FullName, "media/x-index.mp4"), default));
    }

    [Fact]
    public void Alias_entries_count_levels_and_keep_the_path_even()
    {
        var beside = AliasDataEntry.Create("a.mp4");
        var content = beside.Content;
        Assert.Equal(1, content[4 + 130] << 8 | content[4 + 131]);
        Assert.Equal(1, content[4 + 132] << 8 | content[4 + 133]);
        var up = AliasDataEntry.Create("../../media/b.ismv").Content;
        Assert.Equal(3, up[4 + 130] << 8 | up[4 + 131]);
        Assert.Equal(2, up[4 + 132] << 8 | up[4 + 133]);
        int pathLength = up[4 + 152] << 8 | up[4 + 153];
        Assert.Equal(0, pathLength % 2);
        Assert.True(beside.Size > 150 + 12);
    }
}
