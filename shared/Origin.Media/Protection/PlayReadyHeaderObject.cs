using System.Buffers.Binary;
using System.Security;
using System.Text;

namespace Origin.Media.Protection;

/// <summary>
/// PlayReady's header object (PRO), the data of its pssh and of Smooth Streaming's ProtectionHeader: a length, a
/// record count and one rights-management record holding a WRMHEADER (version 4.0.0.0, UTF-16LE) that names the key
/// id (as PlayReady writes GUIDs: the first three fields little-endian) and, when given, the license URL. Used when
/// the server manifest's playready/iss group has no drm_specific_data of its own.
/// </summary>
public static class PlayReadyHeaderObject
{
    public static byte[] For(ContentKey key, string? licenseUrl)
    {
        var kid = Convert.ToBase64String(new Guid(key.KeyId, bigEndian: true).ToByteArray());
        var laUrl = licenseUrl is null ? "" : $"<LA_URL>{SecurityElement.Escape(licenseUrl)}</LA_URL>";
        var xml = Encoding.Unicode.GetBytes(
            "<WRMHEADER xmlns=\"http://schemas.microsoft.com/DRM/2007/03/PlayReadyHeader\" version=\"4.0.0.0\"><DATA><PROTECTINFO>"
            + $"<KEYLEN>16</KEYLEN><ALGID>AESCTR</ALGID></PROTECTINFO><KID>{kid}</KID>{laUrl}</DATA></WRMHEADER>");
        if (xml.Length > ushort.MaxValue) throw new ArgumentException("the PlayReady license URL is too long", nameof(licenseUrl));
        var pro = new byte[10 + xml.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(pro, (uint)pro.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(pro.AsSpan(4), 1); // one record
        BinaryPrimitives.WriteUInt16LittleEndian(pro.AsSpan(6), 1); // rights management header
        BinaryPrimitives.WriteUInt16LittleEndian(pro.AsSpan(8), (ushort)xml.Length);
        xml.CopyTo(pro, 10);
        return pro;
    }

    /// <summary>The header players get for <paramref name="protection"/>: its PlayReady system's data, else one made from the key.</summary>
    public static byte[] Of(TrackProtection protection)
    {
        var playReady = protection.Systems.FirstOrDefault(s => s.SystemId == DrmSystem.PlayReady);
        return playReady?.PsshData ?? For(protection.Key, playReady?.LicenseUrl);
    }
}
