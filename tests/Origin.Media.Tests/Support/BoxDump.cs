using System.Globalization;
using System.Text;
using Origin.Media.Boxes;
using Origin.Media.Bytes;

namespace Origin.Media.Tests.Support;

/// <summary>
/// A readable dump of an MP4's box tree as this code parses it: one line per box (depth, type, size) with the fields
/// a packaging change would move (timescales, track ids, flags, decode times, each trun's samples). Diffs of these
/// say what changed in an init or media segment where a digest only says that something did.
/// </summary>
public static class BoxDump
{
    /// <summary>(depth, type, size) per box in file order: what an independent parser is held against.</summary>
    public static List<(int Depth, string Type, long Size)> Structure(byte[] file)
    {
        var list = new List<(int, string, long)>();
        Walk(BoxParser.ReadAll(file), 0, (depth, box) => list.Add((depth, FourCC.ToString(box.Type), box.Size)));
        return list;
    }

    public static string Write(byte[] file)
    {
        var text = new StringBuilder();
        Walk(BoxParser.ReadAll(file), 0, (depth, box) =>
        {
            text.Append(' ', depth * 2).Append(FourCC.ToString(box.Type)).Append(' ').Append(box.Size.ToString(CultureInfo.InvariantCulture));
            var fields = Fields(box);
            if (fields.Length > 0) text.Append(' ').Append(fields);
            text.Append('\n');
            if (box is TrackRunBox trun)
                foreach (var s in trun.Samples)
                    text.Append(' ', depth * 2 + 2).Append(Invariant($"- duration {s.Duration} size {s.Size} flags {s.Flags:x8} cto {s.CompositionOffset}\n"));
        });
        return text.ToString();
    }

    static void Walk(IEnumerable<Box> boxes, int depth, Action<int, Box> visit)
    {
        foreach (var box in boxes)
        {
            visit(depth, box);
            var children = box switch
            {
                ContainerBox c => c.Children,
                SampleEntry e => e.Children,
                EntryListBox l => l.Entries,
                _ => null,
            };
            if (children is not null) Walk(children, depth + 1, visit);
        }
    }

    static string Fields(Box box) => box switch
    {
        FileTypeBox f => $"{FourCC.ToString(f.MajorBrand)} {f.MinorVersion} [{string.Join(' ', f.CompatibleBrands.Select(FourCC.ToString))}]",
        TimedHeaderBox t => Invariant($"timescale {t.Timescale} duration {t.Duration}"),
        TrackHeaderBox t => Invariant($"track {t.TrackId} duration {t.Duration} {t.Width >> 16}x{t.Height >> 16}"),
        TrackExtendsBox t => Invariant($"track {t.TrackId} duration {t.DefaultSampleDuration} size {t.DefaultSampleSize} flags {t.DefaultSampleFlags:x8}"),
        VisualSampleEntry v => Invariant($"{v.Width}x{v.Height}"),
        AudioSampleEntry a => Invariant($"channels {a.ChannelCount} rate {a.SampleRateFixed >> 16}"),
        MovieFragmentHeaderBox m => Invariant($"sequence {m.SequenceNumber}"),
        TrackFragmentHeaderBox t => Invariant($"track {t.TrackId} flags {t.Flags:x6}"),
        TrackFragmentDecodeTimeBox t => Invariant($"time {t.BaseMediaDecodeTime}"),
        TrackRunBox t => Invariant($"flags {t.Flags:x6} samples {t.Samples.Length} data_offset {t.DataOffset}"),
        _ => "",
    };

    static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
