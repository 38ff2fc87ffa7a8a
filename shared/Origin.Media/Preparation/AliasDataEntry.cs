using System.Buffers.Binary;
using System.Text;
using Origin.Media.Boxes;

namespace Origin.Media.Preparation;

/// <summary>
/// A QuickTime <c>alis</c> data entry (a Mac alias record, version 2) naming a file relative to the one holding it.
/// ISO readers use the <c>url </c> entry beside it; this one is for QuickTime-family demuxers such as FFmpeg's
/// (with <c>-enable_drefs 1</c>), which resolve an alias by its "levels up from the alias, levels down to the
/// target" counts and skip entry types they do not know, so the alias answers for the sample entry's reference.
/// </summary>
public static class AliasDataEntry
{
    const int RecordFixedSize = 150;

    /// <param name="relativePath">'/'-separated, e.g. "x.ismv" or "../media/x.ismv".</param>
    public static RawBox Create(string relativePath)
    {
        var parts = relativePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        int up = 0;
        while (up < parts.Length && parts[up] == "..") up++;
        var down = parts[up..];
        if (down.Length == 0) throw new ArgumentException("the reference names no file", nameof(relativePath));
        var path = string.Join('/', down);
        // Tag data is padded to an even length and readers turn the pad byte into a separator; a leading '/'
        // (which changes nothing when counting levels from the end) keeps the length even instead.
        if (Encoding.UTF8.GetByteCount(path) % 2 == 1) path = "/" + path;
        var pathBytes = Encoding.UTF8.GetBytes(path);
        var name = Encoding.UTF8.GetBytes(down[^1]);

        var content = new byte[4 + RecordFixedSize + 4 + pathBytes.Length + 4];
        var record = content.AsSpan(4);
        BinaryPrimitives.WriteUInt16BigEndian(record[4..], (ushort)(RecordFixedSize + 4 + pathBytes.Length + 4));
        BinaryPrimitives.WriteUInt16BigEndian(record[6..], 2); // alias record version
        // record[8..10]: kind 0 = file; record[10..38]: volume name, left empty so no volume prefix is stripped.
        record[50] = (byte)Math.Min(name.Length, 63);
        name.AsSpan(0, record[50]).CopyTo(record[51..]);
        BinaryPrimitives.WriteUInt16BigEndian(record[130..], (ushort)(up + 1));
        BinaryPrimitives.WriteUInt16BigEndian(record[132..], (ushort)down.Length);
        var tags = record[RecordFixedSize..];
        BinaryPrimitives.WriteUInt16BigEndian(tags, 2); // absolute path tag, here relative to the levels above
        BinaryPrimitives.WriteUInt16BigEndian(tags[2..], (ushort)pathBytes.Length);
        pathBytes.CopyTo(tags[4..]);
        BinaryPrimitives.WriteInt16BigEndian(tags[(4 + pathBytes.Length)..], -1); // end of tags
        return new RawBox(BoxTypes.Alis, content);
    }
}
