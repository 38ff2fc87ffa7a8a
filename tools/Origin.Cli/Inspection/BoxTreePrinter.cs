using System.Globalization;
using Origin.Media.Boxes;
using Origin.Media.Bytes;
using Origin.Storage;

namespace Origin.Cli.Inspection;

/// <summary>
/// Prints an MP4's boxes as an indented tree: top-level boxes with their offsets, metadata boxes opened up, media
/// data by size only. A fragmented file's first few moof/mdat pairs stand for the rest unless all are asked for.
/// The text depends on the file alone, so it can be compared between runs.
/// </summary>
public static class BoxTreePrinter
{
    const int FragmentsShown = 3;
    const int MaxParsedBox = 64 << 20;

    public static async Task PrintAsync(IStorageObject file, TextWriter output, bool allFragments, CancellationToken ct)
    {
        long offset = 0, length = file.Info.Length;
        int moofs = 0, hidden = 0;
        var head = new byte[16];
        while (offset < length)
        {
            int read = await file.ReadAsync(offset, head, ct);
            if (!BoxHeader.TryRead(head.AsSpan(0, read), offset, length - offset, out var header))
                throw new MediaFormatException($"truncated or invalid box header at offset {offset}", 0, offset);
            if (header.Type == BoxTypes.Moof) moofs++;
            bool hide = !allFragments && moofs > FragmentsShown && header.Type is BoxTypes.Moof or BoxTypes.Mdat;
            if (hide) hidden++;
            else
            {
                if (hidden > 0) await output.WriteLineAsync(Invariant($"… {hidden} more moof and mdat boxes (--fragments shows them)"));
                hidden = 0;
                await PrintTopLevelAsync(file, header, offset, output, ct);
            }
            offset += header.Size;
        }
        if (hidden > 0) await output.WriteLineAsync(Invariant($"… {hidden} more moof and mdat boxes (--fragments shows them)"));
    }

    static async Task PrintTopLevelAsync(IStorageObject file, BoxHeader header, long offset, TextWriter output, CancellationToken ct)
    {
        string line = Invariant($"{FourCC.ToString(header.Type)} @{offset} size {header.Size}");
        if (header.Type is BoxTypes.Mdat or BoxTypes.Free or BoxTypes.Skip || header.Size > MaxParsedBox)
        {
            await output.WriteLineAsync(line);
            return;
        }
        var bytes = new byte[header.Size];
        int read = await file.ReadAsync(offset, bytes, ct);
        if (read < bytes.Length) throw new MediaFormatException($"{FourCC.ToString(header.Type)} at offset {offset} is cut short", header.Type, offset);
        var box = BoxParser.ReadOne(bytes, offset);
        await output.WriteLineAsync(WithDetails(line, box));
        foreach (var child in Children(box)) await PrintAsync(child, 1, output);
    }

    static async Task PrintAsync(Box box, int depth, TextWriter output)
    {
        await output.WriteLineAsync(WithDetails(new string(' ', depth * 2) + Invariant($"{FourCC.ToString(box.Type)} size {box.Size}"), box));
        foreach (var child in Children(box)) await PrintAsync(child, depth + 1, output);
    }

    static IEnumerable<Box> Children(Box box) => box switch
    {
        ContainerBox c => c.Children,
        EntryListBox e => e.Entries,
        SampleEntry s => s.Children,
        _ => [],
    };

    static string WithDetails(string line, Box box) => BoxDetails.Of(box) is { Length: > 0 } details ? $"{line}: {details}" : line;

    static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
