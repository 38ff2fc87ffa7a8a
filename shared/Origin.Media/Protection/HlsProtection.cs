namespace Origin.Media.Protection;

/// <summary>How HLS segments are encrypted, with which content key: <see cref="HlsAes128"/> or <see cref="HlsSampleAes"/>.</summary>
public abstract record HlsProtection(ContentKey Key)
{
    /// <summary>How many seconds at the start stay clear (drm_clear_lead): those segments have no key.</summary>
    public abstract double ClearLeadSeconds { get; }
}

/// <summary>
/// AES-128 (RFC 8216 4.3.2.4): each whole segment in AES-CBC with PKCS7. The URI players fetch the key from (the hls
/// paramGroup's license_server_url) and the IV (key_iv; when absent each segment's IV is its media sequence number,
/// as RFC 8216 5.2 says, so it is not written).
/// </summary>
public sealed record HlsAes128(ContentKey Key, string KeyUri, byte[]? Iv, double ClearLead = 0) : HlsProtection(Key)
{
    public override double ClearLeadSeconds => ClearLead;

    /// <summary>The IV of the segment with media sequence number <paramref name="sequenceNumber"/>.</summary>
    public byte[] IvFor(long sequenceNumber)
    {
        if (Iv is not null) return Iv;
        var iv = new byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(iv.AsSpan(8), sequenceNumber);
        return iv;
    }

    public override string ToString() => $"HLS AES-128 with {Key}";
}

/// <summary>SAMPLE-AES, which for fMP4 segments is CENC 'cbcs', announced to each DRM system in its own EXT-X-KEY.</summary>
public sealed record HlsSampleAes(TrackProtection Samples) : HlsProtection(Samples.Key)
{
    public override double ClearLeadSeconds => Samples.ClearLeadSeconds;

    /// <summary>
    /// The same key as MPEG-TS carries it (<see cref="HlsSampleAesTs"/>), or null when no system here delivers keys
    /// for TS: only the hls (or fairplay) group's license_server_url does, the DASH systems' EME keys being for fMP4.
    /// </summary>
    public HlsSampleAesTs? ForTransportStream() =>
        Samples.Systems.FirstOrDefault(s => s.SystemId == DrmSystem.FairPlay) is { LicenseUrl: { } uri }
            ? new HlsSampleAesTs(Key, uri, Samples.ConstantIv!, ClearLeadSeconds)
            : null;

    public override string ToString() => $"HLS SAMPLE-AES, {Samples}";
}

/// <summary>
/// SAMPLE-AES of MPEG-TS segments (Apple's MPEG-2 stream encryption): one EXT-X-KEY, whose URI is FairPlay's skd://
/// URI or, for an http(s) URI, where players fetch the key itself (KEYFORMAT identity, as for AES-128), with the IV
/// every segment uses (the cbcs constant IV: key_iv, or derived from the key, the same on every instance).
/// </summary>
public sealed record HlsSampleAesTs(ContentKey Key, string KeyUri, byte[] Iv, double ClearLead) : HlsProtection(Key)
{
    public override double ClearLeadSeconds => ClearLead;

    public bool FairPlay => KeyUri.StartsWith("skd://", StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"HLS SAMPLE-AES (MPEG-TS) with {Key}";
}
