namespace Origin.Media.Protection;

/// <summary>How HLS segments are encrypted: AES-128 (RFC 8216 4.3.2.4: each whole segment in AES-CBC with PKCS7).</summary>
public enum HlsMethod { Aes128 }

/// <summary>
/// HLS's protection: the method, the content key, the URI players fetch the key from (the hls paramGroup's
/// license_server_url), and the IV (key_iv; when absent each segment's IV is its media sequence number, as RFC 8216
/// 5.2 says, so it is not written).
/// </summary>
public sealed record HlsProtection(HlsMethod Method, ContentKey Key, string KeyUri, byte[]? Iv)
{
    /// <summary>The IV of the segment with media sequence number <paramref name="sequenceNumber"/>.</summary>
    public byte[] IvFor(long sequenceNumber)
    {
        if (Iv is not null) return Iv;
        var iv = new byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(iv.AsSpan(8), sequenceNumber);
        return iv;
    }

    public override string ToString() => $"HLS {Method} with {Key}";
}
