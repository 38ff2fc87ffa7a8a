using Origin.Media.Boxes;
using Origin.Media.Bytes;

namespace Origin.Media.Protection.Cpix;

/// <summary>
/// Puts a CPIX document's key and DRM signalling into a server manifest as the paramGroups and metas Unified's
/// markup would have given, so one reader (<see cref="ServerManifestProtection"/>) decides what every format
/// carries. Widevine, PlayReady and ClearKey systems become their groups (the key, and the pssh's data as
/// drm_specific_data); FairPlay and HLS AES-128 (SPEKE's and DASH-IF's system ids) become the hls group, the
/// EXT-X-KEY URI taken from URIExtXKey or the HLSSignalingData line; explicitIV becomes key_iv;
/// commonEncryptionScheme becomes encryption_scheme. What the server manifest states itself is kept.
/// </summary>
public static class CpixKeys
{
    static readonly Guid Aes128Speke = new("81376844-f976-481e-a84e-cc25d39b0b33");
    static readonly Guid Aes128DashIf = new("3ea8778f-7742-4bf9-b18b-e834b2acbd47");

    public static ServerManifest.ServerManifest Apply(ServerManifest.ServerManifest manifest, CpixDocument cpix)
    {
        if (cpix.Keys.Count == 0) throw new CpixException("the document has no ContentKey");
        if (cpix.Keys.Count > 1) throw new CpixException($"the document has {cpix.Keys.Count} content keys; a key per track is not supported yet");
        var content = cpix.Keys[0];
        var groups = new Dictionary<string, IReadOnlyDictionary<string, string>>(manifest.ParamGroups, StringComparer.OrdinalIgnoreCase);
        var metas = new Dictionary<string, string>(manifest.Metas, StringComparer.OrdinalIgnoreCase);
        Dictionary<string, string>? fairPlay = null, aes128 = null;
        foreach (var system in cpix.Systems)
        {
            if (!system.KeyId.AsSpan().SequenceEqual(content.Key.KeyId))
                throw new CpixException($"DRMSystem {system.SystemId} names a key the document does not hold");
            var values = Group(content, system);
            if (system.SystemId == DrmSystem.Widevine) groups.TryAdd("widevine", values);
            else if (system.SystemId == DrmSystem.PlayReady) groups.TryAdd("playready", values);
            else if (system.SystemId == DrmSystem.ClearKey || system.SystemId == DrmSystem.CommonPssh) groups.TryAdd("clearkey", values);
            else if (system.SystemId == DrmSystem.FairPlay) fairPlay = values;
            else if (system.SystemId == Aes128Speke || system.SystemId == Aes128DashIf) aes128 = values;
            // Other systems (Marlin, WisePlay, …) are not announced by this origin.
        }

        // HLS takes one of them: what hls_playout asks for, else AES-128 when the document has it, else FairPlay.
        var playout = metas.GetValueOrDefault("hls_playout")?.ToLowerInvariant();
        if (playout is null && aes128 is null && fairPlay is not null) metas["hls_playout"] = playout = "sample_aes";
        if ((playout == "sample_aes" ? fairPlay : aes128) is { } hls) groups.TryAdd("hls", hls);

        switch (content.CommonEncryptionScheme?.ToLowerInvariant())
        {
            case null or "":
                break;
            case "cenc" or "cbcs":
                metas.TryAdd("encryption_scheme", content.CommonEncryptionScheme.ToLowerInvariant());
                break;
            case var other:
                throw new CpixException($"commonEncryptionScheme {other} is not supported (cenc or cbcs)");
        }
        return manifest with { ParamGroups = groups, Metas = metas };
    }

    static Dictionary<string, string> Group(CpixContentKey content, CpixDrmSystem system)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["key"] = $"{Convert.ToHexString(content.Key.KeyId)}:{Convert.ToHexString(content.Key.Key)}",
        };
        if (content.ExplicitIv is { } iv) values["key_iv"] = Convert.ToHexString(iv);
        if (system.Pssh is { } pssh) values["drm_specific_data"] = Convert.ToBase64String(PsshData(pssh, system.SystemId));
        if ((system.UriExtXKey ?? UriAttribute(system.HlsSignalingData)) is { } uri) values["license_server_url"] = uri;
        return values;
    }

    /// <summary>The system's data inside a whole pssh box; the box must be one, for the system it is listed under.</summary>
    static byte[] PsshData(byte[] pssh, Guid systemId)
    {
        ProtectionSystemHeaderBox box;
        try
        {
            box = BoxParser.ReadOne(pssh) as ProtectionSystemHeaderBox ?? throw new CpixException($"DRMSystem {systemId}: PSSH is not a pssh box");
        }
        catch (MediaFormatException e)
        {
            throw new CpixException($"DRMSystem {systemId}: PSSH is not a valid pssh box ({e.Message})");
        }
        if (new Guid(box.SystemId, bigEndian: true) != systemId) throw new CpixException($"DRMSystem {systemId}: its PSSH is for system {new Guid(box.SystemId, bigEndian: true)}");
        return box.Data;
    }

    /// <summary>The URI attribute of an EXT-X-KEY line, where a document signals HLS that way only.</summary>
    static string? UriAttribute(string? line)
    {
        if (line is null) return null;
        int start = line.IndexOf("URI=\"", StringComparison.Ordinal);
        if (start < 0) return null;
        start += 5;
        int end = line.IndexOf('"', start);
        return end > start ? line[start..end] : null;
    }
}
