using System.Globalization;

namespace Origin.Media.Protection;

/// <summary>
/// A content key and its key id (16 bytes each; the id big-endian, as CENC and DASH write it). The key itself never
/// appears in <see cref="ToString"/>, so it cannot slip into a log line or an error through formatting.
/// </summary>
public sealed class ContentKey
{
    ContentKey(byte[] keyId, byte[] key, bool keyIdGiven = true) => (KeyId, Key, KeyIdGiven) = (keyId, key, keyIdGiven);

    public byte[] KeyId { get; }
    public byte[] Key { get; }
    /// <summary>False for HLS AES-128's <c>:CEK</c>, which names no key id (then <see cref="KeyId"/> is zeros).</summary>
    public bool KeyIdGiven { get; }

    /// <summary>The key id as a UUID string, 8-4-4-4-12 lowercase hex: DASH's cenc:default_KID.</summary>
    public string KeyIdUuid
    {
        get
        {
            var hex = Convert.ToHexStringLower(KeyId);
            return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
        }
    }

    /// <summary>
    /// Reads Unified's <c>KID:CEK</c> (each 32 hex digits; the id may be written as a UUID with dashes, or left out,
    /// as HLS AES-128 keys are: <c>:CEK</c>). The reason given on failure names what is wrong, never the text, which
    /// holds a key.
    /// </summary>
    public static ContentKey? TryParse(string text, out string? reason)
    {
        reason = null;
        int colon = text.IndexOf(':');
        if (colon < 0)
        {
            reason = "is not KID:CEK";
            return null;
        }
        bool keyIdGiven = !string.IsNullOrWhiteSpace(text[..colon]);
        if ((keyIdGiven ? Hex16(text[..colon].Replace("-", "", StringComparison.Ordinal)) : new byte[16]) is not { } keyId)
        {
            reason = "has a key id that is not 32 hex digits";
            return null;
        }
        if (Hex16(text[(colon + 1)..]) is not { } key)
        {
            reason = "has a content key that is not 32 hex digits";
            return null;
        }
        return new ContentKey(keyId, key, keyIdGiven);
    }

    /// <summary>A key known by its bytes (a key server's answer, a test).</summary>
    public static ContentKey From(byte[] keyId, byte[] key) =>
        keyId.Length == 16 && key.Length == 16 ? new ContentKey(keyId, key) : throw new ArgumentException("key ids and keys are 16 bytes");

    static byte[]? Hex16(string text)
    {
        text = text.Trim();
        if (text.Length != 32) return null;
        foreach (var c in text)
            if (!char.IsAsciiHexDigit(c)) return null;
        return Convert.FromHexString(text);
    }

    /// <summary>The same key, and the same id where both name one.</summary>
    public bool SameAs(ContentKey other) => Key.AsSpan().SequenceEqual(other.Key)
        && (!KeyIdGiven || !other.KeyIdGiven || KeyId.AsSpan().SequenceEqual(other.KeyId));

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"content key {KeyIdUuid}");
}
