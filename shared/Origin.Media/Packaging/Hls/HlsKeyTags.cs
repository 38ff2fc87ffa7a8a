using System.Text;
using Origin.Media.Protection;

namespace Origin.Media.Packaging.Hls;

/// <summary>
/// The key tags of an encrypted HLS stream: EXT-X-KEY in media playlists (RFC 8216 4.3.2.4), after EXT-X-MAP so the
/// init segment stays clear, and the same attributes in EXT-X-SESSION-KEY in the multivariant playlist (4.3.4.5),
/// so players can fetch the key before the first media playlist.
/// </summary>
public static class HlsKeyTags
{
    public static void AppendKey(StringBuilder text, HlsProtection? protection) => Append(text, "#EXT-X-KEY:", protection);

    public static void AppendSessionKey(StringBuilder text, HlsProtection? protection) => Append(text, "#EXT-X-SESSION-KEY:", protection);

    static void Append(StringBuilder text, string tag, HlsProtection? protection)
    {
        if (protection is null) return;
        text.Append(tag).Append("METHOD=AES-128,URI=\"").Append(protection.KeyUri).Append('"');
        if (protection.Iv is { } iv) text.Append(",IV=0x").Append(Convert.ToHexStringLower(iv));
        text.Append('\n');
    }
}
