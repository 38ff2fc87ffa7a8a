using System.Security.Cryptography;
using Origin.Media.ServerManifest;

namespace Origin.Media.Protection;

/// <summary>
/// Reads the DRM markup of a server manifest as Unified writes it: a <c>&lt;paramGroup id="…"&gt;</c> per DRM system
/// in the head, each with <c>key</c> (<c>KID:CEK</c>, hex), and optionally <c>license_server_url</c> and
/// <c>drm_specific_data</c> (base64, the system's pssh data); the groups of one asset give one content key. Playout
/// metas say per format whether the keys apply (<c>clear</c> serves that format unencrypted); <c>encryption_scheme</c>
/// picks <c>cenc</c> (the default) or <c>cbcs</c>.
/// </summary>
public static class ServerManifestProtection
{
    /// <summary>The groups that announce a DRM system to DASH players: Unified's ids, and clearkey (W3C ClearKey).</summary>
    static readonly (string Group, string Name, Guid SystemId)[] DashSystems =
    [
        ("widevine", "Widevine", DrmSystem.Widevine),
        ("playready", "PlayReady", DrmSystem.PlayReady),
        ("iss", "PlayReady", DrmSystem.PlayReady),
        ("clearkey", "ClearKey", DrmSystem.ClearKey),
    ];

    /// <summary>The group ids that name a DRM system (or HLS AES-128's key), as Unified writes them; clearkey is ours.</summary>
    static readonly string[] KnownGroups = ["widevine", "playready", "iss", "clearkey", "hls", "fairplay"];

    /// <summary>
    /// Whether the manifest gives any content key: then no format may be served clear unless its playout says so.
    /// A group with a key under an id no system answers to is refused, so a typo cannot leave an asset unannounced.
    /// </summary>
    public static bool HasKeys(ServerManifest.ServerManifest? manifest)
    {
        if (manifest is null) return false;
        bool any = false;
        foreach (var (id, metas) in manifest.ParamGroups)
        {
            if (!metas.ContainsKey("key")) continue;
            if (!KnownGroups.Contains(id, StringComparer.OrdinalIgnoreCase))
                throw new ServerManifestException($"paramGroup {id} names no DRM system this origin knows ({string.Join(", ", KnownGroups)})");
            any = true;
        }
        return any;
    }

    /// <summary>Whether a format's playout meta asks for it clear, keys or not.</summary>
    public static bool IsClear(ServerManifest.ServerManifest? manifest, string playoutMeta) =>
        manifest is not null && manifest.Metas.TryGetValue(playoutMeta, out var value) && value.Equals("clear", StringComparison.OrdinalIgnoreCase);

    /// <summary>DASH's protection, or null when DASH is served clear. Malformed markup throws <see cref="ServerManifestException"/>.</summary>
    public static TrackProtection? ForDash(ServerManifest.ServerManifest? manifest)
    {
        if (manifest is null || IsClear(manifest, "mpd_playout")) return null;
        var (key, keyGroup, systems) = Gather(manifest, DashSystems);
        if (key is null) return null;
        var scheme = Scheme(manifest);
        return new TrackProtection(key, scheme, systems, ClearLead(manifest))
        {
            ConstantIv = scheme == EncryptionScheme.Cbcs ? ConstantIv(manifest, key, keyGroup!) : null,
            PsshInManifest = Flag(manifest, "mpd_inline_drm"),
        };
    }

    /// <summary>
    /// Smooth Streaming's protection (PIFF: 'cenc' with a PlayReady ProtectionHeader), or null when Smooth is served
    /// clear or cannot be: a 'cbcs' asset, which PIFF players do not take, is not served as Smooth. The PlayReady
    /// header is the playready/iss group's drm_specific_data, else made from the key and its license_server_url.
    /// </summary>
    public static TrackProtection? ForSmooth(ServerManifest.ServerManifest? manifest)
    {
        if (manifest is null || IsClear(manifest, "iss_playout")) return null;
        var (key, _, systems) = Gather(manifest, DashSystems);
        if (key is null || Scheme(manifest) != EncryptionScheme.Cenc) return null;
        return new TrackProtection(key, EncryptionScheme.Cenc, systems);
    }

    /// <summary>HLS SAMPLE-AES announces the DASH systems and FairPlay, which Unified configures in the hls group.</summary>
    static readonly (string Group, string Name, Guid SystemId)[] SampleAesSystems =
        [("hls", "FairPlay", DrmSystem.FairPlay), ("fairplay", "FairPlay", DrmSystem.FairPlay), .. DashSystems];

    /// <summary>
    /// The content key the groups agree on (one naming a key id preferred, as tenc needs one), the group it came
    /// from, and a system per group present.
    /// </summary>
    static (ContentKey? Key, string? Group, List<DrmSystem> Systems) Gather(ServerManifest.ServerManifest manifest, (string Group, string Name, Guid SystemId)[] known)
    {
        ContentKey? key = null;
        string? keyGroup = null;
        var systems = new List<DrmSystem>();
        foreach (var (group, name, systemId) in known)
        {
            if (!manifest.ParamGroups.TryGetValue(group, out var metas)) continue;
            var groupKey = GroupKey(metas, group);
            if (group != "hls" && !groupKey.KeyIdGiven) throw new ServerManifestException($"paramGroup {group}: the key has no key id");
            if (key is not null && !key.SameAs(groupKey)) throw new ServerManifestException($"paramGroups {keyGroup} and {group} give different keys");
            if (key is null || (!key.KeyIdGiven && groupKey.KeyIdGiven)) (key, keyGroup) = (groupKey, group);
            if (systems.Exists(s => s.SystemId == systemId)) continue;
            systems.Add(new DrmSystem(name, systemId, Base64(metas, group), metas.GetValueOrDefault("license_server_url")));
        }
        return (key, keyGroup, systems);
    }

    /// <summary>
    /// HLS's protection, or null when HLS is served clear or no group gives it a key. hls_playout absent, true or
    /// aes with an hls group means AES-128: the group's key (<c>:CEK</c>), the key URI players fetch it from
    /// (license_server_url) and optionally key_iv. sample_aes means 'cbcs' fMP4 with an EXT-X-KEY per system: the
    /// hls group as FairPlay (license_server_url its skd:// URI), widevine, playready/iss and clearkey. Keys that
    /// differ between groups are refused.
    /// </summary>
    public static HlsProtection? ForHls(ServerManifest.ServerManifest? manifest)
    {
        if (manifest is null) return null;
        manifest.ParamGroups.TryGetValue("hls", out var hls);
        switch (manifest.Metas.GetValueOrDefault("hls_playout")?.ToLowerInvariant())
        {
            case null or "" or "true" or "aes":
                if (hls is null) return null;
                break;
            case "clear" or "false":
                return null;
            case "sample_aes":
                return SampleAes(manifest);
            case var other:
                throw new ServerManifestException($"hls_playout {other} is none of clear, aes, sample_aes and false");
        }
        var key = GroupKey(hls, "hls");
        Gather(manifest, SampleAesSystems); // only to refuse groups whose keys differ from the hls one

        if (hls.GetValueOrDefault("license_server_url") is not { Length: > 0 } uri)
            throw new ServerManifestException("paramGroup hls has no license_server_url, where players fetch the key");
        return new HlsAes128(key, KeyUri(uri, "hls"), Iv(hls, "hls"), ClearLead(manifest));
    }

    static HlsSampleAes SampleAes(ServerManifest.ServerManifest manifest)
    {
        var (key, keyGroup, systems) = Gather(manifest, SampleAesSystems);
        if (key is null) throw new ServerManifestException("hls_playout sample_aes needs a paramGroup with a key");
        foreach (var system in systems)
            if (system.SystemId == DrmSystem.FairPlay)
                KeyUri(system.LicenseUrl ?? throw new ServerManifestException("the FairPlay paramGroup (hls or fairplay) has no license_server_url, its skd:// key URI"), "hls");
        return new HlsSampleAes(new TrackProtection(key, EncryptionScheme.Cbcs, systems, ClearLead(manifest)) { ConstantIv = ConstantIv(manifest, key, keyGroup!) });
    }

    /// <summary>A key URI goes into a quoted playlist attribute: absolute, no quote, no control character.</summary>
    static string KeyUri(string uri, string group) =>
        Uri.TryCreate(uri, UriKind.Absolute, out _) && !uri.Contains('"') && !uri.Any(char.IsControl) ? uri
            : throw new ServerManifestException($"paramGroup {group}: license_server_url is not an absolute URL");

    static ContentKey GroupKey(IReadOnlyDictionary<string, string> metas, string group)
    {
        if (!metas.TryGetValue("key", out var text)) throw new ServerManifestException($"paramGroup {group} has no key");
        return ContentKey.TryParse(text, out var reason) ?? throw new ServerManifestException($"paramGroup {group}: the key {reason}");
    }

    /// <summary>A group's key_iv: 32 hex digits, optionally after 0x; null when absent.</summary>
    static byte[]? Iv(IReadOnlyDictionary<string, string> metas, string group)
    {
        if (!metas.TryGetValue("key_iv", out var text)) return null;
        text = text.Trim();
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) text = text[2..];
        return text.Length == 32 && text.All(char.IsAsciiHexDigit) ? Convert.FromHexString(text)
            : throw new ServerManifestException($"paramGroup {group}: key_iv is not 32 hex digits");
    }

    /// <summary>drm_clear_lead: the seconds at the start left unencrypted, 0 when absent.</summary>
    static double ClearLead(ServerManifest.ServerManifest manifest)
    {
        if (manifest.Metas.GetValueOrDefault("drm_clear_lead") is not { Length: > 0 } text) return 0;
        return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            && seconds >= 0 && seconds <= 86_400 ? seconds
            : throw new ServerManifestException($"drm_clear_lead {text} is not a number of seconds");
    }

    static bool Flag(ServerManifest.ServerManifest manifest, string meta) =>
        manifest.Metas.GetValueOrDefault(meta)?.ToLowerInvariant() switch
        {
            null or "" or "false" => false,
            "true" => true,
            var other => throw new ServerManifestException($"{meta} {other} is neither true nor false"),
        };

    static EncryptionScheme Scheme(ServerManifest.ServerManifest manifest) =>
        manifest.Metas.GetValueOrDefault("encryption_scheme")?.ToLowerInvariant() switch
        {
            null or "" or "cenc" => EncryptionScheme.Cenc,
            "cbcs" => EncryptionScheme.Cbcs,
            var other => throw new ServerManifestException($"encryption_scheme {other} is neither cenc nor cbcs"),
        };

    /// <summary>
    /// The constant IV of 'cbcs': the group's key_iv (32 hex digits) where given, else derived from the key, so every
    /// instance writes the same init segments.
    /// </summary>
    static byte[] ConstantIv(ServerManifest.ServerManifest manifest, ContentKey key, string group) =>
        Iv(manifest.ParamGroups[group], group) ?? HMACSHA256.HashData(key.Key, "cbcs constant iv"u8)[..16];

    static byte[]? Base64(IReadOnlyDictionary<string, string> metas, string group)
    {
        if (!metas.TryGetValue("drm_specific_data", out var text) || text.Length == 0) return null;
        var bytes = new byte[text.Length];
        return Convert.TryFromBase64String(text, bytes, out int written) ? bytes[..written]
            : throw new ServerManifestException($"paramGroup {group}: drm_specific_data is not base64");
    }
}
