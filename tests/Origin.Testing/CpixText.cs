using System.Buffers.Binary;
using System.Text;

namespace Origin.Testing;

/// <summary>CPIX 2.3 documents for tests, written out by hand: one content key and the DRMSystem entries given.</summary>
public static class CpixText
{
    public const string Widevine = "edef8ba9-79d6-4ace-a3c8-27dcd51d21ed", PlayReady = "9a04f079-9840-4286-ab92-e65be0885f95",
        FairPlay = "94ce86fb-07ff-4f43-adb8-93d2fa968ca2", ClearKey = "e2719d58-a985-b3c9-781a-b030af78d30e",
        Aes128 = "81376844-f976-481e-a84e-cc25d39b0b33";

    /// <summary>A document with one ContentKey (its kid and key in hex; the IV in hex if given) and the systems.</summary>
    public static string Document(string keyIdHex, string keyHex, string? scheme = null, string? ivHex = null, params string[] systems)
    {
        var attributes = (scheme is null ? "" : $" commonEncryptionScheme=\"{scheme}\"") + (ivHex is null ? "" : $" explicitIV=\"{Convert.ToBase64String(Convert.FromHexString(ivHex))}\"");
        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <cpix:CPIX xmlns:cpix="urn:dashif:org:cpix" xmlns:pskc="urn:ietf:params:xml:ns:keyprov:pskc" contentId="demo" version="2.3">
              <cpix:ContentKeyList>
                <cpix:ContentKey kid="{Uuid(keyIdHex)}"{attributes}>
                  <cpix:Data><pskc:Secret><pskc:PlainValue>{Convert.ToBase64String(Convert.FromHexString(keyHex))}</pskc:PlainValue></pskc:Secret></cpix:Data>
                </cpix:ContentKey>
              </cpix:ContentKeyList>
              <cpix:DRMSystemList>
                {string.Join("\n    ", systems)}
              </cpix:DRMSystemList>
            </cpix:CPIX>
            """;
    }

    /// <summary>A DRMSystem entry: a pssh box around <paramref name="psshData"/>, the EXT-X-KEY URI, a media playlist's signalling line.</summary>
    public static string System(string keyIdHex, string systemId, byte[]? psshData = null, string? uriExtXKey = null, string? hlsSignaling = null)
    {
        var children = new StringBuilder();
        if (psshData is not null) children.Append($"<cpix:PSSH>{Convert.ToBase64String(Pssh(systemId, psshData))}</cpix:PSSH>");
        if (uriExtXKey is not null) children.Append($"<cpix:URIExtXKey>{Convert.ToBase64String(Encoding.UTF8.GetBytes(uriExtXKey))}</cpix:URIExtXKey>");
        if (hlsSignaling is not null) children.Append($"<cpix:HLSSignalingData playlist=\"media\">{Convert.ToBase64String(Encoding.UTF8.GetBytes(hlsSignaling))}</cpix:HLSSignalingData>");
        return $"<cpix:DRMSystem kid=\"{Uuid(keyIdHex)}\" systemId=\"{systemId}\">{children}</cpix:DRMSystem>";
    }

    /// <summary>A version 0 pssh box (ISO/IEC 23001-7 8.1), laid out here byte by byte.</summary>
    public static byte[] Pssh(string systemId, byte[] data)
    {
        var box = new byte[32 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(box, (uint)box.Length);
        "pssh"u8.CopyTo(box.AsSpan(4));
        Convert.FromHexString(systemId.Replace("-", "", StringComparison.Ordinal)).CopyTo(box.AsSpan(12));
        BinaryPrimitives.WriteUInt32BigEndian(box.AsSpan(28), (uint)data.Length);
        data.CopyTo(box.AsSpan(32));
        return box;
    }

    static string Uuid(string hex) => $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
}
