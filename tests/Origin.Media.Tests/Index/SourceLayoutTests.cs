using Origin.Media.Boxes;
using Origin.Media.Index;
using Origin.Media.Packaging;
using Origin.Media.Packaging.Fmp4;
using Origin.Media.Presentation;
using Origin.Media.Tests.Support;
using Origin.Testing;

namespace Origin.Media.Tests.Index;

/// <summary>
/// The same media in other layouts (moov first; 64-bit chunk offsets; a fragmented file without mfra) must give the
/// same segments. The variants are made with the box library itself: move moov, rewrite stco as co64, drop mfra.
/// </summary>
public class SourceLayoutTests
{
    [Fact]
    public async Task Moov_at_front_with_co64_gives_identical_segments()
    {
        var original = await File.ReadAllBytesAsync(RepositoryFiles.Sample("progressive.mp4"));
        var dir = Directory.CreateTempSubdirectory();
        await File.WriteAllBytesAsync(Path.Combine(dir.FullName, "front.mp4"), MoveMoovToFrontWithCo64(original));

        var a = await SegmentsOf(RepositoryFiles.Samples, "progressive.mp4");
        var b = await SegmentsOf(dir.FullName, "front.mp4");
        Assert.Equal(a.Count, b.Count);
        for (int i = 0; i < a.Count; i++) Assert.Equal(a[i], b[i]);
    }

    [Fact]
    public async Task Fragmented_file_without_mfra_is_walked_and_gives_identical_segments()
    {
        var original = await File.ReadAllBytesAsync(RepositoryFiles.Sample("demo-video-150k.ismv"));
        var mfraSize = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(original.AsSpan(original.Length - 4));
        var dir = Directory.CreateTempSubdirectory();
        await File.WriteAllBytesAsync(Path.Combine(dir.FullName, "nomfra.ismv"), original[..(original.Length - mfraSize)]);

        var withMfra = await MediaIndexReader.ReadAsync(await RepositoryFiles.OpenSampleAsync("demo-video-150k.ismv"), default);
        var walked = await MediaIndexReader.ReadAsync(await RepositoryFiles.OpenAsync(dir.FullName, "nomfra.ismv"), default);
        Assert.Equal(withMfra.Tracks[0].Fragments!.Times.ToArray(), walked.Tracks[0].Fragments!.Times.ToArray());
        Assert.Equal(withMfra.Tracks[0].Fragments!.Durations.ToArray(), walked.Tracks[0].Fragments!.Durations.ToArray());
        Assert.Equal(withMfra.Tracks[0].Fragments!.Lengths.ToArray(), walked.Tracks[0].Fragments!.Lengths.ToArray());
    }

    /// <summary>Every segment of every track, as bytes.</summary>
    static async Task<List<byte[]>> SegmentsOf(string folder, string file)
    {
        var packaging = await FilePackaging.OpenAsync(new Origin.Storage.File.FileStorage(folder), await RepositoryFiles.OpenAsync(folder, file));
        var all = new List<byte[]>();
        foreach (var track in packaging.Tracks)
            for (int i = 0; i < track.Segments.Count; i++)
                all.Add(await FilePackaging.SegmentAsync(track, i, new SegmentStyle(true, false)));
        return all;
    }

    static byte[] MoveMoovToFrontWithCo64(byte[] file)
    {
        var boxes = new List<(BoxHeader Header, long Offset)>();
        for (long offset = 0; offset < file.Length;)
        {
            BoxHeader.TryRead(file.AsSpan((int)offset), offset, file.Length - offset, out var h);
            boxes.Add((h, offset));
            offset += h.Size;
        }
        var (moovHeader, moovOffset) = boxes.Single(b => b.Header.Type == BoxTypes.Moov);
        var moov = (ContainerBox)BoxParser.ReadOne(file.AsSpan((int)moovOffset, (int)moovHeader.Size));
        var (ftypHeader, _) = boxes[0];

        // Offsets grow by the size of moov (now before mdat) and by stco→co64 growth, which depends on itself:
        // compute the new moov size with co64 first, then shift.
        var tables = moov.Children.AllContainers(BoxTypes.Trak)
            .Select(t => t.Path(BoxTypes.Mdia, BoxTypes.Minf, BoxTypes.Stbl)!).ToList();
        foreach (var stbl in tables)
        {
            var stco = stbl.Children.Find<ChunkOffsetBox>()!;
            stbl.Children[stbl.Children.IndexOf(stco)] = new ChunkOffsetBox(BoxTypes.Co64) { Offsets = stco.Offsets };
        }
        long shift = moov.Size;
        foreach (var stbl in tables)
        {
            var co64 = stbl.Children.Find<ChunkOffsetBox>()!;
            co64.Offsets = co64.Offsets.Select(o => o + (ulong)shift).ToArray();
        }
        var output = new List<byte>();
        output.AddRange(file.AsSpan(0, (int)ftypHeader.Size).ToArray());
        output.AddRange(moov.ToArray());
        foreach (var (h, offset) in boxes.Skip(1))
            if (h.Type != BoxTypes.Moov) output.AddRange(file.AsSpan((int)offset, (int)h.Size).ToArray());
        return [.. output];
    }
}
