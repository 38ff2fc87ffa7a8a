using System.Buffers;

namespace Origin.Media.Packaging.Ts;

/// <summary>
/// Cuts a PES packet (or a PSI section) into 188-byte transport packets of one PID (ISO/IEC 13818-1 2.4.3): the
/// first packet starts the unit and may carry the PCR and the random-access indicator in its adaptation field; the
/// last is filled out by adaptation-field stuffing, as the standard has it. A unit can be spread over more packets
/// than it needs (each still carries payload), which keeps the continuity counter of a segment's last packet at 15.
/// </summary>
public static class TsPacketWriter
{
    public const int PacketSize = 188;
    const int HeaderSize = 4, PayloadCapacity = PacketSize - HeaderSize;

    /// <summary>How many packets <paramref name="unitLength"/> bytes need at least, with <paramref name="firstAdaptation"/>
    /// bytes of adaptation field in the first.</summary>
    public static int PacketsFor(int unitLength, int firstAdaptation)
    {
        int first = PayloadCapacity - firstAdaptation;
        return unitLength <= first ? 1 : 1 + (unitLength - first + PayloadCapacity - 1) / PayloadCapacity;
    }

    /// <summary>Adaptation field bytes the first packet of a unit needs: the PCR takes 8 (length, flags, 6), the
    /// random-access flag alone 2.</summary>
    public static int FirstAdaptationSize(bool pcr, bool randomAccess) => pcr ? 8 : randomAccess ? 2 : 0;

    /// <summary>
    /// Writes <paramref name="unit"/> as <paramref name="packets"/> packets (at least <see cref="PacketsFor"/>, at most
    /// one per byte), advancing <paramref name="continuity"/> once per packet.
    /// </summary>
    public static void Write(IBufferWriter<byte> output, ushort pid, ref int continuity, ReadOnlySpan<byte> unit, int packets,
        long? pcr27MHz = null, bool randomAccess = false)
    {
        int firstAdaptation = FirstAdaptationSize(pcr27MHz is not null, randomAccess);
        int minimum = PacketsFor(unit.Length, firstAdaptation);
        if (packets < minimum || packets > Math.Max(minimum, unit.Length)) throw new ArgumentOutOfRangeException(nameof(packets));
        // The first packets take as much as they can, leaving each later one at least a byte.
        int remaining = unit.Length;
        for (int i = 0; i < packets; i++)
        {
            var packet = output.GetSpan(PacketSize)[..PacketSize];
            int adaptation = i == 0 ? firstAdaptation : 0;
            int take = Math.Min(PayloadCapacity - adaptation, remaining - (packets - i - 1));
            adaptation = PayloadCapacity - take; // stuffing fills what the payload leaves
            packet[0] = 0x47;
            packet[1] = (byte)((i == 0 ? 0x40 : 0) | (pid >> 8 & 0x1f));
            packet[2] = (byte)pid;
            packet[3] = (byte)((adaptation > 0 ? 0x30 : 0x10) | (continuity & 0x0f));
            continuity = (continuity + 1) & 0x0f;
            if (adaptation > 0) WriteAdaptation(packet.Slice(HeaderSize, adaptation), i == 0 ? pcr27MHz : null, i == 0 && randomAccess);
            unit.Slice(unit.Length - remaining, take).CopyTo(packet[(HeaderSize + adaptation)..]);
            remaining -= take;
            output.Advance(PacketSize);
        }
    }

    /// <summary>An adaptation field of exactly <paramref name="field"/>.Length bytes: length, flags, PCR, stuffing.</summary>
    static void WriteAdaptation(Span<byte> field, long? pcr27MHz, bool randomAccess)
    {
        field[0] = (byte)(field.Length - 1);
        if (field.Length == 1) return;
        field[1] = (byte)((randomAccess ? 0x40 : 0) | (pcr27MHz is not null ? 0x10 : 0));
        int at = 2;
        if (pcr27MHz is { } pcr)
        {
            long pcrBase = pcr / 300, pcrExtension = pcr % 300;
            field[2] = (byte)(pcrBase >> 25);
            field[3] = (byte)(pcrBase >> 17);
            field[4] = (byte)(pcrBase >> 9);
            field[5] = (byte)(pcrBase >> 1);
            field[6] = (byte)((int)(pcrBase & 1) << 7 | 0x7e | (int)(pcrExtension >> 8));
            field[7] = (byte)pcrExtension;
            at = 8;
        }
        field[at..].Fill(0xff);
    }
}
