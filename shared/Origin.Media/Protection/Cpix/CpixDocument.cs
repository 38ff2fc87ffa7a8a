namespace Origin.Media.Protection.Cpix;

/// <summary>
/// What a CPIX document (DASH-IF Content Protection Information Exchange, 2.3) gives a packager: the content keys
/// and, per key and DRM system, the signalling that system's players need.
/// </summary>
public sealed record CpixDocument(IReadOnlyList<CpixContentKey> Keys, IReadOnlyList<CpixDrmSystem> Systems);

/// <summary>A ContentKey: its id, the key (in the clear: documents with encrypted keys are refused), the scheme and IV it asks for.</summary>
public sealed record CpixContentKey(ContentKey Key, string? CommonEncryptionScheme, byte[]? ExplicitIv);

/// <summary>
/// A DRMSystem entry: the system, the key it applies to, its pssh box (whole, as CPIX carries it), the URI of
/// HLS's EXT-X-KEY, and the EXT-X-KEY line written for the media playlist.
/// </summary>
public sealed record CpixDrmSystem(Guid SystemId, byte[] KeyId, byte[]? Pssh, string? UriExtXKey, string? HlsSignalingData);
