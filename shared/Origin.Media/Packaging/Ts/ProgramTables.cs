using System.Buffers.Binary;
using Origin.Media.Bytes;

namespace Origin.Media.Packaging.Ts;

/// <summary>
/// An elementary stream of a transport stream: its PID, its stream_type in the PMT and, for SAMPLE-AES audio, the
/// decoder setup (AAC's AudioSpecificConfig) the PMT carries in the clear.
/// </summary>
public readonly record struct TsElementaryStream(ushort Pid, byte StreamType, byte[]? AudioSetup = null);

/// <summary>
/// The program tables at the head of every segment (ISO/IEC 13818-1 2.4.4): the PAT naming one program, whose PMT
/// lists the elementary streams and the PID carrying the PCR. Each is a section after a zero pointer field, closed by
/// the MPEG-2 CRC-32.
/// </summary>
public static class ProgramTables
{
    public const ushort PatPid = 0x0000, PmtPid = 0x1000;
    public const byte H264 = 0x1b, Hevc = 0x24, AdtsAac = 0x0f, Ac3 = 0x81, EAc3 = 0x87;
    /// <summary>The stream types Apple's SAMPLE-AES format gives encrypted H.264 and AAC, so no clear decoder takes them.</summary>
    public const byte SampleAesH264 = 0xdb, SampleAesAac = 0xcf;

    public static byte[] Pat()
    {
        var section = new byte[1 + 8 + 4 + 4];
        section[1] = 0x00; // table_id
        Header(section.AsSpan(1), section.Length - 1, tableIdExtension: 1);
        BinaryPrimitives.WriteUInt16BigEndian(section.AsSpan(9), 1); // program_number
        BinaryPrimitives.WriteUInt16BigEndian(section.AsSpan(11), 0xe000 | PmtPid);
        Crc(section);
        return section;
    }

    /// <summary>
    /// The descriptors a stream's PMT entry carries: AC-3 and E-AC-3 (ATSC stream types) name themselves in a
    /// registration descriptor, which demuxers read to tell them from other private streams. SAMPLE-AES streams name
    /// their format in a private data indicator descriptor ('zavc', 'aacd'); encrypted AAC adds its setup in an
    /// 'apad' registration descriptor: audio type 'zaac', priming (none), version 1, the AudioSpecificConfig.
    /// </summary>
    static byte[] Descriptors(TsElementaryStream stream) => stream.StreamType switch
    {
        Ac3 => [0x05, 4, .. "AC-3"u8],
        EAc3 => [0x05, 4, .. "EAC3"u8],
        SampleAesH264 => [0x0f, 4, .. "zavc"u8],
        SampleAesAac when stream.AudioSetup is { Length: <= 32 } setup =>
            [0x0f, 4, .. "aacd"u8, 0x05, (byte)(12 + setup.Length), .. "apad"u8, .. "zaac"u8, 0, 0, 1, (byte)setup.Length, .. setup],
        SampleAesAac => throw new MediaFormatException("SAMPLE-AES AAC needs its AudioSpecificConfig (at most 32 bytes) in the PMT"),
        _ => [],
    };

    public static byte[] Pmt(ushort pcrPid, IReadOnlyList<TsElementaryStream> streams)
    {
        int descriptors = 0;
        foreach (var stream in streams) descriptors += Descriptors(stream).Length;
        var section = new byte[1 + 8 + 4 + 5 * streams.Count + descriptors + 4];
        section[1] = 0x02;
        Header(section.AsSpan(1), section.Length - 1, tableIdExtension: 1);
        BinaryPrimitives.WriteUInt16BigEndian(section.AsSpan(9), (ushort)(0xe000 | pcrPid));
        BinaryPrimitives.WriteUInt16BigEndian(section.AsSpan(11), 0xf000); // no program descriptors
        int at = 13;
        foreach (var stream in streams)
        {
            var info = Descriptors(stream);
            section[at] = stream.StreamType;
            BinaryPrimitives.WriteUInt16BigEndian(section.AsSpan(at + 1), (ushort)(0xe000 | stream.Pid));
            BinaryPrimitives.WriteUInt16BigEndian(section.AsSpan(at + 3), (ushort)(0xf000 | info.Length));
            info.CopyTo(section, at + 5);
            at += 5 + info.Length;
        }
        Crc(section);
        return section;
    }

    /// <summary>table_id is set; writes the syntax indicator and length, the id extension, version 0, current, section 0 of 0.</summary>
    static void Header(Span<byte> section, int sectionBytes, ushort tableIdExtension)
    {
        BinaryPrimitives.WriteUInt16BigEndian(section[1..], (ushort)(0xb000 | (sectionBytes - 3)));
        BinaryPrimitives.WriteUInt16BigEndian(section[3..], tableIdExtension);
        section[5] = 0xc1; // version 0, current_next_indicator
        section[6] = 0;
        section[7] = 0;
    }

    /// <summary>The CRC over the section (after the pointer field), into its last four bytes.</summary>
    static void Crc(byte[] unit) =>
        BinaryPrimitives.WriteUInt32BigEndian(unit.AsSpan(unit.Length - 4), Crc32Mpeg2(unit.AsSpan(1, unit.Length - 5)));

    /// <summary>CRC-32/MPEG-2: polynomial 0x04C11DB7, initial value all ones, no reflection, no final XOR.</summary>
    public static uint Crc32Mpeg2(ReadOnlySpan<byte> data)
    {
        uint crc = 0xffffffff;
        foreach (var b in data)
        {
            crc ^= (uint)b << 24;
            for (int i = 0; i < 8; i++) crc = (crc & 0x80000000) != 0 ? crc << 1 ^ 0x04c11db7 : crc << 1;
        }
        return crc;
    }
}
