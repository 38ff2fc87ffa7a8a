namespace Origin.Media.Protection;

/// <summary>
/// A DRM system a protected output is announced to: its system id (pssh and DASH urn:uuid), the data its license
/// server wants in the pssh (Unified's drm_specific_data), and where players get licenses.
/// </summary>
public sealed record DrmSystem(string Name, Guid SystemId, byte[]? PsshData, string? LicenseUrl)
{
    public static readonly Guid Widevine = new("edef8ba9-79d6-4ace-a3c8-27dcd51d21ed");
    public static readonly Guid PlayReady = new("9a04f079-9840-4286-ab92-e65be0885f95");
    public static readonly Guid FairPlay = new("94ce86fb-07ff-4f43-adb8-93d2fa968ca2");
    /// <summary>W3C ClearKey as DASH names it (urn:uuid:e2719d58-…).</summary>
    public static readonly Guid ClearKey = new("e2719d58-a985-b3c9-781a-b030af78d30e");
    /// <summary>The W3C common pssh system id, which ClearKey uses in init segments (a v1 pssh listing the key ids).</summary>
    public static readonly Guid CommonPssh = new("1077efec-c0b2-4d02-ace3-3c1e52e2fb4b");

    /// <summary>The system id as the 16 bytes a pssh carries (big-endian, as written).</summary>
    public byte[] SystemIdBytes => SystemId.ToByteArray(bigEndian: true);

    public override string ToString() => $"{Name} ({SystemId})";
}
