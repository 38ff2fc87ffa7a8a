using System.Xml;
using System.Xml.Linq;

namespace Origin.Media.Protection.Cpix;

/// <summary>
/// Reads CPIX documents: ContentKeyList (kid, explicitIV, commonEncryptionScheme, the key as PSKC PlainValue) and
/// DRMSystemList (PSSH, URIExtXKey, HLSSignalingData for the media playlist). No DTDs, no external entities, a size
/// cap; XML errors are reported by position only, since the text around them may be a key.
/// </summary>
public static class CpixReader
{
    public const int MaxBytes = 1 << 20;
    const string Cpix = "urn:dashif:org:cpix", Pskc = "urn:ietf:params:xml:ns:keyprov:pskc";

    public static CpixDocument Read(byte[] bytes, int length)
    {
        if (length > MaxBytes) throw new CpixException($"the document is larger than {MaxBytes} bytes");
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = MaxBytes, IgnoreComments = true };
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(bytes, 0, length), settings);
            document = XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            throw new CpixException($"not well-formed XML (line {e.LineNumber}, position {e.LinePosition})");
        }
        var root = document.Root;
        if (root is null || root.Name != XName.Get("CPIX", Cpix)) throw new CpixException("the root element is not CPIX in urn:dashif:org:cpix");

        var keys = new List<CpixContentKey>();
        foreach (var element in root.Elements(XName.Get("ContentKeyList", Cpix)).Elements(XName.Get("ContentKey", Cpix)))
            keys.Add(ContentKeyOf(element));
        var systems = new List<CpixDrmSystem>();
        foreach (var element in root.Elements(XName.Get("DRMSystemList", Cpix)).Elements(XName.Get("DRMSystem", Cpix)))
            systems.Add(SystemOf(element));
        return new CpixDocument(keys, systems);
    }

    static CpixContentKey ContentKeyOf(XElement element)
    {
        var keyId = KeyId(element, "ContentKey");
        var secret = element.Element(XName.Get("Data", Cpix))?.Element(XName.Get("Secret", Pskc));
        if (secret?.Element(XName.Get("EncryptedValue", Pskc)) is not null)
            throw new CpixException("encrypted content keys (a DocumentKey) are not supported; deliver the keys as PlainValue over https");
        var plain = secret?.Element(XName.Get("PlainValue", Pskc))?.Value
            ?? throw new CpixException($"ContentKey {Uuid(keyId)} has no Data/Secret/PlainValue");
        var key = Base64(plain, 16) ?? throw new CpixException($"ContentKey {Uuid(keyId)}: the key is not 16 bytes of base64");
        byte[]? iv = null;
        if (element.Attribute("explicitIV")?.Value is { } ivText)
            iv = Base64(ivText, 16) ?? throw new CpixException($"ContentKey {Uuid(keyId)}: explicitIV is not 16 bytes of base64");
        return new CpixContentKey(ContentKey.From(keyId, key), element.Attribute("commonEncryptionScheme")?.Value, iv);
    }

    static CpixDrmSystem SystemOf(XElement element)
    {
        var keyId = KeyId(element, "DRMSystem");
        if (!Guid.TryParse(element.Attribute("systemId")?.Value, out var systemId)) throw new CpixException($"DRMSystem for {Uuid(keyId)} has no valid systemId");
        byte[]? pssh = null;
        if (element.Element(XName.Get("PSSH", Cpix))?.Value is { Length: > 0 } psshText)
            pssh = Base64(psshText, null) ?? throw new CpixException($"DRMSystem {systemId}: PSSH is not base64");
        string? uri = null;
        if (element.Element(XName.Get("URIExtXKey", Cpix))?.Value is { Length: > 0 } uriText)
            uri = Text(uriText) ?? throw new CpixException($"DRMSystem {systemId}: URIExtXKey is not base64 UTF-8");
        string? signaling = null;
        foreach (var data in element.Elements(XName.Get("HLSSignalingData", Cpix)))
            if (data.Attribute("playlist")?.Value is null or "media" && data.Value.Length > 0)
                signaling = Text(data.Value) ?? throw new CpixException($"DRMSystem {systemId}: HLSSignalingData is not base64 UTF-8");
        return new CpixDrmSystem(systemId, keyId, pssh, uri, signaling);
    }

    static byte[] KeyId(XElement element, string what) =>
        Guid.TryParse(element.Attribute("kid")?.Value, out var kid) ? kid.ToByteArray(bigEndian: true)
            : throw new CpixException($"a {what} has no valid kid");

    static string Uuid(byte[] keyId) => new Guid(keyId, bigEndian: true).ToString("D");

    static byte[]? Base64(string text, int? length)
    {
        text = text.Trim();
        var bytes = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, bytes, out int written) || (length is { } n && written != n)) return null;
        return bytes[..written];
    }

    static string? Text(string base64)
    {
        if (Base64(base64, null) is not { } bytes) return null;
        try
        {
            return new System.Text.UTF8Encoding(false, true).GetString(bytes);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
