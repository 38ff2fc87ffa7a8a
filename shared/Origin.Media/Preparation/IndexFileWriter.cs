using Origin.Media.Boxes;
using Origin.Media.Bytes;
using Origin.Media.Index;
using Origin.Storage;

namespace Origin.Media.Preparation;

/// <summary>A media file to describe in an index MP4: the reference from the index to it, and which tracks (null: all).</summary>
public sealed record IndexSource(IStorageObject Media, string Reference, IReadOnlyCollection<uint>? TrackIds = null);

/// <summary>
/// Writes an index MP4: the media's metadata and none of its samples. Each trak's data reference points at its media
/// file (a relative <c>url </c>, plus an alias for QuickTime-family readers); a fragmented source keeps every moof,
/// rebased so its samples resolve into the media, and an mfra over the index's own moofs; a progressive source keeps
/// its moov, whose chunk offsets already point into the media. Several files' tracks may share one index; track ids
/// that collide are renumbered and the reference says which track of the media is meant.
/// </summary>
public static class IndexFileWriter
{
    sealed class Loaded(IndexSource source, FileTypeBox? ftyp, ContainerBox moov, List<MovieTrack> tracks, MediaIndex index, SourceWindow window)
    {
        public IndexSource Source => source;
        public FileTypeBox? Ftyp => ftyp;
        public ContainerBox Moov => moov;
        public List<MovieTrack> Tracks => tracks;
        public MediaIndex Index => index;
        public SourceWindow Window => window;
        public Dictionary<uint, uint> NewIds { get; } = [];
        public Dictionary<uint, TrackExtendsBox?> Trex { get; } = [];
        public bool Fragmented => index.Tracks[0].Fragments is not null;
    }

    public static async Task<byte[]> WriteAsync(IReadOnlyList<IndexSource> sources, IProgress<(int Done, int Total)>? progress, CancellationToken ct)
    {
        if (sources.Count == 0) throw new ArgumentException("no input files", nameof(sources));
        var loaded = new List<Loaded>();
        foreach (var source in sources) loaded.Add(await LoadAsync(source, ct));
        if (loaded.Exists(l => l.Fragmented != loaded[0].Fragmented))
            throw new ArgumentException("fragmented and progressive files cannot share one index file");

        AssignTrackIds(loaded);
        var moov = BuildMoov(loaded);
        var ftyp = loaded[0].Ftyp ?? new FileTypeBox(BoxTypes.Ftyp, BoxTypes.Iso6, 0, [BoxTypes.Iso6]);
        var boxes = new List<Box> { ftyp, moov };
        if (loaded[0].Fragmented)
        {
            var moofs = await ReadMoofsAsync(loaded, progress, ct);
            long position = ftyp.Size + moov.Size;
            var positions = new Dictionary<(Loaded, long), (long Position, ContainerBox Moof)>();
            foreach (var (source, offset, moof) in moofs)
            {
                positions[(source, offset)] = (position, moof);
                position += moof.Size;
                boxes.Add(moof);
            }
            boxes.Add(BuildMfra(loaded, positions));
        }

        long total = 0;
        foreach (var box in boxes) total += box.Size;
        if (total > DataReferenceResolver.MaxIndexFileBytes)
            throw new MediaFormatException($"index file of {total} bytes would be larger than the {DataReferenceResolver.MaxIndexFileBytes} allowed");
        var bytes = new byte[total];
        var writer = new BoxWriter(bytes);
        foreach (var box in boxes) box.Write(ref writer);
        return bytes;
    }

    static async Task<Loaded> LoadAsync(IndexSource source, CancellationToken ct)
    {
        var window = new SourceWindow(source.Media, MediaIndexReader.WindowSize);
        var layout = await TopLevelLayout.ReadAsync(window, ct);
        var tracks = MovieTrack.ReadAll(layout.Moov);
        if (tracks.Exists(t => t.DataLocation is not null))
            throw new MediaFormatException($"{source.Media.Path} is itself an index file");
        FileTypeBox? ftyp = null;
        if (await window.GetHeaderAsync(0, ct) is { Type: BoxTypes.Ftyp } h) ftyp = await window.GetBoxAsync(0, h, ct) as FileTypeBox;

        // The same window: the head (and the moofs near it) are read once for the index and the moofs to copy.
        var index = await MediaIndexReader.ReadAsync(window, layout, tracks, source.Media, null, ct);
        var selected = tracks.FindAll(t => index.Tracks.Any(i => i.TrackId == t.TrackId) && (source.TrackIds is null || source.TrackIds.Contains(t.TrackId)));
        if (source.TrackIds is not null)
            foreach (var id in source.TrackIds)
                if (!selected.Exists(t => t.TrackId == id)) throw new ArgumentException($"{source.Media.Path} has no track {id}");
        var kept = new MediaIndex { Path = index.Path, Validator = index.Validator, Tracks = [.. index.Tracks.Where(i => selected.Exists(t => t.TrackId == i.TrackId))] };
        var result = new Loaded(source, ftyp, layout.Moov, selected, kept, window);
        foreach (var t in tracks) result.Trex[t.TrackId] = t.Extends;
        return result;
    }

    /// <summary>Keeps each track's id unless an earlier file took it.</summary>
    static void AssignTrackIds(List<Loaded> loaded)
    {
        var used = new HashSet<uint>();
        uint next = 1;
        foreach (var l in loaded)
            foreach (var t in l.Tracks) next = Math.Max(next, t.TrackId + 1);
        foreach (var l in loaded)
            foreach (var t in l.Tracks)
                l.NewIds[t.TrackId] = used.Add(t.TrackId) ? t.TrackId : Take(used, ref next);
    }

    static uint Take(HashSet<uint> used, ref uint next)
    {
        used.Add(next);
        return next++;
    }

    static ContainerBox BuildMoov(List<Loaded> loaded)
    {
        var first = loaded[0].Moov;
        var moov = new ContainerBox(BoxTypes.Moov);
        uint nextId = 1;
        foreach (var l in loaded)
            foreach (var id in l.NewIds.Values) nextId = Math.Max(nextId, id + 1);
        foreach (var box in first.Children)
        {
            if (box.Type is BoxTypes.Trak or BoxTypes.Mvex) continue;
            if (box is MovieHeaderBox mvhd) mvhd.NextTrackId = nextId;
            moov.Children.Add(box);
        }
        var mvex = new ContainerBox(BoxTypes.Mvex);
        if (first.Children.Container(BoxTypes.Mvex)?.Children.Find<MovieExtendsHeaderBox>() is { } mehd) mvex.Children.Add(mehd);
        foreach (var l in loaded)
        {
            foreach (var track in l.Tracks)
            {
                uint id = l.NewIds[track.TrackId];
                track.Trak.Children.Required<TrackHeaderBox>(BoxTypes.Trak).TrackId = id;
                PointAtMedia(track, DataLocation.Format(l.Source.Reference, id, track.TrackId), l.Source.Reference);
                moov.Children.Add(track.Trak);
                if (!l.Fragmented) continue;
                var trex = track.Extends ?? new TrackExtendsBox();
                trex.TrackId = id;
                mvex.Children.Add(trex);
            }
        }
        if (loaded[0].Fragmented) moov.Children.Add(mvex);
        return moov;
    }

    /// <summary>Replaces the trak's data references with the media's location; every sample entry uses the first.</summary>
    static void PointAtMedia(MovieTrack track, string location, string reference)
    {
        var minf = track.Trak.Path(BoxTypes.Mdia, BoxTypes.Minf) ?? throw new MediaFormatException("missing minf", BoxTypes.Trak);
        var dref = new DataReferenceBox { Entries = { DataEntryUrlBox.ForLocation(location), AliasDataEntry.Create(reference) } };
        var dinf = new ContainerBox(BoxTypes.Dinf, [dref]);
        int at = minf.Children.FindIndex(b => b.Type == BoxTypes.Dinf);
        if (at >= 0) minf.Children[at] = dinf;
        else minf.Children.Insert(Math.Min(1, minf.Children.Count), dinf);
        foreach (var entry in track.Stbl.Children.Required<SampleDescriptionBox>(BoxTypes.Stbl).Entries)
            if (entry is SampleEntry sampleEntry) sampleEntry.DataReferenceIndex = 1;
    }

    /// <summary>Every moof holding a chosen track, in presentation order across the files, rebased for the index.</summary>
    static async Task<List<(Loaded Source, long Offset, ContainerBox Moof)>> ReadMoofsAsync(List<Loaded> loaded, IProgress<(int, int)>? progress, CancellationToken ct)
    {
        var plan = new Dictionary<(Loaded, long), double>();
        foreach (var l in loaded)
            foreach (var track in l.Index.Tracks)
            {
                var f = track.Fragments!;
                for (int i = 0; i < f.Count; i++)
                {
                    double time = f.Times[i] / (double)track.Timescale;
                    plan[(l, f.Offsets[i])] = plan.TryGetValue((l, f.Offsets[i]), out var t) ? Math.Min(t, time) : time;
                }
            }
        var ordered = plan.OrderBy(p => p.Value).ThenBy(p => loaded.IndexOf(p.Key.Item1)).ThenBy(p => p.Key.Item2).Select(p => p.Key).ToList();
        var moofs = new List<(Loaded, long, ContainerBox)>(ordered.Count);
        foreach (var (l, offset) in ordered)
        {
            var header = await l.Window.GetHeaderAsync(offset, ct);
            if (header is not { Type: BoxTypes.Moof } h) throw new MediaFormatException("fragment index points at no moof", BoxTypes.Moof, offset);
            var moof = (ContainerBox)await l.Window.GetBoxAsync(offset, h, ct);
            MoofRebaser.Rebase(moof, offset, l.NewIds, l.Trex);
            moofs.Add((l, offset, moof));
            progress?.Report((moofs.Count, ordered.Count));
        }
        return moofs;
    }

    static ContainerBox BuildMfra(List<Loaded> loaded, Dictionary<(Loaded, long), (long Position, ContainerBox Moof)> positions)
    {
        var mfra = new ContainerBox(BoxTypes.Mfra);
        foreach (var l in loaded)
        {
            foreach (var track in l.Index.Tracks)
            {
                uint id = l.NewIds[track.TrackId];
                var f = track.Fragments!;
                var entries = new TrackFragmentRandomAccessBox.Entry[f.Count];
                for (int i = 0; i < f.Count; i++)
                {
                    var (position, moof) = positions[(l, f.Offsets[i])];
                    int traf = MoofRebaser.TrafNumber(moof, id);
                    if (traf > byte.MaxValue) throw new MediaFormatException("too many trafs in one moof", BoxTypes.Moof, f.Offsets[i]);
                    entries[i] = new((ulong)Math.Max(0, f.Times[i]), (ulong)position, (uint)traf, 1, 1);
                }
                mfra.Children.Add(new TrackFragmentRandomAccessBox { Version = 1, TrackId = id, Entries = entries });
            }
        }
        var mfro = new MovieFragmentRandomAccessOffsetBox();
        mfra.Children.Add(mfro);
        mfro.MfraSize = checked((uint)mfra.Size);
        return mfra;
    }
}
