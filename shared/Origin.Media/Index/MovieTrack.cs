using Origin.Media.Boxes;
using Origin.Media.Bytes;

namespace Origin.Media.Index;

/// <summary>The parts of a trak (and its trex) that both index builders need.</summary>
internal sealed record MovieTrack(
    ContainerBox Trak, uint TrackId, TrackKind Kind, uint Timescale, string Language, SampleEntry SampleEntry,
    long EditMediaTime, TrackExtendsBox? Extends, ContainerBox Stbl, string? DataLocation)
{
    public static List<MovieTrack> ReadAll(ContainerBox moov)
    {
        var tracks = new List<MovieTrack>();
        var mvex = moov.Children.Container(BoxTypes.Mvex);
        foreach (var trak in moov.Children.AllContainers(BoxTypes.Trak))
        {
            var tkhd = trak.Children.Required<TrackHeaderBox>(BoxTypes.Trak);
            var mdia = trak.Children.Container(BoxTypes.Mdia) ?? throw new MediaFormatException("missing mdia", BoxTypes.Trak);
            var mdhd = mdia.Children.Required<MediaHeaderBox>(BoxTypes.Mdia);
            var hdlr = mdia.Children.Required<HandlerBox>(BoxTypes.Mdia);
            var kind = hdlr.HandlerType switch
            {
                BoxTypes.Vide => TrackKind.Video,
                BoxTypes.Soun => TrackKind.Audio,
                BoxTypes.Text or BoxTypes.Subt or BoxTypes.Sbtl => TrackKind.Text,
                _ => (TrackKind?)null,
            };
            if (kind is null) continue; // hint, metadata and timecode tracks are not streamed
            if (mdhd.Timescale == 0) throw new MediaFormatException("timescale is zero", BoxTypes.Mdhd);
            var stbl = trak.Path(BoxTypes.Mdia, BoxTypes.Minf, BoxTypes.Stbl) ?? throw new MediaFormatException("missing stbl", BoxTypes.Trak);
            var stsd = stbl.Children.Required<SampleDescriptionBox>(BoxTypes.Stbl);
            if (stsd.Entries.Find<SampleEntry>() is not { } entry)
            {
                if (kind == TrackKind.Text) continue; // text entries we do not package yet
                throw new MediaFormatException("no sample entry", BoxTypes.Stsd);
            }
            TrackExtendsBox? trex = null;
            if (mvex is not null)
                foreach (var candidate in mvex.Children.All<TrackExtendsBox>())
                    if (candidate.TrackId == tkhd.TrackId) trex = candidate;
            tracks.Add(new MovieTrack(trak, tkhd.TrackId, kind.Value, mdhd.Timescale, mdhd.Language, entry,
                FirstEditMediaTime(trak), trex, stbl, ReferencedLocation(trak, entry)));
        }
        return tracks;
    }

    /// <summary>
    /// Where the samples are, when not in this file: the location of the <c>url </c> entry the sample entry points
    /// at (an index MP4's reference to its media). Null for the usual self-contained track.
    /// </summary>
    static string? ReferencedLocation(ContainerBox trak, SampleEntry entry)
    {
        var dref = trak.Path(BoxTypes.Mdia, BoxTypes.Minf, BoxTypes.Dinf)?.Children.Find<DataReferenceBox>();
        int index = entry.DataReferenceIndex - 1;
        if (dref is null || index < 0 || index >= dref.Entries.Count) return null;
        return dref.Entries[index] switch
        {
            DataEntryUrlBox { IsSelfContained: true } => null,
            DataEntryUrlBox { LocationText.Length: > 0 } url => url.LocationText,
            var other => throw new MediaFormatException($"unsupported data reference {FourCC.ToString(other.Type)}", BoxTypes.Dref),
        };
    }

    /// <summary>The media time of the first non-empty edit: where presentation starts in the media.</summary>
    static long FirstEditMediaTime(ContainerBox trak)
    {
        var elst = trak.Children.Container(BoxTypes.Edts)?.Children.Find<EditListBox>();
        if (elst is null) return 0;
        foreach (var edit in elst.Entries)
            if (edit.MediaTime >= 0) return edit.MediaTime;
        return 0;
    }
}
