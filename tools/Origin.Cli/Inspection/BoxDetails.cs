using System.Globalization;
using Origin.Media.Boxes;
using Origin.Media.Bytes;

namespace Origin.Cli.Inspection;

/// <summary>The few fields of a box a person looks for first, as a short suffix of its line.</summary>
public static class BoxDetails
{
    public static string Of(Box box) => box switch
    {
        FileTypeBox f => $"major {FourCC.ToString(f.MajorBrand)}, brands {string.Join(',', f.CompatibleBrands.Select(FourCC.ToString))}",
        TrackHeaderBox t => Invariant($"track {t.TrackId}"),
        MediaHeaderBox m => Invariant($"timescale {m.Timescale}, language {m.Language}"),
        HandlerBox h => $"handler {FourCC.ToString(h.HandlerType)}",
        DataEntryUrlBox { IsSelfContained: true } => "this file",
        DataEntryUrlBox u => $"location {u.LocationText}",
        RawBox { Type: BoxTypes.Alis } => "alias",
        VisualSampleEntry v => Invariant($"{v.Width}x{v.Height}"),
        AudioSampleEntry a => Invariant($"{a.ChannelCount} channels, {a.SampleRateFixed >> 16} Hz"),
        TrackExtendsBox x => Invariant($"track {x.TrackId}"),
        MovieFragmentHeaderBox m => Invariant($"sequence {m.SequenceNumber}"),
        TrackFragmentHeaderBox t => (t.Flags & TrackFragmentHeaderBox.BaseDataOffsetPresent) != 0
            ? Invariant($"track {t.TrackId}, base data offset {t.BaseDataOffset}") : Invariant($"track {t.TrackId}"),
        TrackFragmentDecodeTimeBox d => Invariant($"decode time {d.BaseMediaDecodeTime}"),
        TrackRunBox r => (r.Flags & TrackRunBox.DataOffsetPresent) != 0
            ? Invariant($"{r.Samples.Length} samples, data offset {r.DataOffset}") : Invariant($"{r.Samples.Length} samples"),
        TrackFragmentRandomAccessBox t => Invariant($"track {t.TrackId}, {t.Entries.Length} entries"),
        _ => "",
    };

    static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
