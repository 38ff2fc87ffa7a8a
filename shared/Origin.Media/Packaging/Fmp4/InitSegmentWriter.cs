using Origin.Media.Boxes;
using Origin.Media.Index;
using Origin.Media.Packaging.Cenc;
using Origin.Media.Protection;

namespace Origin.Media.Packaging.Fmp4;

/// <summary>
/// Writes a CMAF-style init segment for one track: ftyp and a moov with empty sample tables, the source's sample
/// entry unchanged, track id 1 and an mvex. No edit list: composition shifts are applied in the fragments instead.
/// </summary>
public static class InitSegmentWriter
{
    public const uint OutputTrackId = 1;

    /// <summary>
    /// The init segment; with <paramref name="protection"/>, announcing the track's encryption (encv/enca, sinf,
    /// pssh) and, with a clear lead, the clear sample entry after it, which the clear segments name.
    /// </summary>
    public static byte[] Write(TrackIndex track, TrackProtection? protection = null)
    {
        var ftyp = new FileTypeBox(BoxTypes.Ftyp, BoxTypes.Iso6, 0, [BoxTypes.Iso6, BoxTypes.Cmfc, BoxTypes.Msdh, BoxTypes.Msix]);
        var entry = protection is null ? track.SampleEntry : ProtectedInit.Protect(track.SampleEntry, protection);
        var moov = new ContainerBox(BoxTypes.Moov,
        [
            new MovieHeaderBox { Timescale = track.Timescale, NextTrackId = OutputTrackId + 1 },
            Trak(track, protection is { ClearLeadSeconds: > 0 } ? [entry, track.SampleEntry] : [entry]),
            new ContainerBox(BoxTypes.Mvex, [new TrackExtendsBox { TrackId = OutputTrackId }]),
        ]);
        if (protection is not null) moov.Children.AddRange(ProtectedInit.SystemHeaders(protection));
        var bytes = new byte[ftyp.Size + moov.Size];
        var writer = new Bytes.BoxWriter(bytes);
        ftyp.Write(ref writer);
        moov.Write(ref writer);
        return bytes;
    }

    static ContainerBox Trak(TrackIndex track, SampleEntry[] entries)
    {
        bool video = track.Kind == TrackKind.Video, audio = track.Kind == TrackKind.Audio;
        var tkhd = new TrackHeaderBox
        {
            Flags = TrackHeaderBox.EnabledInMovieInPreview,
            TrackId = OutputTrackId,
            Width = video ? (uint)track.Codec.Width << 16 : 0,
            Height = video ? (uint)track.Codec.Height << 16 : 0,
            PresentationFields = TrackPresentationFields(audio),
        };
        Box mediaHeader = video ? new VideoMediaHeaderBox() : audio ? new SoundMediaHeaderBox() : new RawBox(BoxTypes.Sthd, [0, 0, 0, 0]);
        var stbl = new ContainerBox(BoxTypes.Stbl,
        [
            Descriptions(entries),
            new TimeToSampleBox(),
            new SampleToChunkBox(),
            new SampleSizeBox(),
            new ChunkOffsetBox(BoxTypes.Stco),
        ]);
        var minf = new ContainerBox(BoxTypes.Minf,
        [
            mediaHeader,
            new ContainerBox(BoxTypes.Dinf, [DataReferenceBox.SelfContained()]),
            stbl,
        ]);
        uint handler = video ? BoxTypes.Vide : audio ? BoxTypes.Soun : BoxTypes.Subt;
        string handlerName = video ? "VideoHandler" : audio ? "SoundHandler" : "SubtitleHandler";
        var mdia = new ContainerBox(BoxTypes.Mdia,
        [
            new MediaHeaderBox { Timescale = track.Timescale, Language = track.Language },
            HandlerBox.Create(handler, handlerName),
            minf,
        ]);
        return new ContainerBox(BoxTypes.Trak, [tkhd, mdia]);
    }

    /// <summary>Layer, alternate group, volume (1.0 for audio) and the identity matrix.</summary>
    static byte[] TrackPresentationFields(bool audio)
    {
        var fields = new byte[TrackHeaderBox.PresentationFieldsSize];
        if (audio) fields[12] = 1; // volume 0x0100 after 8 reserved, layer and alternate_group
        MovieHeaderBox.UnityMatrix.CopyTo(fields.AsSpan(16));
        return fields;
    }

    static SampleDescriptionBox Descriptions(SampleEntry[] entries)
    {
        var stsd = new SampleDescriptionBox();
        stsd.Entries.AddRange(entries);
        return stsd;
    }
}
