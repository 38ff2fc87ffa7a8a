using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>stss: the 1-based numbers of the sync (key) samples; absent means every sample is a sync sample.</summary>
public sealed class SyncSampleBox : FullBox
{
    public override uint Type => BoxTypes.Stss;
    public uint[] SampleNumbers { get; set; } = [];
    protected override long FieldsSize => 4 + 4L * SampleNumbers.Length;

    public static SyncSampleBox Read(ref BoxReader r)
    {
        var box = new SyncSampleBox();
        box.ReadVersionAndFlags(ref r);
        box.SampleNumbers = new uint[r.CheckCount(r.ReadUInt32(), 4)];
        for (int i = 0; i < box.SampleNumbers.Length; i++) box.SampleNumbers[i] = r.ReadUInt32();
        return box;
    }

    protected override void WriteFields(ref BoxWriter w)
    {
        w.WriteUInt32((uint)SampleNumbers.Length);
        foreach (var n in SampleNumbers) w.WriteUInt32(n);
    }
}
