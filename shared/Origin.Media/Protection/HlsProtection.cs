namespace Origin.Media.Protection;

/// <summary>
/// How HLS segments are encrypted: AES-128 (RFC 8216 4.3.2.4: each whole segment in AES-CBC with PKCS7), or
/// SAMPLE-AES, which for fMP4 segments is CENC 'cbcs' announced to each DRM system in its own EXT-X-KEY.
/// </summary>
public enum HlsMethod { Aes128, SampleAes }

/// <summary>
/// HLS's protection: the method, the content key, the URI players fetch an AES-128 key from (the hls paramGroup's
/// license_server_url), the IV (key_iv; when absent each AES-128 segment's IV is its media sequence number, as
/// RFC 8216 5.2 says, so it is not written), and for SAMPLE-AES the 'cbcs' protection of the samples.
/// </summary>
public sealed record HlsProtection(HlsMethod Method, ContentKey Key, string? KeyUri, byte[]? Iv, TrackProtection? Samples = null)
{
    /// <summary>The IV of the AES-128 segment with media sequence number <paramref name="sequenceNumber"/>.</summary>
    public byte[] IvFor(long sequenceNumber)
    {
        if (Iv is not null) return Iv;
        var iv = new byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(iv.AsSpan(8), sequenceNumber);
        return iv;
    }

    public override string ToString() => $"HLS {Method} with {Key}";
}
