using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>stz2: per-sample sizes in 4, 8 or 16 bits.</summary>
public sealed class CompactSampleSizeBox : FullBox
{
    public override uint Type => BoxTypes.Stz2;
    public byte FieldSize { get; set; } = 16;
    public uint[] Sizes { get; set; } = [];
    protected override long FieldsSize => 8 + ((long)Sizes.Length * FieldSize + 7) / 8;

    public static CompactSampleSizeBox Read(ref BoxReader r)
    {
        var box = new CompactSampleSizeBox();
        box.ReadVersionAndFlags(ref r);
        r.Skip(3);
        box.FieldSize = r.ReadByte();
        if (box.FieldSize is not (4 or 8 or 16)) throw r.Error($"field size {box.FieldSize} is not 4, 8 or 16");
        uint count = r.ReadUInt32();
        if (count > (ulong)r.Remaining * 8 / box.FieldSize) throw r.Error($"{count} sizes do not fit in {r.Remaining} bytes");
        box.Sizes = new uint[count];
        for (int i = 0; i < box.Sizes.Length; i++)
        {
            box.Sizes[i] = box.FieldSize switch
            {
                16 => r.ReadUInt16(),
                8 => r.ReadByte(),
                _ => (i & 1) == 0 ? (uint)(r.Data[r.Position] >> 4) : ReadLowNibble(ref r),
            };
        }
        if (box.FieldSize == 4 && (count & 1) == 1) r.Skip(1);
        return box;
    }

    static uint ReadLowNibble(ref BoxReader r) => (uint)(r.ReadByte() & 0x0f);

    protected override void WriteFields(ref BoxWriter w)
    {
        w.WriteUInt24(0);
        w.WriteByte(FieldSize);
        w.WriteUInt32((uint)Sizes.Length);
        for (int i = 0; i < Sizes.Length; i++)
        {
            switch (FieldSize)
            {
                case 16: w.WriteUInt16((ushort)Sizes[i]); break;
                case 8: w.WriteByte((byte)Sizes[i]); break;
                default:
                    if ((i & 1) == 1) continue;
                    uint low = i + 1 < Sizes.Length ? Sizes[i + 1] & 0xf : 0;
                    w.WriteByte((byte)((Sizes[i] & 0xf) << 4 | low));
                    break;
            }
        }
    }
}
