using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>tfra: for one track, the time and moof offset of each random access point (one per fragment in practice).</summary>
public sealed class TrackFragmentRandomAccessBox : FullBox
{
    public readonly record struct Entry(ulong Time, ulong MoofOffset, uint TrafNumber, uint TrunNumber, uint SampleNumber);

    public override uint Type => BoxTypes.Tfra;
    public uint TrackId { get; set; }
    /// <summary>Bytes minus one of traf/trun/sample numbers, two bits each.</summary>
    public uint LengthSizes { get; set; }
    public Entry[] Entries { get; set; } = [];

    int TrafBytes => (int)(LengthSizes >> 4 & 3) + 1;
    int TrunBytes => (int)(LengthSizes >> 2 & 3) + 1;
    int SampleBytes => (int)(LengthSizes & 3) + 1;
    int EntrySize => (Version == 1 ? 16 : 8) + TrafBytes + TrunBytes + SampleBytes;
    protected override long FieldsSize => 12 + (long)EntrySize * Entries.Length;

    public static TrackFragmentRandomAccessBox Read(ref BoxReader r)
    {
        var box = new TrackFragmentRandomAccessBox();
        box.ReadVersionAndFlags(ref r);
        box.TrackId = r.ReadUInt32();
        box.LengthSizes = r.ReadUInt32() & 0x3f;
        box.Entries = new Entry[r.CheckCount(r.ReadUInt32(), box.EntrySize)];
        for (int i = 0; i < box.Entries.Length; i++)
        {
            ulong time = box.Version == 1 ? r.ReadUInt64() : r.ReadUInt32();
            ulong offset = box.Version == 1 ? r.ReadUInt64() : r.ReadUInt32();
            box.Entries[i] = new Entry(time, offset, ReadVariable(ref r, box.TrafBytes), ReadVariable(ref r, box.TrunBytes), ReadVariable(ref r, box.SampleBytes));
        }
        return box;
    }

    protected override void WriteFields(ref BoxWriter w)
    {
        w.WriteUInt32(TrackId);
        w.WriteUInt32(LengthSizes);
        w.WriteUInt32((uint)Entries.Length);
        foreach (var e in Entries)
        {
            if (Version == 1) { w.WriteUInt64(e.Time); w.WriteUInt64(e.MoofOffset); }
            else { w.WriteUInt32((uint)e.Time); w.WriteUInt32((uint)e.MoofOffset); }
            WriteVariable(ref w, e.TrafNumber, TrafBytes);
            WriteVariable(ref w, e.TrunNumber, TrunBytes);
            WriteVariable(ref w, e.SampleNumber, SampleBytes);
        }
    }

    static uint ReadVariable(ref BoxReader r, int bytes)
    {
        uint value = 0;
        for (int i = 0; i < bytes; i++) value = value << 8 | r.ReadByte();
        return value;
    }

    static void WriteVariable(ref BoxWriter w, uint value, int bytes)
    {
        for (int i = bytes - 1; i >= 0; i--) w.WriteByte((byte)(value >> (8 * i)));
    }
}
