using System.Buffers.Binary;
using Origin.Media.Boxes;
using Origin.Media.Protection;

namespace Origin.Media.Packaging.Cenc;

/// <summary>
/// What an init segment needs to announce encryption: the sample entry renamed encv/enca with a sinf holding the
/// original format, the scheme and its defaults (tenc), and a pssh per DRM system. The track's own entry, shared
/// by every request through the index cache, is copied, never changed.
/// </summary>
public static class ProtectedInit
{
    /// <summary>
    /// With a clear lead, the init segment lists the clear sample entry second, and clear segments name it in tfhd:
    /// players then decode them without a key while the license is on its way.
    /// </summary>
    public const uint ClearEntryIndex = 2;

    public static SampleEntry Protect(SampleEntry clear, TrackProtection protection)
    {
        var bytes = clear.ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), clear is VisualSampleEntry ? BoxTypes.Encv : BoxTypes.Enca);
        var entry = (SampleEntry)BoxParser.ReadOne(bytes);
        entry.Children.Add(new ContainerBox(BoxTypes.Sinf,
        [
            new OriginalFormatBox { DataFormat = clear.Type },
            new SchemeTypeBox { SchemeType = protection.Scheme == EncryptionScheme.Cbcs ? BoxTypes.Cbcs : BoxTypes.Cenc },
            new ContainerBox(BoxTypes.Schi, [TrackEncryption(protection, clear is VisualSampleEntry)]),
        ]));
        return entry;
    }

    /// <summary>'cenc': version 0 with 8-byte IVs per sample; 'cbcs': version 1 with the pattern (1:9 for video, none
    /// for audio) and the constant IV.</summary>
    static TrackEncryptionBox TrackEncryption(TrackProtection protection, bool video) => protection.Scheme switch
    {
        EncryptionScheme.Cenc => new TrackEncryptionBox { PerSampleIvSize = CencSampleEncryptor.IvSize, DefaultKeyId = protection.Key.KeyId },
        _ => new TrackEncryptionBox
        {
            Version = 1,
            CryptByteBlock = video ? (byte)CencSampleEncryptor.CbcsCrypt : (byte)0,
            SkipByteBlock = video ? (byte)CencSampleEncryptor.CbcsSkip : (byte)0,
            PerSampleIvSize = 0,
            ConstantIv = protection.ConstantIv!,
            DefaultKeyId = protection.Key.KeyId,
        },
    };

    /// <summary>
    /// One pssh per system that has data for it (Widevine's, PlayReady's header), and the W3C common pssh (v1, the
    /// key id) that ClearKey and browsers' "cenc" init data read.
    /// </summary>
    public static List<ProtectionSystemHeaderBox> SystemHeaders(TrackProtection protection)
    {
        var boxes = new List<ProtectionSystemHeaderBox>();
        foreach (var system in protection.Systems)
            if (system.PsshData is { } data) boxes.Add(new ProtectionSystemHeaderBox { SystemId = system.SystemIdBytes, Data = data });
        boxes.Add(new ProtectionSystemHeaderBox { Version = 1, SystemId = DrmSystem.CommonPssh.ToByteArray(bigEndian: true), KeyIds = { protection.Key.KeyId } });
        return boxes;
    }
}
