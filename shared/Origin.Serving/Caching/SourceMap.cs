using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Origin.Storage;

namespace Origin.Serving.Caching;

/// <summary>
/// The sources a server manifest version referenced, with the length and validator each had when it was indexed:
/// a fresh instance reading it from the durable cache (the first part of the asset's <see cref="AssetEntry"/>) can
/// attach to the sources without a metadata request per source. Text lines (validator, length, path) and a SHA-256 line; anything else is rejected.
/// </summary>
public static class SourceMap
{
    const string Header = "origin-sources 1";

    public static byte[] Write(IReadOnlyDictionary<string, StorageObjectInfo> sources)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var (path, info) in sources.OrderBy(p => p.Key, StringComparer.Ordinal))
            text.Append(info.Validator).Append('\t').Append(info.Length.ToString(CultureInfo.InvariantCulture)).Append('\t').Append(path).Append('\n');
        var body = Encoding.UTF8.GetBytes(text.ToString());
        return [.. body, .. Encoding.ASCII.GetBytes(Convert.ToHexStringLower(SHA256.HashData(body)) + "\n")];
    }

    public static Dictionary<string, StorageObjectInfo>? Read(byte[] bytes)
    {
        if (bytes.Length < 65) return null;
        var body = bytes.AsSpan(0, bytes.Length - 65);
        if (Encoding.ASCII.GetString(bytes, bytes.Length - 65, 64) != Convert.ToHexStringLower(SHA256.HashData(body))) return null;
        var lines = Encoding.UTF8.GetString(body).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0 || lines[0] != Header) return null;
        var sources = new Dictionary<string, StorageObjectInfo>(StringComparer.Ordinal);
        foreach (var line in lines.AsSpan(1))
        {
            var parts = line.Split('\t');
            if (parts.Length != 3 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var length)) return null;
            sources[parts[2]] = new StorageObjectInfo(length, parts[0]);
        }
        return sources;
    }
}
