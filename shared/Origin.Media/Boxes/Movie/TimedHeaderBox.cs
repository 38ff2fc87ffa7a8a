using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>
/// The head shared by mvhd and mdhd: creation and modification times, timescale and duration, 32-bit in version 0
/// and 64-bit in version 1 (chosen on write by the values).
/// </summary>
public abstract class TimedHeaderBox : FullBox
{
    public ulong CreationTime { get; set; }
    public ulong ModificationTime { get; set; }
    public uint Timescale { get; set; }
    public ulong Duration { get; set; }

    bool Wide => Version == 1 || Duration > uint.MaxValue || CreationTime > uint.MaxValue || ModificationTime > uint.MaxValue;
    protected sealed override byte WrittenVersion => Wide ? (byte)1 : (byte)0;
    protected int TimesSize => Wide ? 28 : 16;

    protected void ReadTimes(ref BoxReader r)
    {
        bool wide = Version == 1;
        CreationTime = wide ? r.ReadUInt64() : r.ReadUInt32();
        ModificationTime = wide ? r.ReadUInt64() : r.ReadUInt32();
        Timescale = r.ReadUInt32();
        Duration = wide ? r.ReadUInt64() : r.ReadUInt32();
    }

    protected void WriteTimes(ref BoxWriter w)
    {
        if (Wide)
        {
            w.WriteUInt64(CreationTime); w.WriteUInt64(ModificationTime);
            w.WriteUInt32(Timescale); w.WriteUInt64(Duration);
        }
        else
        {
            w.WriteUInt32((uint)CreationTime); w.WriteUInt32((uint)ModificationTime);
            w.WriteUInt32(Timescale); w.WriteUInt32((uint)Duration);
        }
    }
}
