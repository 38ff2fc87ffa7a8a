using System.Buffers.Binary;
using Origin.Media.Index;
using Origin.Media.Index.Serialization;
using Origin.Storage;

namespace Origin.Serving.Caching;

/// <summary>
/// One server manifest version's durable entry: its <see cref="SourceMap"/> and the index of every source it names,
/// so a fresh instance gets all it needs for the asset in one GET. <c>OAST</c>, a version, then length-prefixed
/// parts: the source map, then the indexes (each in <see cref="IndexSerializer"/>'s format, with its own checksum,
/// path and validator). A part that is cut short, corrupt or names another version makes the whole entry unknown.
/// </summary>
public static class AssetEntry
{
    static ReadOnlySpan<byte> Magic => "OAST"u8;
    const ushort Version = 1;

    public static byte[] Write(IReadOnlyDictionary<string, StorageObjectInfo> sources, IEnumerable<MediaIndex> indexes)
    {
        List<byte[]> parts = [SourceMap.Write(sources), .. indexes.Select(IndexSerializer.Serialize)];
        var bytes = new byte[6 + parts.Sum(p => 4L + p.Length)];
        Magic.CopyTo(bytes);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), Version);
        int at = 6;
        foreach (var part in parts)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(at), part.Length);
            part.CopyTo(bytes, at + 4);
            at += 4 + part.Length;
        }
        return bytes;
    }

    /// <summary>The sources and the indexes that match them (path and validator), or null for anything unexpected.</summary>
    public static (Dictionary<string, StorageObjectInfo> Sources, List<MediaIndex> Indexes)? Read(byte[] bytes)
    {
        if (bytes.Length < 6 || !bytes.AsSpan(0, 4).SequenceEqual(Magic) || BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(4)) != Version) return null;
        var parts = new List<ArraySegment<byte>>();
        for (int at = 6; at < bytes.Length;)
        {
            if (bytes.Length - at < 4) return null;
            int length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(at));
            if (length < 0 || length > bytes.Length - at - 4) return null;
            parts.Add(new ArraySegment<byte>(bytes, at + 4, length));
            at += 4 + length;
        }
        if (parts.Count == 0 || SourceMap.Read([.. parts[0]]) is not { } sources) return null;
        var indexes = new List<MediaIndex>(parts.Count - 1);
        foreach (var part in parts.Skip(1))
        {
            if (IndexSerializer.Deserialize(part) is not { } index) return null;
            if (sources.TryGetValue(index.Path, out var info) && info.Validator == index.Validator) indexes.Add(index);
        }
        return (sources, indexes);
    }
}
