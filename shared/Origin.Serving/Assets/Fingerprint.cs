using System.Globalization;
using System.Text;

namespace Origin.Serving.Assets;

/// <summary>FNV-1a over strings: a stable 64-bit fingerprint for ETags (string.GetHashCode differs per process).</summary>
public struct Fingerprint
{
    ulong _hash = 14695981039346656037UL;

    public Fingerprint() { }

    public Fingerprint Add(string text)
    {
        Span<byte> buffer = stackalloc byte[256];
        foreach (var chunk in text.Chunk(64))
        {
            int n = Encoding.UTF8.GetBytes(chunk, buffer);
            foreach (var b in buffer[..n]) _hash = (_hash ^ b) * 1099511628211UL;
        }
        _hash = (_hash ^ 0xff) * 1099511628211UL; // separator: ("ab","c") differs from ("a","bc")
        return this;
    }

    public Fingerprint Add(long value) => Add(value.ToString(CultureInfo.InvariantCulture));

    public readonly string ToHex() => _hash.ToString("x16", CultureInfo.InvariantCulture);
}
