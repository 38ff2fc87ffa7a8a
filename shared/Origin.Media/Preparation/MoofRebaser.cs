using Origin.Media.Boxes;
using Origin.Media.Bytes;
using Origin.Media.Index;

namespace Origin.Media.Preparation;

/// <summary>
/// Makes a media file's moof fit for an index MP4: every traf's base data offset becomes the moof's position in the
/// media file and every run carries its data offset from there, so the samples resolve into the media whichever
/// way the original located them (moof-relative, chained after the previous traf, or absolute). The origin reads the
/// base data offset back as the fragment's position in the media. Trafs of tracks left out are dropped; the rest
/// are renumbered to the index's track ids.
/// </summary>
internal static class MoofRebaser
{
    public static void Rebase(ContainerBox moof, long moofOffset, IReadOnlyDictionary<uint, uint> newIds, IReadOnlyDictionary<uint, TrackExtendsBox?> trex)
    {
        long previousTrafEnd = moofOffset;
        var kept = new List<Box>();
        foreach (var box in moof.Children)
        {
            if (box is not ContainerBox { Type: BoxTypes.Traf } traf)
            {
                kept.Add(box);
                continue;
            }
            var tfhd = traf.Children.Required<TrackFragmentHeaderBox>(BoxTypes.Traf);
            long baseOffset = TrafDataOffsets.Base(tfhd, moofOffset, previousTrafEnd);
            var defaults = SampleDefaults.For(tfhd, trex.GetValueOrDefault(tfhd.TrackId));
            long position = baseOffset;
            foreach (var trun in traf.Children.All<TrackRunBox>())
            {
                long start = TrafDataOffsets.RunStart(trun, baseOffset, position);
                trun.DataOffset = checked((int)(start - moofOffset));
                trun.Flags |= TrackRunBox.DataOffsetPresent;
                position = start;
                foreach (var sample in trun.Samples) position += defaults.Size(trun, sample);
            }
            previousTrafEnd = position;
            if (!newIds.TryGetValue(tfhd.TrackId, out var id)) continue;
            tfhd.TrackId = id;
            tfhd.Flags = (tfhd.Flags | TrackFragmentHeaderBox.BaseDataOffsetPresent) & ~TrackFragmentHeaderBox.DefaultBaseIsMoof;
            tfhd.BaseDataOffset = (ulong)moofOffset;
            kept.Add(traf);
        }
        moof.Children.Clear();
        moof.Children.AddRange(kept);
    }

    /// <summary>The 1-based position of the track's traf in the moof, as tfra entries name it.</summary>
    public static int TrafNumber(ContainerBox moof, uint trackId)
    {
        int n = 0;
        foreach (var traf in moof.Children.AllContainers(BoxTypes.Traf))
        {
            n++;
            if (traf.Children.Find<TrackFragmentHeaderBox>()?.TrackId == trackId) return n;
        }
        throw new MediaFormatException($"moof has no traf of track {trackId}", BoxTypes.Moof);
    }
}
