using Origin.Media.Boxes;
using Origin.Media.Bytes;
using Origin.Media.Packaging.Samples;

namespace Origin.Media.Packaging.Fmp4;

/// <summary>
/// How a media segment is dressed: CMAF/HLS/DASH segments start with styp; Smooth fragments carry tfxd; a clear
/// segment of an encrypted track names the clear sample entry (<see cref="SampleDescriptionIndex"/>, 0 for the default).
/// </summary>
public readonly record struct SegmentStyle(bool WithStyp, bool WithSmoothTime, uint SampleDescriptionIndex = 0);

/// <summary>
/// Writes everything of a media segment that precedes the sample bytes: [styp] moof mdat-header. The sample bytes
/// are then copied straight from storage, so a segment is never assembled in memory.
/// </summary>
public static class MediaSegmentWriter
{
    /// <summary>
    /// The header for <paramref name="segment"/>'s samples as they will be written; <paramref name="trafBoxes"/>
    /// (a transform's senc, saiz, saio) follow the trun, with saio pointed at the first senc entry.
    /// </summary>
    public static byte[] WriteHeader(SegmentSamples segment, uint sequenceNumber, SegmentStyle style, IReadOnlyList<Box>? trafBoxes = null)
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
            new TrackFragmentHeaderBox
            {
                TrackId = InitSegmentWriter.OutputTrackId,
                Flags = TrackFragmentHeaderBox.DefaultBaseIsMoof | (style.SampleDescriptionIndex > 0 ? TrackFragmentHeaderBox.SampleDescriptionIndexPresent : 0),
                SampleDescriptionIndex = style.SampleDescriptionIndex,
            },
            new TrackFragmentDecodeTimeBox { Version = 1, BaseMediaDecodeTime = (ulong)segment.DecodeTime },
            trun,
        ]);
        if (style.WithSmoothTime)
            traf.Children.Add(new SmoothFragmentTimeBox { Version = 1, AbsoluteTime = (ulong)segment.DecodeTime, Duration = (ulong)segment.Duration });
        if (trafBoxes is not null) traf.Children.AddRange(trafBoxes);
        var mfhd = new MovieFragmentHeaderBox { SequenceNumber = sequenceNumber };
        var moof = new ContainerBox(BoxTypes.Moof, [mfhd, traf]);
        PointAuxiliaryOffsets(traf, 8 + mfhd.Size);

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

    /// <summary>saio counts from the moof (default-base-is-moof): to the first entry of the senc in the same traf.</summary>
    static void PointAuxiliaryOffsets(ContainerBox traf, long trafOffset)
    {
        if (traf.Children.Find<SampleAuxiliaryInformationOffsetsBox>() is not { } saio) return;
        long at = trafOffset + 8;
        foreach (var child in traf.Children)
        {
            if (child is SampleEncryptionBox senc)
            {
                saio.Offsets.Clear();
                saio.Offsets.Add(at + senc.EntriesOffset);
                return;
            }
            at += child.Size;
        }
        throw new InvalidOperationException("a saio without the senc it points at");
    }
}
