using Origin.Media.Boxes;
using Origin.Media.Bytes;

namespace Origin.Media.Index;

/// <summary>
/// Where a traf's sample data starts (ISO/IEC 14496-12 tfhd/trun): its base is explicit, the moof's first byte
/// (default-base-is-moof), or where the previous traf's data ended; each run starts at base + its data offset, or
/// where the previous run ended. Positions are in whatever frame the caller counts in: <paramref name="frame"/> is
/// subtracted from an explicit base, so a caller counting from the moof passes the moof's file offset.
/// </summary>
internal static class TrafDataOffsets
{
    public static long Base(TrackFragmentHeaderBox tfhd, long moofStart, long previousTrafEnd, long frame = 0)
    {
        if ((tfhd.Flags & TrackFragmentHeaderBox.BaseDataOffsetPresent) != 0)
            return tfhd.BaseDataOffset <= long.MaxValue ? (long)tfhd.BaseDataOffset - frame
                : throw new MediaFormatException("base data offset is out of range", BoxTypes.Tfhd);
        return (tfhd.Flags & TrackFragmentHeaderBox.DefaultBaseIsMoof) != 0 ? moofStart : previousTrafEnd;
    }

    public static long RunStart(TrackRunBox trun, long baseOffset, long previousRunEnd) =>
        (trun.Flags & TrackRunBox.DataOffsetPresent) != 0 ? baseOffset + trun.DataOffset : previousRunEnd;
}
