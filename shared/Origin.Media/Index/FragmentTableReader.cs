using Origin.Media.Boxes;
using Origin.Media.Bytes;

namespace Origin.Media.Index;

/// <summary>Builds fragment tables from mfra/tfra (plus the last moof, for its duration), from a sidx, or by walking moofs.</summary>
internal static class FragmentTableReader
{
    readonly record struct Found(long Time, long Offset, long Duration);

    public static async Task<List<TrackIndex>> ReadAsync(SourceWindow window, TopLevelLayout layout, List<MovieTrack> tracks, CancellationToken ct)
    {
        var perTrack = new Dictionary<uint, List<Found>>();
        foreach (var t in tracks) perTrack[t.TrackId] = [];
        long fragmentsEnd = window.Length;

        var tfras = await ReadRandomAccessAsync(window, ct);
        if (tfras is { } mfra)
        {
            fragmentsEnd = mfra.Offset;
            foreach (var tfra in mfra.Boxes)
            {
                if (!perTrack.TryGetValue(tfra.TrackId, out var list)) continue;
                foreach (var e in tfra.Entries)
                    if (list.Count == 0 || (long)e.MoofOffset != list[^1].Offset) list.Add(new Found((long)e.Time, (long)e.MoofOffset, -1));
            }
        }
        else if (layout.Sidx is { } sidx && tracks.Count == 1)
        {
            long time = (long)sidx.EarliestPresentationTime, offset = layout.SidxEnd + (long)sidx.FirstOffset;
            foreach (var reference in sidx.References)
            {
                if (reference.IsIndex) throw new MediaFormatException("hierarchical sidx is not supported", BoxTypes.Sidx);
                perTrack[tracks[0].TrackId].Add(new Found(time, offset, reference.Duration));
                time += reference.Duration;
                offset += reference.Size;
            }
        }
        else
        {
            fragmentsEnd = await WalkMoofsAsync(window, layout.FirstMoofOffset, tracks, perTrack, ct);
        }

        var allOffsets = new List<long>();
        foreach (var list in perTrack.Values)
            foreach (var f in list) allOffsets.Add(f.Offset);
        allOffsets.Sort();

        var indexes = new List<TrackIndex>();
        foreach (var track in tracks)
        {
            var found = perTrack[track.TrackId];
            if (found.Count == 0) continue;
            int n = found.Count;
            var times = new long[n];
            var durations = new long[n];
            var offsets = new long[n];
            var lengths = new long[n];
            for (int i = 0; i < n; i++)
            {
                times[i] = found[i].Time;
                offsets[i] = found[i].Offset;
                int next = allOffsets.BinarySearch(offsets[i]);
                while (next < allOffsets.Count && allOffsets[next] <= offsets[i]) next++;
                lengths[i] = (next < allOffsets.Count ? allOffsets[next] : fragmentsEnd) - offsets[i];
                durations[i] = found[i].Duration >= 0 ? found[i].Duration
                    : i + 1 < n ? found[i + 1].Time - found[i].Time
                    : await LastFragmentDurationAsync(window, offsets[i], track, ct);
                if (durations[i] <= 0 || lengths[i] <= 0)
                    throw new MediaFormatException($"fragment {i} of track {track.TrackId} has no duration or bytes", BoxTypes.Moof, offsets[i]);
            }
            long duration = times[n - 1] + durations[n - 1] - times[0], bytes = 0;
            foreach (var l in lengths) bytes += l;
            long typical = track.Kind == TrackKind.Video ? await FirstSampleDurationAsync(window, offsets[0], track, ct) : 0;
            indexes.Add(MediaIndexReader.NewTrack(track, duration, bytes, new FragmentTable(times, durations, offsets, lengths), typicalSampleDuration: typical));
        }
        return indexes;
    }

    static async Task<(long Offset, List<TrackFragmentRandomAccessBox> Boxes)?> ReadRandomAccessAsync(SourceWindow window, CancellationToken ct)
    {
        if (window.Length < 16) return null;
        var tail = await window.GetTailAsync(MovieFragmentRandomAccessOffsetBox.BoxSize, ct);
        var last = tail.Span[^16..];
        if (!BoxHeader.TryRead(last, window.Length - 16, 16, out var h) || h.Type != BoxTypes.Mfro || h.Size != 16) return null;
        var mfro = (MovieFragmentRandomAccessOffsetBox)BoxParser.ReadOne(last, window.Length - 16);
        long mfraOffset = window.Length - mfro.MfraSize;
        if (mfro.MfraSize < 16 || mfraOffset < 0) return null;
        var header = await window.GetHeaderAsync(mfraOffset, ct);
        if (header is not { Type: BoxTypes.Mfra } mfraHeader) return null;
        var mfra = (ContainerBox)await window.GetBoxAsync(mfraOffset, mfraHeader, ct);
        return (mfraOffset, [.. mfra.Children.All<TrackFragmentRandomAccessBox>()]);
    }

    /// <summary>The first video sample's duration, for the frame rate; the first moof is usually in the head window already.</summary>
    static async Task<long> FirstSampleDurationAsync(SourceWindow window, long moofOffset, MovieTrack track, CancellationToken ct)
    {
        var header = await window.GetHeaderAsync(moofOffset, ct);
        if (header is not { Type: BoxTypes.Moof } h) return 0;
        var moof = (ContainerBox)await window.GetBoxAsync(moofOffset, h, ct);
        return TrackFragmentSummary.Find(moof, track.TrackId, track.Extends)?.FirstSampleDuration ?? 0;
    }

    static async Task<long> LastFragmentDurationAsync(SourceWindow window, long moofOffset, MovieTrack track, CancellationToken ct)
    {
        var header = await window.GetHeaderAsync(moofOffset, ct);
        if (header is not { Type: BoxTypes.Moof } h) throw new MediaFormatException("tfra points at no moof", BoxTypes.Tfra, moofOffset);
        var moof = (ContainerBox)await window.GetBoxAsync(moofOffset, h, ct);
        return TrackFragmentSummary.Find(moof, track.TrackId, track.Extends)?.Duration
            ?? throw new MediaFormatException($"moof has no fragment of track {track.TrackId}", BoxTypes.Moof, moofOffset);
    }

    /// <summary>For files without mfra or sidx: visit every moof (one window each, mdat skipped by its header).</summary>
    static async Task<long> WalkMoofsAsync(SourceWindow window, long offset, List<MovieTrack> tracks, Dictionary<uint, List<Found>> perTrack, CancellationToken ct)
    {
        var nextTime = new Dictionary<uint, long>();
        long end = offset;
        while (offset < window.Length)
        {
            var header = await window.GetHeaderAsync(offset, ct);
            if (header is not { } h) break;
            if (h.Type == BoxTypes.Moof)
            {
                var moof = (ContainerBox)await window.GetBoxAsync(offset, h, ct);
                foreach (var track in tracks)
                {
                    if (TrackFragmentSummary.Find(moof, track.TrackId, track.Extends) is not { } summary || summary.SampleCount == 0) continue;
                    long time = summary.DecodeTime ?? nextTime.GetValueOrDefault(track.TrackId);
                    perTrack[track.TrackId].Add(new Found(time, offset, summary.Duration));
                    nextTime[track.TrackId] = time + summary.Duration;
                }
            }
            else if (h.Type == BoxTypes.Mfra) break;
            offset += h.Size;
            if (h.Type is BoxTypes.Moof or BoxTypes.Mdat) end = offset;
        }
        return end;
    }
}
