using System.Xml;
using Origin.Media.Boxes;
using Origin.Media.Packaging.Cenc;
using Origin.Media.Protection;

namespace Origin.Media.Packaging.Dash;

/// <summary>
/// An AdaptationSet's ContentProtection descriptors (ISO/IEC 23009-1 5.8.4.1, DASH-IF IOP): the scheme and default
/// key id (mp4protection), then one per DRM system: its urn:uuid, the pssh (when the system has data for it) and,
/// for ClearKey, the license URL players ask.
/// </summary>
public static class ContentProtectionElements
{
    public const string CencNamespace = "urn:mpeg:cenc:2013";
    public const string DashIfNamespace = "https://dashif.org/CPS";

    public static void Write(XmlWriter w, TrackProtection protection)
    {
        w.WriteStartElement("ContentProtection");
        w.WriteAttributeString("schemeIdUri", "urn:mpeg:dash:mp4protection:2011");
        w.WriteAttributeString("value", protection.Scheme == EncryptionScheme.Cbcs ? "cbcs" : "cenc");
        w.WriteAttributeString("cenc", "default_KID", CencNamespace, protection.Key.KeyIdUuid);
        w.WriteEndElement();
        foreach (var system in protection.Systems)
        {
            w.WriteStartElement("ContentProtection");
            w.WriteAttributeString("schemeIdUri", "urn:uuid:" + system.SystemId.ToString("D"));
            if (system.SystemId == DrmSystem.PlayReady) w.WriteAttributeString("value", "MSPR 2.0");
            if (system.PsshData is { } data)
            {
                var pssh = new ProtectionSystemHeaderBox { SystemId = system.SystemIdBytes, Data = data };
                w.WriteElementString("cenc", "pssh", CencNamespace, Convert.ToBase64String(pssh.ToArray()));
            }
            if (system.SystemId == DrmSystem.ClearKey && system.LicenseUrl is { } url)
                w.WriteElementString("dashif", "Laurl", DashIfNamespace, url);
            w.WriteEndElement();
        }
    }
}
