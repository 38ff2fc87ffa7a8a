namespace Origin.Media.Protection;

/// <summary>
/// How one output encrypts its tracks: the content key, the scheme, the DRM systems it is announced to, and how
/// many seconds at the start stay clear (clear lead).
/// </summary>
public sealed record TrackProtection(ContentKey Key, EncryptionScheme Scheme, IReadOnlyList<DrmSystem> Systems, double ClearLeadSeconds = 0)
{
    public override string ToString() => $"{Scheme} with {Key} for {string.Join(", ", Systems.Select(s => s.Name))}";
}
