using System.Xml;
using Origin.Media.Boxes;
using Origin.Media.Packaging.Cenc;
using Origin.Media.Protection;

namespace Origin.Media.Packaging.Dash;

/// <summary>
/// An AdaptationSet's ContentProtection descriptors (ISO/IEC 23009-1 5.8.4.1, DASH-IF IOP): the scheme and default
/// key id (mp4protection), then one per DRM system: its urn:uuid, with mpd_inline_drm the pssh (when the system has data for it) and,
/// for ClearKey, the license URL players ask.
/// </summary>
public static class ContentProtectionElements
{
    public const string CencNamespace = "urn:mpeg:cenc:2013";
    public const string DashIfNamespace = "https://dashif.org/CPS";
    public const string PlayReadyNamespace = "urn:microsoft:playready";

    /// <summary>The prefixes the descriptors use, declared once on the MPD element.</summary>
    public static void DeclareNamespaces(XmlWriter w, TrackProtection protection)
    {
        w.WriteAttributeString("xmlns", "cenc", null, CencNamespace);
        if (protection.Systems.Any(s => s.SystemId == DrmSystem.ClearKey && s.LicenseUrl is not null)) w.WriteAttributeString("xmlns", "dashif", null, DashIfNamespace);
        if (protection.PsshInManifest && protection.Systems.Any(s => s.SystemId == DrmSystem.PlayReady && s.PsshData is not null)) w.WriteAttributeString("xmlns", "mspr", null, PlayReadyNamespace);
    }

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
            if (protection.PsshInManifest && system.PsshData is { } data)
            {
                var pssh = new ProtectionSystemHeaderBox { SystemId = system.SystemIdBytes, Data = data };
                w.WriteElementString("cenc", "pssh", CencNamespace, Convert.ToBase64String(pssh.ToArray()));
                // PlayReady's data is its header object, which PlayReady clients read from mspr:pro.
                if (system.SystemId == DrmSystem.PlayReady) w.WriteElementString("mspr", "pro", PlayReadyNamespace, Convert.ToBase64String(data));
            }
            if (system.SystemId == DrmSystem.ClearKey && system.LicenseUrl is { } url)
                w.WriteElementString("dashif", "Laurl", DashIfNamespace, url);
            w.WriteEndElement();
        }
    }
}
