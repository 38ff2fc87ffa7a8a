using System.Text;
using Origin.Media.Boxes;
using Origin.Media.Protection;

namespace Origin.Media.Packaging.Hls;

/// <summary>
/// The key tags of an encrypted HLS stream: EXT-X-KEY in media playlists (RFC 8216 4.3.2.4), after EXT-X-MAP so the
/// init segment stays clear (AES-128) or is read as it is ('cbcs' init segments are not encrypted), and the same
/// attributes in EXT-X-SESSION-KEY in the multivariant playlist (4.3.4.5), so players can set up keys before the
/// first media playlist. SAMPLE-AES gets one tag per DRM system, each in the KEYFORMAT players know it by; over
/// MPEG-TS one tag, with its IV.
/// </summary>
public static class HlsKeyTags
{
    public static void AppendKey(StringBuilder text, HlsProtection? protection) => Append(text, "#EXT-X-KEY:", protection);

    public static void AppendSessionKey(StringBuilder text, HlsProtection? protection) => Append(text, "#EXT-X-SESSION-KEY:", protection);

    static void Append(StringBuilder text, string tag, HlsProtection? protection)
    {
        if (protection is HlsAes128 aes)
        {
            text.Append(tag).Append("METHOD=AES-128,URI=\"").Append(aes.KeyUri).Append('"');
            if (aes.Iv is { } iv) text.Append(",IV=0x").Append(Convert.ToHexStringLower(iv));
            text.Append('\n');
            return;
        }
        if (protection is HlsSampleAesTs ts)
        {
            text.Append(tag).Append("METHOD=SAMPLE-AES,URI=\"").Append(ts.KeyUri).Append("\",IV=0x").Append(Convert.ToHexStringLower(ts.Iv));
            if (ts.FairPlay) text.Append(",KEYFORMAT=\"com.apple.streamingkeydelivery\",KEYFORMATVERSIONS=\"1\"");
            text.Append('\n');
            return;
        }
        if (protection is not HlsSampleAes sampleAes) return;
        foreach (var system in sampleAes.Samples.Systems)
            if (SampleAesKey(system, sampleAes.Key) is var (uri, format))
                text.Append(tag).Append("METHOD=SAMPLE-AES,URI=\"").Append(uri).Append("\",KEYFORMAT=\"").Append(format)
                    .Append("\",KEYFORMATVERSIONS=\"1\"\n");
    }

    /// <summary>
    /// A system's key URI and KEYFORMAT: FairPlay's skd:// URI; Widevine's pssh box as a data URI (its
    /// drm_specific_data, else the key id alone, which is what a Widevine pssh lists); PlayReady's header object
    /// (needs drm_specific_data); ClearKey's key id. Null for a system this cannot announce.
    /// </summary>
    static (string Uri, string Format)? SampleAesKey(DrmSystem system, ContentKey key)
    {
        if (system.SystemId == DrmSystem.FairPlay) return (system.LicenseUrl!, "com.apple.streamingkeydelivery");
        if (system.SystemId == DrmSystem.Widevine)
        {
            // WidevinePsshData with field 2 (key_id), 16 bytes.
            var data = system.PsshData ?? [0x12, 0x10, .. key.KeyId];
            var pssh = new ProtectionSystemHeaderBox { SystemId = system.SystemIdBytes, Data = data };
            return ("data:text/plain;base64," + Convert.ToBase64String(pssh.ToArray()), "urn:uuid:" + DrmSystem.Widevine.ToString("D"));
        }
        if (system.SystemId == DrmSystem.PlayReady)
            return system.PsshData is { } header ? ("data:text/plain;charset=UTF-16;base64," + Convert.ToBase64String(header), "com.microsoft.playready") : null;
        if (system.SystemId == DrmSystem.ClearKey) return ("data:text/plain;base64," + Convert.ToBase64String(key.KeyId), "org.w3.clearkey");
        return null;
    }
}
