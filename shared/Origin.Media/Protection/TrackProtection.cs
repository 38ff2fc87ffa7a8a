namespace Origin.Media.Protection;

/// <summary>
/// How one output encrypts its tracks: the content key, the scheme, the DRM systems it is announced to, the
/// constant IV of 'cbcs' (16 bytes, in every track's tenc), and how many seconds at the start stay clear (clear lead).
/// </summary>
public sealed record TrackProtection(ContentKey Key, EncryptionScheme Scheme, IReadOnlyList<DrmSystem> Systems, double ClearLeadSeconds = 0)
{
    public byte[]? ConstantIv { get; init; }

    /// <summary>
    /// Whether the MPD repeats each system's pssh (cenc:pssh, and PlayReady's header as mspr:pro) beside the init
    /// segment's: Unified's mpd_inline_drm, for players and license proxies that read the DRM data before any segment.
    /// </summary>
    public bool PsshInManifest { get; init; }

    public override string ToString() => $"{Scheme} with {Key} for {string.Join(", ", Systems.Select(s => s.Name))}";
}
