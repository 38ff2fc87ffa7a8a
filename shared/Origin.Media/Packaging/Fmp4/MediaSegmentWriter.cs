using Origin.Media.Boxes;
using Origin.Media.Bytes;
using Origin.Media.Packaging.Samples;

namespace Origin.Media.Packaging.Fmp4;

/// <summary>How a media segment is dressed: CMAF/HLS/DASH segments start with styp; Smooth fragments carry tfxd.</summary>
public readonly record struct SegmentStyle(bool WithStyp, bool WithSmoothTime);

/// <summary>
/// Writes everything of a media segment that precedes the sample bytes: [styp] moof mdat-header. The sample bytes
/// are then copied straight from storage, so a segment is never assembled in memory.
/// </summary>
public static class MediaSegmentWriter
{
    public static byte[] WriteHeader(SegmentSamples segment, uint sequenceNumber, SegmentStyle style)
    {
        bool anyOffset = false, negative = false;
        foreach (var s in segment.Samples)
        {
            anyOffset |= s.CompositionOffset != 0;
            negative |= s.CompositionOffset < 0;
        }
        var trun = new TrackRunBox
        {
            Version = negative ? (byte)1 : (byte)0,
            Flags = TrackRunBox.DataOffsetPresent | TrackRunBox.SampleDurationPresent | TrackRunBox.SampleSizePresent
                    | TrackRunBox.SampleFlagsPresent | (anyOffset ? TrackRunBox.CompositionOffsetPresent : 0),
            Samples = segment.Samples,
        };
        var traf = new ContainerBox(BoxTypes.Traf,
        [
            new TrackFragmentHeaderBox { TrackId = InitSegmentWriter.OutputTrackId, Flags = TrackFragmentHeaderBox.DefaultBaseIsMoof },
            new TrackFragmentDecodeTimeBox { Version = 1, BaseMediaDecodeTime = (ulong)segment.DecodeTime },
            trun,
        ]);
        if (style.WithSmoothTime)
            traf.Children.Add(new SmoothFragmentTimeBox { Version = 1, AbsoluteTime = (ulong)segment.DecodeTime, Duration = (ulong)segment.Duration });
        var moof = new ContainerBox(BoxTypes.Moof, [new MovieFragmentHeaderBox { SequenceNumber = sequenceNumber }, traf]);

        long payload = segment.PayloadSize;
        int mdatHeader = payload + 8 > uint.MaxValue ? 16 : 8;
        trun.DataOffset = checked((int)(moof.Size + mdatHeader));

        var styp = style.WithStyp ? new FileTypeBox(BoxTypes.Styp, BoxTypes.Msdh, 0, [BoxTypes.Msdh, BoxTypes.Msix]) : null;
        var bytes = new byte[(styp?.Size ?? 0) + moof.Size + mdatHeader];
        var w = new BoxWriter(bytes);
        styp?.Write(ref w);
        moof.Write(ref w);
        if (mdatHeader == 16)
        {
            w.WriteUInt32(1);
            w.WriteUInt32(BoxTypes.Mdat);
            w.WriteUInt64((ulong)(payload + 16));
        }
        else
        {
            w.WriteUInt32((uint)(payload + 8));
            w.WriteUInt32(BoxTypes.Mdat);
        }
        return bytes;
    }
}
