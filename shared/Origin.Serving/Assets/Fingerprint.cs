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
        // Hashed in slices through a stack buffer: this runs for every response's ETag, so it must not allocate.
        Span<byte> buffer = stackalloc byte[256];
        var rest = text.AsSpan();
        while (rest.Length > 0)
        {
            var slice = rest[..Math.Min(64, rest.Length)];
            int n = Encoding.UTF8.GetBytes(slice, buffer);
            foreach (var b in buffer[..n]) _hash = (_hash ^ b) * 1099511628211UL;
            rest = rest[slice.Length..];
        }
        _hash = (_hash ^ 0xff) * 1099511628211UL; // separator: ("ab","c") differs from ("a","bc")
        return this;
    }

    public Fingerprint Add(long value) => Add(value.ToString(CultureInfo.InvariantCulture));

    public readonly string ToHex() => _hash.ToString("x16", CultureInfo.InvariantCulture);
}
