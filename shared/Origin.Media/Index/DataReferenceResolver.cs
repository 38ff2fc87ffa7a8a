using Origin.Media.Boxes;
using Origin.Media.Bytes;
using Origin.Storage;

namespace Origin.Media.Index;

/// <summary>
/// Turns the tracks of an index MP4 (metadata only, with data references to the media) into tracks that read the
/// media itself. Each referenced file is looked up once: its length and validator are what segment reads are checked
/// against. A fragment's position becomes its moof's position in the media, which the index's tfhd carries as the
/// base data offset, so a segment is still one range read from that moof to the next.
/// </summary>
internal static class DataReferenceResolver
{
    /// <summary>An index MP4 is read whole; one larger than this (about a week of 2 s fragments) is refused.</summary>
    public const long MaxIndexFileBytes = 128L << 20;

    public static async Task<List<TrackIndex>> ResolveAsync(SourceWindow window, IStorageObject indexFile, IMediaStorage storage,
        List<MovieTrack> tracks, List<TrackIndex> indexes, CancellationToken ct)
    {
        var files = new Dictionary<string, DataReference>(StringComparer.Ordinal);
        var located = new List<(TrackIndex Index, DataReference? Data)>();
        foreach (var index in indexes)
        {
            var location = tracks.Find(t => t.TrackId == index.TrackId)?.DataLocation;
            if (location is null)
            {
                located.Add((index, null));
                continue;
            }
            var (reference, trackId) = DataLocation.Parse(location, index.TrackId);
            var path = StoragePaths.Resolve(indexFile.Path, reference)
                ?? throw new MediaFormatException($"data reference {location} is not a path beside the index", BoxTypes.Dref);
            if (!files.TryGetValue(path, out var data)) files[path] = data = await OpenAsync(storage, path, location, ct);
            located.Add((index, data with { TrackId = trackId }));
        }

        var trex = new Dictionary<uint, TrackExtendsBox?>();
        foreach (var t in tracks) trex[t.TrackId] = t.Extends;
        // Where each fragment starts in its media file, across all tracks that share the file: a fragment runs to
        // the next start (as in the media's own index), the last one to the end of its samples.
        var starts = new Dictionary<string, SortedDictionary<long, long>>(StringComparer.Ordinal);
        var mediaOffsets = new Dictionary<TrackIndex, long[]>(ReferenceEqualityComparer.Instance);
        foreach (var (index, data) in located)
        {
            if (data is null || index.Fragments is not { } fragments) continue;
            var fileStarts = starts.TryGetValue(data.Path, out var s) ? s : starts[data.Path] = new SortedDictionary<long, long>();
            var offsets = new long[fragments.Count];
            for (int i = 0; i < offsets.Length; i++)
            {
                var moof = await ReadMoofAsync(window, fragments.Offsets[i], ct);
                offsets[i] = MediaOffset(moof, index.TrackId, fragments.Offsets[i]);
                fileStarts[offsets[i]] = Math.Max(fileStarts.GetValueOrDefault(offsets[i]), DataEnd(moof, fragments.Offsets[i], trex));
            }
            mediaOffsets[index] = offsets;
        }

        var resolved = new List<TrackIndex>(located.Count);
        foreach (var (index, data) in located)
        {
            if (data is null) resolved.Add(index);
            else if (index.Samples is { } samples) resolved.Add(CheckSamples(index, samples, data));
            else resolved.Add(Remap(index, data, mediaOffsets[index], starts[data.Path]));
        }
        return resolved;
    }

    static async Task<DataReference> OpenAsync(IMediaStorage storage, string path, string location, CancellationToken ct)
    {
        var opened = await storage.OpenAsync(path, ct);
        return opened.Status switch
        {
            StorageStatus.Ok => new DataReference(path, opened.Object!.Info, 0),
            StorageStatus.NotFound => throw new MediaFormatException($"referenced media {location} not found", BoxTypes.Dref),
            StorageStatus.Invalid => throw new MediaFormatException($"data reference {location} is not an allowed path", BoxTypes.Dref),
            var status => throw new StorageException(status, $"reading {path}: {opened.Reason}"),
        };
    }

    static async Task<ContainerBox> ReadMoofAsync(SourceWindow window, long offset, CancellationToken ct)
    {
        var header = await window.GetHeaderAsync(offset, ct);
        if (header is not { Type: BoxTypes.Moof } h) throw new MediaFormatException("index fragment points at no moof", BoxTypes.Moof, offset);
        return (ContainerBox)await window.GetBoxAsync(offset, h, ct);
    }

    static long MediaOffset(ContainerBox moof, uint trackId, long indexOffset)
    {
        foreach (var traf in moof.Children.AllContainers(BoxTypes.Traf))
        {
            var tfhd = traf.Children.Required<TrackFragmentHeaderBox>(BoxTypes.Traf);
            if (tfhd.TrackId != trackId) continue;
            if ((tfhd.Flags & TrackFragmentHeaderBox.BaseDataOffsetPresent) == 0 || tfhd.BaseDataOffset > long.MaxValue)
                throw new MediaFormatException("index fragment has no base data offset into its media", BoxTypes.Tfhd, indexOffset);
            return (long)tfhd.BaseDataOffset;
        }
        throw new MediaFormatException($"index fragment has no traf of track {trackId}", BoxTypes.Moof, indexOffset);
    }

    /// <summary>The end of the last sample a moof's runs place in the media (an index's trafs carry explicit bases).</summary>
    static long DataEnd(ContainerBox moof, long indexOffset, Dictionary<uint, TrackExtendsBox?> trex)
    {
        long end = 0, previousTrafEnd = 0;
        foreach (var traf in moof.Children.AllContainers(BoxTypes.Traf))
        {
            var tfhd = traf.Children.Required<TrackFragmentHeaderBox>(BoxTypes.Traf);
            var defaults = SampleDefaults.For(tfhd, trex.GetValueOrDefault(tfhd.TrackId));
            long baseOffset = TrafDataOffsets.Base(tfhd, indexOffset, previousTrafEnd), position = baseOffset;
            foreach (var trun in traf.Children.All<TrackRunBox>())
            {
                position = TrafDataOffsets.RunStart(trun, baseOffset, position);
                foreach (var sample in trun.Samples) position += defaults.Size(trun, sample);
                end = Math.Max(end, position);
            }
            previousTrafEnd = position;
        }
        return end;
    }

    static TrackIndex Remap(TrackIndex index, DataReference data, long[] offsets, SortedDictionary<long, long> fileStarts)
    {
        var starts = fileStarts.Keys.ToArray();
        var lengths = new long[offsets.Length];
        long bytes = 0;
        for (int i = 0; i < offsets.Length; i++)
        {
            int at = Array.BinarySearch(starts, offsets[i]);
            long end = at + 1 < starts.Length ? starts[at + 1] : fileStarts[offsets[i]];
            lengths[i] = end - offsets[i];
            if (lengths[i] <= 0 || end > data.Info.Length)
                throw new MediaFormatException($"index does not match {data.Path}: fragment {i} lies outside it", BoxTypes.Tfhd);
            bytes += lengths[i];
        }
        var f = index.Fragments!;
        return index with
        {
            Fragments = new FragmentTable(f.Times.ToArray(), f.Durations.ToArray(), offsets, lengths),
            MediaBytes = bytes,
            Data = data,
        };
    }

    static TrackIndex CheckSamples(TrackIndex index, SampleTable samples, DataReference data)
    {
        for (int i = 0; i < samples.Count; i++)
            if (samples.Offsets[i] < 0 || samples.Offsets[i] + samples.Sizes[i] > data.Info.Length)
                throw new MediaFormatException($"index does not match {data.Path}: sample {i} lies outside it", BoxTypes.Stco);
        return index with { Data = data };
    }
}
