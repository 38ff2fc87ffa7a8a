namespace Origin.Media.Packaging.Samples;

/// <summary>trun sample_flags values (ISO/IEC 14496-12 8.8.3.1).</summary>
public static class SampleFlags
{
    /// <summary>sample_depends_on = 2 (an I-frame; depends on no other sample).</summary>
    public const uint Sync = 0x02000000;
    /// <summary>sample_depends_on = 1 and sample_is_non_sync_sample.</summary>
    public const uint NonSync = 0x01010000;
    public const uint NonSyncBit = 0x00010000;

    public static bool IsSync(uint flags) => (flags & NonSyncBit) == 0;
}
